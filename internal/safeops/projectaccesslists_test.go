package safeops

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/atlassim"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client/clocktest"
)

// ipEnv is a Service on a simulator whose new project IP access list
// entries answer PENDING to pendingReads status reads, with a fake clock.
type ipEnv struct {
	sim   *atlassim.Server
	fx    atlassim.Fixtures
	c     *client.Client
	s     *Service
	clock *clocktest.Clock
}

func newIPEnv(t *testing.T, pendingReads int) *ipEnv {
	t.Helper()
	sim, err := atlassim.New(atlassim.Options{Seed: 9, IPAccessPendingReads: pendingReads})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(sim)
	t.Cleanup(srv.Close)
	fx := sim.Fixtures()
	clock := clocktest.New(time.Now())
	c, err := client.New(client.Config{BaseURL: srv.URL, ClientID: fx.ClientID, ClientSecret: fx.ClientSecret,
		MaxRetries: 2, MinBackoff: time.Millisecond, MaxBackoff: 5 * time.Millisecond, Clock: clock})
	if err != nil {
		t.Fatal(err)
	}
	return &ipEnv{sim: sim, fx: fx, c: c, s: New(c), clock: clock}
}

func (e *ipEnv) values(t *testing.T) []string {
	t.Helper()
	list, err := e.c.ListProjectAccessList(context.Background(), e.fx.ProjectID)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, x := range list {
		out = append(out, x.Value()+"|"+x.Comment)
	}
	slices.Sort(out)
	return out
}

func cidrs(values ...string) []client.ProjectAccessListEntry {
	out := make([]client.ProjectAccessListEntry, len(values))
	for i, v := range values {
		out[i] = client.ProjectAccessListEntry{CIDRBlock: v}
	}
	return out
}

func TestReplaceProjectAccessList_addsWaitsForActiveAndRemovesTheRest(t *testing.T) {
	t.Parallel()
	e := newIPEnv(t, 3)
	ctx := context.Background()
	// Added by hand: an open block and an entry that stays, with another comment.
	if err := e.c.AddProjectAccessListEntries(ctx, e.fx.ProjectID, []client.ProjectAccessListEntry{
		{CIDRBlock: "0.0.0.0/0"}, {IPAddress: "203.0.113.5", Comment: "old"},
	}); err != nil {
		t.Fatal(err)
	}
	want := []client.ProjectAccessListEntry{{CIDRBlock: "10.1.0.0/16", Comment: "vpc"}, {CIDRBlock: "203.0.113.5/32", Comment: "new"}}
	done, err := e.s.ReplaceProjectAccessList(ctx, e.fx.ProjectID, want)
	if err != nil {
		t.Fatal(err)
	}
	if got := e.values(t); !slices.Equal(got, []string{"10.1.0.0/16|vpc", "203.0.113.5/32|new"}) {
		t.Errorf("list %v", got)
	}
	if !slices.Equal(done.Added, []string{"10.1.0.0/16"}) || !slices.Equal(done.Updated, []string{"203.0.113.5/32"}) || !slices.Equal(done.Removed, []string{"0.0.0.0/0"}) {
		t.Errorf("change %+v", done)
	}
	// The new entry answered PENDING three times: three growing waits on
	// the fake clock before every entry read ACTIVE.
	if got, want := pollWaits(e.clock), []time.Duration{250 * time.Millisecond, 500 * time.Millisecond, time.Second}; !slices.Equal(got, want) {
		t.Errorf("waited %v, want %v", got, want)
	}
	// A second run changes nothing and waits for nothing.
	done, err = e.s.ReplaceProjectAccessList(ctx, e.fx.ProjectID, want)
	if err != nil || len(done.Added)+len(done.Updated)+len(done.Removed) != 0 {
		t.Errorf("second run: %+v, %v", done, err)
	}
}

// pollWaits are the waits between rounds of status reads: those of at least
// activePollFirst (the client's retry backoffs are a few milliseconds).
func pollWaits(c *clocktest.Clock) []time.Duration {
	var out []time.Duration
	for _, w := range c.Waits() {
		if w >= activePollFirst {
			out = append(out, w)
		}
	}
	return out
}

// Status is read right away, then after waits that double from 250 ms up to
// 5 s, and the last wait ends at the limit, where one more read decides.
func TestReplaceProjectAccessList_pollsRightAwayThenBacksOff(t *testing.T) {
	t.Parallel()
	ms := time.Millisecond
	for name, tc := range map[string]struct {
		pendingReads int
		limit        time.Duration
		waits        []time.Duration
		notActive    bool
	}{
		"active at once": {pendingReads: -1, waits: nil},
		"pending once":   {pendingReads: 1, waits: []time.Duration{250 * ms}},
		"capped":         {pendingReads: 8, waits: []time.Duration{250 * ms, 500 * ms, time.Second, 2 * time.Second, 4 * time.Second, 5 * time.Second, 5 * time.Second, 5 * time.Second}},
		"last wait ends at the limit": {pendingReads: 1000, limit: 10 * time.Second, notActive: true,
			waits: []time.Duration{250 * ms, 500 * ms, time.Second, 2 * time.Second, 4 * time.Second, 2250 * ms}},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			e := newIPEnv(t, tc.pendingReads)
			e.s.activeWaitLimit = tc.limit
			_, err := e.s.ReplaceProjectAccessList(context.Background(), e.fx.ProjectID, cidrs("10.1.0.0/16"))
			var pe *ProjectAccessListError
			switch {
			case tc.notActive && (!errors.As(err, &pe) || !errors.Is(err, ErrEntryNotActive) || pe.Entry != "10.1.0.0/16"):
				t.Errorf("err %v, want the entry named as not ACTIVE", err)
			case !tc.notActive && err != nil:
				t.Errorf("err %v", err)
			}
			if got := pollWaits(e.clock); !slices.Equal(got, tc.waits) {
				t.Errorf("waited %v, want %v", got, tc.waits)
			}
		})
	}
}

func TestReplaceProjectAccessList_lostAnswerIsSettledByReading(t *testing.T) {
	t.Parallel()
	for _, fault := range []string{"lost@POST=1#1", "500@POST=1#1", "reset@POST=1#1"} {
		t.Run(fault, func(t *testing.T) {
			t.Parallel()
			e := newIPEnv(t, -1)
			if err := e.sim.SetFaults(fault); err != nil {
				t.Fatal(err)
			}
			if _, err := e.s.ReplaceProjectAccessList(context.Background(), e.fx.ProjectID, cidrs("10.1.0.0/16", "10.2.0.0/16")); err != nil {
				t.Fatal(err)
			}
			if got := e.values(t); !slices.Equal(got, []string{"10.1.0.0/16|", "10.2.0.0/16|"}) {
				t.Errorf("list %v", got)
			}
		})
	}
}

func TestRemoveProjectAccessListEntries_removesOnlyItsOwn(t *testing.T) {
	t.Parallel()
	e := newIPEnv(t, -1)
	ctx := context.Background()
	if err := e.c.AddProjectAccessListEntries(ctx, e.fx.ProjectID, []client.ProjectAccessListEntry{{CIDRBlock: "10.1.0.0/16"}, {IPAddress: "203.0.113.5"}, {AWSSecurityGroup: "sg-0123abcd"}}); err != nil {
		t.Fatal(err)
	}
	done, err := e.s.RemoveProjectAccessListEntries(ctx, e.fx.ProjectID, []client.ProjectAccessListEntry{{IPAddress: "203.0.113.5"}, {AWSSecurityGroup: "sg-0123abcd"}, {CIDRBlock: "10.9.0.0/16"}})
	if err != nil {
		t.Fatal(err)
	}
	if got := e.values(t); !slices.Equal(got, []string{"10.1.0.0/16|"}) {
		t.Errorf("list %v, want the entry the state did not hold", got)
	}
	if len(done.Removed) != 2 {
		t.Errorf("removed %v", done.Removed)
	}
}

// Two writes of one project's list in one process never POST at once: the
// second waits for the first, so Atlas never refuses it.
func TestReplaceProjectAccessList_writesOfOneProjectAreSerialized(t *testing.T) {
	t.Parallel()
	e := newIPEnv(t, -1)
	ctx := context.Background()
	queued := make(chan struct{})
	e.s.locks.waiting = func(k objectKey) {
		if k == projectAccessListKey(e.fx.ProjectID) {
			close(queued)
		}
	}
	second := make(chan error, 1)
	e.sim.SetIPAccessPostHook(func(string) {
		e.sim.SetIPAccessPostHook(nil)
		go func() {
			_, err := e.s.ReplaceProjectAccessList(ctx, e.fx.ProjectID, cidrs("10.2.0.0/16"))
			second <- err
		}()
		// Hold the first POST in flight until the second write is queued
		// behind it; had the second one not waited, it would have ended
		// (refused by Atlas) instead.
		select {
		case <-queued:
		case err := <-second:
			t.Errorf("the second write ran while the first POST was in flight: %v", err)
			second <- err
		}
	})
	if _, err := e.s.ReplaceProjectAccessList(ctx, e.fx.ProjectID, cidrs("10.1.0.0/16")); err != nil {
		t.Fatal(err)
	}
	if err := <-second; err != nil {
		t.Fatalf("second write: %v", err)
	}
	if got := e.values(t); !slices.Equal(got, []string{"10.2.0.0/16|"}) {
		t.Errorf("list %v, want the second write's", got)
	}
}

// temporaryIn adds 10.0.1.0/24 to the project's list as a temporary entry,
// as someone would by hand, and returns its deleteAfterDate.
func temporaryIn(t *testing.T, c *client.Client, projectID string) string {
	t.Helper()
	date := time.Now().UTC().Add(48 * time.Hour).Truncate(time.Second).Format(time.RFC3339)
	if err := c.AddProjectAccessListEntries(context.Background(), projectID,
		[]client.ProjectAccessListEntry{{CIDRBlock: "10.0.1.0/24", Comment: "Net 1", DeleteAfterDate: &date}}); err != nil {
		t.Fatal(err)
	}
	return date
}

// An entry the caller wants permanent that Atlas holds as temporary (made
// so by hand) is sent again without its date: Atlas then keeps it for good,
// and it was never deleted on the way.
func TestReplaceProjectAccessList_makesATemporaryEntryPermanent(t *testing.T) {
	t.Parallel()
	e := newIPEnv(t, -1)
	ctx := context.Background()
	if _, err := e.s.ReplaceProjectAccessList(ctx, e.fx.ProjectID, []client.ProjectAccessListEntry{{CIDRBlock: "10.0.1.0/24", Comment: "Net 1"}}); err != nil {
		t.Fatal(err)
	}
	temporaryIn(t, e.c, e.fx.ProjectID)
	e.sim.ResetRequests()
	done, err := e.s.ReplaceProjectAccessList(ctx, e.fx.ProjectID, []client.ProjectAccessListEntry{{CIDRBlock: "10.0.1.0/24", Comment: "Net 1"}})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(done.Updated, []string{"10.0.1.0/24"}) {
		t.Errorf("updated %v, want the temporary entry", done.Updated)
	}
	list, err := e.c.ListProjectAccessList(ctx, e.fx.ProjectID)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 || list[0].DeleteAfterDate != nil {
		t.Errorf("Atlas holds %+v, want 10.0.1.0/24 without a deleteAfterDate", list)
	}
	for _, r := range e.sim.Requests() {
		if r.Method == http.MethodDelete {
			t.Errorf("sent %s %s: a configured entry must never be deleted to clear its date", r.Method, r.Path)
		}
	}
}

// keepsDates is an Atlas that keeps the deleteAfterDate of an entry posted
// again without one (the API documents neither way): every POST of
// 10.0.1.0/24 gets date added.
func keepsDates(next http.Handler, date string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/accessList") {
			var entries []map[string]any
			body, _ := io.ReadAll(r.Body)
			if json.Unmarshal(body, &entries) == nil {
				for _, x := range entries {
					if x["cidrBlock"] == "10.0.1.0/24" && x["deleteAfterDate"] == nil {
						x["deleteAfterDate"] = date
					}
				}
				body, _ = json.Marshal(entries)
			}
			r.Body = io.NopCloser(bytes.NewReader(body))
			r.ContentLength = int64(len(body))
		}
		next.ServeHTTP(w, r)
	})
}

// When Atlas keeps the date of an entry sent again without one, the
// write says so, naming the entry and its date, after doing the rest of
// the change (the entry added by hand is removed); the temporary entry is
// not deleted.
func TestReplaceProjectAccessList_entryAtlasKeepsTemporaryIsAnError(t *testing.T) {
	t.Parallel()
	e := newIPEnv(t, -1)
	ctx := context.Background()
	date := temporaryIn(t, e.c, e.fx.ProjectID)
	if err := e.c.AddProjectAccessListEntries(ctx, e.fx.ProjectID, []client.ProjectAccessListEntry{{CIDRBlock: "0.0.0.0/0"}}); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(keepsDates(e.sim, date))
	t.Cleanup(srv.Close)
	c, err := client.New(client.Config{BaseURL: srv.URL, ClientID: e.fx.ClientID, ClientSecret: e.fx.ClientSecret,
		MaxRetries: 2, MinBackoff: time.Millisecond, MaxBackoff: 5 * time.Millisecond, Clock: e.clock})
	if err != nil {
		t.Fatal(err)
	}
	done, err := New(c).ReplaceProjectAccessList(ctx, e.fx.ProjectID, []client.ProjectAccessListEntry{{CIDRBlock: "10.0.1.0/24", Comment: "Net 1"}})
	var pe *ProjectAccessListError
	if !errors.Is(err, ErrEntryStillTemporary) || !errors.As(err, &pe) {
		t.Fatalf("error %v, want ErrEntryStillTemporary", err)
	}
	if pe.Entry != "10.0.1.0/24" || !strings.Contains(err.Error(), "10.0.1.0/24 at "+date) {
		t.Errorf("error %q names %q, want the entry and its date %s", err, pe.Entry, date)
	}
	if !slices.Equal(done.Removed, []string{"0.0.0.0/0"}) || !slices.Equal(pe.Done.Removed, done.Removed) {
		t.Errorf("removed %v (error says %v), want the entry added by hand", done.Removed, pe.Done.Removed)
	}
	if got := e.values(t); !slices.Equal(got, []string{"10.0.1.0/24|Net 1"}) {
		t.Errorf("list %v, want the temporary entry kept", got)
	}
}
