package e2e

import (
	"context"
	"fmt"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/atlassim"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

// writesSince returns the requests after the first n of the simulator's log
// that could change something in Atlas: anything but a GET, leaving out the
// OAuth token endpoints (signing in and out changes no Atlas object).
func (w *workspace) writesSince(n int) []string {
	var out []string
	for _, r := range w.sim.Requests()[n:] {
		if r.Method != http.MethodGet && !strings.HasPrefix(r.Path, "/api/oauth/") {
			out = append(out, r.Method+" "+r.Path)
		}
	}
	return out
}

// handMadeProject fills the simulator's first project through the API, the
// way someone working in the Atlas UI would: three service accounts with
// different roles and secret lifetimes, two pending invitations and a member
// of the organization with two roles. It returns the client IDs and the
// usernames.
func handMadeProject(t *testing.T, w *workspace) (clientIDs, usernames []string) {
	t.Helper()
	c := w.orgOwnerClient()
	ctx := context.Background()
	for i, hours := range []int{240, 480, 720} {
		sa, err := c.CreateProjectServiceAccount(ctx, w.fx.ProjectID, client.CreateServiceAccountRequest{
			Name: fmt.Sprintf("hand made %d", i), Description: "Created in the Atlas UI",
			Roles: [][]string{{"GROUP_READ_ONLY"}, {"GROUP_OWNER"}, {"GROUP_CLUSTER_MANAGER", "GROUP_READ_ONLY"}}[i], SecretExpiresAfterHours: hours,
		})
		if err != nil {
			t.Fatal(err)
		}
		clientIDs = append(clientIDs, sa.ClientID)
	}
	people := map[string][]string{
		"ann@example.com": {"GROUP_READ_ONLY"},
		"Bob@example.com": {"GROUP_OWNER"},
		w.fx.OrgMember:    {"GROUP_READ_ONLY", "GROUP_DATA_ACCESS_READ_ONLY"},
	}
	for username, roles := range people {
		if _, err := c.AddProjectUser(ctx, w.fx.ProjectID, client.AddProjectUserRequest{Username: username, Roles: roles}); err != nil {
			t.Fatal(err)
		}
		usernames = append(usernames, username)
	}
	return clientIDs, usernames
}

// TestBulkAdoptionInOnePlan runs examples/adopt, the recipe of the guide
// "Adopting an existing project": Terraform 1.7+ import blocks whose
// for_each is the result of the data sources. Terraform reads the data
// sources while planning, so one plan imports every service account and
// every person of the project; the apply writes nothing to Atlas and the
// next plan is empty.
func TestBulkAdoptionInOnePlan(t *testing.T) {
	t.Parallel()
	w := newWorkspace(t, atlassim.Options{Seed: 41})
	w.signInAsOrgOwner()
	w.setProjectVariable()
	clientIDs, usernames := handMadeProject(t, w)
	w.copyConfiguration(filepath.Join("..", "..", "examples", "adopt"))
	start := len(w.sim.Requests())

	if out, _ := w.terraform(false, "validate"); !strings.Contains(out, "The configuration is valid") {
		t.Fatalf("terraform validate:\n%s", out)
	}
	out, _ := w.terraform(false, "plan", "-input=false", "-out=adopt.tfplan")
	want := []string{"Plan: 6 to import, 0 to add, 0 to change, 0 to destroy."}
	for _, id := range clientIDs {
		want = append(want, fmt.Sprintf("atlasaccess_project_service_account.adopted[%q] will be imported", id))
	}
	for _, u := range usernames {
		want = append(want, fmt.Sprintf("atlasaccess_project_user_invite.adopted[%q] will be imported", u))
	}
	expectOutput(t, "adoption plan", out, want, []string{"will be created", "will be updated", "must be replaced", "will be destroyed"})
	if n := strings.Count(out, "Warning:"); n != 1 {
		t.Errorf("the adoption plan has %d warnings; want only the development overrides' one:\n%s", n, out)
	}

	out, _ = w.terraform(false, "apply", "-input=false", "adopt.tfplan")
	expectOutput(t, "adoption apply", out, []string{"Apply complete! Resources: 6 imported, 0 added, 0 changed, 0 destroyed."}, nil)
	if out, err := w.terraform(true, "plan", "-input=false", "-detailed-exitcode"); err != nil {
		t.Fatalf("the plan after adoption is not empty (%v):\n%s", err, out)
	}
	if writes := w.writesSince(start); len(writes) > 0 {
		t.Fatalf("adoption wrote to Atlas:\n  %s", strings.Join(writes, "\n  "))
	}

	// Every object is now in state, under the address the recipe gives it.
	list, _ := w.terraform(false, "state", "list")
	for _, id := range clientIDs {
		if !strings.Contains(list, fmt.Sprintf("atlasaccess_project_service_account.adopted[%q]", id)) {
			t.Errorf("state lacks account %s:\n%s", id, list)
		}
	}
	for _, u := range usernames {
		if !strings.Contains(list, fmt.Sprintf("atlasaccess_project_user_invite.adopted[%q]", u)) {
			t.Errorf("state lacks user %s:\n%s", u, list)
		}
	}
}
