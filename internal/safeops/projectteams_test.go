package safeops

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

// newTeam creates a team of the fixture organization, with the fixture
// member in it, through a client of its own (someone else's work).
func (e *simEnv) newTeam(t *testing.T, name string) string {
	t.Helper()
	team, err := e.newClient(t).CreateTeam(context.Background(), e.fx.OrgID, client.CreateTeamRequest{Name: name, Usernames: []string{e.fx.OrgMember}})
	if err != nil {
		t.Fatal(err)
	}
	return team.ID
}

// teamRoles is the team's roles in the fixture project as Atlas holds them.
func (e *simEnv) teamRoles(t *testing.T, teamID string) []string {
	t.Helper()
	got, err := e.c.GetProjectTeam(context.Background(), e.fx.ProjectID, teamID)
	if err != nil {
		t.Fatal(err)
	}
	return got.RoleNames
}

func TestAddTeamToProject_givesTheRoles(t *testing.T) {
	t.Parallel()
	for name, spec := range map[string]string{"no fault": "", "lost answer": "lost@POST=1#1", "dropped request": "reset@POST=1#1"} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			e := newSimEnv(t)
			teamID := e.newTeam(t, "backend")
			e.faults(t, spec)
			got, err := e.s.AddTeamToProject(context.Background(), e.fx.ProjectID, teamID, []string{"GROUP_READ_ONLY"})
			if err != nil || got.TeamID != teamID || !SameRoles(got.RoleNames, []string{"GROUP_READ_ONLY"}) {
				t.Fatalf("add: %+v, %v; want team %s with GROUP_READ_ONLY", got, err, teamID)
			}
			if roles := e.teamRoles(t, teamID); !SameRoles(roles, []string{"GROUP_READ_ONLY"}) {
				t.Fatalf("Atlas holds roles %v, want GROUP_READ_ONLY", roles)
			}
		})
	}
}

// A team that already holds roles in the project is someone else's grant:
// the POST, which has no conflict answer, would silently replace its
// roles, so it is never sent; the error names the roles it has.
func TestAddTeamToProject_existingGrantIsNeverTakenOver(t *testing.T) {
	t.Parallel()
	e := newSimEnv(t)
	ctx := context.Background()
	teamID := e.newTeam(t, "backend")
	if _, err := e.newClient(t).AddTeamsToProject(ctx, e.fx.ProjectID, []client.ProjectTeam{{TeamID: teamID, RoleNames: []string{"GROUP_OWNER"}}}); err != nil {
		t.Fatal(err)
	}
	for name, spec := range map[string]string{"no fault": "", "lost answer": "lost@POST=1#1"} {
		e.faults(t, spec)
		_, err := e.s.AddTeamToProject(ctx, e.fx.ProjectID, teamID, []string{"GROUP_READ_ONLY"})
		var existing *ExistingError
		if !errors.As(err, &existing) || existing.ID != teamID || !SameRoles(existing.Roles, []string{"GROUP_OWNER"}) || existing.HeldHere || existing.AfterLostAnswer {
			t.Fatalf("%s: err = %v; want an ExistingError naming the team's GROUP_OWNER", name, err)
		}
	}
	e.faults(t, "")
	if roles := e.teamRoles(t, teamID); !SameRoles(roles, []string{"GROUP_OWNER"}) {
		t.Fatalf("the team's roles became %v; the existing grant must stay GROUP_OWNER", roles)
	}
}

// After a lost answer, a grant whose roles are not those requested (someone
// changed them meanwhile) cannot be proven ours: it is reported, not
// adopted, and nothing is removed.
func TestAddTeamToProject_lostAnswerWithOtherRolesIsNotAdopted(t *testing.T) {
	t.Parallel()
	e := newSimEnv(t)
	ctx := context.Background()
	teamID := e.newTeam(t, "backend")
	other := e.newClient(t)
	e.before(http.MethodPost, "/groups/"+e.fx.ProjectID+"/teams", func() {
		// Once the POST is on its way, the next read of the grant meets
		// another team's change of its roles.
		e.before(http.MethodGet, "/teams/"+teamID, func() {
			if _, err := other.UpdateProjectTeamRoles(ctx, e.fx.ProjectID, teamID, []string{"GROUP_OWNER"}); err != nil {
				t.Error(err)
			}
		})
	})
	e.faults(t, "lost@POST=1#1")
	_, err := e.s.AddTeamToProject(ctx, e.fx.ProjectID, teamID, []string{"GROUP_READ_ONLY"})
	var existing *ExistingError
	if !errors.As(err, &existing) || !existing.AfterLostAnswer || !SameRoles(existing.Roles, []string{"GROUP_OWNER"}) {
		t.Fatalf("err = %v; want an ExistingError after the lost answer naming GROUP_OWNER", err)
	}
	e.faults(t, "")
	if roles := e.teamRoles(t, teamID); !SameRoles(roles, []string{"GROUP_OWNER"}) {
		t.Fatalf("the team's roles became %v; nothing may change after an unknown outcome", roles)
	}
}

// The same team declared twice in one project: the second add fails,
// saying another resource manages the grant.
func TestAddTeamToProject_declaredTwiceFails(t *testing.T) {
	t.Parallel()
	e := newSimEnv(t)
	ctx := context.Background()
	teamID := e.newTeam(t, "backend")
	if _, err := e.s.AddTeamToProject(ctx, e.fx.ProjectID, teamID, []string{"GROUP_READ_ONLY"}); err != nil {
		t.Fatal(err)
	}
	_, err := e.s.AddTeamToProject(ctx, e.fx.ProjectID, teamID, []string{"GROUP_OWNER"})
	var existing *ExistingError
	if !errors.As(err, &existing) || !existing.HeldHere {
		t.Fatalf("err = %v; want an ExistingError saying another resource holds the grant", err)
	}
	if roles := e.teamRoles(t, teamID); !SameRoles(roles, []string{"GROUP_READ_ONLY"}) {
		t.Fatalf("the first grant's roles became %v", roles)
	}
}

func TestAddTeamToProject_unknownTeamIsNotFound(t *testing.T) {
	t.Parallel()
	e := newSimEnv(t)
	_, err := e.s.AddTeamToProject(context.Background(), e.fx.ProjectID, "0123456789abcdef01234567", []string{"GROUP_READ_ONLY"})
	var apiErr *client.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusNotFound {
		t.Fatalf("err = %v; want Atlas's 404", err)
	}
}

func TestUpdateProjectTeamRoles_lostAnswerIsCheckedAgainstTheRoles(t *testing.T) {
	t.Parallel()
	e := newSimEnv(t)
	ctx := context.Background()
	teamID := e.newTeam(t, "backend")
	if _, err := e.s.AddTeamToProject(ctx, e.fx.ProjectID, teamID, []string{"GROUP_READ_ONLY"}); err != nil {
		t.Fatal(err)
	}
	e.faults(t, "lost@PATCH=1#1")
	got, err := e.s.UpdateProjectTeamRoles(ctx, e.fx.ProjectID, teamID, []string{"GROUP_OWNER", "GROUP_READ_ONLY"})
	if err != nil || !SameRoles(got.RoleNames, []string{"GROUP_OWNER", "GROUP_READ_ONLY"}) {
		t.Fatalf("update after a lost answer: %+v, %v", got, err)
	}
}

// A removal leaves the team in the organization, and a later add of the
// same grant starts afresh.
func TestRemoveTeamFromProject_leavesTheTeam(t *testing.T) {
	t.Parallel()
	e := newSimEnv(t)
	ctx := context.Background()
	teamID := e.newTeam(t, "backend")
	if _, err := e.s.AddTeamToProject(ctx, e.fx.ProjectID, teamID, []string{"GROUP_READ_ONLY"}); err != nil {
		t.Fatal(err)
	}
	if err := e.s.RemoveTeamFromProject(ctx, e.fx.ProjectID, teamID); err != nil {
		t.Fatal(err)
	}
	if _, err := e.c.GetProjectTeam(ctx, e.fx.ProjectID, teamID); !client.IsNotFound(err) {
		t.Fatalf("after removal, reading the grant: %v; want 404", err)
	}
	if _, err := e.c.GetTeam(ctx, e.fx.OrgID, teamID); err != nil {
		t.Fatalf("the team left the organization with its grant: %v", err)
	}
	if _, err := e.s.AddTeamToProject(ctx, e.fx.ProjectID, teamID, []string{"GROUP_OWNER"}); err != nil {
		t.Fatalf("adding the team again: %v", err)
	}
}
