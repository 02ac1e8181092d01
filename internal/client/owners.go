package client

import (
	"errors"
)

// Owner is the parent of a service account: a project or an organization.
// Exactly one field is set; ProjectOwner and OrgOwner build one. Every path
// of a service account, its secrets and its access list is built from its
// Owner (accountsPath, accountPath).
type Owner struct {
	ProjectID, OrgID string
	// emptyKind is the kind of owner ProjectOwner or OrgOwner was asked
	// for with an empty ID, so that the error names the missing ID ("project
	// ID must not be empty"). It is set only then: an owner whose ID is set
	// is told by its ID, and ProjectOwner(id) == Owner{ProjectID: id}.
	emptyKind ownerKind
}

// ownerKind is a project or an organization.
type ownerKind int

const (
	ownerUnknown ownerKind = iota
	ownerProject
	ownerOrg
)

// ProjectOwner is the owner of a project service account.
func ProjectOwner(projectID string) Owner {
	if projectID == "" {
		return Owner{emptyKind: ownerProject}
	}
	return Owner{ProjectID: projectID}
}

// OrgOwner is the owner of an organization service account.
func OrgOwner(orgID string) Owner {
	if orgID == "" {
		return Owner{emptyKind: ownerOrg}
	}
	return Owner{OrgID: orgID}
}

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

// accountsPath builds the path of the service accounts of o
// (/groups/{groupId}/serviceAccounts or /orgs/{orgId}/serviceAccounts). An
// owner with neither or both IDs is a programming error, returned before
// any request: it would otherwise address the wrong account.
func (o Owner) accountsPath() (string, error) {
	switch {
	case o.ProjectID != "" && o.OrgID != "":
		return "", errors.New("atlas client: a service account owner must be a project or an organization, not both (" + o.String() + ")")
	case o.ProjectID != "" || o.emptyKind == ownerProject:
		return ownerAccountsPath("/groups/", "project ID", o.ProjectID)
	case o.OrgID != "" || o.emptyKind == ownerOrg:
		return ownerAccountsPath("/orgs/", "organization ID", o.OrgID)
	}
	return "", errors.New("atlas client: a service account owner needs a project ID or an organization ID; both are empty")
}

func ownerAccountsPath(literal, name, id string) (string, error) {
	if id == "" {
		return "", errors.New("atlas client: " + name + " must not be empty; a service account owner needs a project ID or an organization ID")
	}
	return buildPath(apiPrefix+literal, name, id, "/serviceAccounts")
}

// accountPath builds the path of a service account of o, followed by rest,
// which continues buildPath's alternation (literal, name, value, ...).
func (o Owner) accountPath(clientID string, rest ...string) (string, error) {
	accounts, err := o.accountsPath()
	if err != nil {
		return "", err
	}
	account, err := buildPath(append([]string{"/", "client ID", clientID}, rest...)...)
	if err != nil {
		return "", err
	}
	return accounts + account, nil
}
