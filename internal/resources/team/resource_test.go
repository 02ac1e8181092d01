package team_test

import (
	"context"
	"fmt"
	"regexp"
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
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

const (
	resourceType = "atlasaccess_team"
	resourceName = resourceType + ".test"
)

var teamIDRegexp = regexp.MustCompile(`^[a-f0-9]{24}$`)

func teamConfig(e *acctest.Env, name string, usernames ...string) string {
	if usernames == nil {
		usernames = []string{}
	}
	return e.Config(acctest.Resource(resourceType, "test", acctest.Attrs{"org_id": e.OrgID, "name": name, "usernames": usernames}))
}

// invite puts username in the organization, PENDING, outside Terraform.
func invite(t *testing.T, e *acctest.Env, username string) *client.OrgUser {
	t.Helper()
	u, err := e.Client.CreateOrgUser(context.Background(), e.OrgID, client.CreateOrgUserRequest{Username: username, Roles: client.OrgUserRoles{OrgRoles: []string{"ORG_MEMBER"}}})
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// teamsNamed returns the organization's teams called name.
func teamsNamed(e *acctest.Env, name string) ([]client.Team, error) {
	all, err := e.Client.ListTeams(context.Background(), e.OrgID)
	return slices.DeleteFunc(all, func(t client.Team) bool { return t.Name != name }), err
}

// expectMembers checks the members of the team in state as Atlas lists them.
func expectMembers(e *acctest.Env, want ...string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		users, err := e.Client.ListTeamUsers(context.Background(), e.OrgID, acctest.Attribute(s, resourceName, "team_id"), client.ListOrgUsersOptions{})
		if err != nil {
			return err
		}
		var got []string
		for _, u := range users {
			got = append(got, strings.ToLower(u.Username))
		}
		slices.Sort(got)
		lower := make([]string, len(want))
		for i, w := range want {
			lower[i] = strings.ToLower(w)
		}
		slices.Sort(lower)
		if !slices.Equal(got, lower) {
			return fmt.Errorf("Atlas lists members %v, want %v", got, lower)
		}
		return nil
	}
}

// checkNoTeam proves destroy deleted the team.
func checkNoTeam(e *acctest.Env, name string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		teams, err := teamsNamed(e, name)
		if err != nil {
			return err
		}
		if len(teams) != 0 {
			return fmt.Errorf("after destroy, team %q (%s) is still in organization %s", name, teams[0].ID, e.OrgID)
		}
		return nil
	}
}

// The life of a team: created with a member, renamed and given another
// member in place, imported by ID and by name, a letter-case change that
// is no change, a member added by hand removed again, destroyed.
func TestAccTeam_lifecycle(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.RequireSim(t)
	const ann, bob = "ann.team@example.com", "bob.team@example.com"
	invite(t, e, ann)
	bobUser := invite(t, e, bob)
	var teamID string
	sameTeamID := func(s *terraform.State) error {
		if got := acctest.Attribute(s, resourceName, "team_id"); got != teamID {
			return fmt.Errorf("team_id changed from %s to %s", teamID, got)
		}
		return nil
	}
	e.Run(t, resource.TestCase{
		CheckDestroy: checkNoTeam(e, "platform-eng"),
		Steps: []resource.TestStep{
			{
				Config: teamConfig(e, "platform", e.OrgMember),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionCreate),
						plancheck.ExpectUnknownValue(resourceName, tfjsonpath.New("team_id")),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("name"), knownvalue.StringExact("platform")),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("usernames"), acctest.StringSet(e.OrgMember)),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("team_id"), knownvalue.StringRegexp(teamIDRegexp)),
				},
				Check: resource.ComposeTestCheckFunc(acctest.RecordAttribute(resourceName, "team_id", &teamID), expectMembers(e, e.OrgMember)),
			},
			{
				// Rename and a new member (invited, not yet accepted), in place.
				Config: teamConfig(e, "platform-eng", e.OrgMember, ann),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("name"), knownvalue.StringExact("platform-eng")),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("usernames"), acctest.StringSet(e.OrgMember, ann)),
				},
				Check: resource.ComposeTestCheckFunc(sameTeamID, expectMembers(e, e.OrgMember, ann)),
			},
			{
				ResourceName:      resourceName,
				ImportState:       true,
				ImportStateIdFunc: func(*terraform.State) (string, error) { return e.OrgID + "/" + teamID, nil },
				ImportStateVerify: true,
			},
			{
				ResourceName:      resourceName,
				ImportState:       true,
				ImportStateId:     e.OrgID + "/platform-eng",
				ImportStateVerify: true,
			},
			{
				// A letter-case change of an address is no change.
				Config:           teamConfig(e, "platform-eng", strings.ToUpper(e.OrgMember[:1])+e.OrgMember[1:], "Ann.Team@example.com"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				// Bob is added by hand: the refresh shows him, the plan
				// removes him in place, and Atlas then lists the declared
				// members only. Bob stays in the organization.
				PreConfig: func() {
					if _, err := e.Client.AddTeamUser(context.Background(), e.OrgID, teamID, bobUser.ID); err != nil {
						t.Fatal(err)
					}
				},
				Config: teamConfig(e, "platform-eng", e.OrgMember, ann),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: resource.ComposeTestCheckFunc(sameTeamID, expectMembers(e, e.OrgMember, ann), func(*terraform.State) error {
					if u, err := e.Client.GetOrgUser(context.Background(), e.OrgID, bobUser.ID, nil); err != nil || u == nil {
						return fmt.Errorf("bob left the organization with the team: %v", err)
					}
					return nil
				}),
			},
			{
				// Everyone out.
				Config: teamConfig(e, "platform-eng"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("usernames"), acctest.StringSet()),
				},
				Check: expectMembers(e),
			},
		},
	})
}

// A member who is not in the organization: the apply fails naming them and
// saying to declare atlasaccess_org_user first, and creates no team.
func TestAccTeam_memberNotInOrganization(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.RequireSim(t)
	e.Run(t, resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config: teamConfig(e, "strangers", e.OrgMember, "stranger@example.com"),
				ExpectError: acctest.Diagnostic("Team Member Not in Organization", `Creating team "strangers"`, "USER_NOT_IN_ORG",
					"The team was not created.", "stranger@example.com is not", "Declare an atlasaccess_org_user"),
			},
		},
	})
	if teams, err := teamsNamed(e, "strangers"); err != nil || len(teams) != 0 {
		t.Fatalf("teams named strangers: %v, %v; want none", teams, err)
	}
}

// A rename and a member who is not in the organization in one apply: the
// rename is made, and the error says so (and that no member was added or
// removed), under the new name.
func TestAccTeam_renameWithMemberNotInOrganizationSaysWhatWasDone(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.RequireSim(t)
	e.Run(t, resource.TestCase{
		Steps: []resource.TestStep{
			{Config: teamConfig(e, "good1", e.OrgMember)},
			{
				Config: teamConfig(e, "good1-renamed", e.OrgMember, "ghost2@example.com"),
				ExpectError: acctest.Diagnostic("Team Member Not in Organization", `Team "good1-renamed"`, "no member was added or removed",
					"ghost2@example.com is not", "Declare an atlasaccess_org_user", `Before that, the apply renamed the team from "good1"`,
					"Atlas and the state hold that change."),
			},
			{
				// The state holds the rename: without the stranger nothing is left to do.
				Config:           teamConfig(e, "good1-renamed", e.OrgMember),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
	})
}

// A member leaves the organization: the refresh no longer lists them, the
// plan adds them back, and the apply fails saying to declare
// atlasaccess_org_user for them; without them in the configuration, the
// plan is empty.
func TestAccTeam_memberWhoLeftTheOrganization(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.RequireSim(t)
	const leaver = "leaver@example.com"
	u := invite(t, e, leaver)
	e.Run(t, resource.TestCase{
		Steps: []resource.TestStep{
			{Config: teamConfig(e, "leavers", e.OrgMember, leaver), Check: expectMembers(e, e.OrgMember, leaver)},
			{
				PreConfig: func() {
					if err := e.Client.DeleteOrgUser(context.Background(), e.OrgID, u.ID); err != nil {
						t.Fatal(err)
					}
				},
				Config: teamConfig(e, "leavers", e.OrgMember, leaver),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionUpdate)},
				},
				ExpectError: acctest.Diagnostic("Team Member Not in Organization", leaver+" is not", "organization "+e.OrgID, "atlasaccess_org_user"),
			},
			{
				Config:           teamConfig(e, "leavers", e.OrgMember),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
	})
}

// A team deleted outside Terraform is removed from state by the refresh
// and created again by the next apply.
func TestAccTeam_deletedOutsideTerraform(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.RequireSim(t)
	var teamID string
	e.Run(t, resource.TestCase{
		CheckDestroy: checkNoTeam(e, "ephemeral"),
		Steps: []resource.TestStep{
			{Config: teamConfig(e, "ephemeral", e.OrgMember), Check: acctest.RecordAttribute(resourceName, "team_id", &teamID)},
			{
				PreConfig: func() {
					if err := e.Client.DeleteTeam(context.Background(), e.OrgID, teamID); err != nil {
						t.Fatal(err)
					}
				},
				Config: teamConfig(e, "ephemeral", e.OrgMember),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionCreate)},
				},
				Check: func(s *terraform.State) error {
					if got := acctest.Attribute(s, resourceName, "team_id"); got == teamID || got == "" {
						return fmt.Errorf("team_id %q after the re-create, want a new team", got)
					}
					return nil
				},
			},
		},
	})
}

// Atlas refuses to delete a team that still holds project roles: destroy
// fails saying to remove its atlasaccess_project_team resources first, and
// the team is still there; once it leaves the project, destroy succeeds.
func TestAccTeam_destroyWhileAssignedToAProject(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.RequireSim(t)
	var teamID string
	e.Run(t, resource.TestCase{
		CheckDestroy: checkNoTeam(e, "assigned"),
		Steps: []resource.TestStep{
			{
				Config: teamConfig(e, "assigned"),
				Check: resource.ComposeTestCheckFunc(acctest.RecordAttribute(resourceName, "team_id", &teamID), func(*terraform.State) error {
					_, err := e.Client.AddTeamsToProject(context.Background(), e.ProjectID, []client.ProjectTeam{{TeamID: teamID, RoleNames: []string{"GROUP_READ_ONLY"}}})
					return err
				}),
			},
			{
				Config:      e.Config("\n"),
				ExpectError: acctest.Diagnostic("Team Still Assigned to Projects", "CANNOT_DELETE_TEAM_ASSIGNED_TO_PROJECT", "atlasaccess_project_team"),
			},
			{
				PreConfig: func() {
					if teams, err := teamsNamed(e, "assigned"); err != nil || len(teams) != 1 {
						t.Fatalf("the refused destroy left teams %v (%v); want the team", teams, err)
					}
					if err := e.Client.RemoveTeamFromProject(context.Background(), e.ProjectID, teamID); err != nil {
						t.Fatal(err)
					}
				},
				Config: e.Config("\n"),
			},
		},
	})
}

// The answer to the create is lost: the provider finds the team it made
// (its ID is newer than the request, its members are the requested ones)
// and adopts it; Atlas holds one team, and the next plan is empty.
func TestAccTeam_lostAnswerAdoptsTheTeamItCreated(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.RequireSim(t)
	e.Run(t, resource.TestCase{
		CheckDestroy: checkNoTeam(e, "lost"),
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					if err := e.Sim.SetFaults("lost@POST=1#1"); err != nil {
						t.Fatal(err)
					}
				},
				Config: teamConfig(e, "lost", e.OrgMember),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: func(*terraform.State) error {
					if teams, err := teamsNamed(e, "lost"); err != nil || len(teams) != 1 {
						return fmt.Errorf("teams named lost: %v (%v); want exactly one", teams, err)
					}
					return nil
				},
			},
		},
	})
}

// Someone else's team of the same name is never taken over: the apply
// fails naming it with the import command, and it is left as it was.
func TestAccTeam_someoneElsesTeamIsNotTakenOver(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.RequireSim(t)
	theirs, err := e.Client.CreateTeam(context.Background(), e.OrgID, client.CreateTeamRequest{Name: "theirs", Usernames: []string{e.OrgMember}})
	if err != nil {
		t.Fatal(err)
	}
	e.Run(t, resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config: teamConfig(e, "theirs"),
				ExpectError: acctest.Diagnostic("Team Already Exists", "DUPLICATE_TEAM_NAME", "team ID "+theirs.ID, "members "+e.OrgMember,
					"terraform import atlasaccess_team.<name> "+e.OrgID+"/"+theirs.ID),
			},
		},
	})
	users, err := e.Client.ListTeamUsers(context.Background(), e.OrgID, theirs.ID, client.ListOrgUsersOptions{})
	if err != nil || len(users) != 1 {
		t.Fatalf("their team's members: %v (%v); want their one member", users, err)
	}
}

// Invalid input fails at plan, naming the attribute and the allowed form,
// before any request.
func TestAccTeam_badInput(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	block := func(attrs acctest.Attrs) string {
		base := acctest.Attrs{"org_id": e.OrgID, "name": "platform", "usernames": []string{"ann@example.com"}}
		for k, v := range attrs {
			base[k] = v
		}
		return e.Config(acctest.Resource(resourceType, "test", base))
	}
	e.TestPlanFailures(t, map[string]acctest.PlanFailure{
		"empty name":            {Config: block(acctest.Attrs{"name": ""}), Want: acctest.Diagnostic("name", "character count must be between 1 and 255")},
		"blank name":            {Config: block(acctest.Attrs{"name": "   "}), Want: acctest.Diagnostic("name", `must not be blank, got: "   "`)},
		"name too long":         {Config: block(acctest.Attrs{"name": strings.Repeat("n", 256)}), Want: acctest.Diagnostic("name", "character count must be between 1 and 255")},
		"org ID not hex":        {Config: block(acctest.Attrs{"org_id": "not-an-org"}), Want: acctest.Diagnostic("org_id", "24-character lowercase hexadecimal")},
		"username not an email": {Config: block(acctest.Attrs{"usernames": []string{"ann"}}), Want: acctest.Diagnostic("usernames", "email address")},
		"same person twice":     {Config: block(acctest.Attrs{"usernames": []string{"ann@example.com", "Ann@example.com"}}), Want: acctest.Diagnostic("Duplicate Team Member", "same person")},
	})
}

// TestAccTeam_importOfAnUnknownTeamSaysWhatToCheck: an import that finds no
// team leads with "Cannot import", names what to check for the form used
// (a team ID, as an identity also gives, or a name) and where to look.
func TestAccTeam_importOfAnUnknownTeamSaysWhatToCheck(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.RequireSim(t)
	config := teamConfig(e, "imported")
	e.Run(t, resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config:        config,
				ResourceName:  resourceName,
				ImportState:   true,
				ImportStateId: e.OrgID + "/" + acctest.GoodTeamID,
				ExpectError: acctest.Diagnostic("Team Not Found", "Cannot import atlasaccess_team", "no team with ID "+acctest.GoodTeamID,
					"Check org_id and team_id", "atlasaccess_teams data source"),
			},
			{
				Config:        config,
				ResourceName:  resourceName,
				ImportState:   true,
				ImportStateId: e.OrgID + "/no-such-team",
				ExpectError: acctest.Diagnostic("Team Not Found", "Cannot import atlasaccess_team", `no team named "no-such-team"`,
					"import by team ID", "atlasaccess_teams data source"),
			},
		},
	})
}
