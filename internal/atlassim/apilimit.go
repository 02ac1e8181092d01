package atlassim

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// APIRateLimit is a token bucket as Atlas's rate-limit documentation
// describes one: it holds at most Capacity tokens, each request takes one,
// and Refill tokens are added every Interval (not continuously: Atlas's
// example answer, capacity 10 and 5 per 60 seconds, says to retry after 55
// seconds). The zero value means no limit.
type APIRateLimit struct {
	Capacity int
	Refill   int
	Interval time.Duration
}

// Enabled reports whether the limit applies.
func (l APIRateLimit) Enabled() bool { return l.Capacity > 0 }

// String renders the limit in the long form ParseAPIRateLimit reads.
func (l APIRateLimit) String() string {
	if !l.Enabled() {
		return "off"
	}
	return fmt.Sprintf("capacity=%d,refill=%d/%s", l.Capacity, l.Refill, l.Interval)
}

// ParseAPIRateLimit reads the SPEC of Options.APIRateLimit (flag
// -api-rate-limit):
//
//	""  or "off"                 no limit
//	"100/60s"                    capacity 100, refilled with 100 tokens every 60 seconds
//	"capacity=10,refill=5/60s"   capacity 10, refilled with 5 tokens every 60 seconds
//
// The interval is a Go duration of whole seconds (Atlas reports it as
// refillDurationSeconds); capacity and refill are positive integers, and the
// refill is at most the capacity.
func ParseAPIRateLimit(spec string) (APIRateLimit, error) {
	spec = strings.TrimSpace(spec)
	if spec == "" || spec == "off" {
		return APIRateLimit{}, nil
	}
	var l APIRateLimit
	var err error
	if !strings.Contains(spec, "=") {
		if l.Refill, l.Interval, err = parseRefill(spec); err != nil {
			return APIRateLimit{}, err
		}
		l.Capacity = l.Refill
		return l, nil
	}
	seen := map[string]bool{}
	for _, part := range strings.Split(spec, ",") {
		key, val, _ := strings.Cut(strings.TrimSpace(part), "=")
		if seen[key] {
			return APIRateLimit{}, fmt.Errorf("api rate limit %q: %s given twice", spec, key)
		}
		seen[key] = true
		switch key {
		case "capacity":
			if l.Capacity, err = strconv.Atoi(val); err != nil || l.Capacity <= 0 {
				return APIRateLimit{}, fmt.Errorf("api rate limit %q: capacity must be a positive integer", spec)
			}
		case "refill":
			if l.Refill, l.Interval, err = parseRefill(val); err != nil {
				return APIRateLimit{}, fmt.Errorf("api rate limit %q: %w", spec, err)
			}
		default:
			return APIRateLimit{}, fmt.Errorf("api rate limit %q: unknown key %q (want capacity=N,refill=N/DURATION or N/DURATION)", spec, key)
		}
	}
	if !seen["capacity"] || !seen["refill"] {
		return APIRateLimit{}, fmt.Errorf("api rate limit %q: both capacity and refill are needed", spec)
	}
	if l.Refill > l.Capacity {
		return APIRateLimit{}, fmt.Errorf("api rate limit %q: refill %d exceeds capacity %d", spec, l.Refill, l.Capacity)
	}
	return l, nil
}

// parseRefill reads "N/DURATION".
func parseRefill(s string) (int, time.Duration, error) {
	n, d, ok := strings.Cut(s, "/")
	if !ok {
		return 0, 0, fmt.Errorf("refill %q: want N/DURATION, e.g. 100/60s", s)
	}
	count, err := strconv.Atoi(n)
	if err != nil || count <= 0 {
		return 0, 0, fmt.Errorf("refill %q: the token count must be a positive integer", s)
	}
	interval, err := time.ParseDuration(d)
	if err != nil || interval < time.Second || interval%time.Second != 0 {
		return 0, 0, fmt.Errorf("refill %q: the interval must be a duration of whole seconds, e.g. 60s or 1m", s)
	}
	return count, interval, nil
}

// Endpoint groups of the API rate limit: each has its own bucket per client
// identity.
const (
	apiGroupServiceAccounts = "serviceAccounts" // /groups/{id}/serviceAccounts..., /orgs/{id}/serviceAccounts...
	apiGroupUsers           = "users"           // /groups/{id}/users...
)

// apiLimitGroup names the endpoint group of an API path, "" for paths the
// limit leaves alone.
func apiLimitGroup(path string) string {
	segs := strings.Split(strings.TrimPrefix(path, apiPrefix+"/"), "/")
	if len(segs) < 3 {
		return ""
	}
	switch {
	case (segs[0] == "groups" || segs[0] == "orgs") && segs[2] == "serviceAccounts":
		return apiGroupServiceAccounts
	case segs[0] == "groups" && segs[2] == "users":
		return apiGroupUsers
	}
	return ""
}

// bucket is one token bucket: tokens left, and when it was last refilled.
type bucket struct {
	tokens int
	filled time.Time
}

// apiLimiter holds a bucket per client identity and endpoint group.
type apiLimiter struct {
	limit APIRateLimit

	mu      sync.Mutex
	buckets map[string]*bucket
}

func newAPILimiter(l APIRateLimit) *apiLimiter {
	return &apiLimiter{limit: l, buckets: map[string]*bucket{}}
}

// take spends a token of key's bucket at now. It returns the tokens left
// and true, or, when the bucket is empty, how long until its next refill.
// A new bucket starts full.
func (a *apiLimiter) take(key string, now time.Time) (remaining int, wait time.Duration, ok bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	b := a.buckets[key]
	if b == nil {
		b = &bucket{tokens: a.limit.Capacity, filled: now}
		a.buckets[key] = b
	}
	if n := int(now.Sub(b.filled) / a.limit.Interval); n > 0 {
		b.tokens = min(a.limit.Capacity, b.tokens+n*a.limit.Refill)
		b.filled = b.filled.Add(time.Duration(n) * a.limit.Interval)
	}
	if b.tokens == 0 {
		return 0, b.filled.Add(a.limit.Interval).Sub(now), false
	}
	b.tokens--
	return b.tokens, 0, true
}

// apiIdentity is who a request is counted against: the client ID behind a
// bearer token, or the public key of a digest request. Requests without
// credentials, or with an unknown token, are not counted: authentication
// answers them.
func (s *Server) apiIdentity(r *http.Request) string {
	_, rest, _ := strings.Cut(strings.TrimSpace(r.Header.Get("Authorization")), " ")
	switch authKind(r) {
	case "bearer":
		s.mu.Lock()
		defer s.mu.Unlock()
		if t := s.st.Tokens[strings.TrimSpace(rest)]; t != nil {
			return "client " + t.ClientID
		}
	case "digest":
		if u := parseAuthParams(rest)["username"]; u != "" {
			return "key " + u
		}
	}
	return ""
}

// limitAPI applies Options.APIRateLimit to an API request. When the
// request's bucket is empty it answers 429 RATE_LIMITED_TOKEN_BUCKET, as the
// injected 429 fault does but with Retry-After and the bucket's figures, and
// returns false. Otherwise it returns the writer to serve the request with,
// which reports the bucket in the RateLimit headers of a 2xx.
func (s *Server) limitAPI(w http.ResponseWriter, r *http.Request) (http.ResponseWriter, bool) {
	if s.apiLimiter == nil {
		return w, true
	}
	group := apiLimitGroup(r.URL.Path)
	if group == "" {
		return w, true
	}
	id := s.apiIdentity(r)
	if id == "" {
		return w, true
	}
	l := s.apiLimiter.limit
	remaining, wait, ok := s.apiLimiter.take(id+" "+group, s.opts.PaceClock())
	if !ok {
		writeErr(w, r, rateLimited(w, r, retryAfterSeconds(wait), l.Capacity, l.Refill, int(l.Interval/time.Second)))
		return nil, false
	}
	return &rateHeaderWriter{ResponseWriter: w, limit: l.Capacity, remaining: remaining}, true
}

// rateHeaderWriter replaces the nominal RateLimit headers of a 2xx with the
// figures of the request's bucket.
type rateHeaderWriter struct {
	http.ResponseWriter
	limit, remaining int
	wrote            bool
}

func (w *rateHeaderWriter) WriteHeader(code int) {
	if !w.wrote && code >= 200 && code < 300 {
		w.Header().Set("RateLimit-Limit", strconv.Itoa(w.limit))
		w.Header().Set("RateLimit-Remaining", strconv.Itoa(w.remaining))
	}
	w.wrote = true
	w.ResponseWriter.WriteHeader(code)
}

func (w *rateHeaderWriter) Write(p []byte) (int, error) {
	if !w.wrote {
		w.WriteHeader(http.StatusOK)
	}
	return w.ResponseWriter.Write(p)
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *rateHeaderWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
