package client

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
)

func TestLogging_neverContainsCredentialsOrSecrets(t *testing.T) {
	t.Parallel()
	const (
		clientSecret = "cs-5f3a9d1e-client-secret"
		privateKey   = "pk-7c2b8e4f-private-key"
		accessToken  = "at-1a2b3c4d-access-token"
		issuedToken  = "it-9e8d7c6b-issued-token"
		plainSecret  = "mdb_sa_sk_0123456789abcdef-plaintext"
	)
	tests := map[string]struct {
		mutate func(*Config)
		forbid []string
		digest bool
	}{
		"oauth2": {
			mutate: func(c *Config) { c.AccessToken = ""; c.ClientID, c.ClientSecret = "client-id", clientSecret },
			forbid: []string{clientSecret, issuedToken},
		},
		"digest": {
			mutate: func(c *Config) { c.AccessToken = ""; c.PublicKey, c.PrivateKey = "public-key", privateKey },
			forbid: []string{privateKey},
			digest: true,
		},
		"bearer": {
			mutate: func(c *Config) { c.AccessToken = accessToken },
			forbid: []string{accessToken},
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			d := newDigestChecker("public-key", privateKey)
			var calls atomic.Int32
			srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path == TokenPath {
					writeJSON(w, http.StatusOK, map[string]any{"access_token": issuedToken, "token_type": "Bearer", "expires_in": 3600})
					return
				}
				if r.URL.Path == RevokePath {
					w.WriteHeader(http.StatusOK)
					return
				}
				if tc.digest && !d.authorize(w, r) {
					return
				}
				// One retryable failure first, so back-off logging runs too.
				if calls.Add(1) == 1 {
					writeAPIError(w, http.StatusTooManyRequests, "RATE_LIMITED", "slow down")
					return
				}
				writeJSON(w, http.StatusCreated, serviceAccountJSON(plainSecret))
			})
			log := &captureLogger{}
			c := newTestClient(t, srv.URL, func(c *Config) {
				tc.mutate(c)
				c.Logger = log
			})
			sa, err := c.CreateProjectServiceAccount(context.Background(), testProjectID, CreateServiceAccountRequest{Name: "n", Description: "d", Roles: []string{"GROUP_OWNER"}, SecretExpiresAfterHours: 8})
			if err != nil {
				t.Fatal(err)
			}
			if sa.Secrets[0].Secret != plainSecret {
				t.Fatalf("secret not decoded")
			}
			if err := c.RevokeTokens(context.Background()); err != nil {
				t.Fatal(err)
			}
			text := log.text()
			for _, s := range append(tc.forbid, plainSecret, "Authorization", "Bearer", "Digest ") {
				if strings.Contains(text, s) {
					t.Errorf("logs contain %q:\n%s", s, text)
				}
			}
			// The OAuth2 token fetch and revocation have lines of their own
			// (only with client credentials: nothing else fetches a token).
			var api []map[string]any
			var oauth []string
			for i, msg := range log.messages() {
				switch msg {
				case "Atlas OAuth2 token fetch", "Atlas OAuth2 token revocation":
					oauth = append(oauth, msg)
					if log.fields[i]["status"] != 200 {
						t.Errorf("%s fields = %v", msg, log.fields[i])
					}
				default:
					api = append(api, log.fields[i])
				}
			}
			wantOAuth := []string{}
			if name == "oauth2" {
				wantOAuth = []string{"Atlas OAuth2 token fetch", "Atlas OAuth2 token revocation"}
			}
			if !slices.Equal(oauth, wantOAuth) && (len(oauth) != 0 || len(wantOAuth) != 0) {
				t.Errorf("OAuth2 log lines = %v; want %v", oauth, wantOAuth)
			}
			// Two attempts and one back-off, with the documented fields: the
			// failed attempt with Atlas's errorCode, both with the API version.
			if len(api) != 3 {
				t.Fatalf("API log entries = %d; want 3:\n%s", len(api), text)
			}
			first, retry, second := api[0], api[1], api[2]
			if first["status"] != 429 || first["attempt"] != 1 || first["method"] != "POST" ||
				first["path"] != "/api/atlas/v2/groups/"+testProjectID+"/serviceAccounts" ||
				first["error_code"] != "RATE_LIMITED" || first["api_version"] != "2024-08-05" {
				t.Errorf("first attempt fields = %v", first)
			}
			if _, ok := second["error_code"]; ok || second["api_version"] != "2024-08-05" {
				t.Errorf("second attempt fields = %v; want the API version and no error_code", second)
			}
			if _, ok := first["duration_ms"]; !ok {
				t.Errorf("first attempt has no duration_ms: %v", first)
			}
			if _, ok := retry["wait_ms"]; !ok {
				t.Errorf("back-off entry has no wait_ms: %v", retry)
			}
			if second["status"] != 201 || second["attempt"] != 2 {
				t.Errorf("second attempt fields = %v", second)
			}
		})
	}
}

// A database user's password is in the request body only: it never reaches
// the logs, whether the create succeeds, is refused or is retried.
func TestLogging_neverContainsADatabaseUserPassword(t *testing.T) {
	t.Parallel()
	const password = "pw-3e7a91c4-database-user"
	var calls atomic.Int32
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		switch calls.Add(1) {
		case 1:
			writeAPIError(w, http.StatusServiceUnavailable, "SERVICE_UNAVAILABLE", "busy")
		case 2:
			writeJSON(w, http.StatusCreated, map[string]any{"databaseName": "admin", "username": "app", "roles": []any{}})
		default:
			writeAPIError(w, http.StatusBadRequest, "INVALID_ATTRIBUTE", "Invalid attribute password specified.")
		}
	})
	log := &captureLogger{}
	c := newTestClient(t, srv.URL, func(c *Config) { c.Logger = log })
	req := CreateDatabaseUserRequest{DatabaseName: "admin", Username: "app", Password: password, Roles: []DatabaseUserRole{{RoleName: "read", DatabaseName: "sales"}}}
	if _, err := c.CreateDatabaseUser(context.Background(), testProjectID, req); err != nil {
		t.Fatal(err)
	}
	rotated := password + "-rotated"
	_, err := c.UpdateDatabaseUser(context.Background(), testProjectID, "admin", "app", UpdateDatabaseUserRequest{Password: &rotated})
	if err == nil || strings.Contains(err.Error(), password) {
		t.Fatalf("refused update: %v; want an error without the password", err)
	}
	if text := log.text(); len(log.fields) < 3 || strings.Contains(text, password) {
		t.Fatalf("%d log entries; want at least 3 and none with the password:\n%s", len(log.fields), text)
	}
}

// A token-endpoint 429 makes the client wait, which it says at WARN level
// with the wait in seconds, so an apply does not stall with nothing shown.
func TestLogging_tokenRateLimitWaitIsAWarning(t *testing.T) {
	t.Parallel()
	ts := &tokenServer{clientID: "id", clientSecret: "secret", expiresIn: 3600}
	var tokenRequests atomic.Int32
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == TokenPath {
			if tokenRequests.Add(1) == 1 {
				w.Header().Set("Retry-After", "7")
				writeAPIError(w, http.StatusTooManyRequests, "RATE_LIMITED", "Resource /api/oauth/token is limited to 10 requests every 1 minutes.")
				return
			}
			ts.serveToken(w, r)
			return
		}
		writeJSON(w, http.StatusOK, map[string]any{"id": testProjectID})
	})
	log := &warnCaptureLogger{}
	c := newTestClient(t, srv.URL, func(c *Config) {
		c.AccessToken = ""
		c.ClientID, c.ClientSecret = "id", "secret"
		c.Logger = log
	})
	if _, err := c.GetProject(context.Background(), testProjectID); err != nil {
		t.Fatal(err)
	}
	if len(log.warnings) != 1 || !strings.Contains(log.warnings[0], "Waiting 7 s for Atlas's token rate limit") {
		t.Fatalf("warnings = %q; want one saying the client waits 7 s for the token rate limit", log.warnings)
	}
	if strings.Contains(strings.Join(log.warnings, " ")+log.text(), "secret") {
		t.Fatalf("logs name the secret:\n%s", log.text())
	}
	var fetches int
	for i, msg := range log.messages() {
		if msg == "Atlas OAuth2 token fetch" {
			fetches++
			if fetches == 1 && log.fields[i]["status"] != 429 {
				t.Errorf("first token fetch fields = %v; want status 429", log.fields[i])
			}
		}
	}
	if fetches != 2 {
		t.Errorf("token fetch lines = %d; want 2:\n%s", fetches, log.text())
	}
}
