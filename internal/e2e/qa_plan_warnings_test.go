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
