package e2e

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/atlassim"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

// projectIPListConfig declares the project's IP access list; each entry is
// "cidr" or "cidr|comment".
func projectIPListConfig(projectID string, entries ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "resource \"atlasaccess_project_ip_access_list\" \"project\" {\n  project_id = %q\n  entries = [\n", projectID)
	for _, e := range entries {
		block, comment, _ := strings.Cut(e, "|")
		fmt.Fprintf(&b, "    { cidr_block = %q", block)
		if comment != "" {
			fmt.Fprintf(&b, ", comment = %q", comment)
		}
		b.WriteString(" },\n")
	}
	b.WriteString("  ]\n}\n")
	return cliProvider + b.String()
}

// projectIPValues is what Atlas holds in a project's IP access list, by
// value, sorted.
func projectIPValues(t *testing.T, c *client.Client, projectID string) []string {
	t.Helper()
	list, err := c.ListProjectAccessList(context.Background(), projectID)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range list {
		out = append(out, e.Value())
	}
	slices.Sort(out)
	return out
}

// TestProjectIPAccessList_usersReports drives the CLI through what users of
// the official provider reported about project IP access lists:
//   - #2313: an apply followed by a plan gives no "inconsistent result" and
//     an empty plan, whatever the spelling of the addresses;
//   - #4151: 0.0.0.0/0 added by hand is detected: the plan shows its removal
//     and a warning names it (and only it, not an entry the configuration
//     dropped), and the apply removes it;
//   - #864: an entry deleted by hand is added back, with no "not found";
//   - a destroy with -refresh=false removes only the entries its state
//     holds: one added by hand after the last refresh survives.
func TestProjectIPAccessList_usersReports(t *testing.T) {
	t.Parallel()
	w := newWorkspace(t, atlassim.Options{Seed: 31, IPAccessPendingReads: 2})
	w.signInAsOrgOwner()
	c := w.orgOwnerClient()
	ctx := context.Background()
	project := w.fx.ProjectID
	declared := []string{"10.1.0.0/16|office", "203.0.113.5", "2001:DB8::/32|v6"}

	// #2313: apply, then plan.
	w.write("main.tf", projectIPListConfig(project, declared...))
	out, _ := w.terraform(false, "apply", "-auto-approve", "-input=false")
	expectOutput(t, "first apply", out, []string{"1 added, 0 changed, 0 destroyed"}, []string{"inconsistent result", "Warning: Entries"})
	out, _ = w.terraform(false, "plan", "-input=false", "-detailed-exitcode")
	expectOutput(t, "plan after apply (#2313)", out, []string{"No changes."}, nil)

	// #4151: 0.0.0.0/0 added by hand, while the configuration drops an entry.
	if err := c.AddProjectAccessListEntries(ctx, project, []client.ProjectAccessListEntry{{CIDRBlock: "0.0.0.0/0", Comment: "debugging"}}); err != nil {
		t.Fatal(err)
	}
	w.write("main.tf", projectIPListConfig(project, declared[:2]...))
	out, _ = w.terraform(false, "plan", "-input=false")
	expectOutput(t, "plan after 0.0.0.0/0 was added by hand (#4151)", out, []string{
		`- cidr_block = "0.0.0.0/0" -> null`,
		"Warning: Entries Added Outside Terraform Will Be Removed",
		fmt.Sprintf("The IP access list of project %s holds 1 entry that Terraform did not add and the configuration does not declare: 0.0.0.0/0. "+
			"This resource is authoritative, so the apply removes it.", project),
		"0 to add, 1 to change, 0 to destroy",
	}, []string{"IP Access List Admits Every Address"})
	out, _ = w.terraform(false, "apply", "-auto-approve", "-input=false")
	expectOutput(t, "apply removing 0.0.0.0/0", out, []string{"0 added, 1 changed, 0 destroyed"}, []string{"inconsistent result"})
	if got, want := projectIPValues(t, c, project), []string{"10.1.0.0/16", "203.0.113.5/32"}; !slices.Equal(got, want) {
		t.Errorf("after the apply Atlas holds %v, want %v", got, want)
	}

	// #864: an entry deleted by hand comes back.
	if err := c.DeleteProjectAccessListEntry(ctx, project, "10.1.0.0/16"); err != nil {
		t.Fatal(err)
	}
	out, _ = w.terraform(false, "apply", "-auto-approve", "-input=false")
	expectOutput(t, "apply after an entry was deleted by hand (#864)", out,
		[]string{`+ cidr_block = "10.1.0.0/16"`, "0 added, 1 changed, 0 destroyed"}, []string{"not found", "Not Found", "Warning: Entries"})
	if got, want := projectIPValues(t, c, project), []string{"10.1.0.0/16", "203.0.113.5/32"}; !slices.Equal(got, want) {
		t.Errorf("after the apply Atlas holds %v, want %v", got, want)
	}
	out, _ = w.terraform(false, "plan", "-input=false", "-detailed-exitcode")
	expectOutput(t, "plan after the entry came back", out, []string{"No changes."}, nil)

	// Destroy without a refresh: an entry added by hand since the last
	// refresh is not the state's, and stays.
	if err := c.AddProjectAccessListEntries(ctx, project, []client.ProjectAccessListEntry{{IPAddress: "198.51.100.7", Comment: "added by hand"}}); err != nil {
		t.Fatal(err)
	}
	out, _ = w.terraform(false, "destroy", "-auto-approve", "-input=false", "-refresh=false")
	expectOutput(t, "destroy -refresh=false", out, []string{"1 destroyed"}, nil)
	if got, want := projectIPValues(t, c, project), []string{"198.51.100.7/32"}; !slices.Equal(got, want) {
		t.Errorf("after the destroy Atlas holds %v, want only the entry added by hand %v", got, want)
	}
}
