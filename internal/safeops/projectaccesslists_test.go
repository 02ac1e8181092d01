package safeops

import (
	"context"
	"errors"
	"net/http/httptest"
	"slices"
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
