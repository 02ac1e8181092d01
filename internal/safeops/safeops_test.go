package safeops

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/atlassim"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

// simEnv is a Service on a fresh in-process simulator.
type simEnv struct {
	sim  *atlassim.Server
	fx   atlassim.Fixtures
	c    *client.Client
	s    *Service
	hook *requestHook
	url  string // the simulator's base URL
}

// requestHook runs an action, once, just before the simulator handles the
// first request that matches: what happens at Atlas while a request is on
// its way (another team's write, a slow clock).
type requestHook struct {
	next   http.Handler
	mu     sync.Mutex
	match  func(*http.Request) bool
	action func()
}

func (h *requestHook) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h.mu.Lock()
	var action func()
	if h.match != nil && h.match(r) {
		action, h.match, h.action = h.action, nil, nil
	}
	h.mu.Unlock()
	if action != nil {
		action()
	}
	h.next.ServeHTTP(w, r)
}

// before runs action just before the simulator handles the next request
// with method whose path ends in suffix.
func (e *simEnv) before(method, suffix string, action func()) {
	e.hook.mu.Lock()
	defer e.hook.mu.Unlock()
	e.hook.match = func(r *http.Request) bool { return r.Method == method && strings.HasSuffix(r.URL.Path, suffix) }
	e.hook.action = action
}

func newSimEnv(t *testing.T) *simEnv {
	t.Helper()
	sim, err := atlassim.New(atlassim.Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	hook := &requestHook{next: sim}
	srv := httptest.NewServer(hook)
	t.Cleanup(srv.Close)
	fx := sim.Fixtures()
	e := &simEnv{sim: sim, fx: fx, hook: hook, url: srv.URL}
	e.c = e.newClient(t)
	e.s = New(e.c)
	e.s.grace = 300 * time.Millisecond
	return e
}

// newClient is a client of its own for the simulator: another process (or
// team), with its own view of Atlas's clock.
func (e *simEnv) newClient(t *testing.T) *client.Client {
	t.Helper()
	c, err := client.New(client.Config{BaseURL: e.url, ClientID: e.fx.ClientID, ClientSecret: e.fx.ClientSecret,
		MaxRetries: 3, MinBackoff: time.Millisecond, MaxBackoff: 5 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func (e *simEnv) faults(t *testing.T, spec string) {
	t.Helper()
	if err := e.sim.SetFaults(spec); err != nil {
		t.Fatal(err)
	}
}

func accountRequest(name string) client.CreateServiceAccountRequest {
	return client.CreateServiceAccountRequest{Name: name, Description: "runner", Roles: []string{"GROUP_READ_ONLY"}, SecretExpiresAfterHours: 24}
}

func (e *simEnv) accounts(t *testing.T) []client.ServiceAccount {
	t.Helper()
	all, err := e.c.ListProjectServiceAccounts(context.Background(), e.fx.ProjectID)
	if err != nil {
		t.Fatal(err)
	}
	return all
}

func TestCreateProjectServiceAccount_lostAnswerAdoptsTheAccountItMade(t *testing.T) {
	t.Parallel()
	e := newSimEnv(t)
	e.faults(t, "lost@POST=1#1")
	sa, degradations, err := e.s.CreateProjectServiceAccount(context.Background(), e.fx.ProjectID, accountRequest("ci"))
	if err != nil || len(degradations) != 0 {
		t.Fatalf("create after a lost answer: err=%v degradations=%v", err, degradations)
	}
	all := e.accounts(t)
	if len(all) != 1 || all[0].ClientID != sa.ClientID {
		t.Fatalf("Atlas holds %d accounts, want exactly the adopted %s", len(all), sa.ClientID)
	}
	// The first secret went with the lost answer: it is replaced by one whose
	// plaintext the caller has, and no secret nobody knows is left.
	if len(sa.Secrets) != 1 || sa.Secrets[0].Secret == "" || len(all[0].Secrets) != 1 || all[0].Secrets[0].ID != sa.Secrets[0].ID {
		t.Fatalf("adopted secrets %+v, Atlas holds %+v; want the one new secret", sa.Secrets, all[0].Secrets)
	}
}

// A create whose outcome is unknown must not adopt a same-named sibling that
// another resource of the process created: it sends the create again.
func TestCreateProjectServiceAccount_neverAdoptsASiblingItHolds(t *testing.T) {
	t.Parallel()
	e := newSimEnv(t)
	ctx := context.Background()
	sibling, _, err := e.s.CreateProjectServiceAccount(ctx, e.fx.ProjectID, accountRequest("runner"))
	if err != nil {
		t.Fatal(err)
	}
	e.faults(t, "500@POST=1#1") // Atlas answers 500 and does nothing
	sa, _, err := e.s.CreateProjectServiceAccount(ctx, e.fx.ProjectID, accountRequest("runner"))
	if err != nil {
		t.Fatal(err)
	}
	if sa.ClientID == sibling.ClientID {
		t.Fatalf("the second create adopted its sibling %s", sibling.ClientID)
	}
	if n := len(e.accounts(t)); n != 2 {
		t.Fatalf("Atlas holds %d accounts, want 2 distinct ones", n)
	}
	if all := e.accounts(t); len(all[0].Secrets) != 1 || len(all[1].Secrets) != 1 {
		t.Fatal("a sibling's secret was touched")
	}
}

// Concurrent same-named creates, one of which loses its answer, end with one
// distinct account each: the same-named creates of a process are serialized,
// so the lost one is resolved while no sibling is in flight.
func TestCreateProjectServiceAccount_concurrentSiblingsStayDistinct(t *testing.T) {
	t.Parallel()
	e := newSimEnv(t)
	e.faults(t, "lost@POST=1#1")
	var wg sync.WaitGroup
	ids := make([]string, 3)
	errs := make([]error, 3)
	for i := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sa, _, err := e.s.CreateProjectServiceAccount(context.Background(), e.fx.ProjectID, accountRequest("runner"))
			if err == nil {
				ids[i] = sa.ClientID
			}
			errs[i] = err
		}()
	}
	wg.Wait()
	seen := map[string]bool{}
	for i, id := range ids {
		if errs[i] != nil {
			t.Fatalf("create %d: %v", i, errs[i])
		}
		seen[id] = true
	}
	if len(seen) != 3 || len(e.accounts(t)) != 3 {
		t.Fatalf("3 creates gave client IDs %v and Atlas holds %d accounts; want 3 distinct", ids, len(e.accounts(t)))
	}
}

// Two matching accounts that appeared after the request and that no resource
// holds cannot be told apart: nothing is adopted, and the error lists both.
func TestCreateProjectServiceAccount_twoCandidatesAreAnError(t *testing.T) {
	t.Parallel()
	e := newSimEnv(t)
	ctx := context.Background()
	// Made by someone else (a plain client, not the Service): not held.
	other, err := e.c.CreateProjectServiceAccount(ctx, e.fx.ProjectID, accountRequest("runner"))
	if err != nil {
		t.Fatal(err)
	}
	e.faults(t, "lost@POST=1#1")
	_, _, err = e.s.CreateProjectServiceAccount(ctx, e.fx.ProjectID, accountRequest("runner"))
	var cerr *CandidatesError
	if !errors.As(err, &cerr) || len(cerr.Candidates) != 2 {
		t.Fatalf("err = %v; want a CandidatesError with 2 candidates", err)
	}
	if !strings.Contains(err.Error(), other.ClientID) {
		t.Fatalf("error %q does not name candidate %s", err, other.ClientID)
	}
	for _, a := range e.accounts(t) {
		if len(a.Secrets) != 1 {
			t.Fatalf("account %s has %d secrets; an unproven account's secrets must not be touched", a.ClientID, len(a.Secrets))
		}
	}
}

func TestSameRoles(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		a, b []string
		want bool
	}{
		"same order":       {[]string{"GROUP_OWNER", "GROUP_READ_ONLY"}, []string{"GROUP_OWNER", "GROUP_READ_ONLY"}, true},
		"other order":      {[]string{"GROUP_READ_ONLY", "GROUP_OWNER"}, []string{"GROUP_OWNER", "GROUP_READ_ONLY"}, true},
		"both empty":       {nil, []string{}, true},
		"one more":         {[]string{"GROUP_OWNER"}, []string{"GROUP_OWNER", "GROUP_READ_ONLY"}, false},
		"one fewer":        {[]string{"GROUP_OWNER", "GROUP_READ_ONLY"}, []string{"GROUP_OWNER"}, false},
		"different":        {[]string{"GROUP_OWNER"}, []string{"GROUP_READ_ONLY"}, false},
		"repetition is ok": {[]string{"GROUP_OWNER", "GROUP_OWNER"}, []string{"GROUP_OWNER"}, true},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if got := SameRoles(tc.a, tc.b); got != tc.want {
				t.Fatalf("SameRoles(%v, %v) = %v, want %v", tc.a, tc.b, got, tc.want)
			}
		})
	}
}
