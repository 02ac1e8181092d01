package e2e

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

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

// sourceOfEntries matches a line of configuration source that Terraform
// prints under a diagnostic when the line is an element of entries.
var sourceOfEntries = regexp.MustCompile(`(?m)^\s*\d+:\s+\{ cidr_block`)

// TestProjectIPAccessList_temporaryEntriesAndShortDiagnostics drives the
// CLI through a long list (30 entries) and what QA found about it:
//   - a declared entry made temporary by hand shows in the plan (its date
//     in temporary_entries, planned away), and the apply makes it
//     permanent;
//   - the warning about an entry added by hand says it is temporary and
//     its date;
//   - no diagnostic prints the literal list of entries under it (each
//     names the entry it is about), and two resources declaring one
//     project's list are told apart by what differs, not by all 30 entries.
func TestProjectIPAccessList_temporaryEntriesAndShortDiagnostics(t *testing.T) {
	t.Parallel()
	w := newWorkspace(t, atlassim.Options{Seed: 43})
	w.signInAsOrgOwner()
	c := w.orgOwnerClient()
	ctx := context.Background()
	project := w.fx.ProjectID
	var declared []string
	for i := range 30 {
		declared = append(declared, fmt.Sprintf("10.0.%d.0/24|net %d", i, i))
	}
	w.write("main.tf", projectIPListConfig(project, declared...))
	w.terraform(false, "apply", "-auto-approve", "-input=false")

	date := time.Now().UTC().Add(48 * time.Hour).Truncate(time.Second).Format(time.RFC3339)
	if err := c.AddProjectAccessListEntries(ctx, project, []client.ProjectAccessListEntry{
		{CIDRBlock: "10.0.1.0/24", Comment: "net 1", DeleteAfterDate: &date},
		{CIDRBlock: "10.9.0.0/16", Comment: "by hand", DeleteAfterDate: &date},
	}); err != nil {
		t.Fatal(err)
	}
	out, _ := w.terraform(false, "plan", "-input=false")
	expectOutput(t, "plan after entries were made temporary by hand", out, []string{
		fmt.Sprintf(`- "10.0.1.0/24" = "%s" -> null`, date),
		"Warning: Entries Added Outside Terraform Will Be Removed",
		"10.9.0.0/16 (temporary: Atlas deletes it after " + date + ")",
		"0 to add, 1 to change, 0 to destroy",
	}, nil)
	if sourceOfEntries.MatchString(out) {
		t.Errorf("the plan prints the configured entries under a diagnostic:\n%s", out)
	}
	w.terraform(false, "apply", "-auto-approve", "-input=false")
	list, err := c.ListProjectAccessList(ctx, project)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range list {
		if e.DeleteAfterDate != nil || e.Value() == "10.9.0.0/16" {
			t.Errorf("after the apply Atlas holds %s (deleteAfterDate %v); want the declared entries, all permanent", e.Value(), *e.DeleteAfterDate)
		}
	}
	out, _ = w.terraform(false, "plan", "-input=false", "-detailed-exitcode")
	expectOutput(t, "plan after the apply", out, []string{"No changes."}, nil)

	// Mistakes in the list: each error is one line of source and names its entry.
	bad := append(slices.Clone(declared), "10.0.3.0/24", "10.0.0.300", "10.5.0.0/16|"+strings.Repeat("x", 81))
	w.write("main.tf", projectIPListConfig(project, bad...))
	out, _ = w.terraform(true, "plan", "-input=false")
	expectOutput(t, "plan of a list with mistakes", out, []string{
		"Error: Duplicate IP Access List Entry", "holds 10.0.3.0/24 and 10.0.3.0/24",
		"Error: Invalid IP Access List Entry", `the entry with cidr_block "10.0.0.300"`,
		`the entry with cidr_block "10.5.0.0/16": Attribute comment`,
	}, nil)
	if sourceOfEntries.MatchString(out) {
		t.Errorf("the plan prints the configured entries under an error:\n%s", out)
	}

	// A second list for the project, one entry fewer.
	second := strings.Replace(projectIPListConfig(project, declared[1:]...), `"project"`, `"second"`, 1)
	w.write("main.tf", projectIPListConfig(project, declared...)+strings.TrimPrefix(second, cliProvider))
	out, _ = w.terraform(true, "plan", "-input=false")
	_, twice, _ := strings.Cut(flat(out), "Error: Project IP Access List Declared Twice")
	expectOutput(t, "plan of two lists for one project", twice, []string{"declares 10.0.0.0/24)"}, []string{"10.0.17.0/24"})
	if sourceOfEntries.MatchString(out) {
		t.Errorf("the plan prints the configured entries under an error:\n%s", out)
	}
}
