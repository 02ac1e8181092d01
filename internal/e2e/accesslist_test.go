package e2e

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/acctest"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/atlassim"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

// accessListAccounts creates a project service account and an organization
// service account to fence, outside Terraform.
func accessListAccounts(t *testing.T, c *client.Client, fx atlassim.Fixtures) (projectAccount, orgAccount string) {
	t.Helper()
	p, err := c.CreateProjectServiceAccount(context.Background(), fx.ProjectID, client.CreateServiceAccountRequest{
		Name: "fenced", Description: "d", Roles: []string{"GROUP_READ_ONLY"}, SecretExpiresAfterHours: 24,
	})
	if err != nil {
		t.Fatal(err)
	}
	o, err := c.CreateOrgServiceAccount(context.Background(), fx.OrgID, client.CreateServiceAccountRequest{
		Name: "fenced-org", Description: "d", Roles: []string{"ORG_MEMBER"}, SecretExpiresAfterHours: 24,
	})
	if err != nil {
		t.Fatal(err)
	}
	return p.ClientID, o.ClientID
}

func accessListConfig(fx atlassim.Fixtures, projectAccount, orgAccount string, blocks ...string) string {
	return cliProvider +
		acctest.Resource("atlasaccess_project_service_account_access_list", "p", acctest.Attrs{
			"project_id": fx.ProjectID, "client_id": projectAccount, "cidr_blocks": blocks,
		}) +
		acctest.Resource("atlasaccess_service_account_access_list", "o", acctest.Attrs{
			"org_id": fx.OrgID, "client_id": orgAccount, "cidr_blocks": blocks,
		})
}

// accessListRequestCounts pins the requests of the two access-list
// resources (called by TestRequestsPerOperationAreMinimal). Each resource
// reads its list once before it writes: a create takes over what is there,
// an update removes what appeared since the refresh, and a destroy removes
// every entry by the spelling Atlas holds. Additions are one POST, each
// removal one DELETE.
func accessListRequestCounts(t *testing.T) {
	w := newWorkspace(t, atlassim.Options{Seed: 14})
	w.signInAsOrgOwner()
	projectAccount, orgAccount := accessListAccounts(t, w.orgOwnerClient(), w.fx)
	const (
		token, revoke = "POST /api/oauth/token", "POST /api/oauth/revoke"
		pList         = "GET /api/atlas/v2/groups/{id}/serviceAccounts/{id}/accessList"
		oList         = "GET /api/atlas/v2/orgs/{id}/serviceAccounts/{id}/accessList"
		pAdd          = "POST /api/atlas/v2/groups/{id}/serviceAccounts/{id}/accessList"
		oAdd          = "POST /api/atlas/v2/orgs/{id}/serviceAccounts/{id}/accessList"
		pDelete       = "DELETE /api/atlas/v2/groups/{id}/serviceAccounts/{id}/accessList/{entry}"
		oDelete       = "DELETE /api/atlas/v2/orgs/{id}/serviceAccounts/{id}/accessList/{entry}"
	)
	three := []string{"10.0.0.1", "10.1.0.0/16", "2001:db8::/32"}
	for _, step := range []struct {
		name   string
		blocks []string
		args   []string
		want   []string
	}{
		{"access lists: create", three, []string{"apply", "-auto-approve", "-input=false"}, []string{
			pList, pAdd, oList, oAdd, token, revoke,
		}},
		{"access lists: plan without changes", three, []string{"plan", "-input=false"}, []string{
			pList, oList, token, revoke,
		}},
		{"access lists: respelled, no change", []string{"10.0.0.1/32", "10.1.0.0/16", "2001:DB8::/32"}, []string{"apply", "-auto-approve", "-input=false"}, []string{
			pList, oList, token, revoke,
		}},
		{"access lists: one added, one removed", []string{"10.0.0.1", "10.2.0.0/16", "2001:db8::/32"}, []string{"apply", "-auto-approve", "-input=false"}, []string{
			pList, oList, // refresh
			pList, pAdd, pDelete, oList, oAdd, oDelete,
			token, token, revoke, revoke,
		}},
		{"access lists: destroy", three, []string{"destroy", "-auto-approve", "-input=false"}, []string{
			pList, oList, // refresh
			pList, pDelete, pDelete, pDelete, oList, oDelete, oDelete, oDelete,
			token, token, revoke, revoke,
		}},
	} {
		w.write("main.tf", accessListConfig(w.fx, projectAccount, orgAccount, step.blocks...))
		var got []string
		for _, r := range requestsOf(w, step.args...) {
			if i := strings.Index(r, "/accessList/"); i >= 0 {
				r = r[:i] + "/accessList/{entry}"
			}
			got = append(got, r)
		}
		slices.Sort(got)
		slices.Sort(step.want)
		if !slices.Equal(got, step.want) {
			t.Errorf("%s made %d requests:\n  %s\nwant %d:\n  %s", step.name, len(got), strings.Join(got, "\n  "), len(step.want), strings.Join(step.want, "\n  "))
		}
	}
}

// TestAccessListTakeoverWarns: creating the resource over a list that
// already has entries removes the undeclared ones and names them in a
// warning; an entry added by hand later is planned for removal in the
// CLI's plan output.
func TestAccessListTakeoverWarns(t *testing.T) {
	t.Parallel()
	w := newWorkspace(t, atlassim.Options{Seed: 15})
	w.signInAsOrgOwner()
	c := w.orgOwnerClient()
	projectAccount, orgAccount := accessListAccounts(t, c, w.fx)
	owner := client.ProjectOwner(w.fx.ProjectID)
	if err := c.AddAccessListEntries(context.Background(), owner, projectAccount, []client.AccessListEntry{{CIDRBlock: "198.51.100.0/24"}}); err != nil {
		t.Fatal(err)
	}
	w.write("main.tf", accessListConfig(w.fx, projectAccount, orgAccount, "10.0.0.1"))
	out, _ := w.terraform(false, "apply", "-auto-approve", "-input=false")
	expectOutput(t, "apply", out, []string{
		"Warning: Entries Removed From API Access List",
		fmt.Sprintf("The API access list of service account %s of project %s already held 1 entry that the configuration does not declare: 198.51.100.0/24", projectAccount, w.fx.ProjectID),
		"add them to cidr_blocks",
	}, nil)

	if err := c.AddAccessListEntries(context.Background(), owner, projectAccount, []client.AccessListEntry{{CIDRBlock: "0.0.0.0/0"}}); err != nil {
		t.Fatal(err)
	}
	out, _ = w.terraform(false, "plan", "-input=false")
	expectOutput(t, "plan", out, []string{`- "0.0.0.0/0"`, "1 to change"}, nil)
}

// TestAccessListRefactorsKeepTheFence drives the CLI through the refactors
// of one account's list (testdata/accesslist-refactors): project_id changed
// to another project of the account, the list moved to the organization
// resource and back with moved blocks, and moved without one. After each
// apply Atlas holds exactly the declared entries and the next plan is empty;
// the project change and the moves write nothing.
func TestAccessListRefactorsKeepTheFence(t *testing.T) {
	t.Parallel()
	w := newWorkspace(t, atlassim.Options{Seed: 16})
	w.signInAsOrgOwner()
	w.setenv("TF_VAR_org", w.fx.OrgID)
	w.setenv("TF_VAR_p1", w.fx.ProjectID)
	w.setenv("TF_VAR_p2", w.fx.Project2ID)
	mainTF, err := os.ReadFile(filepath.Join("testdata", "accesslist-refactors", "main.tf"))
	if err != nil {
		t.Fatal(err)
	}
	w.write("main.tf", string(mainTF))
	const (
		projectFence = "atlasaccess_project_service_account_access_list.fence[0]"
		orgFence     = "atlasaccess_service_account_access_list.fence[0]"
	)
	c := w.orgOwnerClient()
	w.terraform(false, "apply", "-auto-approve", "-input=false", "-var", "owner=project1")
	out, _ := w.terraform(false, "output", "-raw", "cid")
	clientID := strings.TrimSpace(out)
	for _, step := range []struct {
		name, owner, moved string
		want               []string // phrases of the apply's output
		writes             bool
	}{
		{name: "project_id changes to project 2", owner: "project2", want: []string{"0 added, 1 changed, 0 destroyed"}},
		{name: "moved to the organization resource", owner: "org", moved: movedBlock(projectFence, orgFence),
			want: []string{"# " + orgFence + " will be updated in-place # (moved from " + projectFence + ")", "0 added, 1 changed, 0 destroyed"}},
		{name: "moved back to the project resource", owner: "project1", moved: movedBlock(orgFence, projectFence),
			want: []string{"# " + projectFence + " will be updated in-place # (moved from " + orgFence + ")", "0 added, 1 changed, 0 destroyed"}},
		{name: "moved to the organization resource without a moved block", owner: "org",
			want: []string{"1 added, 0 changed, 1 destroyed"}, writes: true},
	} {
		w.write("moved.tf", step.moved)
		before := len(w.sim.Requests())
		out, _ := w.terraform(false, "apply", "-auto-approve", "-input=false", "-var", "owner="+step.owner)
		expectOutput(t, step.name, out, step.want, nil)
		if !step.writes {
			for _, r := range w.sim.Requests()[before:] {
				if r.Method != http.MethodGet && !strings.HasPrefix(r.Path, "/api/oauth/") {
					t.Errorf("%s: wrote %s %s", step.name, r.Method, r.Path)
				}
			}
		}
		entries, err := c.ListAccessList(context.Background(), client.OrgOwner(w.fx.OrgID), clientID)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, e := range entries {
			got = append(got, e.CIDRBlock)
		}
		slices.Sort(got)
		if want := []string{"10.0.0.0/8", "192.0.2.10/32"}; !slices.Equal(got, want) {
			t.Errorf("%s: Atlas holds %q, want %q", step.name, got, want)
		}
		out, _ = w.terraform(false, "plan", "-input=false", "-var", "owner="+step.owner)
		expectOutput(t, step.name+": next plan", out, []string{"No changes."}, nil)
	}
}

func movedBlock(from, to string) string {
	return fmt.Sprintf("moved {\n  from = %s\n  to   = %s\n}\n", from, to)
}

// TestAccessListWarnsAndExplainsLockout: a list that admits every address
// and a list of the account the provider signs in as are warned about in the
// plan; once the list leaves out the address Terraform runs from, the next
// plan fails with a message that names the access list, not a missing role.
func TestAccessListWarnsAndExplainsLockout(t *testing.T) {
	t.Parallel()
	w := newWorkspace(t, atlassim.Options{Seed: 17})
	self, err := w.orgOwnerClient().CreateOrgServiceAccount(context.Background(), w.fx.OrgID, client.CreateServiceAccountRequest{
		Name: "terraform-runner", Description: "runs terraform", Roles: []string{"ORG_OWNER"}, SecretExpiresAfterHours: 24,
	})
	if err != nil {
		t.Fatal(err)
	}
	w.setenv("MONGODB_ATLAS_CLIENT_ID", self.ClientID)
	w.setenv("MONGODB_ATLAS_CLIENT_SECRET", self.Secrets[0].Secret)
	w.write("main.tf", cliProvider+acctest.Resource("atlasaccess_service_account_access_list", "self", acctest.Attrs{
		"org_id": w.fx.OrgID, "client_id": self.ClientID, "cidr_blocks": []string{"10.0.0.0/8", "::/0"},
	}))
	out, _ := w.terraform(false, "plan", "-input=false")
	expectOutput(t, "plan", out, []string{
		"Warning: Provider Fences Its Own Account",
		"The provider signs in as service account " + self.ClientID,
		"unless cidr_blocks covers the address Terraform runs from",
	}, nil)
	expectOutput(t, "plan", out, []string{
		"Warning: API Access List Admits Every Address",
		`cidr_blocks holds "::/0", which admits every IPv6 address`,
	}, []string{"0.0.0.0/0"})

	w.terraform(false, "apply", "-auto-approve", "-input=false")
	out, _ = w.terraform(true, "plan", "-input=false")
	expectOutput(t, "plan after the lockout", out, []string{
		"Error: Error Reading API Access List",
		"HTTP 403 with error code IP_ADDRESS_NOT_ON_ACCESS_LIST",
		"outside the API access list of the service account (or API key) the provider signs in as",
		"Organization Owner",
	}, []string{"lack the Atlas role"})
}
