package e2e

import (
	"context"
	"fmt"
	"testing"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/atlassim"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

// TestTeamPlanNamesTheMembersItRemoves checks what terraform-plugin-testing
// cannot: a person added to a team outside Terraform shows in the plan as
// a warning naming them, in an in-place update, and the apply removes them.
func TestTeamPlanNamesTheMembersItRemoves(t *testing.T) {
	t.Parallel()
	w := newWorkspace(t, atlassim.Options{Seed: 26})
	w.signInAsOrgOwner()
	config := cliProvider + fmt.Sprintf(`
resource "atlasaccess_team" "platform" {
  org_id    = %q
  name      = "platform"
  usernames = [%q]
}

output "team_id" {
  value = atlasaccess_team.platform.team_id
}
`, w.fx.OrgID, w.fx.OrgMember)
	w.write("main.tf", config)
	w.terraform(false, "apply", "-auto-approve", "-input=false")
	teamID, _ := w.terraform(false, "output", "-raw", "team_id")

	ctx := context.Background()
	c := w.orgOwnerClient()
	const handAdded = "hand.added@example.com"
	u, err := c.CreateOrgUser(ctx, w.fx.OrgID, client.CreateOrgUserRequest{Username: handAdded, Roles: client.OrgUserRoles{OrgRoles: []string{"ORG_MEMBER"}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.AddTeamUser(ctx, w.fx.OrgID, teamID, u.ID); err != nil {
		t.Fatal(err)
	}
	out, _ := w.terraform(false, "plan", "-input=false")
	expectOutput(t, "plan", out, []string{
		"Warning: Team Members Will Be Removed",
		"Applying removes " + handAdded + ` from team "platform" (ID ` + teamID + ")",
		"They stay in the organization.",
		"will be updated in-place",
		"Plan: 0 to add, 1 to change, 0 to destroy.",
	}, nil)
	w.terraform(false, "apply", "-auto-approve", "-input=false")
	members, err := c.ListTeamUsers(ctx, w.fx.OrgID, teamID, client.ListOrgUsersOptions{})
	if err != nil || len(members) != 1 || members[0].Username != w.fx.OrgMember {
		t.Fatalf("members after the apply: %+v (%v); want only %s", members, err, w.fx.OrgMember)
	}
	out, _ = w.terraform(false, "plan", "-input=false", "-detailed-exitcode")
	expectOutput(t, "plan after the apply", out, []string{"No changes."}, []string{"Team Members Will Be Removed"})
	w.terraform(false, "destroy", "-auto-approve", "-input=false")
}
