package e2e

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/atlassim"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

// TestOrgUserDestroyPlanNamesTheAccessThatDisappears checks what
// terraform-plugin-testing cannot: the warning of a destroy plan of
// atlasaccess_org_user names the person's organization roles, the project
// where they hold a direct role, and the team they are in with the project
// that team reaches, all granted outside this resource; a second leaver's
// warning is shown in full beside the first. The destroy then
// takes the person out of the organization and leaves the team and its
// project roles in place.
func TestOrgUserDestroyPlanNamesTheAccessThatDisappears(t *testing.T) {
	t.Parallel()
	w := newWorkspace(t, atlassim.Options{Seed: 26})
	w.signInAsOrgOwner()
	const username, second = "leaver@example.com", "second.leaver@example.com"
	w.write("main.tf", cliProvider+fmt.Sprintf(`
resource "atlasaccess_org_user" "leaver" {
  org_id   = %q
  username = %q
  roles    = ["ORG_MEMBER", "ORG_BILLING_READ_ONLY"]
}

resource "atlasaccess_org_user" "second" {
  org_id   = %[1]q
  username = %[3]q
  roles    = ["ORG_MEMBER"]
}
`, w.fx.OrgID, username, second))
	w.terraform(false, "apply", "-auto-approve", "-input=false")

	// Outside Terraform: the person accepts, gets a direct role in the first
	// project, and joins a team that holds a role in the second.
	ctx := context.Background()
	c := w.orgOwnerClient()
	if err := w.sim.AcceptInvitation(username); err != nil {
		t.Fatal(err)
	}
	users, err := c.ListOrgUsers(ctx, w.fx.OrgID, client.ListOrgUsersOptions{Username: username})
	if err != nil || len(users) != 1 {
		t.Fatalf("%s in the organization: %v, %v", username, users, err)
	}
	u := users[0]
	if _, err := c.UpdateOrgUser(ctx, w.fx.OrgID, u.ID, client.UpdateOrgUserRequest{Roles: &client.OrgUserRoles{
		OrgRoles:             u.Roles.OrgRoles,
		GroupRoleAssignments: []client.GroupRoleAssignment{{ProjectID: w.fx.ProjectID, GroupRoles: []string{"GROUP_READ_ONLY"}}},
	}}); err != nil {
		t.Fatal(err)
	}
	team, err := c.CreateTeam(ctx, w.fx.OrgID, client.CreateTeamRequest{Name: "payments-oncall", Usernames: []string{username}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.AddTeamsToProject(ctx, w.fx.Project2ID, []client.ProjectTeam{{TeamID: team.ID, RoleNames: []string{"GROUP_CLUSTER_MANAGER"}}}); err != nil {
		t.Fatal(err)
	}

	out, _ := w.terraform(false, "plan", "-destroy", "-input=false")
	expectOutput(t, "destroy plan", out, []string{
		"Warning: Person Leaves the Organization",
		"removes " + username + " from organization " + w.fx.OrgID + ", and so from every project and team of it",
		"Organization roles: ORG_BILLING_READ_ONLY, ORG_MEMBER.",
		"Projects (direct roles): project " + w.fx.ProjectID + " (GROUP_READ_ONLY).",
		"Teams, and the projects they give roles in: payments-oncall (" + team.ID + ") giving project atlassim-project-2 " + w.fx.Project2ID + " (GROUP_CLUSTER_MANAGER).",
		// Each leaver's warning has its own summary, so Terraform shows
		// every one in full instead of folding the second into the first.
		"removes " + second + " from organization " + w.fx.OrgID,
		"Plan: 0 to add, 0 to change, 2 to destroy.",
	}, []string{"were not read", "could not be read", "more similar warning"})
	expectOnce(t, "destroy plan", out, "Warning: Person Leaves the Organization: "+username)
	expectOnce(t, "destroy plan", out, "Warning: Person Leaves the Organization: "+second)

	w.terraform(false, "destroy", "-auto-approve", "-input=false")
	left, err := c.ListOrgUsers(ctx, w.fx.OrgID, client.ListOrgUsersOptions{Username: username, Statuses: client.AllUserStatuses()})
	if err != nil || len(left) != 0 {
		t.Errorf("after destroy, %s in the organization: %v, %v; want nobody", username, left, err)
	}
	if roles, err := c.GetProjectTeam(ctx, w.fx.Project2ID, team.ID); err != nil || !slices.Equal(roles.RoleNames, []string{"GROUP_CLUSTER_MANAGER"}) {
		t.Errorf("after destroy, team %s in project %s: %v, %v; want it kept with GROUP_CLUSTER_MANAGER", team.ID, w.fx.Project2ID, roles, err)
	}
}
