package client

import (
	"context"
	"net/http"
)

// ServiceAccount is a project service account (GroupServiceAccount).
type ServiceAccount struct {
	ClientID    string                 `json:"clientId,omitempty"`
	Name        string                 `json:"name,omitempty"`
	Description string                 `json:"description,omitempty"`
	Roles       []string               `json:"roles,omitempty"`
	CreatedAt   string                 `json:"createdAt,omitempty"` // RFC 3339 as sent by Atlas
	Secrets     []ServiceAccountSecret `json:"secrets,omitempty"`
}

// ServiceAccountSecret is one secret of a service account.
type ServiceAccountSecret struct {
	ID                string  `json:"id"`
	CreatedAt         string  `json:"createdAt"`
	ExpiresAt         string  `json:"expiresAt"`
	LastUsedAt        *string `json:"lastUsedAt,omitempty"`
	MaskedSecretValue string  `json:"maskedSecretValue,omitempty"`
	// Secret is the plaintext secret; Atlas sends it only in create responses.
	Secret string `json:"secret,omitempty"`
}

// CreateServiceAccountRequest is the body of a project service-account create.
type CreateServiceAccountRequest struct {
	Name                    string   `json:"name"`
	Description             string   `json:"description"`
	Roles                   []string `json:"roles"`
	SecretExpiresAfterHours int      `json:"secretExpiresAfterHours"`
}

// UpdateServiceAccountRequest is the body of a project service-account
// update; nil or empty fields are left out of the PATCH body.
type UpdateServiceAccountRequest struct {
	Name        *string  `json:"name,omitempty"`
	Description *string  `json:"description,omitempty"`
	Roles       []string `json:"roles,omitempty"`
}

// OrgServiceAccount is an organization service account.
type OrgServiceAccount struct {
	ClientID    string                 `json:"clientId,omitempty"`
	Name        string                 `json:"name,omitempty"`
	Description string                 `json:"description,omitempty"`
	CreatedAt   string                 `json:"createdAt,omitempty"`
	Roles       []string               `json:"roles,omitempty"`
	Secrets     []ServiceAccountSecret `json:"secrets,omitempty"`
}

// ServiceAccountProject is one project an organization service account
// belongs to (ServiceAccountGroup).
type ServiceAccountProject struct {
	ProjectID string   `json:"groupId"`
	Roles     []string `json:"roles,omitempty"`
}

type inviteServiceAccountBody struct {
	Roles []string `json:"roles"`
}

type createSecretBody struct {
	SecretExpiresAfterHours int `json:"secretExpiresAfterHours"`
}

const apiPrefix = "/api/atlas/v2"

// CreateProjectServiceAccount creates a service account in a project
// (POST /groups/{groupId}/serviceAccounts). The response carries the
// plaintext secret. It is retried only when nothing can have been created;
// otherwise the error satisfies IsAmbiguous.
func (c *Client) CreateProjectServiceAccount(ctx context.Context, projectID string, req CreateServiceAccountRequest) (*ServiceAccount, error) {
	path, err := ProjectOwner(projectID).accountsPath()
	if err != nil {
		return nil, err
	}
	var out ServiceAccount
	if err := c.do(ctx, request{method: http.MethodPost, path: path, version: VersionServiceAccounts, body: req, kind: opCreate}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// GetProjectServiceAccount returns one service account of a project.
func (c *Client) GetProjectServiceAccount(ctx context.Context, projectID, clientID string) (*ServiceAccount, error) {
	path, err := ProjectOwner(projectID).accountPath(clientID)
	if err != nil {
		return nil, err
	}
	var out ServiceAccount
	if err := c.do(ctx, request{method: http.MethodGet, path: path, version: VersionServiceAccounts}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// ListProjectServiceAccounts returns every service account of a project,
// reading all pages.
func (c *Client) ListProjectServiceAccounts(ctx context.Context, projectID string) ([]ServiceAccount, error) {
	path, err := ProjectOwner(projectID).accountsPath()
	if err != nil {
		return nil, err
	}
	return listAll[ServiceAccount](ctx, c, path, nil, VersionServiceAccounts)
}

// UpdateProjectServiceAccount changes the name, description or roles of a
// project service account (PATCH).
func (c *Client) UpdateProjectServiceAccount(ctx context.Context, projectID, clientID string, req UpdateServiceAccountRequest) (*ServiceAccount, error) {
	path, err := ProjectOwner(projectID).accountPath(clientID)
	if err != nil {
		return nil, err
	}
	var out ServiceAccount
	if err := c.do(ctx, request{method: http.MethodPatch, path: path, version: VersionServiceAccounts, body: req}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// DeleteProjectServiceAccount removes a service account from a project. The
// account stays in the organization (see DeleteOrgServiceAccount).
func (c *Client) DeleteProjectServiceAccount(ctx context.Context, projectID, clientID string) error {
	path, err := ProjectOwner(projectID).accountPath(clientID)
	if err != nil {
		return err
	}
	return c.do(ctx, request{method: http.MethodDelete, path: path, version: VersionServiceAccounts}, nil)
}

// InviteProjectServiceAccount assigns an existing organization service
// account to a project with the given roles
// (POST /groups/{groupId}/serviceAccounts/{clientId}:invite).
func (c *Client) InviteProjectServiceAccount(ctx context.Context, projectID, clientID string, roles []string) (*ServiceAccount, error) {
	path, err := ProjectOwner(projectID).accountPath(clientID, ":invite")
	if err != nil {
		return nil, err
	}
	var out ServiceAccount
	body := inviteServiceAccountBody{Roles: roles}
	// Repeating it is harmless: a second assignment answers 409. Whether a
	// 409 after a lost answer is our own work is decided by the caller
	// (see MayHaveHappened), which knows what it looked at before.
	if err := c.do(ctx, request{method: http.MethodPost, path: path, version: VersionServiceAccounts, body: body, kind: opSafePost}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// CreateProjectServiceAccountSecret creates a secret for a project service
// account: CreateServiceAccountSecret with ProjectOwner(projectID).
func (c *Client) CreateProjectServiceAccountSecret(ctx context.Context, projectID, clientID string, expiresAfterHours int) (*ServiceAccountSecret, error) {
	return c.CreateServiceAccountSecret(ctx, ProjectOwner(projectID), clientID, expiresAfterHours)
}

// DeleteProjectServiceAccountSecret deletes one secret of a project service
// account: DeleteServiceAccountSecret with ProjectOwner(projectID).
func (c *Client) DeleteProjectServiceAccountSecret(ctx context.Context, projectID, clientID, secretID string) error {
	return c.DeleteServiceAccountSecret(ctx, ProjectOwner(projectID), clientID, secretID)
}

// GetOrgServiceAccount returns one service account of an organization.
func (c *Client) GetOrgServiceAccount(ctx context.Context, orgID, clientID string) (*OrgServiceAccount, error) {
	path, err := OrgOwner(orgID).accountPath(clientID)
	if err != nil {
		return nil, err
	}
	var out OrgServiceAccount
	if err := c.do(ctx, request{method: http.MethodGet, path: path, version: VersionServiceAccounts}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// ListOrgServiceAccounts returns every service account of an organization,
// reading all pages.
func (c *Client) ListOrgServiceAccounts(ctx context.Context, orgID string) ([]OrgServiceAccount, error) {
	path, err := OrgOwner(orgID).accountsPath()
	if err != nil {
		return nil, err
	}
	return listAll[OrgServiceAccount](ctx, c, path, nil, VersionServiceAccounts)
}

// DeleteOrgServiceAccount deletes a service account from its organization.
func (c *Client) DeleteOrgServiceAccount(ctx context.Context, orgID, clientID string) error {
	path, err := OrgOwner(orgID).accountPath(clientID)
	if err != nil {
		return err
	}
	return c.do(ctx, request{method: http.MethodDelete, path: path, version: VersionServiceAccounts}, nil)
}

// ListOrgServiceAccountProjects returns every project an organization
// service account belongs to (GET /orgs/{orgId}/serviceAccounts/{clientId}/groups),
// reading all pages.
func (c *Client) ListOrgServiceAccountProjects(ctx context.Context, orgID, clientID string) ([]ServiceAccountProject, error) {
	path, err := OrgOwner(orgID).accountPath(clientID, "/groups")
	if err != nil {
		return nil, err
	}
	return listAll[ServiceAccountProject](ctx, c, path, nil, VersionServiceAccounts)
}
