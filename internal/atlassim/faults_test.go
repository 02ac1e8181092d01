package atlassim

import (
	"bytes"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestParseFaults(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		spec    string
		want    string
		wantErr bool
	}{
		"empty":           {"", "", false},
		"full":            {"429=0.2,503=0.1,reset=0.05,latency=50ms", "429=0.2,503=0.1,reset=0.05,latency=50ms", false},
		"spaces":          {" 500 = 0.5 , lost=0.5 ", "500=0.5,lost=0.5", false},
		"every status":    {"429=0.1,500=0.1,502=0.1,503=0.1,504=0.1", "429=0.1,500=0.1,502=0.1,503=0.1,504=0.1", false},
		"sum above one":   {"429=0.6,503=0.6", "", true},
		"unknown code":    {"418=0.1", "", true},
		"bad prob":        {"429=abc", "", true},
		"negative":        {"429=-0.1", "", true},
		"bad latency":     {"latency=fast", "", true},
		"no value":        {"429", "", true},
		"duplicate":       {"429=0.1,429=0.2", "", true},
		"latency only":    {"latency=1s", "latency=1s", false},
		"zero prob kept":  {"reset=0", "reset=0", false},
		"method limited":  {"500@post=1,lost@delete=0.5", "500@POST=1,lost@DELETE=0.5", false},
		"per-method sums": {"500@POST=1,503@GET=1", "500@POST=1,503@GET=1", false},
		"method sum > 1":  {"500@POST=0.6,lost=0.6", "", true},
		"bad method":      {"500@FETCH=1", "", true},
		"latency method":  {"latency@GET=1s", "", true},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			fs, err := ParseFaults(tc.spec)
			if (err != nil) != tc.wantErr {
				t.Fatalf("err %v", err)
			}
			if err == nil && fs.String() != tc.want {
				t.Fatalf("got %q, want %q", fs.String(), tc.want)
			}
		})
	}
}

func TestFaults_methodLimitedRuleSparesOtherMethods(t *testing.T) {
	t.Parallel()
	// Every POST fails; GETs never do.
	for _, f := range faultSequence(t, 3, "500@POST=1", 20) {
		if f != ":200" {
			t.Fatalf("GET got fault %q from a POST-only rule", f)
		}
	}
}

func TestFaults_limitStopsInjecting(t *testing.T) {
	t.Parallel()
	got := faultSequence(t, 3, "503=1#2", 5)
	want := []string{"503:503", "503:503", ":200", ":200", ":200"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("faults = %v, want %v", got, want)
	}
}

// faultSequence sends n GETs without keep-alive (so net/http never retries
// on a reused connection) and returns the faults the server logged.
func faultSequence(t *testing.T, seed int64, spec string, n int) []string {
	t.Helper()
	e := newEnv(t, Options{Seed: seed, Faults: spec})
	c := &http.Client{Transport: e.transport(&http.Transport{DisableKeepAlives: true})}
	for range n {
		req, _ := http.NewRequest(http.MethodGet, e.ts.URL+apiPrefix+"/groups/"+e.fx.ProjectID+"/serviceAccounts", nil)
		req.Header.Set("Accept", sa)
		req.Header.Set("Authorization", "Bearer "+e.token)
		resp, err := c.Do(req)
		if err == nil {
			if resp.StatusCode == http.StatusTooManyRequests && resp.Header.Get("Retry-After") != "1" {
				t.Errorf("429 without Retry-After: 1")
			}
			resp.Body.Close()
		}
	}
	var out []string
	for _, rec := range e.srv.Requests() {
		if strings.HasPrefix(rec.Path, apiPrefix) {
			out = append(out, fmt.Sprintf("%s:%d", rec.Fault, rec.Status))
		}
	}
	if len(out) != n {
		t.Fatalf("logged %d API requests, want %d", len(out), n)
	}
	return out
}

func TestFaults_deterministicPerSeed(t *testing.T) {
	t.Parallel()
	spec := "429=0.2,500=0.1,503=0.1,reset=0.1"
	a := faultSequence(t, 42, spec, 40)
	b := faultSequence(t, 42, spec, 40)
	c := faultSequence(t, 43, spec, 40)
	if strings.Join(a, " ") != strings.Join(b, " ") {
		t.Fatalf("same seed, different faults:\n%v\n%v", a, b)
	}
	if strings.Join(a, " ") == strings.Join(c, " ") {
		t.Fatalf("different seeds, same faults: %v", a)
	}
	seen := map[string]bool{}
	for _, f := range a {
		seen[strings.Split(f, ":")[0]] = true
	}
	for _, want := range []string{"", "429", "reset"} {
		if !seen[want] {
			t.Errorf("fault %q never drawn in %v", want, a)
		}
	}
	for _, f := range a {
		if f == "reset:200" || f == "429:200" {
			t.Fatalf("fault logged with success: %v", a)
		}
	}
}

func TestFaults_resetAndLost(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{Seed: 30})
	g := e.fx.ProjectID
	c := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	create := func() error {
		body := `{"name":"f","description":"d","roles":["GROUP_OWNER"],"secretExpiresAfterHours":8}`
		req, _ := http.NewRequest(http.MethodPost, e.ts.URL+apiPrefix+"/groups/"+g+"/serviceAccounts", bytes.NewReader([]byte(body)))
		req.Header.Set("Accept", sa)
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+e.token)
		resp, err := c.Do(req)
		if err == nil {
			resp.Body.Close()
		}
		return err
	}
	count := func() float64 {
		return e.call("GET", "/groups/"+g+"/serviceAccounts", sa, nil).json(t)["totalCount"].(float64)
	}

	if err := e.srv.SetFaults("reset=1"); err != nil {
		t.Fatal(err)
	}
	if err := create(); err == nil {
		t.Fatal("reset: no connection error")
	}
	_ = e.srv.SetFaults("")
	if n := count(); n != 0 {
		t.Fatalf("reset changed the store: %v accounts", n)
	}

	_ = e.srv.SetFaults("lost=1")
	if err := create(); err == nil {
		t.Fatal("lost: no connection error")
	}
	_ = e.srv.SetFaults("")
	if n := count(); n != 1 {
		t.Fatalf("lost did not change the store: %v accounts", n)
	}
	var faults []string
	for _, rec := range e.srv.Requests() {
		if rec.Fault != "" {
			faults = append(faults, fmt.Sprintf("%s:%d", rec.Fault, rec.Status))
		}
	}
	if strings.Join(faults, ",") != "reset:0,lost:201" {
		t.Fatalf("logged faults %v", faults)
	}

	// Faults never touch the token endpoint.
	_ = e.srv.SetFaults("503=1")
	if tok := e.getToken(e.fx.ClientID, e.fx.ClientSecret); tok == "" {
		t.Fatal("token endpoint faulted")
	}
	r := e.call("GET", "/groups/"+g+"/serviceAccounts", sa, nil)
	mustStatus(t, r, 503)
	if r.errorCode(t) != "SERVICE_UNAVAILABLE" {
		t.Fatal(r.errorCode(t))
	}

	// Latency is added to each request.
	_ = e.srv.SetFaults("latency=60ms")
	start := time.Now()
	mustStatus(t, e.call("GET", "/groups/"+g+"/serviceAccounts", sa, nil), 200)
	if time.Since(start) < 60*time.Millisecond {
		t.Fatal("no latency")
	}
}

func TestAdmin_endpoints(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{Seed: 31})
	admin := func(method, path, body string) (int, string) {
		req, _ := http.NewRequest(method, e.ts.URL+path, strings.NewReader(body))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var buf bytes.Buffer
		_, _ = buf.ReadFrom(resp.Body)
		return resp.StatusCode, buf.String()
	}
	e.call("GET", "/groups/"+e.fx.ProjectID+"/serviceAccounts", sa, nil)
	status, body := admin("GET", "/__atlassim/requests", "")
	if status != 200 || !strings.Contains(body, `"auth": "bearer"`) || strings.Contains(body, "__atlassim") {
		t.Fatalf("requests: %d %s", status, body)
	}
	if s, _ := admin("PUT", "/__atlassim/faults", "429=2"); s != 400 {
		t.Fatalf("bad spec: %d", s)
	}
	if s, _ := admin("PUT", "/__atlassim/faults", "429=1"); s != 204 {
		t.Fatalf("set spec: %d", s)
	}
	mustStatus(t, e.call("GET", "/groups/"+e.fx.ProjectID+"/serviceAccounts", sa, nil), 429)
	if s, _ := admin("PUT", "/__atlassim/faults", ""); s != 204 {
		t.Fatalf("clear spec: %d", s)
	}
	mustStatus(t, e.call("POST", "/groups/"+e.fx.ProjectID+"/users", users, map[string]any{"username": "p@example.com", "roles": []string{"GROUP_OWNER"}}), 201)
	if s, _ := admin("POST", "/__atlassim/users/accept", `{"username":"nobody@example.com"}`); s != 404 {
		t.Fatalf("accept unknown: %d", s)
	}
	if s, _ := admin("POST", "/__atlassim/users/expire", `{"username":"P@example.com"}`); s != 204 {
		t.Fatalf("expire: %d", s)
	}
	if s, _ := admin("POST", "/__atlassim/users/accept", `{"username":"p@example.com"}`); s != 409 {
		t.Fatalf("accept expired: %d", s)
	}
	if s, _ := admin("POST", "/__atlassim/users/accept", `nope`); s != 400 {
		t.Fatalf("accept bad body: %d", s)
	}
	if s, _ := admin("GET", "/__atlassim/nothing", ""); s != 404 {
		t.Fatalf("unknown admin: %d", s)
	}
	if s, _ := admin("DELETE", "/__atlassim/requests", ""); s != 204 || len(e.srv.Requests()) != 0 {
		t.Fatalf("reset requests: %d", s)
	}
}
