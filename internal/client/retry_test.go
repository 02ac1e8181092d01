package client

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

func TestRetry_statusHandling(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		status       int
		code         string
		succeedAfter int // 0: never succeed
		wantRequests int32
		wantErr      []string
		wantIs       func(error) bool
	}{
		"500 retried to the budget": {status: 500, code: "UNEXPECTED_ERROR", wantRequests: 4, wantErr: []string{"after 4 attempts", "UNEXPECTED_ERROR"}},
		"502 retried to the budget": {status: 502, code: "BAD_GATEWAY", wantRequests: 4, wantErr: []string{"after 4 attempts", "502 BAD_GATEWAY"}},
		"503 retried to the budget": {status: 503, code: "SERVICE_UNAVAILABLE", wantRequests: 4, wantErr: []string{"after 4 attempts", "SERVICE_UNAVAILABLE"}},
		"504 retried then succeeds": {status: 504, code: "GATEWAY_TIMEOUT", succeedAfter: 2, wantRequests: 3},
		"429 retried then succeeds": {status: 429, code: "RATE_LIMITED", succeedAfter: 1, wantRequests: 2},
		"400 never retried":         {status: 400, code: "VALIDATION_ERROR", wantRequests: 1, wantErr: []string{"400 VALIDATION_ERROR"}, wantIs: func(err error) bool { return hasStatus(err, 400) }},
		"401 never retried":         {status: 401, code: "UNAUTHORIZED", wantRequests: 1, wantIs: func(err error) bool { return hasStatus(err, http.StatusUnauthorized) }},
		"403 never retried":         {status: 403, code: "FORBIDDEN", wantRequests: 1, wantIs: IsPermissionDenied},
		"404 never retried":         {status: 404, code: "RESOURCE_NOT_FOUND", wantRequests: 1, wantIs: IsNotFound},
		"409 never retried":         {status: 409, code: "CONFLICT", wantRequests: 1, wantIs: IsConflict},
		"invitation rate limit retried": {
			status: 400, code: errorCodeInvitationsRateLimited, succeedAfter: 2, wantRequests: 3,
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var n atomic.Int32
			srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
				i := n.Add(1)
				if tc.succeedAfter > 0 && int(i) > tc.succeedAfter {
					writeJSON(w, http.StatusOK, serviceAccountJSON(""))
					return
				}
				writeAPIError(w, tc.status, tc.code, "something happened")
			})
			c := newTestClient(t, srv.URL, nil)
			_, err := c.GetProjectServiceAccount(context.Background(), testProjectID, testClientID)
			if got := n.Load(); got != tc.wantRequests {
				t.Errorf("requests = %d; want %d", got, tc.wantRequests)
			}
			if tc.succeedAfter > 0 {
				if err != nil {
					t.Fatalf("error = %v; want success", err)
				}
				return
			}
			if err == nil {
				t.Fatal("error = nil; want an error")
			}
			for _, want := range tc.wantErr {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q does not contain %q", err, want)
				}
			}
			if ErrorCode(err) != tc.code {
				t.Errorf("ErrorCode = %q; want %q", ErrorCode(err), tc.code)
			}
			if tc.wantIs != nil && !tc.wantIs(err) {
				t.Errorf("status predicate false for %v", err)
			}
			if IsAmbiguous(err) {
				t.Errorf("GET error reported ambiguous: %v", err)
			}
		})
	}
}

func TestRetry_invitationRateLimitOnAddProjectUser(t *testing.T) {
	t.Parallel()
	var n atomic.Int32
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			writeAPIError(w, http.StatusBadRequest, errorCodeInvitationsRateLimited, "too many invitations")
			return
		}
		writeJSON(w, http.StatusCreated, map[string]any{"id": testUserID, "username": "a@example.com", "orgMembershipStatus": "PENDING", "roles": []string{"GROUP_READ_ONLY"}})
	})
	c := newTestClient(t, srv.URL, nil)
	u, err := c.AddProjectUser(context.Background(), testProjectID, AddProjectUserRequest{Username: "a@example.com", Roles: []string{"GROUP_READ_ONLY"}})
	if err != nil {
		t.Fatal(err)
	}
	if u.OrgMembershipStatus != "PENDING" || n.Load() != 2 {
		t.Fatalf("user = %+v, requests = %d; want PENDING after 2 requests", u, n.Load())
	}
}

func TestRetry_retryAfterIsHonoured(t *testing.T) {
	t.Parallel()
	var n atomic.Int32
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			w.Header().Set("Retry-After", "1")
			writeAPIError(w, http.StatusTooManyRequests, "RATE_LIMITED", "slow down")
			return
		}
		writeJSON(w, http.StatusOK, map[string]any{"id": testProjectID})
	})
	clock := testClock()
	c := newTestClient(t, srv.URL, func(c *Config) { c.Clock = clock })
	if _, err := c.GetProject(context.Background(), testProjectID); err != nil {
		t.Fatal(err)
	}
	// The back-off is at most 5 ms: the one wait is Retry-After's.
	if waits := clock.Waits(); len(waits) != 1 || waits[0] != time.Second {
		t.Fatalf("waits = %v; want one of the 1 s Retry-After", waits)
	}
	if n.Load() != 2 {
		t.Fatalf("requests = %d; want 2", n.Load())
	}
}

func TestRetry_createNotRetriedWhenSomethingMayHaveBeenCreated(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		status int
	}{
		"500": {status: 500},
		"502": {status: 502},
		"504": {status: 504},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var n atomic.Int32
			srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
				n.Add(1)
				writeAPIError(w, tc.status, "UNEXPECTED_ERROR", "oops")
			})
			c := newTestClient(t, srv.URL, nil)
			_, err := c.CreateProjectServiceAccount(context.Background(), testProjectID, CreateServiceAccountRequest{Name: "n", Description: "d", Roles: []string{"GROUP_OWNER"}, SecretExpiresAfterHours: 8})
			if !IsAmbiguous(err) {
				t.Fatalf("IsAmbiguous(%v) = false; want true", err)
			}
			if ErrorCode(err) != "UNEXPECTED_ERROR" {
				t.Fatalf("ErrorCode = %q; the APIError should stay reachable", ErrorCode(err))
			}
			if n.Load() != 1 {
				t.Fatalf("requests = %d; want 1", n.Load())
			}
			_, err = c.CreateProjectServiceAccountSecret(context.Background(), testProjectID, testClientID, 8)
			if !IsAmbiguous(err) || n.Load() != 2 {
				t.Fatalf("secret create: IsAmbiguous = %v, requests = %d; want true, 2", IsAmbiguous(err), n.Load())
			}
		})
	}
}

func TestRetry_createRetriedWhenNothingWasCreated(t *testing.T) {
	t.Parallel()
	tests := map[string]struct{ status int }{
		"429": {status: 429},
		"503": {status: 503},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var n atomic.Int32
			srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
				if n.Add(1) == 1 {
					writeAPIError(w, tc.status, "RATE_LIMITED", "later")
					return
				}
				writeJSON(w, http.StatusCreated, serviceAccountJSON("mdb_sa_sk_plain"))
			})
			c := newTestClient(t, srv.URL, nil)
			sa, err := c.CreateProjectServiceAccount(context.Background(), testProjectID, CreateServiceAccountRequest{Name: "n", Description: "d", Roles: []string{"GROUP_OWNER"}, SecretExpiresAfterHours: 8})
			if err != nil {
				t.Fatal(err)
			}
			if n.Load() != 2 || sa.Secrets[0].Secret != "mdb_sa_sk_plain" {
				t.Fatalf("requests = %d, secret = %q", n.Load(), sa.Secrets[0].Secret)
			}
		})
	}
}

// flakyTransport fails the first calls with err without writing anything.
type flakyTransport struct {
	fails atomic.Int32
	err   error
	next  http.RoundTripper
}

func (f *flakyTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if f.fails.Add(-1) >= 0 {
		return nil, f.err
	}
	return f.next.RoundTrip(r)
}

func TestRetry_createRetriedAfterDialError(t *testing.T) {
	t.Parallel()
	var n atomic.Int32
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		writeJSON(w, http.StatusCreated, serviceAccountJSON("s"))
	})
	ft := &flakyTransport{
		err:  &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED},
		next: http.DefaultTransport,
	}
	ft.fails.Store(2)
	c := newTestClient(t, srv.URL, func(c *Config) { c.HTTPClient = &http.Client{Transport: ft} })
	if _, err := c.CreateProjectServiceAccount(context.Background(), testProjectID, CreateServiceAccountRequest{Name: "n"}); err != nil {
		t.Fatal(err)
	}
	if n.Load() != 1 {
		t.Fatalf("server requests = %d; want 1", n.Load())
	}
}

// refusingURL returns the base URL of a port that refuses connections: a
// listener closed at once.
func refusingURL(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return "http://" + addr
}

func TestRetry_connectionRefusedGivesUpQuicklyAndNamesTheBaseURL(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		maxRetries   int
		oauth        bool // client credentials: the first request is the token's
		wantAttempts string
		wantWaits    int
	}{
		"API, max retries 20":            {maxRetries: 20, wantAttempts: "(3 attempts)", wantWaits: 2},
		"token endpoint, max retries 20": {maxRetries: 20, oauth: true, wantAttempts: "(3 attempts)", wantWaits: 2},
		"API, no retries":                {maxRetries: 0, wantAttempts: "(1 attempt)"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			base := refusingURL(t)
			// The real back-off (1 s to 30 s): a refused connection must not
			// be waited out like a rate limit.
			clock := testClock()
			c, err := New(Config{BaseURL: base, AccessToken: "tok", MaxRetries: tc.maxRetries, Clock: clock})
			if tc.oauth {
				c, err = New(Config{BaseURL: base, ClientID: "id", ClientSecret: "secret", MaxRetries: tc.maxRetries, Clock: clock})
			}
			if err != nil {
				t.Fatal(err)
			}
			_, err = c.CreateProjectServiceAccount(context.Background(), testProjectID, CreateServiceAccountRequest{Name: "n"})
			waits := clock.Waits()
			if len(waits) != tc.wantWaits {
				t.Fatalf("waited %d times (%v); want %d", len(waits), waits, tc.wantWaits)
			}
			for _, w := range waits {
				if w > maxRefusedWait {
					t.Fatalf("waits = %v; a refused connection must be retried within %s, not after the back-off", waits, maxRefusedWait)
				}
			}
			if err == nil || IsAmbiguous(err) {
				t.Fatalf("error = %v; want a non-ambiguous error", err)
			}
			if !IsConnectionRefused(err) || !errors.Is(err, syscall.ECONNREFUSED) {
				t.Fatalf("error is not reported as a refused connection: %v", err)
			}
			for _, want := range []string{"connection refused at the Atlas base URL " + base, "check the base URL", tc.wantAttempts} {
				if !strings.Contains(err.Error(), want) {
					t.Fatalf("error = %v; want it to contain %q", err, want)
				}
			}
		})
	}
}

func TestIsConnectionRefused(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		err  error
		want bool
	}{
		"nil":            {err: nil},
		"dial refused":   {err: &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}, want: true},
		"reset":          {err: &net.OpError{Op: "read", Net: "tcp", Err: syscall.ECONNRESET}},
		"a 503":          {err: &APIError{StatusCode: 503}},
		"wrapped report": {err: fmt.Errorf("reading: %w", &connectionRefusedError{baseURL: "http://x", attempts: 3, err: syscall.ECONNREFUSED}), want: true},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if got := IsConnectionRefused(tc.err); got != tc.want {
				t.Fatalf("IsConnectionRefused(%v) = %v; want %v", tc.err, got, tc.want)
			}
		})
	}
}

// hangupServer reads the request and closes the connection without answering.
func hangupServer(t *testing.T, count *atomic.Int32) string {
	t.Helper()
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		count.Add(1)
		conn, _, err := w.(http.Hijacker).Hijack()
		if err != nil {
			t.Errorf("hijack: %v", err)
			return
		}
		conn.Close()
	})
	return srv.URL
}

func TestRetry_connectionDroppedAfterSend(t *testing.T) {
	t.Parallel()
	t.Run("create is ambiguous", func(t *testing.T) {
		t.Parallel()
		var n atomic.Int32
		c := newTestClient(t, hangupServer(t, &n), nil)
		_, err := c.CreateProjectServiceAccount(context.Background(), testProjectID, CreateServiceAccountRequest{Name: "n"})
		if !IsAmbiguous(err) || n.Load() != 1 {
			t.Fatalf("IsAmbiguous = %v (err %v), requests = %d; want true, 1", IsAmbiguous(err), err, n.Load())
		}
	})
	t.Run("get is retried", func(t *testing.T) {
		t.Parallel()
		var n atomic.Int32
		c := newTestClient(t, hangupServer(t, &n), nil)
		_, err := c.GetProjectServiceAccount(context.Background(), testProjectID, testClientID)
		if err == nil || IsAmbiguous(err) || n.Load() != 4 {
			t.Fatalf("err = %v, requests = %d; want a plain error after 4 requests", err, n.Load())
		}
	})
	t.Run("add project user is retried", func(t *testing.T) {
		t.Parallel()
		var n atomic.Int32
		c := newTestClient(t, hangupServer(t, &n), nil)
		_, err := c.AddProjectUser(context.Background(), testProjectID, AddProjectUserRequest{Username: "a@example.com", Roles: []string{"GROUP_READ_ONLY"}})
		if err == nil || IsAmbiguous(err) || n.Load() != 4 {
			t.Fatalf("err = %v, requests = %d; want a plain error after 4 requests", err, n.Load())
		}
	})
}

func TestRetry_attemptTimeout(t *testing.T) {
	t.Parallel()
	slowFirst := func(n *atomic.Int32) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			if n.Add(1) == 1 {
				select {
				case <-r.Context().Done():
				case <-time.After(2 * time.Second):
				}
				return
			}
			writeJSON(w, http.StatusCreated, serviceAccountJSON(""))
		}
	}
	t.Run("get retried after a slow attempt", func(t *testing.T) {
		t.Parallel()
		var n atomic.Int32
		srv := newServer(t, slowFirst(&n))
		c := newTestClient(t, srv.URL, func(c *Config) { c.RequestTimeout = 100 * time.Millisecond })
		if _, err := c.GetProjectServiceAccount(context.Background(), testProjectID, testClientID); err != nil {
			t.Fatal(err)
		}
		if n.Load() != 2 {
			t.Fatalf("requests = %d; want 2", n.Load())
		}
	})
	t.Run("create times out ambiguously", func(t *testing.T) {
		t.Parallel()
		var n atomic.Int32
		srv := newServer(t, slowFirst(&n))
		c := newTestClient(t, srv.URL, func(c *Config) { c.RequestTimeout = 100 * time.Millisecond })
		_, err := c.CreateProjectServiceAccount(context.Background(), testProjectID, CreateServiceAccountRequest{Name: "n"})
		if !IsAmbiguous(err) || n.Load() != 1 {
			t.Fatalf("IsAmbiguous = %v (%v), requests = %d; want true, 1", IsAmbiguous(err), err, n.Load())
		}
	})
}

// A cancellation during the wait between attempts ends the operation
// there: no further attempt.
func TestRetry_contextCancellationDuringTheWaitStops(t *testing.T) {
	t.Parallel()
	var n atomic.Int32
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		writeAPIError(w, http.StatusServiceUnavailable, "SERVICE_UNAVAILABLE", "down")
	})
	clock := testClock()
	c := newTestClient(t, srv.URL, func(c *Config) {
		c.MaxRetries = 10
		c.MinBackoff = 10 * time.Second
		c.MaxBackoff = 20 * time.Second
		c.Clock = clock
	})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	clock.OnSleep(func(time.Duration) { cancel() })
	_, err := c.GetProject(ctx, testProjectID)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("error = %v; want context.Canceled", err)
	}
	if waits := clock.Waits(); len(waits) != 1 || waits[0] < 10*time.Second {
		t.Fatalf("waits = %v; want the one back-off (at least 10 s) that the cancellation cut short", waits)
	}
	if n.Load() != 1 {
		t.Fatalf("requests = %d; want 1", n.Load())
	}
}

func TestRetryDecision(t *testing.T) {
	t.Parallel()
	refused := &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}
	tests := map[string]struct {
		kind opKind
		o    outcome
		want decision
	}{
		"get 500":                     {opIdempotent, outcome{status: 500}, decisionRetry},
		"create 500":                  {opCreate, outcome{status: 500}, decisionAmbiguous},
		"create 502":                  {opCreate, outcome{status: 502}, decisionAmbiguous},
		"create 504":                  {opCreate, outcome{status: 504}, decisionAmbiguous},
		"create 503":                  {opCreate, outcome{status: 503}, decisionRetry},
		"create 429":                  {opCreate, outcome{status: 429}, decisionRetry},
		"safe post 500":               {opSafePost, outcome{status: 500}, decisionRetry},
		"get 404":                     {opIdempotent, outcome{status: 404}, decisionStop},
		"get 409":                     {opIdempotent, outcome{status: 409}, decisionStop},
		"get 400":                     {opIdempotent, outcome{status: 400, errorCode: "VALIDATION_ERROR"}, decisionStop},
		"post 400 invitation limit":   {opSafePost, outcome{status: 400, errorCode: errorCodeInvitationsRateLimited}, decisionRetry},
		"create dial refused":         {opCreate, outcome{err: refused}, decisionRetry},
		"create reset after write":    {opCreate, outcome{err: syscall.ECONNRESET, wrote: true}, decisionAmbiguous},
		"get reset after write":       {opIdempotent, outcome{err: syscall.ECONNRESET, wrote: true}, decisionRetry},
		"get eof":                     {opIdempotent, outcome{err: fmt.Errorf("read: %w", io.EOF), wrote: true}, decisionRetry},
		"get attempt timeout":         {opIdempotent, outcome{err: context.DeadlineExceeded, wrote: true}, decisionRetry},
		"get malformed body":          {opIdempotent, outcome{err: errMalformed, wrote: true}, decisionStop},
		"create malformed body":       {opCreate, outcome{err: errMalformed, wrote: true}, decisionAmbiguous},
		"token 401":                   {opCreate, outcome{err: &tokenError{status: 401}}, decisionStop},
		"token 503":                   {opCreate, outcome{err: &tokenError{status: 503, retryable: true}}, decisionRetry},
		"token connection refused":    {opCreate, outcome{err: &tokenError{err: refused, retryable: true}}, decisionRetry},
		"unknown transport error get": {opIdempotent, outcome{err: errors.New("tls: bad certificate")}, decisionStop},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if got := retryDecision(tc.kind, tc.o); got != tc.want {
				t.Fatalf("retryDecision = %v; want %v", got, tc.want)
			}
		})
	}
}

func TestParseRetryAfter(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	tests := map[string]struct {
		in   string
		want time.Duration
	}{
		"empty":     {"", 0},
		"seconds":   {"55", 55 * time.Second},
		"negative":  {"-3", 0},
		"http date": {now.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second},
		"past date": {now.Add(-time.Hour).Format(http.TimeFormat), 0},
		"garbage":   {"soon", 0},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if got := parseRetryAfter(tc.in, now); got != tc.want {
				t.Fatalf("parseRetryAfter(%q) = %s; want %s", tc.in, got, tc.want)
			}
		})
	}
}

func TestBackoff_staysWithinBounds(t *testing.T) {
	t.Parallel()
	c := &Client{minBackoff: 100 * time.Millisecond, maxBackoff: time.Second}
	for n := 1; n < 70; n++ {
		for range 50 {
			d := c.backoff(n)
			if d < c.minBackoff || d > c.maxBackoff {
				t.Fatalf("backoff(%d) = %s; want within [%s, %s]", n, d, c.minBackoff, c.maxBackoff)
			}
		}
	}
}

func TestCreate_cancellationDuringTheRequestStillReturnsTheAnswer(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		cancel() // Atlas is at work; meanwhile the user presses Ctrl-C
		writeJSON(w, http.StatusCreated, serviceAccountJSON("mdb_sa_sk_plaintext"))
	})
	// The cancellation happened before the answer was sent, so a request
	// that shared the operation's context is cancelled by now, whether or
	// not the transport noticed before the answer arrived.
	var requestCancelled atomic.Bool
	watch := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		resp, err := http.DefaultTransport.RoundTrip(r)
		if r.Context().Err() != nil {
			requestCancelled.Store(true)
		}
		return resp, err
	})
	c := newTestClient(t, srv.URL, func(c *Config) { c.HTTPClient = &http.Client{Transport: watch} })
	sa, err := c.CreateProjectServiceAccount(ctx, testProjectID, CreateServiceAccountRequest{Name: "n", Description: "d", Roles: []string{"GROUP_OWNER"}, SecretExpiresAfterHours: 8})
	if err != nil {
		t.Fatalf("a create Atlas carried out must not be reported as failed because of a cancellation: %v", err)
	}
	if sa.ClientID == "" {
		t.Fatal("no account returned")
	}
	if requestCancelled.Load() {
		t.Fatal("the create's request was cancelled with the operation; it must run to its answer")
	}
}

func TestGet_cancellationDuringTheRequestAbortsIt(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		cancel() // the user presses Ctrl-C while the GET is at Atlas
		select {
		case <-r.Context().Done(): // the client hung up
			return
		case <-time.After(10 * time.Second):
			// A client that waits for the answer gets one, and the test
			// fails on its success, not on a timing.
		}
		writeJSON(w, http.StatusOK, map[string]any{"id": testProjectID})
	})
	c := newTestClient(t, srv.URL, nil)
	_, err := c.GetProject(ctx, testProjectID)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("GET after cancellation: err %v; want context.Canceled, the request aborted", err)
	}
}
