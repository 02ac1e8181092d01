package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"golang.org/x/oauth2"
)

// AccessToken is an OAuth2 access token issued to a service account.
type AccessToken struct {
	// Token is the bearer token. Never log it.
	Token string
	// ExpiresAt is when Atlas stops accepting the token, by Atlas's clock
	// when an answer's Date header has been seen (the token answer's, or an
	// earlier one), else by the local clock. Zero when Atlas gave no
	// lifetime.
	ExpiresAt time.Time
}

// IssueAccessToken exchanges the client ID and secret of a service account,
// not necessarily the client's own, for a new access token at
// {base URL}/api/oauth/token (OAuth2 client credentials, client
// authentication by HTTP Basic). A 429 or 5xx answer, or a dropped
// connection, is retried like an API request: a repeated exchange only
// issues another token, which expires unused. A refused client ID or secret
// satisfies IsClientCredentialsRejected. Neither the secret nor the token
// appears in any error or log.
func (c *Client) IssueAccessToken(ctx context.Context, clientID, clientSecret string) (*AccessToken, error) {
	if err := checkClientCredentials(clientID, clientSecret); err != nil {
		return nil, err
	}
	hc := c.tokenHTTPClient(c.oauthTransport)
	op := retryOp{method: http.MethodPost, path: c.baseURL.EscapedPath() + TokenPath, kind: opSafePost}
	var tok *oauth2.Token
	err := c.retry(ctx, op, func(attempt int) (outcome, error) {
		info := &attemptInfo{number: attempt}
		actx := context.WithValue(ctx, attemptKey{}, info)
		t, err := c.clientCredentialsSource(actx, hc, clientID, clientSecret).Token()
		if err != nil {
			o := outcome{err: err, wrote: info.wrote.Load()}
			var te *tokenError
			if errors.As(err, &te) {
				o.retryAfter = te.retryAfter
				if credentialsRejected(te.status, te.code) {
					err = &clientCredentialsRejectedError{clientID: clientID, what: "token request", status: te.status, code: te.code, err: err}
				}
			}
			return o, err
		}
		tok = t
		return outcome{}, nil
	})
	if err != nil {
		return nil, err
	}
	out := &AccessToken{Token: tok.AccessToken}
	if !tok.Expiry.IsZero() {
		// tok.Expiry is local receipt time + expires_in; the trace layer
		// has just read the answer's Date header into Atlas's clock.
		out.ExpiresAt, _ = c.AtlasTime(tok.Expiry)
	}
	return out, nil
}

// RevokeAccessToken revokes an access token issued to a service account,
// at {base URL}/api/oauth/revoke, authenticating by HTTP Basic with that
// account's client ID and secret. A 429 or 5xx answer, or a dropped
// connection, is retried: revoking twice is harmless. A refused client ID
// or secret satisfies IsClientCredentialsRejected.
func (c *Client) RevokeAccessToken(ctx context.Context, clientID, clientSecret, token string) error {
	if err := checkClientCredentials(clientID, clientSecret); err != nil {
		return err
	}
	if token == "" {
		return errors.New("atlas client: the access token to revoke must not be empty")
	}
	r := c.newTokenRevoker(c.tokenHTTPClient(c.oauthTransport), clientID, clientSecret)
	op := retryOp{method: http.MethodPost, path: c.baseURL.EscapedPath() + RevokePath, kind: opSafePost}
	return c.retry(ctx, op, func(attempt int) (outcome, error) {
		info := &attemptInfo{number: attempt}
		o, err := r.revokeOnce(context.WithValue(ctx, attemptKey{}, info), token)
		var re *revokeError
		if errors.As(err, &re) && credentialsRejected(re.status, re.code) {
			err = &clientCredentialsRejectedError{clientID: clientID, what: "token revocation", status: re.status, code: re.code, err: err}
		}
		return o, err
	})
}

func checkClientCredentials(clientID, clientSecret string) error {
	if clientID == "" {
		return errors.New("atlas client: client ID must not be empty")
	}
	if clientSecret == "" {
		return fmt.Errorf("atlas client: client secret of %s must not be empty", clientID)
	}
	return nil
}

// credentialsRejected reports whether an OAuth2 endpoint's answer refuses
// the client's ID or secret (RFC 6749 section 5.2): a 401 is client
// authentication failing; a 400 only with one of the codes that name the
// client or its grant, since other 400s (invalid_request,
// unsupported_grant_type) say nothing about the credentials.
func credentialsRejected(status int, code string) bool {
	switch status {
	case http.StatusUnauthorized:
		return true
	case http.StatusBadRequest:
		return code == "invalid_client" || code == "unauthorized_client" || code == "invalid_grant"
	}
	return false
}

// clientCredentialsRejectedError is an OAuth2 endpoint refusing the client
// ID and secret of a service account.
type clientCredentialsRejectedError struct {
	clientID string
	what     string // "token request" or "token revocation"
	status   int
	code     string
	err      error
}

func (e *clientCredentialsRejectedError) Error() string {
	answer := fmt.Sprintf("%d", e.status)
	if e.code != "" {
		answer += " " + e.code
	}
	return fmt.Sprintf("Atlas refused the client credentials of service account %s (OAuth2 %s returned %s): "+
		"the client ID is unknown, or its secret is wrong, expired, revoked or deleted; "+
		"use a current secret of the account, or create a new one", e.clientID, e.what, answer)
}

func (e *clientCredentialsRejectedError) Unwrap() error { return e.err }

// IsClientCredentialsRejected reports whether err is Atlas's token or
// revocation endpoint refusing the client ID and secret given to
// IssueAccessToken or RevokeAccessToken: the account does not exist, or the
// secret is wrong, expired, revoked or deleted. Its message names the
// client ID. Retrying with the same secret cannot succeed.
func IsClientCredentialsRejected(err error) bool {
	var e *clientCredentialsRejectedError
	return errors.As(err, &e)
}
