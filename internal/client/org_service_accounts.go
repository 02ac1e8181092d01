package client

import (
	"context"
	"net/http"
)

// CreateOrgServiceAccount creates a service account in an organization
// (POST /orgs/{orgId}/serviceAccounts). The response carries the plaintext
// secret. It is retried only when nothing can have been created; otherwise
// the error satisfies IsAmbiguous (and MayHaveHappened).
func (c *Client) CreateOrgServiceAccount(ctx context.Context, orgID string, req CreateServiceAccountRequest) (*OrgServiceAccount, error) {
	path, err := OrgOwner(orgID).accountsPath()
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
