package client

import (
	"errors"
	"net"
	"net/http"
	"net/url"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestReauthentication_oneNewTokenPerOperation(t *testing.T) {
	t.Parallel()
	own := retryOp{ownCredentials: true}
	rejected := outcome{status: http.StatusUnauthorized, bearer: "tok"}
	tests := map[string]struct {
		op      retryOp
		cached  bool
		outcome outcome
		already bool // a new token was fetched earlier in the operation
		want    bool
	}{
		"cached token rejected":                {op: own, cached: true, outcome: rejected, want: true},
		"second rejection is final":            {op: own, cached: true, outcome: rejected, already: true},
		"missing role":                         {op: own, cached: true, outcome: outcome{status: http.StatusUnauthorized, errorCode: errorCodeUserUnauthorized}},
		"static token":                         {op: own, outcome: rejected},
		"another account's credentials":        {op: retryOp{}, cached: true, outcome: rejected},
		"a 403 is not a rejected credential":   {op: own, cached: true, outcome: outcome{status: http.StatusForbidden}},
		"a dropped connection is not a reject": {op: own, cached: true, outcome: outcome{err: syscall.ECONNRESET}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			r := reauthentication{done: tc.already}
			if got := r.newTokenFor(tc.op, tc.cached, tc.outcome); got != tc.want {
				t.Fatalf("newTokenFor = %v; want %v", got, tc.want)
			}
			if tc.want && r.newTokenFor(tc.op, tc.cached, tc.outcome) {
				t.Fatal("a second rejection in the same operation asked for another token")
			}
		})
	}
}

func TestStaticTokenRejected(t *testing.T) {
	t.Parallel()
	own := retryOp{ownCredentials: true}
	tests := map[string]struct {
		op      retryOp
		cached  bool
		outcome outcome
		want    bool
	}{
		"given token rejected":     {op: own, outcome: outcome{status: http.StatusUnauthorized, bearer: "tok"}, want: true},
		"missing role":             {op: own, outcome: outcome{status: http.StatusUnauthorized, bearer: "tok", errorCode: errorCodeUserUnauthorized}},
		"API keys (no bearer)":     {op: own, outcome: outcome{status: http.StatusUnauthorized}},
		"client credentials":       {op: own, cached: true, outcome: outcome{status: http.StatusUnauthorized, bearer: "tok"}},
		"another account's token":  {op: retryOp{}, outcome: outcome{status: http.StatusUnauthorized, bearer: "tok"}},
		"not found is not refused": {op: own, outcome: outcome{status: http.StatusNotFound, bearer: "tok"}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if got := staticTokenRejected(tc.op, tc.cached, tc.outcome); got != tc.want {
				t.Fatalf("staticTokenRejected = %v; want %v", got, tc.want)
			}
		})
	}
}

func TestLostAnswers(t *testing.T) {
	t.Parallel()
	conflict := &APIError{StatusCode: http.StatusConflict}
	tests := map[string]struct {
		retried       []outcome // failures before the last one, each retried
		last          outcome
		attempt       int
		wantAfterLost bool
		wantExhausted bool
	}{
		"409 first time":                     {last: outcome{status: 409}, attempt: 1},
		"409 after a 500":                    {retried: []outcome{{status: 500}}, last: outcome{status: 409}, attempt: 2, wantAfterLost: true, wantExhausted: true},
		"409 after a 502":                    {retried: []outcome{{status: 502}}, last: outcome{status: 409}, attempt: 2, wantAfterLost: true, wantExhausted: true},
		"409 after a 504":                    {retried: []outcome{{status: 504}}, last: outcome{status: 409}, attempt: 2, wantAfterLost: true, wantExhausted: true},
		"409 after a drop once sent":         {retried: []outcome{{err: syscall.ECONNRESET, wrote: true}}, last: outcome{status: 409}, attempt: 2, wantAfterLost: true, wantExhausted: true},
		"409 after a drop before sending":    {retried: []outcome{{err: syscall.ECONNREFUSED}}, last: outcome{status: 409}, attempt: 2, wantExhausted: true},
		"409 after a 503 (nothing was done)": {retried: []outcome{{status: 503}}, last: outcome{status: 409}, attempt: 2, wantExhausted: true},
		"409 after a 429 (nothing was done)": {retried: []outcome{{status: 429}}, last: outcome{status: 409}, attempt: 2, wantExhausted: true},
		"a 5xx stop is not an echo":          {retried: []outcome{{status: 500}}, last: outcome{status: 501}, attempt: 2, wantExhausted: true},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var l lostAnswers
			for _, o := range tc.retried {
				l.observe(o)
			}
			err := l.stopped(tc.attempt, conflict, tc.last)
			if got := isAfterUnanswered(err); got != tc.wantAfterLost {
				t.Fatalf("after a lost answer = %v (%v); want %v", got, err, tc.wantAfterLost)
			}
			var ex *exhaustedError
			if got := errors.As(err, &ex); got != tc.wantExhausted {
				t.Fatalf("reported as attempts given up = %v (%v); want %v", got, err, tc.wantExhausted)
			}
			if !errors.Is(err, conflict) {
				t.Fatalf("error %v does not wrap the attempt's error", err)
			}
		})
	}
}

func TestAmbiguous_sendTimeByAtlassClock(t *testing.T) {
	t.Parallel()
	wrote := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	tests := map[string]struct {
		date       string // Date of an earlier answer; empty: none yet
		wroteAt    time.Time
		wantLatest time.Time
	}{
		"offset known":      {date: "Fri, 02 Jan 2026 04:04:05 GMT", wroteAt: wrote, wantLatest: wrote.Add(time.Hour + time.Second)},
		"offset not known":  {wroteAt: wrote},
		"never written":     {date: "Fri, 02 Jan 2026 04:04:05 GMT"},
		"offset known late": {date: "Fri, 02 Jan 2026 03:04:05 GMT", wroteAt: wrote, wantLatest: wrote.Add(time.Second)},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c := &Client{}
			if tc.date != "" {
				c.atlas.observe(tc.date, wrote, wrote)
			}
			err := c.ambiguous(retryOp{method: http.MethodPost, path: "/x"}, 2, errors.New("reset"), outcome{wroteAt: tc.wroteAt})
			var amb *ambiguousError
			if !errors.As(err, &amb) || !IsAmbiguous(err) || !MayHaveHappened(err) {
				t.Fatalf("error %v is not ambiguous", err)
			}
			if !amb.sentLatest.Equal(tc.wantLatest) || !amb.wroteAt.Equal(tc.wroteAt) || amb.attempts != 2 {
				t.Fatalf("ambiguous = %+v; want sentLatest %s, wroteAt %s, 2 attempts", amb, tc.wantLatest, tc.wroteAt)
			}
		})
	}
}

func TestRateLimitBudget(t *testing.T) {
	t.Parallel()
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	// Each case is a series of refusals: when each came (since the first)
	// and the wait the back-off computes for it.
	type refusal struct {
		at, wait time.Duration
	}
	tests := map[string]struct {
		limit    time.Duration
		refusals []refusal
		wantOK   []bool
	}{
		"waits within the limit":                {limit: time.Minute, refusals: []refusal{{0, 10 * time.Second}, {10 * time.Second, 20 * time.Second}}, wantOK: []bool{true, true}},
		"a wait ending at the limit is waited":  {limit: time.Minute, refusals: []refusal{{0, 30 * time.Second}, {30 * time.Second, 30 * time.Second}}, wantOK: []bool{true, true}},
		"a wait ending past the limit is not":   {limit: time.Minute, refusals: []refusal{{0, 30 * time.Second}, {30 * time.Second, 31 * time.Second}}, wantOK: []bool{true, false}},
		"counted from the first refusal":        {limit: time.Minute, refusals: []refusal{{0, time.Second}, {50 * time.Second, 11 * time.Second}}, wantOK: []bool{true, false}},
		"one Retry-After longer than the limit": {limit: time.Minute, refusals: []refusal{{0, 2 * time.Minute}}, wantOK: []bool{false}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			b := rateLimitBudget{limit: tc.limit}
			for i, r := range tc.refusals {
				var asked int
				wait, ok := b.next(start.Add(r.at), func(n int) time.Duration { asked = n; return r.wait })
				if asked != i+1 {
					t.Fatalf("refusal %d: the wait was computed for retry %d; want %d", i+1, asked, i+1)
				}
				if wait != r.wait || ok != tc.wantOK[i] {
					t.Fatalf("refusal %d: next = %s, %v; want %s, %v", i+1, wait, ok, r.wait, tc.wantOK[i])
				}
			}
		})
	}
}

func TestRetryBudget(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		maxRetries int
		charges    int
		wantMore   []bool
	}{
		"no retries":    {maxRetries: 0, charges: 1, wantMore: []bool{false}},
		"three retries": {maxRetries: 3, charges: 4, wantMore: []bool{true, true, true, false}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			b := retryBudget{attempts: tc.maxRetries + 1}
			for i := range tc.charges {
				n, more := b.charge()
				if n != i+1 || more != tc.wantMore[i] {
					t.Fatalf("charge %d = %d, %v; want %d, %v", i+1, n, more, i+1, tc.wantMore[i])
				}
			}
		})
	}
}

func TestRefusalBudget(t *testing.T) {
	t.Parallel()
	var b refusalBudget
	for i, want := range []bool{true, true, false} {
		if got := b.charge(); got != want {
			t.Fatalf("refusal %d: more = %v; want %v (at most %d attempts)", i+1, got, want, maxRefusedAttempts)
		}
	}
}

// nextWait composes the budgets: which one a failure is charged to, the
// wait it computes and the error that ends the operation.
func TestNextWait(t *testing.T) {
	t.Parallel()
	refused := &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}
	base, _ := url.Parse("http://127.0.0.1:1")
	tests := map[string]struct {
		maxRetries int
		failures   []outcome // all with the same error text
		wantWaits  []time.Duration
		wantErr    string        // the error ending the operation after the last failure; empty: none
		jitter     time.Duration // how much longer than wantWaits a wait may be
	}{
		"503 back-off":               {maxRetries: 3, failures: []outcome{{status: 503}, {status: 503}}, wantWaits: []time.Duration{time.Second, time.Second}},
		"503 at least Retry-After":   {maxRetries: 3, failures: []outcome{{status: 503, retryAfter: 7 * time.Second}}, wantWaits: []time.Duration{7 * time.Second}},
		"503 budget spent":           {maxRetries: 1, failures: []outcome{{status: 503}, {status: 503}}, wantWaits: []time.Duration{time.Second}, wantErr: "giving up after 2 attempts"},
		"429s beyond MaxRetries":     {maxRetries: 0, failures: []outcome{{status: 429}, {status: 429}, {status: 429}}, wantWaits: []time.Duration{time.Second, time.Second, time.Second}},
		"429 past the wait budget":   {maxRetries: 3, failures: []outcome{{status: 429, retryAfter: time.Hour}}, wantErr: "still over Atlas's rate limit after waiting 15m0s"},
		"invitation limit":           {maxRetries: 0, failures: []outcome{{status: 400, errorCode: errorCodeInvitationsRateLimited, retryAfter: time.Hour}}, wantErr: "still over Atlas's invitation limit"},
		"refused: capped waits":      {maxRetries: 20, failures: []outcome{{err: refused}, {err: refused}}, wantWaits: []time.Duration{maxRefusedWait, maxRefusedWait}},
		"refused: three attempts":    {maxRetries: 20, failures: []outcome{{err: refused}, {err: refused}, {err: refused}}, wantWaits: []time.Duration{maxRefusedWait, maxRefusedWait}, wantErr: "connection refused at the Atlas base URL http://127.0.0.1:1 (3 attempts)"},
		"refused: no retries":        {maxRetries: 0, failures: []outcome{{err: refused}}, wantErr: "(1 attempt)"},
		"token 429 with Retry-After": {maxRetries: 0, failures: []outcome{{err: &tokenError{status: 429, retryable: true}, retryAfter: 3 * time.Second}}, wantWaits: []time.Duration{3 * time.Second}, jitter: time.Second},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			// MinBackoff and MaxBackoff 1 s: every back-off is exactly 1 s;
			// the token endpoint's jitter is below MinBackoff.
			c := &Client{baseURL: base, minBackoff: time.Second, maxBackoff: time.Second, rateLimitWait: defaultRateLimitWait, local: testClock()}
			b := retryBudgets{limits: rateLimitBudget{limit: c.rateLimitWait}, retries: retryBudget{attempts: tc.maxRetries + 1}}
			var waits []time.Duration
			var stop error
			for i, o := range tc.failures {
				wait, err := c.nextWait(&b, i+1, o, errors.New("the attempt's error"))
				if err != nil {
					if i != len(tc.failures)-1 {
						t.Fatalf("failure %d ended the operation: %v", i+1, err)
					}
					stop = err
					break
				}
				waits = append(waits, wait)
			}
			if len(waits) != len(tc.wantWaits) {
				t.Fatalf("waits = %v; want %v", waits, tc.wantWaits)
			}
			for i, w := range waits {
				want := tc.wantWaits[i]
				if w < want || w > want+tc.jitter || (tc.jitter > 0 && w == want+tc.jitter) {
					t.Fatalf("waits = %v; want %v", waits, tc.wantWaits)
				}
			}
			switch {
			case tc.wantErr == "" && stop != nil:
				t.Fatalf("ended with %v; want it to go on", stop)
			case tc.wantErr != "" && (stop == nil || !strings.Contains(stop.Error(), tc.wantErr)):
				t.Fatalf("ended with %v; want an error containing %q", stop, tc.wantErr)
			}
		})
	}
}
