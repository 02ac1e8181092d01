package client

import (
	"context"
	"crypto/md5"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client/clocktest"
)

const (
	testProjectID = "32b6e34b3d91647abb20e7b8"
	testOrgID     = "4888442a3354817a7320eb61"
	testClientID  = "mdb_sa_id_1234567890abcdef12345678"
	testUserID    = "5b6e34b3d91647abb20e7b81"
	testUA        = "terraform-provider-atlasaccess/test"
)

// newTestClient returns a bearer-token client with tiny back-offs and a
// fake clock (clocktest), so that no test waits between attempts; a test
// that asserts the waits gives its own (testClock).
func newTestClient(t testing.TB, baseURL string, mutate func(*Config)) *Client {
	t.Helper()
	cfg := Config{
		BaseURL:     baseURL,
		AccessToken: "test-access-token",
		MaxRetries:  3,
		UserAgent:   testUA,
		MinBackoff:  time.Millisecond,
		MaxBackoff:  5 * time.Millisecond,
		Clock:       testClock(),
	}
	if mutate != nil {
		mutate(&cfg)
	}
	c, err := New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return c
}

// testClock is a fake clock that starts at the real time, so that Date
// headers of a test server are near it.
func testClock() *clocktest.Clock { return clocktest.New(time.Now()) }

// writeJSON writes v with the given status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// writeAPIError writes an ApiError body.
func writeAPIError(w http.ResponseWriter, status int, code, detail string) {
	writeJSON(w, status, map[string]any{
		"error":     status,
		"errorCode": code,
		"detail":    detail,
		"reason":    http.StatusText(status),
	})
}

// recorder counts and keeps the requests a test server saw.
type recorder struct {
	mu       sync.Mutex
	requests []recordedRequest
}

type recordedRequest struct {
	Method     string
	RequestURI string
	Header     http.Header
	Body       string
}

func (r *recorder) record(req *http.Request) int {
	var body []byte
	if req.Body != nil {
		body, _ = io.ReadAll(req.Body)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.requests = append(r.requests, recordedRequest{Method: req.Method, RequestURI: req.RequestURI, Header: req.Header.Clone(), Body: string(body)})
	return len(r.requests)
}

func (r *recorder) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.requests)
}

func (r *recorder) last() recordedRequest {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.requests[len(r.requests)-1]
}

// captureLogger keeps every log entry as text.
type captureLogger struct {
	mu      sync.Mutex
	entries []string
	msgs    []string
	fields  []map[string]any
}

func (l *captureLogger) Debug(_ context.Context, msg string, fields map[string]any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.entries = append(l.entries, fmt.Sprintf("%s %v", msg, fields))
	l.msgs = append(l.msgs, msg)
	cp := make(map[string]any, len(fields))
	for k, v := range fields {
		cp[k] = v
	}
	l.fields = append(l.fields, cp)
}

// messages are the logged messages, in order.
func (l *captureLogger) messages() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return slices.Clone(l.msgs)
}

// warnCaptureLogger is a captureLogger that also takes warnings.
type warnCaptureLogger struct {
	captureLogger
	warnings []string
}

func (l *warnCaptureLogger) Warn(_ context.Context, msg string, _ map[string]any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.warnings = append(l.warnings, msg)
}

func (l *captureLogger) text() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Join(l.entries, "\n")
}

// digestChecker is a minimal RFC 2617 digest verifier (MD5, qop=auth).
type digestChecker struct {
	username, password string
	realm, nonce       string
	challenges         atomic.Int32
	failures           atomic.Int32
}

func newDigestChecker(user, pass string) *digestChecker {
	return &digestChecker{username: user, password: pass, realm: "MMS Public API", nonce: "dcd98b7102dd2f0e8b11d0f600bfb0c093"}
}

func md5hex(s string) string {
	sum := md5.Sum([]byte(s))
	return hex.EncodeToString(sum[:])
}

// authorize answers 401 with a challenge (and returns false) unless the
// request carries a valid digest Authorization header.
func (d *digestChecker) authorize(w http.ResponseWriter, r *http.Request) bool {
	auth := r.Header.Get("Authorization")
	if !strings.HasPrefix(auth, "Digest ") {
		d.challenges.Add(1)
		w.Header().Set("WWW-Authenticate", fmt.Sprintf(`Digest realm="%s", domain="", nonce="%s", algorithm=MD5, qop="auth", stale=false`, d.realm, d.nonce))
		writeAPIError(w, http.StatusUnauthorized, "UNAUTHORIZED", "digest required")
		return false
	}
	p := map[string]string{}
	for _, part := range strings.Split(strings.TrimPrefix(auth, "Digest "), ", ") {
		k, v, _ := strings.Cut(part, "=")
		p[k] = strings.Trim(v, `"`)
	}
	ha1 := md5hex(d.username + ":" + d.realm + ":" + d.password)
	ha2 := md5hex(r.Method + ":" + p["uri"])
	want := md5hex(strings.Join([]string{ha1, d.nonce, p["nc"], p["cnonce"], p["qop"], ha2}, ":"))
	if p["username"] != d.username || p["realm"] != d.realm || p["nonce"] != d.nonce ||
		p["uri"] != r.RequestURI || p["qop"] != "auth" || p["response"] != want {
		d.failures.Add(1)
		writeAPIError(w, http.StatusUnauthorized, "UNAUTHORIZED", "bad digest")
		return false
	}
	return true
}

// tokenServer is an OAuth2 token endpoint plus an API that requires its token.
type tokenServer struct {
	clientID, clientSecret string
	expiresIn              int
	tokenRequests          atomic.Int32
	tokenUA                atomic.Value // string
	issued                 atomic.Int32
}

func (s *tokenServer) serveToken(w http.ResponseWriter, r *http.Request) {
	s.tokenRequests.Add(1)
	s.tokenUA.Store(r.UserAgent())
	id, secret, ok := r.BasicAuth()
	if err := r.ParseForm(); err != nil || !ok || id != s.clientID || secret != s.clientSecret || r.PostForm.Get("grant_type") != "client_credentials" {
		writeJSON(w, http.StatusUnauthorized, map[string]string{"error": "invalid_client"})
		return
	}
	n := s.issued.Add(1)
	writeJSON(w, http.StatusOK, map[string]any{
		"access_token": fmt.Sprintf("issued-token-%d", n),
		"token_type":   "Bearer",
		"expires_in":   s.expiresIn,
	})
}

// validBearer reports whether r carries a token this server issued.
func (s *tokenServer) validBearer(r *http.Request) bool {
	return strings.HasPrefix(r.Header.Get("Authorization"), "Bearer issued-token-")
}

func serviceAccountJSON(secret string) map[string]any {
	sa := map[string]any{
		"clientId":    testClientID,
		"name":        "ci",
		"description": "ci account",
		"roles":       []string{"GROUP_READ_ONLY"},
		"createdAt":   "2026-01-02T03:04:05Z",
		"secrets": []map[string]any{{
			"id":                "aaaaaaaaaaaaaaaaaaaaaaaa",
			"createdAt":         "2026-01-02T03:04:05Z",
			"expiresAt":         "2026-01-03T03:04:05Z",
			"maskedSecretValue": "mdb_sa_sk_...abcd",
		}},
	}
	if secret != "" {
		sa["secrets"].([]map[string]any)[0]["secret"] = secret
	}
	return sa
}

func newServer(t testing.TB, h http.HandlerFunc) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}
