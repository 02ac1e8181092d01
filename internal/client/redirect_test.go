package client

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
)

// redirectingAtlas answers every request with status and a Location on
// elsewhere, which counts what reaches it.
func redirectingAtlas(t *testing.T, status int) (atlas *httptest.Server, elsewhere *atomic.Int32) {
	t.Helper()
	elsewhere = new(atomic.Int32)
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		elsewhere.Add(1)
		writeJSON(w, http.StatusOK, map[string]any{"access_token": "stolen", "token_type": "bearer", "expires_in": 3600})
	}))
	t.Cleanup(other.Close)
	atlas = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+r.URL.Path, status)
	}))
	t.Cleanup(atlas.Close)
	return atlas, elsewhere
}

// TestOAuthEndpoints_neverFollowRedirects checks that a redirect from the
// token or revocation endpoint is an error naming the endpoint, and that
// neither the client secret nor a token is sent to where it points. API
// calls do not follow a redirect either: they go through a RoundTripper,
// not an http.Client, so a 3xx comes back as an *APIError.
func TestOAuthEndpoints_neverFollowRedirects(t *testing.T) {
	t.Parallel()
	for _, status := range []int{http.StatusFound, http.StatusTemporaryRedirect, http.StatusPermanentRedirect} {
		tests := map[string]struct {
			call     func(c *Client) error
			wantPath string
		}{
			"token for an API call": {
				call: func(c *Client) error {
					_, err := c.GetProjectServiceAccount(context.Background(), testProjectID, testClientID)
					return err
				},
				wantPath: TokenPath,
			},
			"token for another account": {
				call: func(c *Client) error {
					_, err := c.IssueAccessToken(context.Background(), otherClientID, otherClientSecret)
					return err
				},
				wantPath: TokenPath,
			},
			"revocation": {
				call: func(c *Client) error {
					return c.RevokeAccessToken(context.Background(), otherClientID, otherClientSecret, otherToken)
				},
				wantPath: RevokePath,
			},
		}
		for name, tc := range tests {
			t.Run(http.StatusText(status)+"/"+name, func(t *testing.T) {
				t.Parallel()
				atlas, elsewhere := redirectingAtlas(t, status)
				c := newTestClient(t, atlas.URL, func(cfg *Config) {
					cfg.AccessToken, cfg.ClientID, cfg.ClientSecret = "", testClientID, "own-secret-5e1d"
				})
				err := tc.call(c)
				if err == nil {
					t.Fatal("a redirect was followed to success")
				}
				if !strings.Contains(err.Error(), atlas.URL+tc.wantPath) || !strings.Contains(err.Error(), "redirect") {
					t.Fatalf("error %q does not name the endpoint %s and the redirect", err, atlas.URL+tc.wantPath)
				}
				if n := elsewhere.Load(); n != 0 {
					t.Fatalf("%d requests followed the redirect", n)
				}
				for _, secret := range []string{"own-secret-5e1d", otherClientSecret, otherToken} {
					if strings.Contains(err.Error(), secret) {
						t.Fatalf("error %q quotes a secret", err)
					}
				}
			})
		}
	}

	t.Run("API call", func(t *testing.T) {
		t.Parallel()
		atlas, elsewhere := redirectingAtlas(t, http.StatusTemporaryRedirect)
		c := newTestClient(t, atlas.URL, nil)
		_, err := c.GetProjectServiceAccount(context.Background(), testProjectID, testClientID)
		apiErr, ok := asAPIError(err)
		if !ok || apiErr.StatusCode != http.StatusTemporaryRedirect {
			t.Fatalf("err = %v; want the 307 as an API error", err)
		}
		if n := elsewhere.Load(); n != 0 {
			t.Fatalf("%d requests followed the redirect", n)
		}
	})
}

// TestRevokeAccessToken_onlyTheDocumentedAnswerIsSuccess checks that a
// revocation counts as done only on 200 (RFC 7009), not on another 2xx.
func TestRevokeAccessToken_onlyTheDocumentedAnswerIsSuccess(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		status  int
		wantErr bool
	}{
		"200":        {status: http.StatusOK},
		"204":        {status: http.StatusNoContent, wantErr: true},
		"202":        {status: http.StatusAccepted, wantErr: true},
		"not found":  {status: http.StatusNotFound, wantErr: true},
		"302 to 200": {status: http.StatusFound, wantErr: true},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path != RevokePath {
					w.WriteHeader(http.StatusOK)
					return
				}
				if tc.status == http.StatusFound {
					http.Redirect(w, r, "/elsewhere", tc.status)
					return
				}
				w.WriteHeader(tc.status)
			}))
			t.Cleanup(srv.Close)
			c := newTestClient(t, srv.URL, nil)
			err := c.RevokeAccessToken(context.Background(), otherClientID, otherClientSecret, otherToken)
			if (err != nil) != tc.wantErr {
				t.Fatalf("RevokeAccessToken after HTTP %d: err = %v; want error %v", tc.status, err, tc.wantErr)
			}
			if err != nil && !strings.Contains(err.Error(), RevokePath) {
				t.Fatalf("error %q does not name the revocation endpoint", err)
			}
		})
	}
}
