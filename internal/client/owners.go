package client

import (
	"context"
	"errors"
	"net/http"
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

// CreateOrgServiceAccount creates a service account in an organization
// (POST /orgs/{orgId}/serviceAccounts). The response carries the plaintext
// secret. It is retried only when nothing can have been created; otherwise
// the error satisfies IsAmbiguous (and MayHaveHappened).
func (c *Client) CreateOrgServiceAccount(ctx context.Context, orgID string, req CreateServiceAccountRequest) (*OrgServiceAccount, error) {
	path, err := buildPath(apiPrefix+"/orgs/", "organization ID", orgID, "/serviceAccounts")
	if err != nil {
		return nil, err
	}
	var out OrgServiceAccount
	if err := c.do(ctx, request{method: http.MethodPost, path: path, version: VersionServiceAccounts, body: req, kind: opCreate}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// UpdateOrgServiceAccount changes the name, description or roles of an
// organization service account (PATCH).
func (c *Client) UpdateOrgServiceAccount(ctx context.Context, orgID, clientID string, req UpdateServiceAccountRequest) (*OrgServiceAccount, error) {
	path, err := OrgOwner(orgID).accountPath(clientID)
	if err != nil {
		return nil, err
	}
	var out OrgServiceAccount
	if err := c.do(ctx, request{method: http.MethodPatch, path: path, version: VersionServiceAccounts, body: req}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// ServiceAccountSecrets returns the secrets of a service account of either
// kind, oldest first as Atlas lists them. Atlas has no read of one secret:
// this is one GET of the account. An account that is gone satisfies
// IsNotFound.
func (c *Client) ServiceAccountSecrets(ctx context.Context, owner Owner, clientID string) ([]ServiceAccountSecret, error) {
	_, secrets, err := c.AccountSecrets(ctx, owner, clientID)
	return secrets, err
}

// AccountSecrets is ServiceAccountSecrets with the account's creation time
// (RFC 3339, by Atlas's clock), from the same GET.
func (c *Client) AccountSecrets(ctx context.Context, owner Owner, clientID string) (createdAt string, secrets []ServiceAccountSecret, err error) {
	path, err := owner.accountPath(clientID)
	if err != nil {
		return "", nil, err
	}
	var out struct {
		CreatedAt string                 `json:"createdAt"`
		Secrets   []ServiceAccountSecret `json:"secrets"`
	}
	if err := c.do(ctx, request{method: http.MethodGet, path: path, version: VersionServiceAccounts}, &out); err != nil {
		return "", nil, err
	}
	if out.Secrets == nil {
		out.Secrets = []ServiceAccountSecret{}
	}
	return out.CreatedAt, out.Secrets, nil
}

// CreateServiceAccountSecret creates a secret for a service account of
// either kind. The response carries the plaintext secret. It is retried
// only when nothing can have been created; otherwise the error satisfies
// IsAmbiguous (and MayHaveHappened).
func (c *Client) CreateServiceAccountSecret(ctx context.Context, owner Owner, clientID string, expiresAfterHours int) (*ServiceAccountSecret, error) {
	path, err := owner.accountPath(clientID, "/secrets")
	if err != nil {
		return nil, err
	}
	var out ServiceAccountSecret
	body := createSecretBody{SecretExpiresAfterHours: expiresAfterHours}
	if err := c.do(ctx, request{method: http.MethodPost, path: path, version: VersionServiceAccounts, body: body, kind: opCreate}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// DeleteServiceAccountSecret deletes one secret of a service account of
// either kind.
func (c *Client) DeleteServiceAccountSecret(ctx context.Context, owner Owner, clientID, secretID string) error {
	path, err := owner.accountPath(clientID, "/secrets/", "secret ID", secretID)
	if err != nil {
		return err
	}
	return c.do(ctx, request{method: http.MethodDelete, path: path, version: VersionServiceAccounts}, nil)
}
