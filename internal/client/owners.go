package client

import (
	"errors"
)

// Owner is the parent of a service account: a project or an organization.
// Exactly one field is set; ProjectOwner and OrgOwner build one.
type Owner struct{ ProjectID, OrgID string }

// ProjectOwner is the owner of a project service account.
func ProjectOwner(projectID string) Owner { return Owner{ProjectID: projectID} }

// OrgOwner is the owner of an organization service account.
func OrgOwner(orgID string) Owner { return Owner{OrgID: orgID} }

// String names the owner for messages: "project <id>" or "organization <id>".
func (o Owner) String() string {
	switch {
	case o.ProjectID != "" && o.OrgID != "":
		return "project " + o.ProjectID + " and organization " + o.OrgID
	case o.ProjectID != "":
		return "project " + o.ProjectID
	case o.OrgID != "":
		return "organization " + o.OrgID
	}
	return "no project or organization"
}

// DeleteSecretCall is the Atlas Admin API call that deletes one secret of
// an account of o, written out for a person to send: method, path and the
// versioned Accept header. It is empty for an owner accountPath refuses.
func (o Owner) DeleteSecretCall(clientID, secretID string) string {
	path, err := o.accountPath(clientID, "/secrets/", "secret ID", secretID)
	if err != nil {
		return ""
	}
	return "DELETE " + path + " with Accept: application/vnd.atlas." + VersionServiceAccounts + "+json"
}

// accountPath builds the path of a service account of o, followed by rest,
// which continues buildPath's alternation (literal, name, value, ...). An
// owner with neither or both IDs is a programming error, returned before
// any request: it would otherwise address the wrong account.
func (o Owner) accountPath(clientID string, rest ...string) (string, error) {
	var parts []string
	switch {
	case o.ProjectID != "" && o.OrgID != "":
		return "", errors.New("atlas client: a service account owner must be a project or an organization, not both (" + o.String() + ")")
	case o.ProjectID != "":
		parts = []string{apiPrefix + "/groups/", "project ID", o.ProjectID, "/serviceAccounts/", "client ID", clientID}
	case o.OrgID != "":
		parts = []string{apiPrefix + "/orgs/", "organization ID", o.OrgID, "/serviceAccounts/", "client ID", clientID}
	default:
		return "", errors.New("atlas client: a service account owner needs a project ID or an organization ID; both are empty")
	}
	return buildPath(append(parts, rest...)...)
}
