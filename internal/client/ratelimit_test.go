package client

import (
	"context"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// A 429 proves nothing was done, so it is waited out for up to
// RateLimitWait, however many refusals that takes: under a tight token
// bucket, ten parallel requests may each be refused more often than
// MaxRetries allows.
func TestRateLimit_waitedOutBeyondMaxRetries(t *testing.T) {
	t.Parallel()
	var n atomic.Int32
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) <= 6 {
			w.Header().Set("Retry-After", "0")
			writeAPIError(w, http.StatusTooManyRequests, "RATE_LIMITED_TOKEN_BUCKET", "bucket empty")
			return
		}
		writeJSON(w, http.StatusCreated, serviceAccountJSON("mdb_sa_sk_plain"))
	})
	c := newTestClient(t, srv.URL, func(cfg *Config) { cfg.MaxRetries = 1; cfg.RateLimitWait = 10 * time.Second })
	if _, err := c.CreateProjectServiceAccount(context.Background(), testProjectID, CreateServiceAccountRequest{Name: "n", Description: "d", Roles: []string{"GROUP_OWNER"}, SecretExpiresAfterHours: 8}); err != nil {
		t.Fatalf("create after 6 rate-limit refusals with MaxRetries 1: %v", err)
	}
	if n.Load() != 7 {
		t.Fatalf("requests = %d, want 7", n.Load())
	}
}

func TestRateLimit_givesUpAfterTheWaitBudget(t *testing.T) {
	t.Parallel()
	var n atomic.Int32
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		writeAPIError(w, http.StatusTooManyRequests, "RATE_LIMITED_TOKEN_BUCKET", "bucket empty")
	})
	clock := testClock()
	c := newTestClient(t, srv.URL, func(cfg *Config) { cfg.RateLimitWait = 200 * time.Millisecond; cfg.Clock = clock })
	_, err := c.GetProject(context.Background(), testProjectID)
	if ErrorCode(err) != "RATE_LIMITED_TOKEN_BUCKET" || !strings.Contains(err.Error(), "still over Atlas's rate limit after waiting") {
		t.Fatalf("err = %v; want the rate limit after waiting", err)
	}
	// Waits of 1 to 5 ms (the back-off) add up to the 200 ms budget and no
	// more: the wait that would pass it is not waited.
	var total time.Duration
	for _, w := range clock.Waits() {
		total += w
	}
	if total > 200*time.Millisecond || total < 195*time.Millisecond {
		t.Fatalf("waited %s in %d waits; want within 5 ms below the 200 ms budget", total, len(clock.Waits()))
	}
	if n := n.Load(); n != int32(len(clock.Waits())+1) {
		t.Fatalf("requests = %d after %d waits; want one more request than waits", n, len(clock.Waits()))
	}
}
