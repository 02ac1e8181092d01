package client

import (
	"context"
	"net/http"
)

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
