package projectteam_test

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/acctest"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/atlassim"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

const resourceName = acctest.ProjectTeamType + ".test"

func projectTeamConfig(e *acctest.Env, teamID string, roles ...string) string {
	return e.Config(acctest.Resource(acctest.ProjectTeamType, "test", acctest.Attrs{"project_id": e.ProjectID, "team_id": teamID, "roles": roles}))
}

// newTeam creates a team of the organization with the organization's
// member in it, out of band (the atlasaccess_team resource is not needed
// for these tests).
func newTeam(t *testing.T, e *acctest.Env, name string) string {
	t.Helper()
	team, err := e.Client.CreateTeam(context.Background(), e.OrgID, client.CreateTeamRequest{Name: name, Usernames: []string{e.OrgMember}})
	if err != nil {
		t.Fatalf("creating team %s: %v", name, err)
	}
	return team.ID
}

// expectTeamRoles checks the team's roles in the project as Atlas holds
// them; no roles means the team is not in the project.
func expectTeamRoles(e *acctest.Env, teamID string, want ...string) error {
	got, err := e.Client.GetProjectTeam(context.Background(), e.ProjectID, teamID)
	switch {
	case client.IsNotFound(err) && len(want) == 0:
		return nil
	case err != nil:
		return fmt.Errorf("reading team %s in project %s: %w", teamID, e.ProjectID, err)
	}
	roles := slices.Sorted(slices.Values(got.RoleNames))
	slices.Sort(want)
	if !slices.Equal(roles, want) {
		return fmt.Errorf("team %s has roles %v in project %s, want %v", teamID, roles, e.ProjectID, want)
	}
	return nil
}

// checkRemovedButTeamKept proves a destroy took the team out of the
// project and left it in the organization.
func checkRemovedButTeamKept(e *acctest.Env, teamID string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if err := expectTeamRoles(e, teamID); err != nil {
			return fmt.Errorf("after destroy: %w", err)
		}
		if _, err := e.Client.GetTeam(context.Background(), e.OrgID, teamID); err != nil {
			return fmt.Errorf("after destroy, team %s is no longer in the organization: %w", teamID, err)
		}
		return nil
	}
}

// The whole life of a grant: created with its ID known at plan time, roles
// replaced in place, imported by project_id/team_id with an empty plan,
// destroyed leaving the team in the organization.
func TestAccProjectTeam_lifecycle(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.RequireSim(t)
	teamID := newTeam(t, e, "backend")
	e.Run(t, resource.TestCase{
		CheckDestroy: checkRemovedButTeamKept(e, teamID),
		Steps: []resource.TestStep{
			{
				Config: projectTeamConfig(e, teamID, "GROUP_READ_ONLY"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionCreate),
						plancheck.ExpectKnownValue(resourceName, tfjsonpath.New("id"), knownvalue.StringExact(e.ProjectID+"/"+teamID)),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("team_id"), knownvalue.StringExact(teamID)),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("roles"), acctest.StringSet("GROUP_READ_ONLY")),
				},
				Check: func(*terraform.State) error { return expectTeamRoles(e, teamID, "GROUP_READ_ONLY") },
			},
			{
				Config: projectTeamConfig(e, teamID, "GROUP_OWNER", "GROUP_DATA_ACCESS_READ_ONLY"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("roles"), acctest.StringSet("GROUP_OWNER", "GROUP_DATA_ACCESS_READ_ONLY")),
				},
				Check: func(*terraform.State) error {
					return expectTeamRoles(e, teamID, "GROUP_OWNER", "GROUP_DATA_ACCESS_READ_ONLY")
				},
			},
			{
				ResourceName:      resourceName,
				ImportState:       true,
				ImportStateId:     e.ProjectID + "/" + teamID,
				ImportStateVerify: true,
			},
		},
	})
}

// A team that already holds roles in the project is never taken over, even
// when the provider's own request was dropped or its answer lost: the apply
// fails naming its roles and the import command, keeps nothing in state,
// and the grant is untouched. Importing it instead gives an empty plan.
func TestAccProjectTeam_existingGrantIsNeverTakenOver(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.RequireSim(t)
	teamID := newTeam(t, e, "platform")
	if _, err := e.Client.AddTeamsToProject(context.Background(), e.ProjectID, []client.ProjectTeam{{TeamID: teamID, RoleNames: []string{"GROUP_OWNER"}}}); err != nil {
		t.Fatal(err)
	}
	for _, faults := range []string{"", "lost@POST=1#1"} {
		t.Run("faults="+faults, func(t *testing.T) {
			if err := e.Sim.SetFaults(faults); err != nil {
				t.Fatal(err)
			}
			e.Run(t, resource.TestCase{
				Steps: []resource.TestStep{
					{
						Config: projectTeamConfig(e, teamID, "GROUP_READ_ONLY"),
						ExpectError: acctest.Diagnostic("Team Already in Project", `Team "platform" (ID `+teamID+") already holds roles in project "+e.ProjectID+" (GROUP_OWNER)",
							"terraform import atlasaccess_project_team.<name> "+e.ProjectID+"/"+teamID),
					},
					{Config: e.Config("\n"), PlanOnly: true},
				},
			})
			if err := expectTeamRoles(e, teamID, "GROUP_OWNER"); err != nil {
				t.Error(err)
			}
		})
	}
	t.Run("imported", func(t *testing.T) {
		if err := e.Sim.SetFaults(""); err != nil {
			t.Fatal(err)
		}
		config := projectTeamConfig(e, teamID, "GROUP_OWNER") + fmt.Sprintf("\nimport {\n  to = %s\n  id = %q\n}\n", resourceName, e.ProjectID+"/"+teamID)
		e.Run(t, resource.TestCase{
			CheckDestroy: checkRemovedButTeamKept(e, teamID),
			Steps: []resource.TestStep{{
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionNoop),
				}},
			}},
		})
	})
}

// A grant removed outside Terraform leaves state with a warning, and the
// next apply adds the team again.
func TestAccProjectTeam_removedOutsideTerraformIsAddedAgain(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.RequireSim(t)
	teamID := newTeam(t, e, "backend")
	e.Run(t, resource.TestCase{
		CheckDestroy: checkRemovedButTeamKept(e, teamID),
		Steps: []resource.TestStep{
			{Config: projectTeamConfig(e, teamID, "GROUP_READ_ONLY")},
			{
				PreConfig: func() {
					if err := e.Client.RemoveTeamFromProject(context.Background(), e.ProjectID, teamID); err != nil {
						t.Fatal(err)
					}
				},
				Config: projectTeamConfig(e, teamID, "GROUP_READ_ONLY"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionCreate)},
				},
				Check: func(*terraform.State) error { return expectTeamRoles(e, teamID, "GROUP_READ_ONLY") },
			},
		},
	})
}

// A team deleted while it held roles in the project (as Atlas may allow:
// the simulator's DeleteAssignedTeam "unassign") leaves state at the next
// refresh; adding it again then fails naming team_id.
func TestAccProjectTeam_deletedTeamLeavesState(t *testing.T) {
	t.Parallel()
	e := acctest.New(t, func(o *atlassim.Options) { o.DeleteAssignedTeam = atlassim.DeleteAssignedTeamUnassigns })
	e.RequireSim(t)
	teamID := newTeam(t, e, "short-lived")
	e.Run(t, resource.TestCase{
		Steps: []resource.TestStep{
			{Config: projectTeamConfig(e, teamID, "GROUP_READ_ONLY")},
			{
				PreConfig: func() {
					if err := e.Client.DeleteTeam(context.Background(), e.OrgID, teamID); err != nil {
						t.Fatal(err)
					}
				},
				RefreshState:       true,
				ExpectNonEmptyPlan: true,
				RefreshPlanChecks: resource.RefreshPlanChecks{
					PostRefresh: []plancheck.PlanCheck{plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionCreate)},
				},
			},
			{
				Config:      projectTeamConfig(e, teamID, "GROUP_READ_ONLY"),
				ExpectError: acctest.Diagnostic("Team Not Found", "TEAM_NOT_FOUND", "team_id "+teamID+" names no team"),
			},
			{Config: e.Config("\n"), PlanOnly: true},
		},
	})
}

// Atlas allows 100 teams per project: the 101st fails with an error that
// says so and what to do, and nothing is recorded in state.
func TestAccProjectTeam_projectTeamLimit(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.RequireSim(t)
	ctx := context.Background()
	full := make([]client.ProjectTeam, 0, 100)
	for i := range 100 {
		full = append(full, client.ProjectTeam{TeamID: newTeam(t, e, fmt.Sprintf("team-%03d", i)), RoleNames: []string{"GROUP_READ_ONLY"}})
	}
	if _, err := e.Client.AddTeamsToProject(ctx, e.ProjectID, full); err != nil {
		t.Fatal(err)
	}
	teamID := newTeam(t, e, "one-too-many")
	e.Run(t, resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config:      projectTeamConfig(e, teamID, "GROUP_READ_ONLY"),
				ExpectError: acctest.Diagnostic("Too Many Teams in Project", "MAX_TEAMS_PER_GROUP_EXCEEDED", "Atlas allows 100 teams per project"),
			},
			{Config: e.Config("\n"), PlanOnly: true},
		},
	})
	if err := expectTeamRoles(e, teamID); err != nil {
		t.Error(err)
	}
}

func TestAccProjectTeam_unknownTeamIsNamed(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.RequireSim(t)
	e.Run(t, resource.TestCase{
		Steps: []resource.TestStep{{
			Config:      projectTeamConfig(e, acctest.GoodTeamID, "GROUP_READ_ONLY"),
			ExpectError: acctest.Diagnostic("Team Not Found", "team_id "+acctest.GoodTeamID+" names no team", "atlasaccess_team"),
		}},
	})
}

func TestAccProjectTeam_badInput(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.TestInvalidInputs(t, acctest.ProjectTeamInvalidInputs)
}

// Import IDs that are not project_id/team_id fail naming the form.
func TestAccProjectTeam_badImportID(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.RequireSim(t)
	config := projectTeamConfig(e, acctest.GoodTeamID, "GROUP_READ_ONLY")
	steps := make([]resource.TestStep, 0, 3)
	for _, id := range []string{e.ProjectID, e.ProjectID + "/backend", "xyz/" + acctest.GoodTeamID} {
		steps = append(steps, resource.TestStep{
			Config: config, ResourceName: resourceName, ImportState: true, ImportStateId: id,
			ExpectError: acctest.Diagnostic("Invalid Import ID", "project_id/team_id"),
		})
	}
	e.Run(t, resource.TestCase{Steps: steps})
}

// An apply error names the team by its name as well as its ID: the error
// path reads the team once (the success path reads nothing more).
func TestAccProjectTeam_applyErrorNamesTheTeam(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.RequireSim(t)
	teamID := newTeam(t, e, "platform")
	// No retries: the injected 500 is the apply's answer at once.
	noRetries := func(config string) string {
		return strings.Replace(config, "max_retries   = 8", "max_retries   = 0", 1)
	}
	e.Run(t, resource.TestCase{
		Steps: []resource.TestStep{
			{Config: projectTeamConfig(e, teamID, "GROUP_READ_ONLY")},
			{
				PreConfig: func() {
					if err := e.Sim.SetFaults("500@PATCH=1"); err != nil {
						t.Fatal(err)
					}
				},
				Config: noRetries(projectTeamConfig(e, teamID, "GROUP_OWNER")),
				ExpectError: acctest.Diagnostic("Error Updating Team Project Roles",
					fmt.Sprintf(`Replacing the roles of team "platform" (ID %s) in project %s`, teamID, e.ProjectID), "HTTP 500"),
			},
			{
				PreConfig: func() {
					if err := e.Sim.SetFaults(""); err != nil {
						t.Fatal(err)
					}
				},
				Config: projectTeamConfig(e, teamID, "GROUP_OWNER"),
				Check:  func(*terraform.State) error { return expectTeamRoles(e, teamID, "GROUP_OWNER") },
			},
		},
	})
}

// Changing team_id replaces the resource. With create_before_destroy the
// new team is added to the project before the old one is removed (two
// different teams, so the create never meets the grant it replaces), and
// neither team is ever without its roles on the way.
func TestAccProjectTeam_teamChangeWithCreateBeforeDestroy(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.RequireSim(t)
	oldTeam, newTeamID := newTeam(t, e, "old-platform"), newTeam(t, e, "new-platform")
	config := func(teamID string) string {
		return e.Config(fmt.Sprintf(`
resource %q "test" {
  project_id = %q
  team_id    = %q
  roles      = ["GROUP_READ_ONLY"]

  lifecycle {
    create_before_destroy = true
  }
}
`, acctest.ProjectTeamType, e.ProjectID, teamID))
	}
	e.Run(t, resource.TestCase{
		CheckDestroy: checkRemovedButTeamKept(e, newTeamID),
		Steps: []resource.TestStep{
			{Config: config(oldTeam)},
			{
				PreConfig: e.Sim.ResetRequests,
				Config:    config(newTeamID),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionCreateBeforeDestroy),
				}},
				Check: func(*terraform.State) error {
					added, removed := -1, -1
					for i, r := range e.Sim.Requests() {
						switch {
						case r.Method == http.MethodPost && strings.HasSuffix(r.Path, "/groups/"+e.ProjectID+"/teams"):
							added = i
						case r.Method == http.MethodDelete && strings.HasSuffix(r.Path, "/groups/"+e.ProjectID+"/teams/"+oldTeam):
							removed = i
						}
					}
					if added < 0 || removed < 0 || added > removed {
						return fmt.Errorf("request %d added the new team and request %d removed the old one; want the add first", added, removed)
					}
					if err := expectTeamRoles(e, oldTeam); err != nil {
						return err
					}
					return expectTeamRoles(e, newTeamID, "GROUP_READ_ONLY")
				},
			},
		},
	})
}
