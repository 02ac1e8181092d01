package projectteam_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/acctest"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

// A person's project roles come directly (atlasaccess_project_user_invite)
// or through a team (atlasaccess_project_team). Each resource manages only
// its own grant: neither shows the other's roles as drift, and removing one
// leaves the other, whichever came first.

const inviteName = acctest.UserInviteType + ".direct"

func directInvite(e *acctest.Env) string {
	return acctest.Resource(acctest.UserInviteType, "direct", acctest.Attrs{"project_id": e.ProjectID, "username": e.OrgMember, "roles": []string{"GROUP_READ_ONLY"}})
}

func teamGrant(e *acctest.Env, teamID string) string {
	return acctest.Resource(acctest.ProjectTeamType, "test", acctest.Attrs{"project_id": e.ProjectID, "team_id": teamID, "roles": []string{"GROUP_OWNER"}})
}

// expectDirectRoles checks the person's direct roles in the project, as
// GET /groups/{groupId}/users/{userId} answers them; none means the person
// has no direct grant there (a 404).
func expectDirectRoles(e *acctest.Env, username string, want ...string) error {
	users, err := e.Client.ListProjectUsers(context.Background(), e.ProjectID, client.ListProjectUsersOptions{Username: username})
	if err != nil {
		return err
	}
	var got []string
	for _, u := range users {
		if strings.EqualFold(u.Username, username) {
			got = slices.Sorted(slices.Values(u.Roles))
		}
	}
	slices.Sort(want)
	if !slices.Equal(got, want) {
		return fmt.Errorf("%s has direct roles %v in project %s, want %v", username, got, e.ProjectID, want)
	}
	return nil
}

// noFlattenedReads proves that no read of the provider asked Atlas to mix
// team roles into a person's roles.
func noFlattenedReads(e *acctest.Env) error {
	for _, r := range e.Sim.Requests() {
		if strings.Contains(strings.ToLower(fmt.Sprint(r.Query)), "flattenteams") {
			return fmt.Errorf("%s %s asked for flattenTeams (%v): a person's roles through teams would read as drift", r.Method, r.Path, r.Query)
		}
	}
	return nil
}

func noOp(addrs ...string) []plancheck.PlanCheck {
	checks := make([]plancheck.PlanCheck, len(addrs))
	for i, a := range addrs {
		checks[i] = plancheck.ExpectResourceAction(a, plancheck.ResourceActionNoop)
	}
	return checks
}

// (a) The person is invited directly with GROUP_READ_ONLY; then their team
// gets GROUP_OWNER in the same project: no drift on either, and removing
// the team's grant leaves the direct one.
func TestAccProjectTeam_directGrantFirstThenTeam(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.RequireSim(t)
	teamID := newTeam(t, e, "owners")
	e.Run(t, resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config: e.Config(directInvite(e)),
				Check:  func(*terraform.State) error { return expectDirectRoles(e, e.OrgMember, "GROUP_READ_ONLY") },
			},
			{
				Config: e.Config(directInvite(e) + teamGrant(e, teamID)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: append(noOp(inviteName), plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionCreate)),
					// The refresh after the apply reads both grants: neither
					// shows the other's roles.
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: resource.ComposeTestCheckFunc(
					func(*terraform.State) error { return expectDirectRoles(e, e.OrgMember, "GROUP_READ_ONLY") },
					func(*terraform.State) error { return expectTeamRoles(e, teamID, "GROUP_OWNER") },
				),
			},
			{
				Config: e.Config(directInvite(e)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             append(noOp(inviteName), plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionDestroy)),
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: resource.ComposeTestCheckFunc(
					func(*terraform.State) error { return expectDirectRoles(e, e.OrgMember, "GROUP_READ_ONLY") },
					func(*terraform.State) error { return expectTeamRoles(e, teamID) },
					func(*terraform.State) error { return noFlattenedReads(e) },
				),
			},
		},
	})
}

// (b) The team gets GROUP_OWNER first; then the person is invited directly
// with GROUP_READ_ONLY: no drift on either, and removing the direct grant
// leaves the team's.
func TestAccProjectTeam_teamFirstThenDirectGrant(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.RequireSim(t)
	teamID := newTeam(t, e, "owners")
	e.Run(t, resource.TestCase{
		CheckDestroy: checkRemovedButTeamKept(e, teamID),
		Steps: []resource.TestStep{
			{
				Config: e.Config(teamGrant(e, teamID)),
				// Through the team only, the person has no direct grant.
				Check: func(*terraform.State) error { return expectDirectRoles(e, e.OrgMember) },
			},
			{
				Config: e.Config(teamGrant(e, teamID) + directInvite(e)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             append(noOp(resourceName), plancheck.ExpectResourceAction(inviteName, plancheck.ResourceActionCreate)),
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: resource.ComposeTestCheckFunc(
					func(*terraform.State) error { return expectDirectRoles(e, e.OrgMember, "GROUP_READ_ONLY") },
					func(*terraform.State) error { return expectTeamRoles(e, teamID, "GROUP_OWNER") },
				),
			},
			{
				Config: e.Config(teamGrant(e, teamID)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             append(noOp(resourceName), plancheck.ExpectResourceAction(inviteName, plancheck.ResourceActionDestroy)),
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: resource.ComposeTestCheckFunc(
					func(*terraform.State) error { return expectDirectRoles(e, e.OrgMember) },
					func(*terraform.State) error { return expectTeamRoles(e, teamID, "GROUP_OWNER") },
					func(*terraform.State) error { return noFlattenedReads(e) },
				),
			},
		},
	})
}
