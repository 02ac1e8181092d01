package client

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestOAuth_shortLivedTokenIsStillReused(t *testing.T) {
	t.Parallel()
	// A 30 s token: a fixed one-minute refresh margin would fetch a new
	// token for every request.
	ts := &tokenServer{clientID: "id", clientSecret: "secret", expiresIn: 30}
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == TokenPath {
			ts.serveToken(w, r)
			return
		}
		writeJSON(w, http.StatusOK, map[string]any{"id": testProjectID})
	})
	c := newTestClient(t, srv.URL, func(c *Config) {
		c.AccessToken = ""
		c.ClientID, c.ClientSecret = "id", "secret"
	})
	for range 10 {
		if _, err := c.GetProject(context.Background(), testProjectID); err != nil {
			t.Fatal(err)
		}
	}
	if got := ts.tokenRequests.Load(); got != 1 {
		t.Fatalf("token requests = %d; want 1", got)
	}
}

func TestOAuth_rejectedTokenIsReplacedOnce(t *testing.T) {
	t.Parallel()
	ts := &tokenServer{clientID: "id", clientSecret: "secret", expiresIn: 3600}
	var revoked atomic.Bool
	revoked.Store(true) // the first token is revoked as soon as it is issued
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == TokenPath {
			ts.serveToken(w, r)
			return
		}
		if r.Header.Get("Authorization") == "Bearer issued-token-1" && revoked.Load() {
			writeAPIError(w, http.StatusUnauthorized, "INVALID_TOKEN", "token revoked")
			return
		}
		writeJSON(w, http.StatusOK, map[string]any{"id": testProjectID})
	})
	c := newTestClient(t, srv.URL, func(c *Config) {
		c.AccessToken = ""
		c.ClientID, c.ClientSecret = "id", "secret"
	})
	if _, err := c.GetProject(context.Background(), testProjectID); err != nil {
		t.Fatalf("a revoked token must be replaced, got %v", err)
	}
	if got := ts.tokenRequests.Load(); got != 2 {
		t.Fatalf("token requests = %d; want 2", got)
	}
}

func TestOAuth_persistent401IsNotRetriedForever(t *testing.T) {
	t.Parallel()
	ts := &tokenServer{clientID: "id", clientSecret: "secret", expiresIn: 3600}
	var apiCalls atomic.Int32
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == TokenPath {
			ts.serveToken(w, r)
			return
		}
		apiCalls.Add(1)
		writeAPIError(w, http.StatusUnauthorized, "NOT_ORG_GROUP_CREATOR", "no access")
	})
	c := newTestClient(t, srv.URL, func(c *Config) {
		c.AccessToken = ""
		c.ClientID, c.ClientSecret = "id", "secret"
	})
	_, err := c.GetProject(context.Background(), testProjectID)
	if !hasStatus(err, http.StatusUnauthorized) {
		t.Fatalf("err = %v; want a 401", err)
	}
	if n := apiCalls.Load(); n != 2 {
		t.Fatalf("API calls = %d; want 2 (one retry with a fresh token)", n)
	}
}

// A 401 USER_UNAUTHORIZED is Atlas refusing a role to a token it accepted:
// fetching a new token would only repeat the answer (and spend the token
// endpoint's rate limit). Any other 401 means the token itself was rejected,
// and exactly one new token is fetched.
func TestOAuth_permissionDenialKeepsTheTokenRejectionReplacesItOnce(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		errorCode         string
		wantAPICalls      int32
		wantTokenRequests int32
		wantDenied        bool
	}{
		"401 USER_UNAUTHORIZED (missing role)": {errorCode: "USER_UNAUTHORIZED", wantAPICalls: 1, wantTokenRequests: 1, wantDenied: true},
		"401 INVALID_TOKEN (rejected token)":   {errorCode: "INVALID_TOKEN", wantAPICalls: 2, wantTokenRequests: 2},
		"401 TOKEN_EXPIRED":                    {errorCode: "TOKEN_EXPIRED", wantAPICalls: 2, wantTokenRequests: 2},
		"401 without an error code":            {wantAPICalls: 2, wantTokenRequests: 2},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			ts := &tokenServer{clientID: "id", clientSecret: "secret", expiresIn: 3600}
			var apiCalls atomic.Int32
			srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path == TokenPath {
					ts.serveToken(w, r)
					return
				}
				apiCalls.Add(1)
				if tc.errorCode == "" {
					w.WriteHeader(http.StatusUnauthorized)
					return
				}
				writeAPIError(w, http.StatusUnauthorized, tc.errorCode, "Current user is not authorized to perform this action.")
			})
			c := newTestClient(t, srv.URL, func(c *Config) {
				c.AccessToken = ""
				c.ClientID, c.ClientSecret = "id", "secret"
				c.MaxRetries = 3
			})
			_, err := c.GetProject(context.Background(), testProjectID)
			if !hasStatus(err, http.StatusUnauthorized) {
				t.Fatalf("err = %v; want a 401", err)
			}
			if got := IsPermissionDenied(err); got != tc.wantDenied {
				t.Fatalf("IsPermissionDenied = %t, want %t (err %v)", got, tc.wantDenied, err)
			}
			if IsAccessTokenRejected(err) {
				t.Fatalf("IsAccessTokenRejected true for client credentials: %v", err)
			}
			if n := apiCalls.Load(); n != tc.wantAPICalls {
				t.Fatalf("API calls = %d; want %d", n, tc.wantAPICalls)
			}
			if n := ts.tokenRequests.Load(); n != tc.wantTokenRequests {
				t.Fatalf("token requests = %d; want %d", n, tc.wantTokenRequests)
			}
			// The next call reuses the token unless Atlas rejected it.
			_, _ = c.GetProject(context.Background(), testProjectID)
			if n := ts.tokenRequests.Load(); tc.wantDenied && n != 1 {
				t.Fatalf("token requests after a second denial = %d; want 1", n)
			}
		})
	}
}

// dropFirstAnswer runs h for every request but drops the connection instead
// of answering the first one, as if the answer were lost on the way back.
func dropFirstAnswer(t *testing.T, h http.HandlerFunc) http.HandlerFunc {
	var n atomic.Int32
	return func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			h(httptestDiscard{header: http.Header{}}, r)
			conn, _, err := w.(http.Hijacker).Hijack()
			if err != nil {
				t.Errorf("hijack: %v", err)
				return
			}
			_ = conn.Close()
			return
		}
		h(w, r)
	}
}

// httptestDiscard is a ResponseWriter that throws the answer away.
type httptestDiscard struct{ header http.Header }

func (d httptestDiscard) Header() http.Header         { return d.header }
func (d httptestDiscard) Write(b []byte) (int, error) { return len(b), nil }
func (d httptestDiscard) WriteHeader(int)             {}

// The client reports the 409 that answers a retry after a lost answer as
// possibly its own work; whether it is, is decided by the write-safety layer
// (internal/safeops), which knows what it looked at before the request.
func TestAddProjectUser_lostAnswerThenConflictIsMarkedAsPossiblyOurs(t *testing.T) {
	t.Parallel()
	var added atomic.Bool
	srv := newServer(t, dropFirstAnswer(t, func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.Method == http.MethodPost:
			if added.Swap(true) {
				writeAPIError(w, http.StatusConflict, "USER_ALREADY_IN_GROUP", "already there")
				return
			}
			writeJSON(w, http.StatusCreated, map[string]any{"id": "aaaaaaaaaaaaaaaaaaaaaaaa", "username": "ann@example.com", "orgMembershipStatus": "PENDING", "roles": []string{"GROUP_READ_ONLY"}})
		case r.Method == http.MethodGet && strings.EqualFold(r.URL.Query().Get("username"), "ann@example.com"):
			writeJSON(w, http.StatusOK, map[string]any{"results": []any{map[string]any{"id": "aaaaaaaaaaaaaaaaaaaaaaaa", "username": "ann@example.com", "orgMembershipStatus": "PENDING", "roles": []string{"GROUP_READ_ONLY"}}}, "totalCount": 1})
		default:
			w.WriteHeader(http.StatusNotFound)
		}
	}))
	c := newTestClient(t, srv.URL, nil)
	_, err := c.AddProjectUser(context.Background(), testProjectID, AddProjectUserRequest{Username: "Ann@example.com", Roles: []string{"GROUP_READ_ONLY"}})
	if !IsConflict(err) || !IsAfterLostAnswer(err) || !MayHaveHappened(err) {
		t.Fatalf("AddProjectUser after a lost answer: err = %v; want a 409 marked as following a lost answer", err)
	}
}

func TestAddProjectUser_conflictWithoutLostAnswerIsReported(t *testing.T) {
	t.Parallel()
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		writeAPIError(w, http.StatusConflict, "USER_ALREADY_IN_GROUP", "already there")
	})
	c := newTestClient(t, srv.URL, nil)
	_, err := c.AddProjectUser(context.Background(), testProjectID, AddProjectUserRequest{Username: "ann@example.com", Roles: []string{"GROUP_READ_ONLY"}})
	if !IsConflict(err) || IsAfterLostAnswer(err) || MayHaveHappened(err) {
		t.Fatalf("err = %v; want the 409 a user already in the project gets", err)
	}
}

func TestRemoveProjectUserRole_lostAnswerThenErrorIsMarkedAsPossiblyDone(t *testing.T) {
	t.Parallel()
	roles := []string{"GROUP_OWNER", "GROUP_READ_ONLY"}
	var mu atomic.Value
	mu.Store(roles)
	srv := newServer(t, dropFirstAnswer(t, func(w http.ResponseWriter, r *http.Request) {
		current := mu.Load().([]string)
		user := map[string]any{"id": "aaaaaaaaaaaaaaaaaaaaaaaa", "username": "ann@example.com", "orgMembershipStatus": "ACTIVE"}
		switch r.Method {
		case http.MethodPost:
			var body struct{ GroupRole string }
			_ = json.NewDecoder(r.Body).Decode(&body)
			var kept []string
			for _, role := range current {
				if role != body.GroupRole {
					kept = append(kept, role)
				}
			}
			if len(kept) == len(current) {
				writeAPIError(w, http.StatusBadRequest, "ROLE_NOT_ASSIGNED", "no such role")
				return
			}
			mu.Store(kept)
			user["roles"] = kept
			writeJSON(w, http.StatusOK, user)
		case http.MethodGet:
			user["roles"] = current
			writeJSON(w, http.StatusOK, user)
		}
	}))
	c := newTestClient(t, srv.URL, nil)
	_, err := c.RemoveProjectUserRole(context.Background(), testProjectID, "aaaaaaaaaaaaaaaaaaaaaaaa", "GROUP_OWNER")
	if !IsAfterLostAnswer(err) || !MayHaveHappened(err) {
		t.Fatalf("RemoveProjectUserRole after a lost answer: err = %v; want an error marked as following a lost answer", err)
	}
	if got := mu.Load().([]string); len(got) != 1 || got[0] != "GROUP_READ_ONLY" {
		t.Fatalf("roles in Atlas = %v; the lost attempt should have removed GROUP_OWNER", got)
	}
}

func TestOAuth_tokenEndpointNotFoundBlamesTheBaseURL(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		basePath       string // appended to the test server's URL
		tokenStatus    int    // answer of the real token endpoint
		wantErr        string
		wantNotFound   bool
		wantNotInError string
	}{
		"base URL with /api": {
			basePath: "/api", tokenStatus: http.StatusOK, wantNotFound: true,
			wantErr:        "/api/api/oauth/token does not exist (HTTP 404): the base URL must be the Atlas host without a path, such as https://cloud.mongodb.com",
			wantNotInError: "credentials were rejected",
		},
		"base URL with another path": {
			basePath: "/atlas", tokenStatus: http.StatusOK, wantNotFound: true,
			wantErr: "/atlas/api/oauth/token does not exist (HTTP 404)",
		},
		"right base URL, wrong secret": {
			tokenStatus: http.StatusUnauthorized,
			wantErr:     "client credentials were rejected", wantNotInError: "does not exist",
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var tokenRequests atomic.Int32
			srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path != TokenPath {
					if strings.HasSuffix(r.URL.Path, TokenPath) {
						tokenRequests.Add(1)
					}
					writeJSON(w, http.StatusNotFound, map[string]any{"error": 404, "errorCode": "RESOURCE_NOT_FOUND"})
					return
				}
				tokenRequests.Add(1)
				if tc.tokenStatus != http.StatusOK {
					writeJSON(w, tc.tokenStatus, map[string]string{"error": "invalid_client"})
					return
				}
				writeJSON(w, http.StatusOK, map[string]any{"access_token": "t", "token_type": "Bearer", "expires_in": 3600})
			})
			c := newTestClient(t, srv.URL+tc.basePath, func(c *Config) {
				c.AccessToken = ""
				c.ClientID, c.ClientSecret = "id", "secret"
			})
			_, err := c.GetProject(context.Background(), testProjectID)
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("error = %v; want it to contain %q", err, tc.wantErr)
			}
			if tc.wantNotInError != "" && strings.Contains(err.Error(), tc.wantNotInError) {
				t.Fatalf("error = %v; must not say %q", err, tc.wantNotInError)
			}
			if got := IsTokenEndpointNotFound(err); got != tc.wantNotFound {
				t.Fatalf("IsTokenEndpointNotFound = %v; want %v", got, tc.wantNotFound)
			}
			if IsNotFound(err) {
				t.Fatalf("a token endpoint failure must not look like a missing API object: %v", err)
			}
			if n := tokenRequests.Load(); n != 1 {
				t.Fatalf("token requests = %d; want 1 (a 404 is not retried)", n)
			}
		})
	}
}

func TestAccessToken_rejectedStaticTokenSaysWhatToDo(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		errorCode    string
		digest       bool
		wantRejected bool
	}{
		"expired static token":                   {errorCode: "TOKEN_EXPIRED", wantRejected: true},
		"invalid static token":                   {errorCode: "INVALID_TOKEN", wantRejected: true},
		"valid token lacking a role":             {errorCode: "USER_UNAUTHORIZED"},
		"API keys rejected (not a static token)": {errorCode: "NOT_AUTHENTICATED", digest: true},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var requests atomic.Int32
			srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
				requests.Add(1)
				writeAPIError(w, http.StatusUnauthorized, tc.errorCode, "rejected")
			})
			c := newTestClient(t, srv.URL, func(c *Config) {
				if tc.digest {
					c.AccessToken = ""
					c.PublicKey, c.PrivateKey = "pub", "priv"
				}
			})
			_, err := c.GetProject(context.Background(), testProjectID)
			if !hasStatus(err, http.StatusUnauthorized) || (!tc.digest && ErrorCode(err) != tc.errorCode) {
				t.Fatalf("error = %v; want the 401 %s, still typed", err, tc.errorCode)
			}
			if got := IsAccessTokenRejected(err); got != tc.wantRejected {
				t.Fatalf("IsAccessTokenRejected = %v; want %v (error %v)", got, tc.wantRejected, err)
			}
			if got := IsPermissionDenied(err); got != (tc.errorCode == "USER_UNAUTHORIZED") {
				t.Fatalf("IsPermissionDenied = %v for %s (error %v)", got, tc.errorCode, err)
			}
			advice := "get a new access token, or use client credentials (a service account's client ID and secret)"
			if got := strings.Contains(err.Error(), advice); got != tc.wantRejected {
				t.Fatalf("error = %v; advice to renew the token present = %v, want %v", err, got, tc.wantRejected)
			}
			if n := requests.Load(); n != 1 && !tc.digest {
				t.Fatalf("requests = %d; a rejected static token must not be retried", n)
			}
		})
	}
}

// Only 400 and 401, the statuses OAuth2 gives unknown or wrong client
// credentials (invalid_client, unauthorized_client), are reported as rejected
// credentials; any other refusal names its status and OAuth2 error code.
func TestOAuth_onlyCredentialStatusesBlameTheCredentials(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		status       int
		code         string
		wantErr      string
		wantRejected bool
		wantRequests int32
	}{
		"401 invalid_client": {
			status: http.StatusUnauthorized, code: "invalid_client", wantRejected: true, wantRequests: 1,
			wantErr: "returned 401 invalid_client: the client credentials were rejected",
		},
		"400 unauthorized_client": {
			status: http.StatusBadRequest, code: "unauthorized_client", wantRejected: true, wantRequests: 1,
			wantErr: "returned 400 unauthorized_client: the client credentials were rejected",
		},
		"403 access_denied": {
			status: http.StatusForbidden, code: "access_denied", wantRequests: 1,
			wantErr: "Atlas OAuth2 token request returned 403 Forbidden (OAuth2 error access_denied)",
		},
		"405 without an error code": {
			status: http.StatusMethodNotAllowed, wantRequests: 1,
			wantErr: "Atlas OAuth2 token request returned 405 Method Not Allowed",
		},
		"503 after every retry": {
			status: http.StatusServiceUnavailable, code: "temporarily_unavailable", wantRequests: 3,
			wantErr: "returned 503 Service Unavailable (OAuth2 error temporarily_unavailable)",
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var tokenRequests atomic.Int32
			srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path != TokenPath {
					t.Errorf("unexpected API request %s %s: the token was never issued", r.Method, r.URL.Path)
					return
				}
				tokenRequests.Add(1)
				body := map[string]string{"error_description": "top-secret-value"}
				if tc.code != "" {
					body["error"] = tc.code
				}
				writeJSON(w, tc.status, body)
			})
			c := newTestClient(t, srv.URL, func(c *Config) {
				c.AccessToken = ""
				c.ClientID, c.ClientSecret = "id", "top-secret-value"
				c.MaxRetries = 2
			})
			_, err := c.GetProject(context.Background(), testProjectID)
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("error = %v; want it to contain %q", err, tc.wantErr)
			}
			if got := strings.Contains(err.Error(), "credentials were rejected"); got != tc.wantRejected {
				t.Fatalf("error = %v; says the credentials were rejected = %v, want %v", err, got, tc.wantRejected)
			}
			if strings.Contains(err.Error(), "top-secret-value") {
				t.Fatalf("error leaks the token endpoint's answer: %v", err)
			}
			if n := tokenRequests.Load(); n != tc.wantRequests {
				t.Fatalf("token requests = %d; want %d", n, tc.wantRequests)
			}
		})
	}
}

// Atlas limits token requests per client IP and client ID (10 a minute); many
// provider processes starting at once are answered 429 with Retry-After. The
// client waits at least that long and asks again, and a 429 never blames the
// credentials.
func TestOAuth_tokenEndpointRateLimitHonoursRetryAfter(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		limited       int32 // how many token requests are answered 429
		maxRetries    int
		rateLimitWait time.Duration
		wantErr       string
		wantRequests  int32
	}{
		"one 429, then a token": {limited: 1, maxRetries: 3, wantRequests: 2},
		// The token endpoint's 429, like the API's, proves nothing was done:
		// it is waited out for up to RateLimitWait, not MaxRetries attempts.
		"three 429s with max_retries 1": {limited: 3, maxRetries: 1, wantRequests: 4},
		"429 until the wait budget runs out": {
			limited: 100, maxRetries: 1, rateLimitWait: 1500 * time.Millisecond, wantRequests: 2,
			wantErr: "Atlas OAuth2 token request returned 429 Too Many Requests",
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			ts := &tokenServer{clientID: "id", clientSecret: "secret", expiresIn: 3600}
			var tokenRequests atomic.Int32
			srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path == TokenPath {
					if tokenRequests.Add(1) <= tc.limited {
						w.Header().Set("Retry-After", "1")
						writeAPIError(w, http.StatusTooManyRequests, "RATE_LIMITED", "Resource /api/oauth/token is limited to 10 requests every 1 minutes.")
						return
					}
					ts.serveToken(w, r)
					return
				}
				writeJSON(w, http.StatusOK, map[string]any{"id": testProjectID})
			})
			clock := testClock()
			c := newTestClient(t, srv.URL, func(c *Config) {
				c.AccessToken = ""
				c.ClientID, c.ClientSecret = "id", "secret"
				c.MaxRetries = tc.maxRetries
				if tc.rateLimitWait > 0 {
					c.RateLimitWait = tc.rateLimitWait
				}
				c.Clock = clock
			})
			_, err := c.GetProject(context.Background(), testProjectID)
			if tc.wantErr == "" && err != nil {
				t.Fatalf("GetProject: %v", err)
			}
			if tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr) || strings.Contains(err.Error(), "credentials were rejected")) {
				t.Fatalf("error = %v; want it to contain %q and not blame the credentials", err, tc.wantErr)
			}
			// Each wait is Retry-After plus a jitter below MinBackoff (1 ms).
			waits := clock.Waits()
			if len(waits) != int(tc.wantRequests)-1 {
				t.Fatalf("waits = %v; want one before each of the %d retries", waits, tc.wantRequests-1)
			}
			for _, w := range waits {
				if w < time.Second || w >= time.Second+time.Millisecond {
					t.Fatalf("waits = %v; want each the 1 s Retry-After plus under 1 ms of jitter", waits)
				}
			}
			if n := tokenRequests.Load(); n != tc.wantRequests {
				t.Fatalf("token requests = %d; want %d", n, tc.wantRequests)
			}
		})
	}
}

// revokeServer is an Atlas stand-in with the token and revocation endpoints
// and one API path, recording what was revoked.
type revokeServer struct {
	tokenServer
	mu      sync.Mutex
	revoked []string
	// status answers revocations; 0 means 200.
	status int
}

func (s *revokeServer) handler(t *testing.T) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case TokenPath:
			s.serveToken(w, r)
		case RevokePath:
			id, secret, ok := r.BasicAuth()
			if err := r.ParseForm(); err != nil || !ok || id != s.clientID || secret != s.clientSecret ||
				r.PostForm.Get("token_type_hint") != "access_token" || r.Method != http.MethodPost {
				t.Errorf("revocation: method %s, client auth %t %q, form %v", r.Method, ok, id, r.PostForm)
				writeJSON(w, http.StatusUnauthorized, map[string]string{"error": "invalid_client"})
				return
			}
			s.mu.Lock()
			s.revoked = append(s.revoked, r.PostForm.Get("token"))
			s.mu.Unlock()
			if s.status != 0 {
				w.WriteHeader(s.status)
				return
			}
			writeJSON(w, http.StatusOK, map[string]any{})
		default:
			if r.Header.Get("Authorization") == "Bearer issued-token-1" && r.URL.Query().Get("reject") == "1" {
				writeAPIError(w, http.StatusUnauthorized, "INVALID_TOKEN", "token revoked")
				return
			}
			writeJSON(w, http.StatusOK, map[string]any{"id": testProjectID})
		}
	}
}

func (s *revokeServer) revokedTokens() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.revoked)
}

func TestRevokeTokens_revokesWhatTheClientFetchedOnce(t *testing.T) {
	t.Parallel()
	rs := &revokeServer{tokenServer: tokenServer{clientID: "id", clientSecret: "secret", expiresIn: 3600}}
	srv := newServer(t, rs.handler(t))
	c := newTestClient(t, srv.URL, func(c *Config) {
		c.AccessToken = ""
		c.ClientID, c.ClientSecret = "id", "secret"
	})
	ctx := context.Background()
	if err := c.RevokeTokens(ctx); err != nil || len(rs.revokedTokens()) != 0 {
		t.Fatalf("before any token: err %v, revoked %v", err, rs.revokedTokens())
	}
	for range 3 {
		if _, err := c.GetProject(ctx, testProjectID); err != nil {
			t.Fatal(err)
		}
	}
	if err := c.RevokeTokens(ctx); err != nil {
		t.Fatal(err)
	}
	if got := rs.revokedTokens(); !slices.Equal(got, []string{"issued-token-1"}) {
		t.Fatalf("revoked %v; want the one token fetched", got)
	}
	// Revoked tokens are forgotten: a later request fetches a new one, and
	// only that one is revoked next time.
	if _, err := c.GetProject(ctx, testProjectID); err != nil {
		t.Fatal(err)
	}
	if err := c.RevokeTokens(ctx); err != nil {
		t.Fatal(err)
	}
	if got := rs.revokedTokens(); !slices.Equal(got, []string{"issued-token-1", "issued-token-2"}) {
		t.Fatalf("revoked %v; want each token once", got)
	}
}

func TestRevokeTokens_skipsTokensAtlasRefusedAndTokensItWasGiven(t *testing.T) {
	t.Parallel()
	t.Run("a rejected token is replaced; only the replacement is revoked", func(t *testing.T) {
		t.Parallel()
		rs := &revokeServer{tokenServer: tokenServer{clientID: "id", clientSecret: "secret", expiresIn: 3600}}
		srv := newServer(t, rs.handler(t))
		c := newTestClient(t, srv.URL, func(c *Config) {
			c.AccessToken = ""
			c.ClientID, c.ClientSecret = "id", "secret"
		})
		if err := c.do(context.Background(), request{method: http.MethodGet, path: "/groups/" + testProjectID, query: url.Values{"reject": {"1"}}, version: VersionProjects}, nil); err != nil {
			t.Fatal(err)
		}
		if err := c.RevokeTokens(context.Background()); err != nil {
			t.Fatal(err)
		}
		if got := rs.revokedTokens(); !slices.Equal(got, []string{"issued-token-2"}) {
			t.Fatalf("revoked %v; want only the replacement", got)
		}
	})
	t.Run("an access token it was given is never revoked", func(t *testing.T) {
		t.Parallel()
		rs := &revokeServer{tokenServer: tokenServer{clientID: "id", clientSecret: "secret", expiresIn: 3600}}
		srv := newServer(t, rs.handler(t))
		c := newTestClient(t, srv.URL, nil) // Config.AccessToken
		if _, err := c.GetProject(context.Background(), testProjectID); err != nil {
			t.Fatal(err)
		}
		if err := c.RevokeTokens(context.Background()); err != nil || len(rs.revokedTokens()) != 0 {
			t.Fatalf("err %v, revoked %v; a given token is not the client's to revoke", err, rs.revokedTokens())
		}
	})
	t.Run("a failed revocation is reported without the token or secret", func(t *testing.T) {
		t.Parallel()
		rs := &revokeServer{tokenServer: tokenServer{clientID: "id", clientSecret: "top-secret-value", expiresIn: 3600}, status: http.StatusInternalServerError}
		srv := newServer(t, rs.handler(t))
		c := newTestClient(t, srv.URL, func(c *Config) {
			c.AccessToken = ""
			c.ClientID, c.ClientSecret = "id", "top-secret-value"
		})
		if _, err := c.GetProject(context.Background(), testProjectID); err != nil {
			t.Fatal(err)
		}
		err := c.RevokeTokens(context.Background())
		if err == nil || !strings.Contains(err.Error(), "HTTP 500") {
			t.Fatalf("err = %v; want the revocation's HTTP 500", err)
		}
		for _, secret := range []string{"issued-token-1", "top-secret-value"} {
			if strings.Contains(err.Error(), secret) {
				t.Fatalf("error leaks %q: %v", secret, err)
			}
		}
	})
}
