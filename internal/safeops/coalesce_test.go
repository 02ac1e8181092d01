package safeops

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/atlassim"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client/clocktest"
)

// fakeOwner is an owner's objects as a fake Atlas holds them, with counts of
// the calls a coalescer made: listings and direct reads.
type fakeOwner struct {
	mu      sync.Mutex
	objects map[string]string // id -> value
	lists   atomic.Int32
	gets    atomic.Int32
	// listGate and getGate, when set, hold a listing or a direct read until
	// the test closes them; listing and getting report that one started.
	listGate, getGate chan struct{}
	listing, getting  chan struct{}
	listErr           error
}

type fakeItem struct{ ID, Value string }

var errFakeNotFound = errors.New("not found")

func (f *fakeOwner) list(context.Context) (map[string]any, error) {
	f.lists.Add(1)
	if f.listing != nil {
		f.listing <- struct{}{}
	}
	if f.listGate != nil {
		<-f.listGate
	}
	if f.listErr != nil {
		return nil, f.listErr
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	items := map[string]any{}
	for id, v := range f.objects {
		items[id] = &fakeItem{ID: id, Value: v}
	}
	return items, nil
}

func (f *fakeOwner) get(id string) func() (*fakeItem, error) {
	return func() (*fakeItem, error) {
		f.gets.Add(1)
		if f.getting != nil {
			f.getting <- struct{}{}
		}
		if f.getGate != nil {
			<-f.getGate
		}
		f.mu.Lock()
		defer f.mu.Unlock()
		v, ok := f.objects[id]
		if !ok {
			return nil, errFakeNotFound
		}
		return &fakeItem{ID: id, Value: v}, nil
	}
}

func (f *fakeOwner) set(id, v string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if v == "" {
		delete(f.objects, id)
		return
	}
	f.objects[id] = v
}

var testOwner = listOwner{projectAccountsList, "p1"}

func newTestReads(clock *clocktest.Clock) *reads {
	return &reads{clock: clock, lifetime: 10 * time.Second, window: time.Second}
}

func (f *fakeOwner) read(ctx context.Context, r *reads, id string) (*fakeItem, error) {
	return coalescedRead(ctx, r, testOwner, id, f.list, f.get(id), func(it *fakeItem, dirty func(string) bool) bool { return !dirty(it.ID) })
}

func newFakeOwner(n int) *fakeOwner {
	f := &fakeOwner{objects: map[string]string{}}
	for i := range n {
		f.objects[fmt.Sprintf("o%d", i)] = "v1"
	}
	return f
}

func TestCoalescedRead_sequentialReads(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		// gap between the two reads, by the clock
		gap                  time.Duration
		wantLists, wantGets  int32
		secondFromListingVal string
	}{
		"a lone read and another long after: two direct reads":      {gap: 2 * time.Second, wantLists: 0, wantGets: 2},
		"a read close after another: the owner is hot, one listing": {gap: 500 * time.Millisecond, wantLists: 1, wantGets: 1},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			clock := clocktest.New(time.Unix(1_700_000_000, 0))
			r := newTestReads(clock)
			f := newFakeOwner(3)
			ctx := context.Background()
			if _, err := f.read(ctx, r, "o0"); err != nil {
				t.Fatal(err)
			}
			clock.Advance(tc.gap)
			got, err := f.read(ctx, r, "o1")
			if err != nil || got.ID != "o1" || got.Value != "v1" {
				t.Fatalf("second read = %+v, %v; want o1 v1", got, err)
			}
			if f.lists.Load() != tc.wantLists || f.gets.Load() != tc.wantGets {
				t.Fatalf("listings %d, direct reads %d; want %d and %d", f.lists.Load(), f.gets.Load(), tc.wantLists, tc.wantGets)
			}
		})
	}
}

func TestCoalescedRead_concurrentReadsShareOneListing(t *testing.T) {
	t.Parallel()
	clock := clocktest.New(time.Unix(1_700_000_000, 0))
	r := newTestReads(clock)
	f := newFakeOwner(100)
	// Two seconds apart: only the direct read in flight makes the owner hot.
	f.getGate, f.getting = make(chan struct{}), make(chan struct{}, 1)
	f.listGate, f.listing = make(chan struct{}), make(chan struct{}, 1)
	ctx := context.Background()
	first := make(chan error, 1)
	go func() { _, err := f.read(ctx, r, "o0"); first <- err }()
	<-f.getting // the first read is at Atlas
	clock.Advance(2 * time.Second)
	var wg sync.WaitGroup
	errs := make(chan error, 99)
	for i := 1; i < 100; i++ {
		wg.Add(1)
		go func(id string) {
			defer wg.Done()
			got, err := f.read(ctx, r, id)
			if err == nil && got.ID != id {
				err = fmt.Errorf("read %s, got %s", id, got.ID)
			}
			errs <- err
		}(fmt.Sprintf("o%d", i))
		if i == 1 {
			<-f.listing // the second read started the listing; the rest join it
		}
	}
	close(f.listGate)
	wg.Wait()
	close(f.getGate)
	if err := <-first; err != nil {
		t.Fatal(err)
	}
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if f.lists.Load() != 1 || f.gets.Load() != 1 {
		t.Fatalf("100 reads made %d listings and %d direct reads; want 1 and 1", f.lists.Load(), f.gets.Load())
	}
}

func TestCoalescedRead_snapshotNeverSpeaksForWhatItCannotProve(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		// between the listing and the read of o1
		meanwhile func(f *fakeOwner, r *reads, clock *clocktest.Clock)
		read      string
		wantValue string
		wantErr   error
		wantGets  int32 // direct reads after the listing
	}{
		"an object the listing holds is answered from it": {
			meanwhile: func(*fakeOwner, *reads, *clocktest.Clock) {}, read: "o1", wantValue: "v1", wantGets: 0,
		},
		"an object missing from the listing is confirmed with a direct read (found)": {
			meanwhile: func(f *fakeOwner, _ *reads, _ *clocktest.Clock) { f.set("late", "v1") }, read: "late", wantValue: "v1", wantGets: 1,
		},
		"an object missing from the listing is confirmed with a direct read (gone)": {
			meanwhile: func(*fakeOwner, *reads, *clocktest.Clock) {}, read: "never", wantErr: errFakeNotFound, wantGets: 1,
		},
		"an object this process wrote since is read directly": {
			meanwhile: func(f *fakeOwner, r *reads, _ *clocktest.Clock) {
				f.set("o1", "v2")
				r.touch(func(o listOwner) bool { return o == testOwner }, "o1")
			}, read: "o1", wantValue: "v2", wantGets: 1,
		},
		"a write to another object leaves this one answered": {
			meanwhile: func(f *fakeOwner, r *reads, _ *clocktest.Clock) {
				f.set("o2", "v2")
				r.touch(func(o listOwner) bool { return o == testOwner }, "o2")
			}, read: "o1", wantValue: "v1", wantGets: 0,
		},
		"a write in another owner leaves this owner's listing alone": {
			meanwhile: func(f *fakeOwner, r *reads, _ *clocktest.Clock) {
				r.touch(func(o listOwner) bool { return o.ownerID == "p2" }, "o1")
			}, read: "o1", wantValue: "v1", wantGets: 0,
		},
		"an expired listing answers nothing: a new one is made while reads are close": {
			meanwhile: func(f *fakeOwner, _ *reads, clock *clocktest.Clock) {
				f.set("o1", "v3")
				clock.Advance(10 * time.Second)
			}, read: "o1", wantValue: "v3", wantGets: 0,
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			clock := clocktest.New(time.Unix(1_700_000_000, 0))
			r := newTestReads(clock)
			r.window = time.Hour // every read after the first is close
			f := newFakeOwner(3)
			ctx := context.Background()
			if _, err := f.read(ctx, r, "o0"); err != nil { // direct
				t.Fatal(err)
			}
			if _, err := f.read(ctx, r, "o0"); err != nil { // hot: the listing
				t.Fatal(err)
			}
			gets := f.gets.Load()
			tc.meanwhile(f, r, clock)
			got, err := f.read(ctx, r, tc.read)
			if !errors.Is(err, tc.wantErr) || (err == nil && got.Value != tc.wantValue) {
				t.Fatalf("read %s = %+v, %v; want value %q, error %v", tc.read, got, err, tc.wantValue, tc.wantErr)
			}
			if d := f.gets.Load() - gets; d != tc.wantGets {
				t.Fatalf("direct reads after the listing: %d, want %d", d, tc.wantGets)
			}
		})
	}
}

func TestCoalescedRead_aWriteDuringTheListingIsNotAnsweredFromIt(t *testing.T) {
	t.Parallel()
	clock := clocktest.New(time.Unix(1_700_000_000, 0))
	r := newTestReads(clock)
	r.window = time.Hour
	f := newFakeOwner(3)
	ctx := context.Background()
	if _, err := f.read(ctx, r, "o0"); err != nil {
		t.Fatal(err)
	}
	f.listGate, f.listing = make(chan struct{}), make(chan struct{}, 1)
	done := make(chan error, 1)
	go func() { _, err := f.read(ctx, r, "o2"); done <- err }()
	<-f.listing
	// The write finishes while the listing is under way: the listing may
	// have been answered before it.
	r.touch(func(o listOwner) bool { return o == testOwner }, "o1")
	close(f.listGate)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	gets := f.gets.Load()
	if _, err := f.read(ctx, r, "o1"); err != nil {
		t.Fatal(err)
	}
	if f.gets.Load() != gets+1 {
		t.Fatal("an object written while the listing was under way was answered from the listing")
	}
}

func TestCoalescedRead_failedListingFallsBackToDirectReads(t *testing.T) {
	t.Parallel()
	clock := clocktest.New(time.Unix(1_700_000_000, 0))
	r := newTestReads(clock)
	r.window = time.Hour
	f := newFakeOwner(3)
	f.listErr = errors.New("403")
	ctx := context.Background()
	for _, id := range []string{"o0", "o1"} {
		got, err := f.read(ctx, r, id)
		if err != nil || got.ID != id {
			t.Fatalf("read %s = %+v, %v", id, got, err)
		}
	}
	if f.gets.Load() != 2 {
		t.Fatalf("direct reads %d, want 2 (the second after the failed listing)", f.gets.Load())
	}
}

// TestService_readsOfOneProjectShareAListing checks the Service's reads
// against the simulator: many accounts, their secrets and people of one
// project cost a listing each, holdings are as a direct read leaves them,
// and an account this process wrote is read again.
func TestService_readsOfOneProjectShareAListing(t *testing.T) {
	t.Parallel()
	e := newSimEnv(t)
	e.s.reads.window = time.Hour // every read after the first is close
	ctx := context.Background()
	other := e.newClient(t)
	var ids []string
	for i := range 30 {
		sa, err := other.CreateProjectServiceAccount(ctx, e.fx.ProjectID, accountRequest(fmt.Sprintf("a%d", i)))
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, sa.ClientID)
	}
	before := len(e.sim.Requests())
	for _, id := range ids {
		sa, err := e.s.GetProjectServiceAccount(ctx, e.fx.ProjectID, id)
		if err != nil || sa.ClientID != id || len(sa.Secrets) != 1 {
			t.Fatalf("read %s = %+v, %v", id, sa, err)
		}
		if !e.s.MembershipHeld(e.fx.ProjectID, id) {
			t.Fatalf("account %s read from a listing is not held", id)
		}
		if _, err := e.s.ServiceAccountSecrets(ctx, client.ProjectOwner(e.fx.ProjectID), id, sa.Secrets[0].ID); err != nil {
			t.Fatal(err)
		}
	}
	reqs := apiRequests(e.sim.Requests()[before:])
	if got := countRequests(reqs, "GET", "/serviceAccounts"); got != 1 {
		t.Errorf("listings of the project's accounts: %d, want 1", got)
	}
	if got := len(reqs); got != 2 {
		t.Errorf("60 reads made %d requests, want 2 (one direct read, one listing): %v", got, reqs)
	}

	// A role change by this process: the account is read from Atlas again,
	// with its new role; its neighbours still come from the listing.
	if _, err := e.s.UpdateProjectServiceAccount(ctx, e.fx.ProjectID, ids[0], client.UpdateServiceAccountRequest{Roles: []string{"GROUP_OWNER"}}); err != nil {
		t.Fatal(err)
	}
	before = len(e.sim.Requests())
	sa, err := e.s.GetProjectServiceAccount(ctx, e.fx.ProjectID, ids[0])
	if err != nil || len(sa.Roles) != 1 || sa.Roles[0] != "GROUP_OWNER" {
		t.Fatalf("read after this process's update = %+v, %v; want GROUP_OWNER", sa, err)
	}
	if _, err := e.s.GetProjectServiceAccount(ctx, e.fx.ProjectID, ids[1]); err != nil {
		t.Fatal(err)
	}
	if got := len(apiRequests(e.sim.Requests()[before:])); got != 1 {
		t.Errorf("reads after the update made %d requests, want 1 (the updated account only)", got)
	}

	// An account deleted outside Terraform is missing from no listing yet
	// (the snapshot is older): a direct read finds it gone.
	if err := other.DeleteOrgServiceAccount(ctx, e.fx.OrgID, ids[2]); err != nil {
		t.Fatal(err)
	}
	e.s.reads.mu.Lock()
	e.s.reads.owners[listOwner{projectAccountsList, e.fx.ProjectID}].snap.began = time.Time{} // expire it
	e.s.reads.mu.Unlock()
	if _, err := e.s.GetProjectServiceAccount(ctx, e.fx.ProjectID, ids[2]); !client.IsNotFound(err) {
		t.Fatalf("read of an account deleted outside Terraform: %v, want not found", err)
	}
}

func countRequests(reqs []atlassim.RequestRecord, method, suffix string) int {
	n := 0
	for _, r := range reqs {
		if r.Method == method && strings.HasSuffix(r.Path, suffix) {
			n++
		}
	}
	return n
}

// apiRequests leaves out the token endpoint's requests.
func apiRequests(reqs []atlassim.RequestRecord) []atlassim.RequestRecord {
	var out []atlassim.RequestRecord
	for _, r := range reqs {
		if strings.HasPrefix(r.Path, "/api/atlas/") {
			out = append(out, r)
		}
	}
	return out
}

// TestListOrgServiceAccountProjects_fromSnapshots checks the destroy's
// question (which projects is an account in) against the simulator: many
// askers share the organization's and projects' listings, a removal this
// process made is counted, and what the listings cannot prove goes to Atlas.
func TestListOrgServiceAccountProjects_fromSnapshots(t *testing.T) {
	t.Parallel()
	e := newSimEnv(t)
	e.s.reads.window = time.Hour // every question after the first is close
	ctx := context.Background()
	other := e.newClient(t)
	var ids []string
	for i := range 6 {
		sa, err := other.CreateProjectServiceAccount(ctx, e.fx.ProjectID, accountRequest(fmt.Sprintf("a%d", i)))
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, sa.ClientID)
	}
	for _, id := range ids[:3] { // in both projects
		if _, err := other.InviteProjectServiceAccount(ctx, e.fx.Project2ID, id, []string{"GROUP_READ_ONLY"}); err != nil {
			t.Fatal(err)
		}
	}
	projectsOf := func(id string) []string {
		t.Helper()
		got, err := e.s.ListOrgServiceAccountProjects(ctx, e.fx.OrgID, id)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, p := range got {
			out = append(out, p.ProjectID)
		}
		slices.Sort(out)
		return out
	}
	both := []string{e.fx.ProjectID, e.fx.Project2ID}
	slices.Sort(both)
	before := len(e.sim.Requests())
	for i, id := range ids {
		want := []string{e.fx.ProjectID}
		if i < 3 {
			want = both
		}
		if got := projectsOf(id); !slices.Equal(got, want) {
			t.Fatalf("projects of account %d = %v, want %v", i, got, want)
		}
	}
	// Three direct questions, then the organization's projects and one
	// listing of each of its two projects.
	if got := len(apiRequests(e.sim.Requests()[before:])); got != 6 {
		t.Fatalf("6 questions made %d requests, want 6: %v", got, apiRequests(e.sim.Requests()[before:]))
	}

	tests := map[string]struct {
		write     func(t *testing.T, id string)
		id        int
		want      []string
		wantAtlas bool // asked Atlas directly
	}{
		"a removal this process made is counted without asking Atlas": {
			write: func(t *testing.T, id string) {
				if err := e.s.DeleteProjectServiceAccount(ctx, e.fx.Project2ID, id); err != nil {
					t.Fatal(err)
				}
			},
			id: 0, want: []string{e.fx.ProjectID},
		},
		"an account this process assigned is asked of Atlas": {
			write: func(t *testing.T, id string) {
				if _, err := e.s.AssignServiceAccount(ctx, e.fx.Project2ID, id, []string{"GROUP_READ_ONLY"}); err != nil {
					t.Fatal(err)
				}
			},
			id: 4, want: both, wantAtlas: true,
		},
		"an account left in no project is asked of Atlas": {
			write: func(t *testing.T, id string) {
				if err := e.s.DeleteProjectServiceAccount(ctx, e.fx.ProjectID, id); err != nil {
					t.Fatal(err)
				}
			},
			id: 5, want: nil, wantAtlas: true,
		},
	}
	for name, tc := range tests { // sequential: they share the snapshots
		tc.write(t, ids[tc.id])
		before := len(e.sim.Requests())
		if got := projectsOf(ids[tc.id]); !slices.Equal(got, tc.want) {
			t.Fatalf("%s: projects = %v, want %v", name, got, tc.want)
		}
		asked := countRequests(e.sim.Requests()[before:], "GET", ids[tc.id]+"/groups")
		if (asked == 1) != tc.wantAtlas {
			t.Fatalf("%s: asked Atlas %d times, want asked=%v", name, asked, tc.wantAtlas)
		}
	}
}

// TestService_readsOfPeopleAndOrgAccountsShareAListing: people of one project
// and accounts of one organization are read from a listing each, held as a
// direct read holds them, and what this process changed is read again.
func TestService_readsOfPeopleAndOrgAccountsShareAListing(t *testing.T) {
	t.Parallel()
	e := newSimEnv(t)
	e.s.reads.window = time.Hour
	ctx := context.Background()
	other := e.newClient(t)
	var users []string
	for i := range 5 {
		u, err := other.AddProjectUser(ctx, e.fx.ProjectID, client.AddProjectUserRequest{Username: fmt.Sprintf("p%d@example.com", i), Roles: []string{"GROUP_READ_ONLY"}})
		if err != nil {
			t.Fatal(err)
		}
		users = append(users, u.ID)
	}
	var orgAccounts []string
	for i := range 5 {
		sa, err := other.CreateOrgServiceAccount(ctx, e.fx.OrgID, client.CreateServiceAccountRequest{Name: fmt.Sprintf("o%d", i), Description: "d", Roles: []string{"ORG_READ_ONLY"}, SecretExpiresAfterHours: 24})
		if err != nil {
			t.Fatal(err)
		}
		orgAccounts = append(orgAccounts, sa.ClientID)
	}
	before := len(e.sim.Requests())
	for i, id := range users {
		u, err := e.s.GetProjectUser(ctx, e.fx.ProjectID, id)
		if err != nil || u.ID != id {
			t.Fatalf("read user %s = %+v, %v", id, u, err)
		}
		if !e.s.held.held(userKey(e.fx.ProjectID, fmt.Sprintf("P%d@example.com", i))) {
			t.Fatalf("user %s read from a listing is not held", id)
		}
	}
	for _, id := range orgAccounts {
		sa, err := e.s.GetOrgServiceAccount(ctx, e.fx.OrgID, id)
		if err != nil || sa.ClientID != id {
			t.Fatalf("read account %s = %+v, %v", id, sa, err)
		}
	}
	if got := len(apiRequests(e.sim.Requests()[before:])); got != 4 {
		t.Fatalf("10 reads made %d requests, want 4 (a direct read and a listing per owner)", got)
	}
	if _, err := e.s.AddProjectUserRole(ctx, e.fx.ProjectID, users[0], "GROUP_OWNER"); err != nil {
		t.Fatal(err)
	}
	before = len(e.sim.Requests())
	u, err := e.s.GetProjectUser(ctx, e.fx.ProjectID, users[0])
	if err != nil || !slices.Contains(u.Roles, "GROUP_OWNER") {
		t.Fatalf("read after this process's role change = %+v, %v; want GROUP_OWNER", u, err)
	}
	if got := countRequests(e.sim.Requests()[before:], "GET", users[0]); got != 1 {
		t.Fatalf("the changed person was read %d times from Atlas, want 1", got)
	}
}

// Reads of an organization's people that arrive together share one listing
// of the organization's users; what this process wrote since (a role, a
// removal) and what the listing does not hold (an expired invitation) are
// read from Atlas.
func TestService_readsOfOrgUsersShareAListing(t *testing.T) {
	t.Parallel()
	e := newSimEnv(t)
	e.s.reads.window = time.Hour
	ctx := context.Background()
	other := e.newClient(t)
	var users []string
	for i := range 6 {
		u, err := other.CreateOrgUser(ctx, e.fx.OrgID, orgUserRequest(fmt.Sprintf("o%d@example.com", i), "ORG_MEMBER"))
		if err != nil {
			t.Fatal(err)
		}
		users = append(users, u.ID)
	}
	if err := e.sim.ExpireInvitation("o5@example.com"); err != nil {
		t.Fatal(err)
	}
	before := len(e.sim.Requests())
	for i, id := range users[:5] {
		u, err := e.s.GetOrgUser(ctx, e.fx.OrgID, id)
		if err != nil || u.ID != id || u.OrgMembershipStatus != client.UserStatusPending {
			t.Fatalf("read user %s = %+v, %v", id, u, err)
		}
		if !e.s.held.held(orgUserKey(e.fx.OrgID, fmt.Sprintf("O%d@example.com", i))) {
			t.Fatalf("user %s read from a listing is not held", id)
		}
	}
	if got := len(apiRequests(e.sim.Requests()[before:])); got != 2 {
		t.Fatalf("5 reads made %d requests, want 2 (a direct read, then a listing)", got)
	}

	before = len(e.sim.Requests())
	u, err := e.s.GetOrgUser(ctx, e.fx.OrgID, users[5])
	if err != nil || u.OrgMembershipStatus != client.UserStatusExpired {
		t.Fatalf("read of the expired invitation = %+v, %v; want INVITATION_EXPIRED", u, err)
	}
	if got := countRequests(e.sim.Requests()[before:], "GET", users[5]); got != 1 {
		t.Fatalf("the expired invitation, absent from the listing, was read %d times from Atlas, want 1", got)
	}

	if _, err := e.s.AddOrgUserRole(ctx, e.fx.OrgID, users[0], "ORG_READ_ONLY"); err != nil {
		t.Fatal(err)
	}
	if err := e.s.DeleteOrgUser(ctx, e.fx.OrgID, users[1], "o1@example.com"); err != nil {
		t.Fatal(err)
	}
	before = len(e.sim.Requests())
	u, err = e.s.GetOrgUser(ctx, e.fx.OrgID, users[0])
	if err != nil || !slices.Contains(u.Roles.OrgRoles, "ORG_READ_ONLY") {
		t.Fatalf("read after this process's role change = %+v, %v; want ORG_READ_ONLY", u, err)
	}
	if _, err := e.s.GetOrgUser(ctx, e.fx.OrgID, users[1]); !client.IsNotFound(err) {
		t.Fatalf("read after this process removed the person: err = %v; want not found", err)
	}
	if got := countRequests(e.sim.Requests()[before:], "GET", users[0]) + countRequests(e.sim.Requests()[before:], "GET", users[1]); got != 2 {
		t.Fatalf("the two people this process wrote to were read %d times from Atlas, want 2", got)
	}
	if u, err := e.s.GetOrgUser(ctx, e.fx.OrgID, users[2]); err != nil || u.ID != users[2] {
		t.Fatalf("read of a person nobody wrote to = %+v, %v", u, err)
	}
	if got := len(apiRequests(e.sim.Requests()[before:])); got != 2 {
		t.Fatalf("the untouched person was not answered from the listing: %d requests in all, want 2", got)
	}
}
