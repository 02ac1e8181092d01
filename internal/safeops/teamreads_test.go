package safeops

import (
	"context"
	"fmt"
	"net/http/httptest"
	"slices"
	"testing"
	"time"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/atlassim"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

// teamFixture is an organization with teams made by another client: each
// team has two of the people, and roles in the fixture project.
type teamFixture struct {
	users []*client.OrgUser
	teams []*client.Team
}

// newPeopleSimEnv is newSimEnv with the simulator's invitation rate limit
// lifted: a fixture invites more people than it allows a minute.
func newPeopleSimEnv(t *testing.T) *simEnv {
	t.Helper()
	sim, err := atlassim.New(atlassim.Options{Seed: 1, InviteRateLimit: -1})
	if err != nil {
		t.Fatal(err)
	}
	hook := &requestHook{next: sim}
	srv := httptest.NewServer(hook)
	t.Cleanup(srv.Close)
	e := &simEnv{sim: sim, fx: sim.Fixtures(), hook: hook, url: srv.URL}
	e.c = e.newClient(t)
	e.s = New(e.c)
	return e
}

func newTeamFixture(t *testing.T, e *simEnv, teams int) teamFixture {
	t.Helper()
	ctx := context.Background()
	other := e.newClient(t)
	var f teamFixture
	for i := range 2 * teams {
		u, err := other.CreateOrgUser(ctx, e.fx.OrgID, orgUserRequest(fmt.Sprintf("m%d@example.com", i), "ORG_MEMBER"))
		if err != nil {
			t.Fatal(err)
		}
		f.users = append(f.users, u)
	}
	// One member of each team is ACTIVE, the other PENDING: a direct read
	// of the members lists both.
	for i := 0; i < len(f.users); i += 2 {
		if err := e.sim.AcceptInvitation(f.users[i].Username); err != nil {
			t.Fatal(err)
		}
	}
	for i := range teams {
		team, err := other.CreateTeam(ctx, e.fx.OrgID, teamRequest(fmt.Sprintf("team%d", i), f.users[2*i].Username, f.users[2*i+1].Username))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := other.AddTeamsToProject(ctx, e.fx.ProjectID, []client.ProjectTeam{{TeamID: team.ID, RoleNames: []string{"GROUP_READ_ONLY"}}}); err != nil {
			t.Fatal(err)
		}
		f.teams = append(f.teams, team)
	}
	return f
}

// membersOf reads a team's members directly, as usernames, sorted.
func membersOf(t *testing.T, e *simEnv, teamID string) []string {
	t.Helper()
	users, err := e.newClient(t).ListTeamUsers(context.Background(), e.fx.OrgID, teamID, client.ListOrgUsersOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return sortedUsernames(users)
}

func sortedUsernames(users []client.OrgUser) []string {
	out := usernamesOf(users)
	slices.Sort(out)
	return out
}

// A refresh of many teams and their project roles reads three listings (the
// organization's teams, its people with their teams, the project's teams)
// after one direct read of each, and answers exactly what direct reads
// answer: names, members ACTIVE and PENDING, roles. Teams are held as a
// direct read holds them.
func TestService_readsOfTeamsShareListings(t *testing.T) {
	t.Parallel()
	e := newPeopleSimEnv(t)
	e.s.reads.window = time.Hour // every read after the first is close
	f := newTeamFixture(t, e, 6)
	// The teams are a minute old by Atlas's clock when the refresh lists.
	e.sim.SetClockOffset(time.Minute)
	ctx := context.Background()
	before := len(e.sim.Requests())
	for i, team := range f.teams {
		got, err := e.s.GetTeam(ctx, e.fx.OrgID, team.ID)
		if err != nil || got.ID != team.ID || got.Name != team.Name {
			t.Fatalf("read team %d = %+v, %v; want %s", i, got, err, team.Name)
		}
		if !e.s.held.held(teamKey(team.ID)) {
			t.Fatalf("team %d read from a listing is not held", i)
		}
		members, err := e.s.ReadTeamUsers(ctx, e.fx.OrgID, team.ID)
		want := []string{f.users[2*i].Username, f.users[2*i+1].Username}
		slices.Sort(want)
		if err != nil || !slices.Equal(sortedUsernames(members), want) {
			t.Fatalf("members of team %d = %v, %v; want %v", i, sortedUsernames(members), err, want)
		}
		pt, err := e.s.GetProjectTeam(ctx, e.fx.ProjectID, team.ID)
		if err != nil || pt.TeamID != team.ID || !slices.Equal(pt.RoleNames, []string{"GROUP_READ_ONLY"}) {
			t.Fatalf("roles of team %d = %+v, %v; want GROUP_READ_ONLY", i, pt, err)
		}
	}
	reqs := apiRequests(e.sim.Requests()[before:])
	if got := len(reqs); got != 6 {
		t.Fatalf("18 reads made %d requests, want 6 (a direct read and a listing of each kind): %v", got, reqs)
	}
	for _, path := range []string{"/orgs/" + e.fx.OrgID + "/teams", "/orgs/" + e.fx.OrgID + "/users", "/groups/" + e.fx.ProjectID + "/teams"} {
		if got := countRequests(reqs, "GET", path); got != 1 {
			t.Errorf("listings GET ...%s: %d, want 1", path, got)
		}
	}

	// What this process wrote since is read from Atlas; the rest still
	// comes from the listings.
	other := e.newClient(t)
	tests := []struct {
		name  string
		write func(t *testing.T)
		// read is what the refresh reads; want its answer.
		read      func(t *testing.T) (any, error)
		want      any
		wantAtlas int // requests
	}{
		{
			name: "a member this process added is read from Atlas",
			write: func(t *testing.T) {
				if err := e.s.AddTeamUser(ctx, e.fx.OrgID, f.teams[0].ID, f.users[2].ID); err != nil {
					t.Fatal(err)
				}
			},
			read: func(*testing.T) (any, error) {
				m, err := e.s.ReadTeamUsers(ctx, e.fx.OrgID, f.teams[0].ID)
				return sortedUsernames(m), err
			},
			want: []string{f.users[0].Username, f.users[1].Username, f.users[2].Username}, wantAtlas: 1,
		},
		{
			name: "a member this process removed is read from Atlas",
			write: func(t *testing.T) {
				if err := e.s.RemoveTeamUser(ctx, e.fx.OrgID, f.teams[1].ID, f.users[3].ID); err != nil {
					t.Fatal(err)
				}
			},
			read: func(*testing.T) (any, error) {
				m, err := e.s.ReadTeamUsers(ctx, e.fx.OrgID, f.teams[1].ID)
				return sortedUsernames(m), err
			},
			want: []string{f.users[2].Username}, wantAtlas: 1,
		},
		{
			name: "a team this process renamed is read from Atlas",
			write: func(t *testing.T) {
				if _, err := e.s.RenameTeam(ctx, e.fx.OrgID, f.teams[2].ID, "renamed"); err != nil {
					t.Fatal(err)
				}
			},
			read: func(*testing.T) (any, error) {
				got, err := e.s.GetTeam(ctx, e.fx.OrgID, f.teams[2].ID)
				if err != nil {
					return nil, err
				}
				return got.Name, nil
			},
			want: "renamed", wantAtlas: 1,
		},
		{
			name:  "another team nobody wrote to is answered from the listing",
			write: func(*testing.T) {},
			read: func(*testing.T) (any, error) {
				got, err := e.s.GetTeam(ctx, e.fx.OrgID, f.teams[3].ID)
				if err != nil {
					return nil, err
				}
				return got.Name, nil
			},
			want: "team3", wantAtlas: 0,
		},
		{
			name: "roles this process changed are read from Atlas",
			write: func(t *testing.T) {
				if _, err := e.s.UpdateProjectTeamRoles(ctx, e.fx.ProjectID, f.teams[4].ID, []string{"GROUP_OWNER"}); err != nil {
					t.Fatal(err)
				}
			},
			read: func(*testing.T) (any, error) {
				got, err := e.s.GetProjectTeam(ctx, e.fx.ProjectID, f.teams[4].ID)
				if err != nil {
					return nil, err
				}
				return got.RoleNames, nil
			},
			want: []string{"GROUP_OWNER"}, wantAtlas: 1,
		},
		{
			name:  "another team's roles are answered from the listing",
			write: func(*testing.T) {},
			read: func(*testing.T) (any, error) {
				got, err := e.s.GetProjectTeam(ctx, e.fx.ProjectID, f.teams[5].ID)
				if err != nil {
					return nil, err
				}
				return got.RoleNames, nil
			},
			want: []string{"GROUP_READ_ONLY"}, wantAtlas: 0,
		},
	}
	for _, tc := range tests { // sequential: they share the snapshots
		tc.write(t)
		before := len(e.sim.Requests())
		got, err := tc.read(t)
		if err != nil || fmt.Sprint(got) != fmt.Sprint(tc.want) {
			t.Fatalf("%s: read %v, %v; want %v", tc.name, got, err, tc.want)
		}
		if n := len(apiRequests(e.sim.Requests()[before:])); n != tc.wantAtlas {
			t.Fatalf("%s: %d requests, want %d", tc.name, n, tc.wantAtlas)
		}
	}

	// A team deleted outside Terraform is never reported gone from a
	// listing: once the listing is too old to answer, a direct read says so.
	if err := other.RemoveTeamFromProject(ctx, e.fx.ProjectID, f.teams[5].ID); err != nil {
		t.Fatal(err)
	}
	if err := other.DeleteTeam(ctx, e.fx.OrgID, f.teams[5].ID); err != nil {
		t.Fatal(err)
	}
	e.s.reads.mu.Lock()
	for _, k := range []listOwner{{orgTeamsList, e.fx.OrgID}, {projectTeamsList, e.fx.ProjectID}} {
		e.s.reads.owners[k].snap.began = time.Time{} // expire it
	}
	e.s.reads.mu.Unlock()
	if _, err := e.s.GetTeam(ctx, e.fx.OrgID, f.teams[5].ID); !client.IsNotFound(err) {
		t.Fatalf("read of a team deleted outside Terraform: %v, want not found", err)
	}
	if _, err := e.s.GetProjectTeam(ctx, e.fx.ProjectID, f.teams[5].ID); !client.IsNotFound(err) {
		t.Fatalf("read of a project team removed outside Terraform: %v, want not found", err)
	}
}

// A team's members come from the people's listing only when it can tell
// them: when the team is older than the listing, and nothing this process
// did since can have changed them (a write to any person of the
// organization sends every members read to Atlas until the next listing).
// Otherwise the members are read from Atlas, and are what Atlas holds.
func TestReadTeamUsers_whatTheListingCannotTellIsReadFromAtlas(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	// Each writes after the listing and returns the team to read.
	tests := map[string]func(t *testing.T, e *simEnv, f teamFixture) string{
		"a person this process removed from the organization": func(t *testing.T, e *simEnv, f teamFixture) string {
			if err := e.s.DeleteOrgUser(ctx, e.fx.OrgID, f.users[1].ID, f.users[1].Username); err != nil {
				t.Fatal(err)
			}
			return f.teams[0].ID
		},
		"a person this process invited into the team": func(t *testing.T, e *simEnv, f teamFixture) string {
			req := orgUserRequest("newcomer@example.com", "ORG_MEMBER")
			req.TeamIDs = []string{f.teams[0].ID}
			if _, err := e.s.CreateOrgUser(ctx, e.fx.OrgID, req); err != nil {
				t.Fatal(err)
			}
			return f.teams[0].ID
		},
		// The listing shows no one in a team it began before: only Atlas
		// may say who is in it.
		"a team created outside Terraform after the listing began": func(t *testing.T, e *simEnv, f teamFixture) string {
			team, err := e.newClient(t).CreateTeam(ctx, e.fx.OrgID, teamRequest("late", f.users[0].Username))
			if err != nil {
				t.Fatal(err)
			}
			return team.ID
		},
	}
	for name, write := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			e := newPeopleSimEnv(t)
			e.s.reads.window = time.Hour
			f := newTeamFixture(t, e, 2)
			e.sim.SetClockOffset(time.Minute)
			for _, team := range f.teams { // the second read lists the people
				if _, err := e.s.ReadTeamUsers(ctx, e.fx.OrgID, team.ID); err != nil {
					t.Fatal(err)
				}
			}
			teamID := write(t, e, f)
			before := len(e.sim.Requests())
			members, err := e.s.ReadTeamUsers(ctx, e.fx.OrgID, teamID)
			if got := countRequests(e.sim.Requests()[before:], "GET", teamID+"/users"); got != 1 {
				t.Fatalf("members read from Atlas %d times, want 1", got)
			}
			if want := membersOf(t, e, teamID); err != nil || !slices.Equal(sortedUsernames(members), want) {
				t.Fatalf("members = %v, %v; want %v", sortedUsernames(members), err, want)
			}
		})
	}
}

// The people's listing answers a team's members when it holds them at one
// moment: a team it names in its one page, however new, or a team older
// than the listing, even one it names nowhere (a team without members).
func TestReadTeamUsers_theListingAnswersWhatItHoldsWhole(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	tests := map[string]struct {
		// prepare runs before the reads, and returns the team to check.
		prepare     func(t *testing.T, e *simEnv, f teamFixture) string
		wantMembers func(f teamFixture) []string
	}{
		"a team created a moment ago, named in the one page": {
			prepare:     func(_ *testing.T, _ *simEnv, f teamFixture) string { return f.teams[1].ID },
			wantMembers: func(f teamFixture) []string { return []string{f.users[2].Username, f.users[3].Username} },
		},
		"a team older than the listing, without members": {
			prepare: func(t *testing.T, e *simEnv, f teamFixture) string {
				other := e.newClient(t)
				for _, u := range f.users[2:4] {
					if _, err := other.RemoveTeamUser(ctx, e.fx.OrgID, f.teams[1].ID, u.ID); err != nil {
						t.Fatal(err)
					}
				}
				e.sim.SetClockOffset(time.Minute)
				return f.teams[1].ID
			},
			wantMembers: func(teamFixture) []string { return nil },
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			e := newPeopleSimEnv(t)
			e.s.reads.window = time.Hour
			f := newTeamFixture(t, e, 2)
			teamID := tc.prepare(t, e, f)
			if _, err := e.s.ReadTeamUsers(ctx, e.fx.OrgID, f.teams[0].ID); err != nil { // direct
				t.Fatal(err)
			}
			before := len(e.sim.Requests())
			members, err := e.s.ReadTeamUsers(ctx, e.fx.OrgID, teamID)
			if got := sortedUsernames(members); err != nil || fmt.Sprint(got) != fmt.Sprint(tc.wantMembers(f)) {
				t.Fatalf("members = %v, %v; want %v", got, err, tc.wantMembers(f))
			}
			if got := len(apiRequests(e.sim.Requests()[before:])); got != 1 || countRequests(e.sim.Requests()[before:], "GET", "/orgs/"+e.fx.OrgID+"/users") != 1 {
				t.Fatalf("the read made %d requests, want 1: the listing of the people", got)
			}
		})
	}
}
