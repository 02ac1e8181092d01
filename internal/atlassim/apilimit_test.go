package atlassim

import (
	"net/http"
	"strconv"
	"testing"
	"time"
)

func TestParseAPIRateLimit(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		spec    string
		want    APIRateLimit
		wantErr bool
	}{
		"empty is off":          {spec: "", want: APIRateLimit{}},
		"off":                   {spec: "off", want: APIRateLimit{}},
		"short form":            {spec: "100/60s", want: APIRateLimit{Capacity: 100, Refill: 100, Interval: time.Minute}},
		"short form in minutes": {spec: "10/1m", want: APIRateLimit{Capacity: 10, Refill: 10, Interval: time.Minute}},
		"long form":             {spec: "capacity=10,refill=5/60s", want: APIRateLimit{Capacity: 10, Refill: 5, Interval: time.Minute}},
		"long form reordered":   {spec: "refill=5/60s, capacity=10", want: APIRateLimit{Capacity: 10, Refill: 5, Interval: time.Minute}},
		"refill above capacity": {spec: "capacity=5,refill=10/60s", wantErr: true},
		"no capacity":           {spec: "refill=5/60s", wantErr: true},
		"no refill":             {spec: "capacity=5", wantErr: true},
		"duplicate key":         {spec: "capacity=5,capacity=6,refill=1/1s", wantErr: true},
		"unknown key":           {spec: "capacity=5,refill=1/1s,burst=3", wantErr: true},
		"zero capacity":         {spec: "capacity=0,refill=1/1s", wantErr: true},
		"zero count":            {spec: "0/60s", wantErr: true},
		"no interval":           {spec: "100", wantErr: true},
		"bad interval":          {spec: "100/soon", wantErr: true},
		"sub-second interval":   {spec: "100/500ms", wantErr: true},
		"fractional seconds":    {spec: "100/1500ms", wantErr: true},
		"negative count":        {spec: "-1/60s", wantErr: true},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got, err := ParseAPIRateLimit(tt.spec)
			if tt.wantErr {
				if err == nil {
					t.Fatalf("ParseAPIRateLimit(%q) = %v, want an error", tt.spec, got)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseAPIRateLimit(%q): %v", tt.spec, err)
			}
			if got != tt.want {
				t.Fatalf("ParseAPIRateLimit(%q) = %+v, want %+v", tt.spec, got, tt.want)
			}
			if got.Enabled() {
				// The long form it prints reads back the same.
				again, err := ParseAPIRateLimit(got.String())
				if err != nil || again != got {
					t.Fatalf("String() %q reads back as %+v, %v", got.String(), again, err)
				}
			}
		})
	}
}

func TestAPILimiter_take(t *testing.T) {
	t.Parallel()
	t0 := time.Date(2026, 3, 3, 12, 0, 0, 0, time.UTC)
	type step struct {
		at            time.Duration // after t0
		key           string
		wantOK        bool
		wantRemaining int // -1: not checked
		wantWait      time.Duration
	}
	tests := map[string]struct {
		limit APIRateLimit
		steps []step
	}{
		"a new bucket is full, then waits for the whole interval": {
			limit: APIRateLimit{Capacity: 2, Refill: 2, Interval: time.Minute},
			steps: []step{
				{at: 0, key: "a", wantOK: true, wantRemaining: 1},
				{at: time.Second, key: "a", wantOK: true, wantRemaining: 0},
				{at: 5 * time.Second, key: "a", wantWait: 55 * time.Second},
				{at: 59 * time.Second, key: "a", wantWait: time.Second},
				{at: 60 * time.Second, key: "a", wantOK: true, wantRemaining: 1},
			},
		},
		"refill is discrete, as in Atlas's example (capacity 10, 5 per 60 s)": {
			limit: APIRateLimit{Capacity: 10, Refill: 5, Interval: time.Minute},
			steps: append(repeatSteps(10, step{key: "a", wantOK: true, wantRemaining: -1}),
				step{at: 5 * time.Second, key: "a", wantWait: 55 * time.Second},
				// One interval brings 5 tokens, not 10.
				step{at: 61 * time.Second, key: "a", wantOK: true, wantRemaining: 4},
				// Two more intervals bring 10, capped at the capacity.
				step{at: 185 * time.Second, key: "a", wantOK: true, wantRemaining: 9},
			),
		},
		"each key has its own bucket": {
			limit: APIRateLimit{Capacity: 1, Refill: 1, Interval: 10 * time.Second},
			steps: []step{
				{at: 0, key: "client a serviceAccounts", wantOK: true},
				{at: 0, key: "client a serviceAccounts", wantWait: 10 * time.Second},
				{at: 0, key: "client a users", wantOK: true},
				{at: 0, key: "client b serviceAccounts", wantOK: true},
				{at: 3 * time.Second, key: "client b serviceAccounts", wantWait: 7 * time.Second},
			},
		},
		"an idle bucket refills to capacity only": {
			limit: APIRateLimit{Capacity: 3, Refill: 1, Interval: time.Second},
			steps: []step{
				{at: 0, key: "a", wantOK: true, wantRemaining: 2},
				{at: time.Hour, key: "a", wantOK: true, wantRemaining: 2},
				{at: time.Hour, key: "a", wantOK: true, wantRemaining: 1},
				{at: time.Hour, key: "a", wantOK: true, wantRemaining: 0},
				{at: time.Hour + 500*time.Millisecond, key: "a", wantWait: 500 * time.Millisecond},
			},
		},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			l := newAPILimiter(tt.limit)
			for i, s := range tt.steps {
				remaining, wait, ok := l.take(s.key, t0.Add(s.at))
				if ok != s.wantOK || wait != s.wantWait || (ok && s.wantRemaining >= 0 && remaining != s.wantRemaining) {
					t.Fatalf("step %d (%s at +%s): ok %v, remaining %d, wait %s; want ok %v, remaining %d, wait %s",
						i, s.key, s.at, ok, remaining, wait, s.wantOK, s.wantRemaining, s.wantWait)
				}
			}
		})
	}
}

// repeatSteps is n copies of s.
func repeatSteps[S any](n int, s S) []S {
	out := make([]S, n)
	for i := range out {
		out[i] = s
	}
	return out
}

func TestAPILimitGroup(t *testing.T) {
	t.Parallel()
	const g, o, c = "0123456789abcdef01234567", "76543210fedcba9876543210", "mdb_sa_id_0123456789abcdef01234567"
	tests := map[string]string{
		"/groups/" + g + "/serviceAccounts":                   apiGroupServiceAccounts,
		"/groups/" + g + "/serviceAccounts/" + c:              apiGroupServiceAccounts,
		"/groups/" + g + "/serviceAccounts/" + c + ":invite":  apiGroupServiceAccounts,
		"/groups/" + g + "/serviceAccounts/" + c + "/secrets": apiGroupServiceAccounts,
		"/orgs/" + o + "/serviceAccounts/" + c + "/groups":    apiGroupServiceAccounts,
		"/groups/" + g + "/users":                             apiGroupUsers,
		"/groups/" + g + "/users/" + g + ":addRole":           apiGroupUsers,
		"/groups/" + g:                 "",
		"/groups/" + g + "/access":     "",
		"/orgs/" + o + "/invites/" + g: "",
		"/orgs/" + o + "/users":        "",
		"":                             "",
	}
	for path, want := range tests {
		if got := apiLimitGroup(apiPrefix + path); got != want {
			t.Errorf("apiLimitGroup(%q) = %q, want %q", path, got, want)
		}
	}
}

// The limit answers an empty bucket 429 RATE_LIMITED_TOKEN_BUCKET with the
// bucket's figures, reports the bucket in the RateLimit headers of a 2xx,
// and keeps a bucket per client identity and endpoint group.
func TestAPIRateLimit_emptyBucketAnswers429(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{Seed: 1, APIRateLimit: "capacity=3,refill=1/60s"})
	p := e.fx.ProjectID
	list := "/groups/" + p + "/serviceAccounts"

	created := e.createSA(p, "limited") // token 1 of the fixture's bucket
	secret := created["secrets"].([]any)[0].(map[string]any)["secret"].(string)
	otherToken := e.getToken(created["clientId"].(string), secret)

	for _, wantRemaining := range []string{"1", "0"} {
		r := e.call("GET", list, sa, nil)
		mustStatus(t, r, http.StatusOK)
		if got := r.header.Get("RateLimit-Limit"); got != "3" {
			t.Errorf("RateLimit-Limit %q, want 3", got)
		}
		if got := r.header.Get("RateLimit-Remaining"); got != wantRemaining {
			t.Errorf("RateLimit-Remaining %q, want %s", got, wantRemaining)
		}
	}

	r := e.call("GET", list, sa, nil)
	mustStatus(t, r, http.StatusTooManyRequests)
	if code := r.errorCode(t); code != "RATE_LIMITED_TOKEN_BUCKET" {
		t.Fatalf("errorCode %q, want RATE_LIMITED_TOKEN_BUCKET", code)
	}
	retryAfter, err := strconv.Atoi(r.header.Get("Retry-After"))
	if err != nil || retryAfter < 1 || retryAfter > 60 {
		t.Fatalf("Retry-After %q, want whole seconds until the next refill (1 to 60)", r.header.Get("Retry-After"))
	}
	if got := r.header.Get("RateLimit-Limit"); got != "3" {
		t.Errorf("429 RateLimit-Limit %q, want 3", got)
	}
	if got := r.header.Get("RateLimit-Remaining"); got != "0" {
		t.Errorf("429 RateLimit-Remaining %q, want 0", got)
	}
	params, _ := r.json(t)["parameters"].([]any)
	wantParams := []any{"api/atlas/v2" + list, float64(retryAfter), float64(3), float64(1), float64(60)}
	if len(params) != len(wantParams) {
		t.Fatalf("parameters %v, want %v", params, wantParams)
	}
	for i := range params {
		if params[i] != wantParams[i] {
			t.Fatalf("parameters %v, want %v", params, wantParams)
		}
	}

	// Other endpoint groups, unlimited paths and other identities are not
	// charged to the empty bucket.
	mustStatus(t, e.call("GET", "/groups/"+p+"/users", users, nil), http.StatusOK)
	mustStatus(t, e.call("GET", "/groups/"+p, v0101, nil), http.StatusOK)
	mustStatus(t, e.callWith(e.client, "Bearer "+otherToken, "GET", list, sa, nil), http.StatusOK)
}

// Off by default: nominal headers, no 429.
func TestAPIRateLimit_offByDefault(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{Seed: 1})
	for range 150 {
		r := e.call("GET", "/groups/"+e.fx.ProjectID+"/serviceAccounts", sa, nil)
		mustStatus(t, r, http.StatusOK)
	}
}

func TestNew_rejectsBadAPIRateLimit(t *testing.T) {
	t.Parallel()
	if _, err := New(Options{APIRateLimit: "fast"}); err == nil {
		t.Fatal("New accepted APIRateLimit \"fast\"")
	}
}
