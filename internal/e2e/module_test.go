package e2e

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/atlassim"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

// TestProjectAccessModule validates examples/modules/project-access and
// applies it, as a root module, against the simulator: the account lands in
// both projects, the people are invited, the next plan is empty and destroy
// leaves nothing behind.
func TestProjectAccessModule(t *testing.T) {
	t.Parallel()
	w := newWorkspace(t, atlassim.Options{Seed: 8})
	w.signInAsOrgOwner()
	w.copyConfiguration(filepath.Join("..", "..", "examples", "modules", "project-access"))
	w.write("terraform.tfvars", fmt.Sprintf(`
home_project_id      = %q
extra_project_ids    = [%q]
service_account_name = "module test"
people = {
  "ann@example.com" = ["GROUP_OWNER"]
  %q = ["GROUP_READ_ONLY"]
}
`, w.fx.ProjectID, w.fx.Project2ID, w.fx.OrgMember))
	w.write("provider.tf", `provider "atlasaccess" {}`+"\n")

	if out, _ := w.terraform(false, "validate"); !strings.Contains(out, "The configuration is valid") {
		t.Fatalf("terraform validate:\n%s", out)
	}
	w.terraform(false, "apply", "-auto-approve", "-input=false")
	status, _ := w.terraform(false, "output", "-json", "invitation_status")
	if !strings.Contains(status, `"ann@example.com":"PENDING"`) || !strings.Contains(status, fmt.Sprintf("%q:\"ACTIVE\"", w.fx.OrgMember)) {
		t.Fatalf("invitation_status = %s; want ann PENDING and the organization member ACTIVE", status)
	}
	c := w.orgOwnerClient()
	clientID, _ := w.terraform(false, "output", "-raw", "client_id")
	ctx := context.Background()
	for _, p := range []string{w.fx.ProjectID, w.fx.Project2ID} {
		if _, err := c.GetProjectServiceAccount(ctx, p, clientID); err != nil {
			t.Fatalf("service account not in project %s: %v", p, err)
		}
	}
	if _, err := w.terraform(true, "plan", "-detailed-exitcode", "-input=false"); err != nil {
		t.Fatalf("plan after apply is not empty: %v", err)
	}
	w.terraform(false, "destroy", "-auto-approve", "-input=false")
	if _, err := c.GetOrgServiceAccount(ctx, w.fx.OrgID, clientID); !client.IsNotFound(err) {
		t.Fatalf("service account still in the organization after destroy (err=%v)", err)
	}
	if users, err := c.ListProjectUsers(ctx, w.fx.ProjectID, client.ListProjectUsersOptions{}); err != nil || len(users) != 0 {
		t.Fatalf("%d users left in the project after destroy (err=%v)", len(users), err)
	}
}
