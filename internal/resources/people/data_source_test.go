package people_test

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/acctest"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

const ds = "data.atlasaccess_org_users.all"

func orgUsersConfig(e *acctest.Env, statuses string) string {
	body := "\ndata \"atlasaccess_org_users\" \"all\" {\n  org_id = \"" + e.OrgID + "\"\n"
	if statuses != "" {
		body += "  statuses = " + statuses + "\n"
	}
	return e.Config(body + "}\n")
}

// The data source lists the organization's people: the status filter
// picks pending invitations or members; each person carries their
// organization roles, their direct project roles only (a team's project
// roles are not theirs to show) and their teams.
func TestAccOrgUsersDataSource_statusFilterAndRoles(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.RequireSim(t)
	ctx := context.Background()
	const invitee = "new.hire@example.com"
	invited, err := e.Client.CreateOrgUser(ctx, e.OrgID, client.CreateOrgUserRequest{Username: invitee, Roles: client.OrgUserRoles{
		OrgRoles:             []string{"ORG_MEMBER"},
		GroupRoleAssignments: []client.GroupRoleAssignment{{ProjectID: e.ProjectID, GroupRoles: []string{"GROUP_READ_ONLY"}}},
	}})
	if err != nil {
		t.Fatal(err)
	}
	team, err := e.Client.CreateTeam(ctx, e.OrgID, client.CreateTeamRequest{Name: "owners", Usernames: []string{e.OrgMember}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.Client.AddTeamsToProject(ctx, e.Project2ID, []client.ProjectTeam{{TeamID: team.ID, RoleNames: []string{"GROUP_OWNER"}}}); err != nil {
		t.Fatal(err)
	}
	members, err := e.Client.ListOrgUsers(ctx, e.OrgID, client.ListOrgUsersOptions{Statuses: []string{client.UserStatusActive}})
	if err != nil {
		t.Fatal(err)
	}
	var member client.OrgUser
	for _, u := range members {
		if u.Username == e.OrgMember {
			member = u
		}
	}
	memberRoles := make([]string, len(member.Roles.OrgRoles))
	copy(memberRoles, member.Roles.OrgRoles)

	e.Run(t, resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config: orgUsersConfig(e, `["PENDING"]`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("users"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.ObjectExact(map[string]knownvalue.Check{
							"user_id":  knownvalue.StringExact(invited.ID),
							"username": knownvalue.StringExact(invitee),
							"status":   knownvalue.StringExact("PENDING"),
							"roles":    acctest.StringSet("ORG_MEMBER"),
							"project_roles": knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectExact(map[string]knownvalue.Check{
								"project_id": knownvalue.StringExact(e.ProjectID), "roles": acctest.StringSet("GROUP_READ_ONLY"),
							})}),
							"team_ids": acctest.StringSet(),
						}),
					})),
				},
			},
			{
				Config: orgUsersConfig(e, `["ACTIVE"]`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("users"), knownvalue.ListSizeExact(len(members))),
				},
			},
			{
				// Default: ACTIVE and PENDING. The member holds GROUP_OWNER in
				// the second project through the team only: no project roles
				// of their own, and the team named.
				Config: orgUsersConfig(e, ""),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("users"), knownvalue.ListSizeExact(len(members)+1)),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("users"), knownvalue.ListPartial(map[int]knownvalue.Check{
						memberIndex(members, invitee, e.OrgMember): knownvalue.ObjectExact(map[string]knownvalue.Check{
							"user_id":       knownvalue.StringExact(member.ID),
							"username":      knownvalue.StringExact(e.OrgMember),
							"status":        knownvalue.StringExact("ACTIVE"),
							"roles":         acctest.StringSet(memberRoles...),
							"project_roles": knownvalue.ListExact([]knownvalue.Check{}),
							"team_ids":      acctest.StringSet(team.ID),
						}),
					})),
				},
			},
		},
	})
}

// memberIndex is where username sits in the data source's list of the
// members and the invitee, sorted by username.
func memberIndex(members []client.OrgUser, invitee, username string) int {
	i := 0
	if invitee < username {
		i++
	}
	for _, m := range members {
		if m.Username < username {
			i++
		}
	}
	return i
}

func TestAccOrgUsersDataSource_badStatus(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.TestPlanFailures(t, map[string]acctest.PlanFailure{
		"unknown status": {Config: orgUsersConfig(e, `["INVITED"]`), Want: acctest.Diagnostic("statuses", "ACTIVE", "INVITED")},
		"no status":      {Config: orgUsersConfig(e, `[]`), Want: acctest.Diagnostic("statuses", "at least 1")},
		"bad org ID":     {Config: e.Config("\ndata \"atlasaccess_org_users\" \"all\" {\n  org_id = \"xyz\"\n}\n"), Want: acctest.Diagnostic("org_id")},
	})
}
