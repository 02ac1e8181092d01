package validate

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// OrgID validates an organization ID attribute.
func OrgID() []validator.String {
	return []validator.String{
		stringvalidator.RegexMatches(objectIDRegexp, "must be a 24-character lowercase hexadecimal Atlas organization ID (pattern "+ObjectIDPattern+")"),
	}
}

// ParseOrgClientID parses the import ID org_id/client_id of the resources
// that address an organization service account, checking both parts.
func ParseOrgClientID(id string) (orgID, clientID string, err error) {
	return ParseParentClientID(id, "org_id")
}

// ParseParentClientID parses an import ID parent/client_id, where parent
// names the ID attribute of the account's project or organization.
func ParseParentClientID(id, parent string) (parentID, clientID string, err error) {
	parts, err := ParseImportID(id, parent, "client_id")
	if err != nil {
		return "", "", err
	}
	if err := checkParentClient(parent, parts); err != nil {
		return "", "", err
	}
	return parts[0], parts[1], nil
}

// ParseParentClientSecretID parses an import ID parent/client_id/secret_id
// of one secret of a project's or an organization's service account.
func ParseParentClientSecretID(id, parent string) (parentID, clientID, secretID string, err error) {
	parts, err := ParseImportID(id, parent, "client_id", "secret_id")
	if err != nil {
		return "", "", "", err
	}
	if err := checkParentClient(parent, parts); err != nil {
		return "", "", "", err
	}
	if !IsObjectID(parts[2]) {
		return "", "", "", fmt.Errorf("secret_id %q must be 24 lowercase hexadecimal digits", parts[2])
	}
	return parts[0], parts[1], parts[2], nil
}

// checkParentClient checks the first two parts of an import ID: the
// owner's ID (named parent) and a client ID.
func checkParentClient(parent string, parts []string) error {
	switch {
	case !IsObjectID(parts[0]):
		return fmt.Errorf("%s %q must be 24 lowercase hexadecimal digits", parent, parts[0])
	case !IsClientID(parts[1]):
		return fmt.Errorf("client_id %q must be mdb_sa_id_ followed by 24 hexadecimal digits", parts[1])
	}
	return nil
}
