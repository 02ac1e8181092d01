package client

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"testing"
	"time"
)

// BenchmarkGetProjectServiceAccount measures the hot path: building the
// request, one round trip to a local server, and decoding the answer.
func BenchmarkGetProjectServiceAccount(b *testing.B) {
	body := serviceAccountBody(b)
	srv := newServer(b, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/vnd.atlas.2024-08-05+json")
		_, _ = w.Write(body)
	})
	c := newTestClient(b, srv.URL, nil)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.GetProjectServiceAccount(ctx, testProjectID, testClientID); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGetProjectServiceAccountInMemory measures the client's own work
// per request, without the network: building the request (URL, media type,
// headers, auth), the transport layers, and decoding the answer.
func BenchmarkGetProjectServiceAccountInMemory(b *testing.B) {
	body := serviceAccountBody(b)
	answer := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		return &http.Response{
			StatusCode: http.StatusOK,
			Header:     http.Header{"Content-Type": {"application/vnd.atlas.2024-08-05+json"}},
			Body:       io.NopCloser(bytes.NewReader(body)),
			Request:    r,
		}, nil
	})
	c := newTestClient(b, "https://cloud.mongodb.com", func(cfg *Config) {
		cfg.HTTPClient = &http.Client{Transport: answer}
	})
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.GetProjectServiceAccount(ctx, testProjectID, testClientID); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecodeServiceAccount measures decoding one service account answer.
func BenchmarkDecodeServiceAccount(b *testing.B) {
	body := serviceAccountBody(b)
	b.ReportAllocs()
	for b.Loop() {
		var sa ServiceAccount
		if err := json.Unmarshal(body, &sa); err != nil {
			b.Fatal(err)
		}
	}
}

// serviceAccountBody is the JSON of a typical service account answer.
func serviceAccountBody(b *testing.B) []byte {
	b.Helper()
	body, err := json.Marshal(serviceAccountJSON(""))
	if err != nil {
		b.Fatal(err)
	}
	return body
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// BenchmarkRetryDecision measures the per-failure retry decision.
func BenchmarkRetryDecision(b *testing.B) {
	outcomes := []struct {
		kind opKind
		o    outcome
	}{
		{opIdempotent, outcome{status: 503}},
		{opCreate, outcome{status: 500}},
		{opSafePost, outcome{status: 400, errorCode: errorCodeInvitationsRateLimited}},
		{opIdempotent, outcome{err: context.DeadlineExceeded, wrote: true}},
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		oc := outcomes[i%len(outcomes)]
		_ = retryDecision(oc.kind, oc.o)
		i++
	}
}

// BenchmarkBackoff measures the jittered back-off computation.
func BenchmarkBackoff(b *testing.B) {
	c := &Client{minBackoff: time.Second, maxBackoff: 30 * time.Second}
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		_ = c.backoff(n%10 + 1)
		n++
	}
}
