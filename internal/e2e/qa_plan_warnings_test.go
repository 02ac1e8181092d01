package e2e

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/atlassim"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

// TestProjectIPAccessList_createPlanNamesTheEntriesItRemoves: creating the
// resource takes over a list that already holds entries; the plan, not only
// the apply, names those the configuration does not declare, and not those
// it does (in another spelling).
func TestProjectIPAccessList_createPlanNamesTheEntriesItRemoves(t *testing.T) {
	t.Parallel()
	w := newWorkspace(t, atlassim.Options{Seed: 41})
	w.signInAsOrgOwner()
	c := w.orgOwnerClient()
	project := w.fx.ProjectID
	if err := c.AddProjectAccessListEntries(context.Background(), project, []client.ProjectAccessListEntry{
		{CIDRBlock: "0.0.0.0/0", Comment: "debugging"},
		{IPAddress: "203.0.113.5", Comment: "declared in another spelling"},
	}); err != nil {
		t.Fatal(err)
	}
	w.write("main.tf", projectIPListConfig(project, "10.1.0.0/16|office", "203.0.113.5/32"))
	out, _ := w.terraform(false, "plan", "-input=false")
	expectOutput(t, "plan of the create", out, []string{
		"Warning: Entries Outside the Configuration Will Be Removed",
		fmt.Sprintf("The IP access list of project %s already holds 1 entry that the configuration does not declare: 0.0.0.0/0. "+
			"This resource is authoritative, so taking the list over removes it.", project),
		"1 to add, 0 to change, 0 to destroy",
	}, []string{"203.0.113.5/32.", "removes them"})

	// Once created, the list plans no takeover again.
	w.terraform(false, "apply", "-auto-approve", "-input=false")
	if got, want := projectIPValues(t, c, project), []string{"10.1.0.0/16", "203.0.113.5/32"}; !slices.Equal(got, want) {
		t.Errorf("after the apply Atlas holds %v, want %v", got, want)
	}
	out, _ = w.terraform(false, "plan", "-input=false", "-detailed-exitcode")
	expectOutput(t, "plan after the apply", out, []string{"No changes."}, []string{"Warning: Entries"})
}

// TestTeamPlanWarnsOnlyAboutMembersAddedOutsideTerraform: moving a person
// from one team to another in the configuration plans their removal from
// the first team without a warning (the user asked for it), while a person
// added to that team by hand is named.
func TestTeamPlanWarnsOnlyAboutMembersAddedOutsideTerraform(t *testing.T) {
	t.Parallel()
	w := newWorkspace(t, atlassim.Options{Seed: 42})
	w.signInAsOrgOwner()
	ctx := context.Background()
	c := w.orgOwnerClient()
	invite := func(username string) *client.OrgUser {
		u, err := c.CreateOrgUser(ctx, w.fx.OrgID, client.CreateOrgUserRequest{Username: username, Roles: client.OrgUserRoles{OrgRoles: []string{"ORG_MEMBER"}}})
		if err != nil {
			t.Fatal(err)
		}
		return u
	}
	const moved, handAdded = "moved@example.com", "hand.added@example.com"
	invite(moved)
	teams := func(alpha, beta string) string {
		return cliProvider + fmt.Sprintf(`
resource "atlasaccess_team" "alpha" {
  org_id    = %[1]q
  name      = "alpha"
  usernames = [%[2]s]
}

resource "atlasaccess_team" "beta" {
  org_id    = %[1]q
  name      = "beta"
  usernames = [%[3]s]
}

output "alpha_id" {
  value = atlasaccess_team.alpha.team_id
}
`, w.fx.OrgID, alpha, beta)
	}
	member := fmt.Sprintf("%q", w.fx.OrgMember)
	w.write("main.tf", teams(member+", "+fmt.Sprintf("%q", moved), member))
	w.terraform(false, "apply", "-auto-approve", "-input=false")
	alphaID, _ := w.terraform(false, "output", "-raw", "alpha_id")

	// The configuration moves one person from alpha to beta.
	w.write("main.tf", teams(member, member+", "+fmt.Sprintf("%q", moved)))
	out, _ := w.terraform(false, "plan", "-input=false")
	expectOutput(t, "plan moving a person between teams", out, []string{"Plan: 0 to add, 2 to change, 0 to destroy."},
		[]string{"Team Members Will Be Removed"})

	// Someone added to alpha by hand is named, and only they are.
	if _, err := c.AddTeamUser(ctx, w.fx.OrgID, alphaID, invite(handAdded).ID); err != nil {
		t.Fatal(err)
	}
	out, _ = w.terraform(false, "plan", "-input=false")
	expectOutput(t, "plan after a person was added by hand", out, []string{
		"Warning: Team Members Will Be Removed",
		"Applying removes " + handAdded + ` from team "alpha" (ID ` + alphaID + ")",
		"lists this person as a member, but Terraform did not add them",
	}, []string{"Applying removes " + moved, moved + ", " + handAdded, handAdded + ", " + moved})
	expectOnce(t, "plan after a person was added by hand", flat(out), "Warning: Team Members Will Be Removed")
	w.terraform(false, "destroy", "-auto-approve", "-input=false")
}
