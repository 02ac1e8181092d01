package safeops

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

func teamRequest(name string, usernames ...string) client.CreateTeamRequest {
	return client.CreateTeamRequest{Name: name, Usernames: usernames}
}

// teams lists the organization's teams by name.
func (e *simEnv) teamNames(t *testing.T) []string {
	t.Helper()
	all, err := e.c.ListTeams(context.Background(), e.fx.OrgID)
	if err != nil {
		t.Fatal(err)
	}
	names := make([]string, len(all))
	for i, team := range all {
		names[i] = team.Name
	}
	return names
}

// The answer to the create is lost after Atlas created the team: the team
// found by name has the requested members and was created after the request,
// so it is adopted, and no second team exists.
func TestCreateTeam_lostAnswerAdoptsTheTeamItCreated(t *testing.T) {
	t.Parallel()
	for name, spec := range map[string]string{"lost answer": "lost@POST=1#1", "server error": "500@POST=1#1", "dropped request": "reset@POST=1#1"} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			e := newSimEnv(t)
			e.faults(t, spec)
			team, err := e.s.CreateTeam(context.Background(), e.fx.OrgID, teamRequest("platform", e.fx.OrgMember))
			if err != nil {
				t.Fatalf("create after a fault: %v", err)
			}
			if team.Name != "platform" || !SameUsernames(team.Usernames, []string{e.fx.OrgMember}) {
				t.Fatalf("created %+v; want platform with %s", team, e.fx.OrgMember)
			}
			if got := e.teamNames(t); !slices.Equal(got, []string{"platform"}) {
				t.Fatalf("Atlas holds teams %v, want exactly platform", got)
			}
		})
	}
}

// A team of that name that existed before the request, with the same
// members, is never adopted after a lost answer: its ID says it is older
// than the request. It is named, and left alone.
func TestCreateTeam_lostAnswerNeverAdoptsAnOlderTeam(t *testing.T) {
	t.Parallel()
	e := newSimEnv(t)
	ctx := context.Background()
	theirs, err := e.newClient(t).CreateTeam(ctx, e.fx.OrgID, teamRequest("platform", e.fx.OrgMember))
	if err != nil {
		t.Fatal(err)
	}
	// Ten minutes pass at Atlas; this client learns Atlas's time.
	e.sim.SetClockOffset(10 * time.Minute)
	if _, err := e.s.ListTeamUsers(ctx, e.fx.OrgID, theirs.ID); err != nil {
		t.Fatal(err)
	}
	e.faults(t, "lost@POST=1#1")
	_, err = e.s.CreateTeam(ctx, e.fx.OrgID, teamRequest("platform", e.fx.OrgMember))
	var existing *ExistingTeamError
	if !errors.As(err, &existing) || existing.ID != theirs.ID || !existing.AfterLostAnswer || existing.HeldHere {
		t.Fatalf("err = %v; want an ExistingTeamError naming %s after a lost answer", err, theirs.ID)
	}
	if got := e.teamNames(t); !slices.Equal(got, []string{"platform"}) {
		t.Fatalf("Atlas holds teams %v, want their platform team untouched", got)
	}
}

// Someone creates the same name with other members while the request is
// on its way, and its answer (a 409) is lost: the team does not match the
// request, so it is not adopted.
func TestCreateTeam_lostAnswerNeverAdoptsOtherMembers(t *testing.T) {
	t.Parallel()
	e := newSimEnv(t)
	ctx := context.Background()
	other := e.newClient(t)
	e.before("POST", "/teams", func() {
		if _, err := other.CreateTeam(ctx, e.fx.OrgID, teamRequest("platform")); err != nil {
			t.Error(err)
		}
		e.faults(t, "lost@POST=1#1")
	})
	_, err := e.s.CreateTeam(ctx, e.fx.OrgID, teamRequest("platform", e.fx.OrgMember))
	var existing *ExistingTeamError
	if !errors.As(err, &existing) || existing.ID == "" || !existing.AfterLostAnswer || len(existing.Usernames) != 0 {
		t.Fatalf("err = %v; want an ExistingTeamError naming the other, empty team", err)
	}
}

// A 409 that did not follow a lost answer is someone else's team, even
// with the requested members.
func TestCreateTeam_duplicateNameIsSomeoneElses(t *testing.T) {
	t.Parallel()
	e := newSimEnv(t)
	ctx := context.Background()
	theirs, err := e.newClient(t).CreateTeam(ctx, e.fx.OrgID, teamRequest("platform", e.fx.OrgMember))
	if err != nil {
		t.Fatal(err)
	}
	_, err = e.s.CreateTeam(ctx, e.fx.OrgID, teamRequest("platform", e.fx.OrgMember))
	var existing *ExistingTeamError
	if !errors.As(err, &existing) || existing.ID != theirs.ID || existing.AfterLostAnswer || existing.HeldHere || client.ErrorCode(err) != "DUPLICATE_TEAM_NAME" {
		t.Fatalf("err = %v; want an ExistingTeamError naming their team %s with Atlas's DUPLICATE_TEAM_NAME", err, theirs.ID)
	}
}

// The same team declared twice in one configuration: the second create
// fails and says another resource holds it.
func TestCreateTeam_declaredTwiceFails(t *testing.T) {
	t.Parallel()
	e := newSimEnv(t)
	ctx := context.Background()
	if _, err := e.s.CreateTeam(ctx, e.fx.OrgID, teamRequest("platform")); err != nil {
		t.Fatal(err)
	}
	_, err := e.s.CreateTeam(ctx, e.fx.OrgID, teamRequest("platform"))
	var existing *ExistingTeamError
	if !errors.As(err, &existing) || !existing.HeldHere {
		t.Fatalf("err = %v; want an ExistingTeamError saying another resource holds the team", err)
	}
}

// A team being deleted by this process (a replaced instance) does not fail
// the create of its successor of the same name.
func TestCreateTeam_waitsForTheDeleteOfTheSameName(t *testing.T) {
	t.Parallel()
	e := newSimEnv(t)
	ctx := context.Background()
	old, err := e.s.CreateTeam(ctx, e.fx.OrgID, teamRequest("platform"))
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	e.before("DELETE", "/teams/"+old.ID, func() {
		go func() {
			_, err := e.s.CreateTeam(ctx, e.fx.OrgID, teamRequest("platform"))
			done <- err
		}()
	})
	if err := e.s.DeleteTeam(ctx, e.fx.OrgID, old.ID, "platform"); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Fatalf("create of the successor: %v", err)
	}
}

func TestTeamMembers_lostAnswerIsCheckedAgainstTheMembers(t *testing.T) {
	t.Parallel()
	e := newSimEnv(t)
	ctx := context.Background()
	team, err := e.s.CreateTeam(ctx, e.fx.OrgID, teamRequest("platform"))
	if err != nil {
		t.Fatal(err)
	}
	member, err := e.s.FindOrgUser(ctx, e.fx.OrgID, e.fx.OrgMember, nil)
	if err != nil || member == nil {
		t.Fatalf("fixture member: %v", err)
	}
	members := func() []string {
		users, err := e.s.ListTeamUsers(ctx, e.fx.OrgID, team.ID)
		if err != nil {
			t.Fatal(err)
		}
		return usernamesOf(users)
	}
	e.faults(t, "lost@POST=1#1")
	if err := e.s.AddTeamUser(ctx, e.fx.OrgID, team.ID, member.ID); err != nil {
		t.Fatalf("add after a lost answer: %v", err)
	}
	if got := members(); !SameUsernames(got, []string{e.fx.OrgMember}) {
		t.Fatalf("members %v after the add", got)
	}
	e.faults(t, "lost@POST=1#1")
	if err := e.s.RemoveTeamUser(ctx, e.fx.OrgID, team.ID, member.ID); err != nil {
		t.Fatalf("remove after a lost answer: %v", err)
	}
	if got := members(); len(got) != 0 {
		t.Fatalf("members %v after the removal", got)
	}
}

func TestRenameTeam_lostAnswerIsCheckedAgainstTheName(t *testing.T) {
	t.Parallel()
	e := newSimEnv(t)
	ctx := context.Background()
	team, err := e.s.CreateTeam(ctx, e.fx.OrgID, teamRequest("platform"))
	if err != nil {
		t.Fatal(err)
	}
	e.faults(t, "lost@PATCH=1#1")
	got, err := e.s.RenameTeam(ctx, e.fx.OrgID, team.ID, "platform-eng")
	if err != nil || got.Name != "platform-eng" {
		t.Fatalf("rename after a lost answer: %+v, %v", got, err)
	}
}

func TestObjectIDTime(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		id   string
		want time.Time
		ok   bool
	}{
		"ObjectId":       {"65a1b2c3d4e5f60718293a4b", time.Unix(0x65a1b2c3, 0).UTC(), true},
		"epoch":          {"000000000000000000000000", time.Unix(0, 0).UTC(), true},
		"too short":      {"65a1b2c3", time.Time{}, false},
		"not hex":        {"zza1b2c3d4e5f60718293a4b", time.Time{}, false},
		"client ID form": {"mdb_sa_id_65a1b2c3d4e5f60718293a4b", time.Time{}, false},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got, ok := ObjectIDTime(tc.id)
			if ok != tc.ok || !got.Equal(tc.want) {
				t.Fatalf("ObjectIDTime(%q) = %s, %v; want %s, %v", tc.id, got, ok, tc.want, tc.ok)
			}
		})
	}
}

func TestSameUsernames(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		a, b []string
		want bool
	}{
		"both empty":      {nil, []string{}, true},
		"case and order":  {[]string{"Ann@example.com", "bo@example.com"}, []string{"bo@example.com", "ann@EXAMPLE.com"}, true},
		"one missing":     {[]string{"ann@example.com"}, []string{"ann@example.com", "bo@example.com"}, false},
		"different names": {[]string{"ann@example.com"}, []string{"bo@example.com"}, false},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if got := SameUsernames(tc.a, tc.b); got != tc.want {
				t.Fatalf("SameUsernames(%v, %v) = %v, want %v", tc.a, tc.b, got, tc.want)
			}
		})
	}
}
