package e2e

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/acctest"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/atlassim"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

// handMadeLargeProject fills the simulator's first project through the API,
// as years of work in the Atlas UI would: 40 accounts made in the project
// and 10 made for the organization and assigned to it, 20 secrets besides
// the 50 each account came with, 30 API access lists and 40 people (half
// invited, half active). That is 200 objects for Terraform: the 50
// accounts, 10 assignments, 70 secrets, 30 access lists and 40 people. It
// returns how many of each resource type there are.
func handMadeLargeProject(t *testing.T, w *workspace) map[string]int {
	t.Helper()
	c := w.orgOwnerClient()
	ctx := context.Background()
	project, org := client.ProjectOwner(w.fx.ProjectID), client.OrgOwner(w.fx.OrgID)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	for i := range 40 {
		sa, err := c.CreateProjectServiceAccount(ctx, w.fx.ProjectID, client.CreateServiceAccountRequest{
			Name: fmt.Sprintf("app %02d", i), Description: "Made in the Atlas UI",
			Roles: [][]string{{"GROUP_READ_ONLY"}, {"GROUP_OWNER"}, {"GROUP_CLUSTER_MANAGER", "GROUP_READ_ONLY"}}[i%3], SecretExpiresAfterHours: 240 + 24*i,
		})
		must(err)
		if i < 15 {
			_, err := c.CreateServiceAccountSecret(ctx, project, sa.ClientID, 48+i)
			must(err)
		}
		if i < 25 {
			must(c.AddAccessListEntries(ctx, project, sa.ClientID, []client.AccessListEntry{
				{CIDRBlock: fmt.Sprintf("10.%d.0.0/16", i)}, {IPAddress: fmt.Sprintf("192.0.2.%d", i+1)}}))
		}
	}
	for i := range 10 {
		sa, err := c.CreateOrgServiceAccount(ctx, w.fx.OrgID, client.CreateServiceAccountRequest{
			Name: fmt.Sprintf("org tool %02d", i), Description: "Made for the whole organization",
			Roles: [][]string{{"ORG_READ_ONLY"}, {"ORG_MEMBER", "ORG_BILLING_READ_ONLY"}}[i%2], SecretExpiresAfterHours: 720,
		})
		must(err)
		_, err = c.InviteProjectServiceAccount(ctx, w.fx.ProjectID, sa.ClientID, []string{"GROUP_READ_ONLY"})
		must(err)
		if i < 5 {
			_, err := c.CreateServiceAccountSecret(ctx, org, sa.ClientID, 96)
			must(err)
			must(c.AddAccessListEntries(ctx, org, sa.ClientID, []client.AccessListEntry{{CIDRBlock: fmt.Sprintf("172.16.%d.0/24", i)}}))
		}
	}
	for i := range 40 {
		username := fmt.Sprintf("person%02d@example.com", i)
		_, err := c.AddProjectUser(ctx, w.fx.ProjectID, client.AddProjectUserRequest{
			Username: username, Roles: [][]string{{"GROUP_READ_ONLY"}, {"GROUP_DATA_ACCESS_READ_ONLY", "GROUP_READ_ONLY"}}[i%2]})
		must(err)
		if i%2 == 1 {
			must(w.sim.AcceptInvitation(username))
		}
	}
	return map[string]int{
		"atlasaccess_project_service_account":             40,
		"atlasaccess_service_account":                     10,
		"atlasaccess_project_service_account_assignment":  10,
		"atlasaccess_project_service_account_secret":      40 + 15,
		"atlasaccess_service_account_secret":              10 + 5,
		"atlasaccess_project_service_account_access_list": 25,
		"atlasaccess_service_account_access_list":         5,
		"atlasaccess_project_user_invite":                 40,
	}
}

// TestQueryAdoptionOfAWholeProject follows the guide "Adopting an existing
// project" with Terraform 1.14+ literally (examples/adopt-query as
// written): a project of 200 objects of every type, made by hand, is
// adopted with one terraform query -generate-config-out and one apply of
// what it wrote, with no edit. The apply imports every object and
// writes nothing to Atlas, and the next plan is empty.
func TestQueryAdoptionOfAWholeProject(t *testing.T) {
	t.Parallel()
	acctest.RequireTerraformCLI(t, acctest.TerraformQuery)
	w := newWorkspace(t, atlassim.Options{Seed: 43, InviteRateLimit: -1, TokenRateLimit: -1})
	w.signInAsOrgOwner()
	want := handMadeLargeProject(t, w)
	total := 0
	for _, n := range want {
		total += n
	}
	start := len(w.sim.Requests())

	w.setProjectVariable()
	w.setenv("TF_VAR_org_id", w.fx.OrgID)
	w.copyConfiguration(filepath.Join("..", "..", "examples", "adopt-query"))
	out, _ := w.terraform(false, "query", "-generate-config-out=adopted.tf")
	generated, err := os.ReadFile(filepath.Join(w.dir, "adopted.tf"))
	if err != nil {
		t.Fatalf("terraform query wrote no configuration: %v\n%s", err, out)
	}
	for typ, n := range want {
		if got := len(regexp.MustCompile(fmt.Sprintf(`(?m)^resource %q `, typ)).FindAll(generated, -1)); got != n {
			t.Errorf("the generated configuration has %d %s resources; want %d", got, typ, n)
		}
	}
	if got := strings.Count(string(generated), "\nimport {"); got != total {
		t.Errorf("the generated configuration has %d import blocks; want one per object, %d", got, total)
	}
	if t.Failed() {
		t.Fatalf("terraform query:\n%s\nadopted.tf:\n%s", out, generated)
	}

	out, _ = w.terraform(false, "apply", "-auto-approve", "-input=false")
	expectOutput(t, "apply", out, []string{fmt.Sprintf("Apply complete! Resources: %d imported, 0 added, 0 changed, 0 destroyed.", total)}, nil)
	if out, err := w.terraform(true, "plan", "-input=false", "-detailed-exitcode"); err != nil {
		t.Errorf("the plan after adoption is not empty (%v):\n%s", err, out)
	}
	if writes := w.writesSince(start); len(writes) > 0 {
		t.Errorf("adoption wrote to Atlas:\n  %s", strings.Join(writes, "\n  "))
	}
}
