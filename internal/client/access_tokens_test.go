package client

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

const (
	otherClientID     = "mdb_sa_id_0123456789abcdef01234567"
	otherClientSecret = "mdb_sa_sk_other-secret-4d2c9b"
	otherToken        = "other-access-token-7f1e3a"
)

// otherAccountServer is Atlas's token and revocation endpoints for one
// service account other than the client's own. The first `failures` token
// or revocation requests are answered with failStatus and failBody.
type otherAccountServer struct {
	failures   int32
	failStatus int
	failBody   map[string]any
	// date is the Date header of token answers: "" lets net/http set it,
	// "none" sends none.
	date string

	tokenCalls, revokeCalls atomic.Int32
	mu                      sync.Mutex
	tokenReqs               []*http.Request
	revoked                 []string
	apiAuth                 []string
}

func (s *otherAccountServer) handler(t *testing.T) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case TokenPath:
			n := s.tokenCalls.Add(1)
			s.mu.Lock()
			s.tokenReqs = append(s.tokenReqs, r.Clone(r.Context()))
			s.mu.Unlock()
			if n <= s.failures {
				writeJSON(w, s.failStatus, s.failBody)
				return
			}
			id, secret, ok := r.BasicAuth()
			if err := r.ParseForm(); err != nil || !ok || id != otherClientID || secret != otherClientSecret ||
				r.PostForm.Get("grant_type") != "client_credentials" || r.Method != http.MethodPost {
				writeJSON(w, http.StatusUnauthorized, map[string]string{"error": "invalid_client"})
				return
			}
			switch s.date {
			case "none":
				w.Header()["Date"] = nil
			case "":
			default:
				w.Header().Set("Date", s.date)
			}
			writeJSON(w, http.StatusOK, map[string]any{"access_token": otherToken, "token_type": "Bearer", "expires_in": 3600})
		case RevokePath:
			n := s.revokeCalls.Add(1)
			if n <= s.failures {
				writeJSON(w, s.failStatus, s.failBody)
				return
			}
			id, secret, ok := r.BasicAuth()
			if err := r.ParseForm(); err != nil || !ok || id != otherClientID || secret != otherClientSecret ||
				r.PostForm.Get("token_type_hint") != "access_token" || r.Method != http.MethodPost ||
				r.Header.Get("Content-Type") != "application/x-www-form-urlencoded" || r.UserAgent() != testUA {
				t.Errorf("revocation: method %s, client auth %t %q, form %v, headers %v", r.Method, ok, id, r.PostForm, r.Header)
				writeJSON(w, http.StatusUnauthorized, map[string]string{"error": "invalid_client"})
				return
			}
			s.mu.Lock()
			s.revoked = append(s.revoked, r.PostForm.Get("token"))
			s.mu.Unlock()
			writeJSON(w, http.StatusOK, map[string]any{})
		default:
			s.mu.Lock()
			s.apiAuth = append(s.apiAuth, r.Header.Get("Authorization"))
			s.mu.Unlock()
			writeJSON(w, http.StatusOK, map[string]any{"id": testProjectID})
		}
	}
}

func (s *otherAccountServer) revokedTokens() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.revoked)
}

func (s *otherAccountServer) firstTokenRequest() *http.Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.tokenReqs[0]
}

func assertNoCredentials(t *testing.T, what, text string) {
	t.Helper()
	for _, s := range []string{otherClientSecret, otherToken} {
		if strings.Contains(text, s) {
			t.Errorf("%s contains %q:\n%s", what, s, text)
		}
	}
}

func TestIssueAccessToken_exchangesTheAccountsClientCredentials(t *testing.T) {
	t.Parallel()
	s := &otherAccountServer{}
	srv := newServer(t, s.handler(t))
	c := newTestClient(t, srv.URL, nil)
	start := time.Now()
	tok, err := c.IssueAccessToken(context.Background(), otherClientID, otherClientSecret)
	if err != nil {
		t.Fatal(err)
	}
	if tok.Token != otherToken {
		t.Fatalf("token = %q; want the issued one", tok.Token)
	}
	// The server's clock is this machine's: its Date, stamped during the
	// call, plus the hour of expires_in.
	if end := time.Now(); tok.ExpiresAt.Before(start.Truncate(time.Second).Add(time.Hour)) || tok.ExpiresAt.After(end.Add(time.Hour)) {
		t.Fatalf("ExpiresAt = %s; want an hour after the answer's Date, between %s and %s", tok.ExpiresAt, start, end)
	}
	if n := s.tokenCalls.Load(); n != 1 {
		t.Fatalf("token requests = %d; want 1", n)
	}
	req := s.firstTokenRequest()
	if req.UserAgent() != testUA {
		t.Errorf("User-Agent = %q; want %q", req.UserAgent(), testUA)
	}
	if !strings.HasPrefix(req.Header.Get("Authorization"), "Basic ") {
		t.Errorf("Authorization = %q; want HTTP Basic client authentication (not the client's own bearer token)", req.Header.Get("Authorization"))
	}
}

// The issued token's expiry is on Atlas's clock, read from the Date of the
// token answer, so a machine whose clock is wrong does not misjudge it.
func TestIssueAccessToken_expiryFollowsAtlassClock(t *testing.T) {
	t.Parallel()
	atlasNow := time.Date(2031, 5, 6, 7, 8, 9, 0, time.UTC)
	t.Run("Date header", func(t *testing.T) {
		t.Parallel()
		s := &otherAccountServer{date: atlasNow.Format(http.TimeFormat)}
		srv := newServer(t, s.handler(t))
		clock := testClock()
		c := newTestClient(t, srv.URL, func(c *Config) { c.Clock = clock })
		tok, err := c.IssueAccessToken(context.Background(), otherClientID, otherClientSecret)
		if err != nil {
			t.Fatal(err)
		}
		// The fake clock stood still from the answer on: Atlas's Date plus
		// expires_in exactly.
		if want := atlasNow.Add(time.Hour); !tok.ExpiresAt.Equal(want) {
			t.Fatalf("ExpiresAt = %s; want %s (Atlas's Date + expires_in)", tok.ExpiresAt, want)
		}
		if atlas, ok := c.AtlasTime(clock.Now()); !ok || !atlas.Equal(atlasNow) {
			t.Fatalf("AtlasTime = %s, %t; the token answer's Date should set Atlas's clock", atlas, ok)
		}
	})
	t.Run("no Date header", func(t *testing.T) {
		t.Parallel()
		s := &otherAccountServer{date: "none"}
		srv := newServer(t, s.handler(t))
		clock := testClock()
		c := newTestClient(t, srv.URL, func(c *Config) { c.Clock = clock })
		tok, err := c.IssueAccessToken(context.Background(), otherClientID, otherClientSecret)
		if err != nil {
			t.Fatal(err)
		}
		if want := clock.Now().Add(time.Hour); !tok.ExpiresAt.Equal(want) {
			t.Fatalf("ExpiresAt = %s; want %s, local time + expires_in", tok.ExpiresAt, want)
		}
	})
}

// A client that signs in with its own client credentials keeps its own
// token: issuing one for another account neither uses nor replaces it, and
// RevokeTokens, which revokes the client's own tokens, leaves it alone.
func TestIssueAccessToken_isSeparateFromTheClientsOwnToken(t *testing.T) {
	t.Parallel()
	own := &revokeServer{tokenServer: tokenServer{clientID: "own-id", clientSecret: "own-secret", expiresIn: 3600}}
	other := &otherAccountServer{}
	ownHandler, otherHandler := own.handler(t), other.handler(t)
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		id, _, _ := r.BasicAuth()
		if id == otherClientID {
			otherHandler(w, r)
			return
		}
		ownHandler(w, r)
	})
	c := newTestClient(t, srv.URL, func(c *Config) {
		c.AccessToken = ""
		c.ClientID, c.ClientSecret = "own-id", "own-secret"
	})
	ctx := context.Background()
	if _, err := c.GetProject(ctx, testProjectID); err != nil {
		t.Fatal(err)
	}
	tok, err := c.IssueAccessToken(ctx, otherClientID, otherClientSecret)
	if err != nil || tok.Token != otherToken {
		t.Fatalf("IssueAccessToken = %v, %v", tok, err)
	}
	if _, err := c.GetProject(ctx, testProjectID); err != nil {
		t.Fatal(err)
	}
	if n := own.tokenRequests.Load(); n != 1 {
		t.Fatalf("own token requests = %d; want 1 (the cached own token is kept)", n)
	}
	if err := c.RevokeTokens(ctx); err != nil {
		t.Fatal(err)
	}
	if got := own.revokedTokens(); !slices.Equal(got, []string{"issued-token-1"}) {
		t.Fatalf("RevokeTokens revoked %v; want only the client's own token", got)
	}
}

func TestIssueAccessToken_rejectedCredentialsNameTheClientID(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		status       int
		body         map[string]any
		wantRejected bool
		wantRequests int32
	}{
		"401 invalid_client":      {status: 401, body: map[string]any{"error": "invalid_client"}, wantRejected: true, wantRequests: 1},
		"401 without a code":      {status: 401, body: map[string]any{"detail": "no"}, wantRejected: true, wantRequests: 1},
		"400 invalid_grant":       {status: 400, body: map[string]any{"error": "invalid_grant"}, wantRejected: true, wantRequests: 1},
		"400 unauthorized_client": {status: 400, body: map[string]any{"error": "unauthorized_client"}, wantRejected: true, wantRequests: 1},
		"400 invalid_client":      {status: 400, body: map[string]any{"error": "invalid_client"}, wantRejected: true, wantRequests: 1},
		"400 invalid_request":     {status: 400, body: map[string]any{"error": "invalid_request"}, wantRequests: 1},
		"403":                     {status: 403, body: map[string]any{"error": "access_denied"}, wantRequests: 1},
		"500 until the budget runs out": {
			status: 500, body: map[string]any{"error": "server_error", "detail": otherClientSecret}, wantRequests: 4,
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			s := &otherAccountServer{failures: 100, failStatus: tc.status, failBody: tc.body}
			srv := newServer(t, s.handler(t))
			c := newTestClient(t, srv.URL, nil) // MaxRetries 3
			_, err := c.IssueAccessToken(context.Background(), otherClientID, otherClientSecret)
			if err == nil {
				t.Fatal("no error")
			}
			if IsClientCredentialsRejected(err) != tc.wantRejected {
				t.Fatalf("IsClientCredentialsRejected(%v) = %t; want %t", err, !tc.wantRejected, tc.wantRejected)
			}
			if tc.wantRejected {
				for _, want := range []string{otherClientID, "expired", "revoked", "deleted"} {
					if !strings.Contains(err.Error(), want) {
						t.Errorf("error %q does not mention %q", err, want)
					}
				}
			}
			assertNoCredentials(t, "error", err.Error())
			if n := s.tokenCalls.Load(); n != tc.wantRequests {
				t.Fatalf("token requests = %d; want %d", n, tc.wantRequests)
			}
		})
	}
}

func TestIssueAccessToken_retriesWhatMayPass(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		status int
		body   map[string]any
	}{
		"429": {status: 429, body: map[string]any{"errorCode": "RATE_LIMITED"}},
		"503": {status: 503, body: map[string]any{"error": "temporarily_unavailable"}},
		"500": {status: 500, body: map[string]any{"error": "server_error"}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			s := &otherAccountServer{failures: 1, failStatus: tc.status, failBody: tc.body}
			srv := newServer(t, s.handler(t))
			c := newTestClient(t, srv.URL, nil)
			tok, err := c.IssueAccessToken(context.Background(), otherClientID, otherClientSecret)
			if err != nil || tok.Token != otherToken {
				t.Fatalf("IssueAccessToken = %v, %v", tok, err)
			}
			if n := s.tokenCalls.Load(); n != 2 {
				t.Fatalf("token requests = %d; want 2", n)
			}
		})
	}
}

func TestIssueAccessToken_tokenEndpointNotFoundBlamesTheBaseURL(t *testing.T) {
	t.Parallel()
	s := &otherAccountServer{failures: 100, failStatus: 404, failBody: map[string]any{"error": "not found"}}
	srv := newServer(t, s.handler(t))
	c := newTestClient(t, srv.URL, nil)
	_, err := c.IssueAccessToken(context.Background(), otherClientID, otherClientSecret)
	if !IsTokenEndpointNotFound(err) || IsClientCredentialsRejected(err) || s.tokenCalls.Load() != 1 {
		t.Fatalf("error = %v after %d requests; want one token-endpoint-not-found error", err, s.tokenCalls.Load())
	}
}

func TestIssueAndRevokeAccessToken_emptyArgumentsSendNothing(t *testing.T) {
	t.Parallel()
	s := &otherAccountServer{}
	srv := newServer(t, s.handler(t))
	c := newTestClient(t, srv.URL, nil)
	ctx := context.Background()
	checks := map[string]struct {
		err  error
		want string
	}{}
	_, err := c.IssueAccessToken(ctx, "", otherClientSecret)
	checks["issue without client ID"] = struct {
		err  error
		want string
	}{err, "client ID must not be empty"}
	_, err = c.IssueAccessToken(ctx, otherClientID, "")
	checks["issue without secret"] = struct {
		err  error
		want string
	}{err, "client secret of " + otherClientID + " must not be empty"}
	checks["revoke without token"] = struct {
		err  error
		want string
	}{c.RevokeAccessToken(ctx, otherClientID, otherClientSecret, ""), "access token to revoke must not be empty"}
	checks["revoke without secret"] = struct {
		err  error
		want string
	}{c.RevokeAccessToken(ctx, otherClientID, "", otherToken), "client secret of"}
	for name, tc := range checks {
		if tc.err == nil || !strings.Contains(tc.err.Error(), tc.want) {
			t.Errorf("%s: error = %v; want it to contain %q", name, tc.err, tc.want)
		}
	}
	if n := s.tokenCalls.Load() + s.revokeCalls.Load(); n != 0 {
		t.Fatalf("requests = %d; want none", n)
	}
}

func TestRevokeAccessToken(t *testing.T) {
	t.Parallel()
	t.Run("revokes with the account's client authentication", func(t *testing.T) {
		t.Parallel()
		s := &otherAccountServer{}
		srv := newServer(t, s.handler(t))
		c := newTestClient(t, srv.URL, nil)
		if err := c.RevokeAccessToken(context.Background(), otherClientID, otherClientSecret, otherToken); err != nil {
			t.Fatal(err)
		}
		if got := s.revokedTokens(); !slices.Equal(got, []string{otherToken}) || s.revokeCalls.Load() != 1 {
			t.Fatalf("revocation requests = %d, %d tokens revoked; want the token once", s.revokeCalls.Load(), len(got))
		}
	})
	t.Run("5xx and 429 are retried", func(t *testing.T) {
		t.Parallel()
		for _, status := range []int{500, 502, 503, 429} {
			s := &otherAccountServer{failures: 1, failStatus: status, failBody: map[string]any{"error": "server_error"}}
			srv := newServer(t, s.handler(t))
			c := newTestClient(t, srv.URL, nil)
			if err := c.RevokeAccessToken(context.Background(), otherClientID, otherClientSecret, otherToken); err != nil {
				t.Fatalf("%d: %v", status, err)
			}
			if n := s.revokeCalls.Load(); n != 2 || len(s.revokedTokens()) != 1 {
				t.Fatalf("%d: revocation requests = %d; want 2", status, n)
			}
		}
	})
	t.Run("refused credentials name the client ID", func(t *testing.T) {
		t.Parallel()
		s := &otherAccountServer{failures: 100, failStatus: 401, failBody: map[string]any{"error": "invalid_client"}}
		srv := newServer(t, s.handler(t))
		c := newTestClient(t, srv.URL, nil)
		err := c.RevokeAccessToken(context.Background(), otherClientID, otherClientSecret, otherToken)
		if !IsClientCredentialsRejected(err) || !strings.Contains(err.Error(), otherClientID) || s.revokeCalls.Load() != 1 {
			t.Fatalf("error = %v after %d requests; want one rejected-credentials error naming the client ID", err, s.revokeCalls.Load())
		}
		assertNoCredentials(t, "error", err.Error())
	})
	t.Run("a persistent failure gives up without leaking", func(t *testing.T) {
		t.Parallel()
		s := &otherAccountServer{failures: 100, failStatus: 500, failBody: map[string]any{"error": "server_error"}}
		srv := newServer(t, s.handler(t))
		c := newTestClient(t, srv.URL, func(c *Config) { c.MaxRetries = 1 })
		err := c.RevokeAccessToken(context.Background(), otherClientID, otherClientSecret, otherToken)
		if err == nil || IsClientCredentialsRejected(err) || !strings.Contains(err.Error(), "HTTP 500") || s.revokeCalls.Load() != 2 {
			t.Fatalf("error = %v after %d requests; want the HTTP 500 after 2", err, s.revokeCalls.Load())
		}
		assertNoCredentials(t, "error", err.Error())
	})
}

// Every OAuth2 call for another account is logged (method, path, status),
// and no log line holds its secret or the token, whatever happens.
func TestAccessTokenCalls_logsNeverContainTheSecretOrToken(t *testing.T) {
	t.Parallel()
	log := &captureLogger{}
	ok := &otherAccountServer{failures: 1, failStatus: 503, failBody: map[string]any{"error": "temporarily_unavailable"}}
	okSrv := newServer(t, ok.handler(t))
	c := newTestClient(t, okSrv.URL, func(c *Config) { c.Logger = log })
	ctx := context.Background()
	tok, err := c.IssueAccessToken(ctx, otherClientID, otherClientSecret)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.RevokeAccessToken(ctx, otherClientID, otherClientSecret, tok.Token); err != nil {
		t.Fatal(err)
	}
	bad := &otherAccountServer{failures: 100, failStatus: 401, failBody: map[string]any{"error": "invalid_client"}}
	badSrv := newServer(t, bad.handler(t))
	c2 := newTestClient(t, badSrv.URL, func(c *Config) { c.Logger = log })
	if _, err := c2.IssueAccessToken(ctx, otherClientID, otherClientSecret); !IsClientCredentialsRejected(err) {
		t.Fatalf("error = %v", err)
	}
	if err := c2.RevokeAccessToken(ctx, otherClientID, otherClientSecret, otherToken); !IsClientCredentialsRejected(err) {
		t.Fatalf("error = %v", err)
	}
	text := log.text()
	assertNoCredentials(t, "logs", text)
	for _, s := range []string{"Authorization", "Basic "} {
		if strings.Contains(text, s) {
			t.Errorf("logs contain %q:\n%s", s, text)
		}
	}
	// The calls were logged: each of the token request and the revocation
	// (503, a retry, 200), and the two refusals.
	type counts struct{ attempts, retries int }
	got := map[any]*counts{TokenPath: {}, RevokePath: {}}
	for _, f := range log.fields {
		n, known := got[f["path"]]
		if !known {
			t.Fatalf("unexpected log entry %v", f)
		}
		if _, isRetry := f["wait_ms"]; isRetry {
			n.retries++
		} else {
			n.attempts++
		}
	}
	for path, n := range got {
		if n.attempts != 3 || n.retries != 1 {
			t.Errorf("%s: logged %d attempts and %d retries; want 3 and 1:\n%s", path, n.attempts, n.retries, text)
		}
	}
}
