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

// TestAdoptionGuideDestroyDeletesNothingOutsideTheProject follows the guide
// literally (examples/adopt as written) on a project that also holds
// accounts made elsewhere: an organization account that is an Organization
// Member, one that is Organization Read Only, and an account made in the
// project and assigned to a second project too. The adoption imports the
// Read Only one as an assignment (its organization roles say what it is)
// and the others as project service accounts. A later destroy empties the
// project and nothing else: every account is still in the organization, the
// second project keeps its assignment, and each account's secret still
// signs in.
func TestAdoptionGuideDestroyDeletesNothingOutsideTheProject(t *testing.T) {
	t.Parallel()
	w := newWorkspace(t, atlassim.Options{Seed: 42})
	w.signInAsOrgOwner()
	w.setProjectVariable()
	c := w.orgOwnerClient()
	ctx := context.Background()
	secrets := map[string]string{} // client ID -> secret its consumer uses
	orgAccount := func(name string, roles []string) string {
		sa, err := c.CreateOrgServiceAccount(ctx, w.fx.OrgID, client.CreateServiceAccountRequest{
			Name: name, Description: "Made for the whole organization", Roles: roles, SecretExpiresAfterHours: 720})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.InviteProjectServiceAccount(ctx, w.fx.ProjectID, sa.ClientID, []string{"GROUP_READ_ONLY"}); err != nil {
			t.Fatal(err)
		}
		secrets[sa.ClientID] = sa.Secrets[0].Secret
		return sa.ClientID
	}
	opsMember := orgAccount("ops", []string{"ORG_MEMBER"})
	auditor := orgAccount("auditor", []string{"ORG_READ_ONLY"})
	shared, err := c.CreateProjectServiceAccount(ctx, w.fx.ProjectID, client.CreateServiceAccountRequest{
		Name: "app", Description: "Made in the project by hand", Roles: []string{"GROUP_READ_ONLY"}, SecretExpiresAfterHours: 720})
	if err != nil {
		t.Fatal(err)
	}
	secrets[shared.ClientID] = shared.Secrets[0].Secret
	if _, err := c.InviteProjectServiceAccount(ctx, w.fx.Project2ID, shared.ClientID, []string{"GROUP_OWNER"}); err != nil {
		t.Fatal(err)
	}

	w.copyConfiguration(filepath.Join("..", "..", "examples", "adopt"))
	out, _ := w.terraform(false, "plan", "-input=false", "-out=adopt.tfplan")
	expectOutput(t, "adoption plan", out, []string{
		fmt.Sprintf("atlasaccess_project_service_account.adopted[%q] will be imported", opsMember),
		fmt.Sprintf("atlasaccess_project_service_account.adopted[%q] will be imported", shared.ClientID),
		fmt.Sprintf("atlasaccess_project_service_account_assignment.adopted[%q] will be imported", auditor),
		"Plan: 3 to import, 0 to add, 0 to change, 0 to destroy.",
	}, []string{fmt.Sprintf("atlasaccess_project_service_account.adopted[%q]", auditor)})
	w.terraform(false, "apply", "-input=false", "adopt.tfplan")
	if out, err := w.terraform(true, "plan", "-input=false", "-detailed-exitcode"); err != nil {
		t.Fatalf("the plan after adoption is not empty (%v):\n%s", err, out)
	}

	out, _ = w.terraform(false, "destroy", "-auto-approve", "-input=false")
	expectOutput(t, "destroy", out, []string{"Destroy complete! Resources: 3 destroyed.", "keep_in_organization = false"}, nil)
	for _, id := range []string{opsMember, shared.ClientID} {
		if n := strings.Count(flat(out), "Service account "+id+" was removed from project "+w.fx.ProjectID+" but not deleted: it was imported"); n != 1 {
			t.Errorf("destroy warns %d times that imported account %s stays in the organization; want once:\n%s", n, id, out)
		}
	}
	if accounts, err := c.ListProjectServiceAccounts(ctx, w.fx.ProjectID); err != nil || len(accounts) != 0 {
		t.Errorf("after destroy the project holds %d service accounts (err %v); want none", len(accounts), err)
	}
	if _, err := c.GetProjectServiceAccount(ctx, w.fx.Project2ID, shared.ClientID); err != nil {
		t.Errorf("the destroy took %s out of the second project, which the adoption never managed: %v", shared.ClientID, err)
	}
	for id, secret := range secrets {
		if _, err := c.GetOrgServiceAccount(ctx, w.fx.OrgID, id); err != nil {
			t.Errorf("destroy deleted %s from the organization: %v", id, err)
			continue
		}
		if _, err := c.IssueAccessToken(ctx, id, secret); err != nil {
			t.Errorf("after destroy the consumer of %s can no longer sign in: %v", id, err)
		}
	}
}
