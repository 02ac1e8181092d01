package e2e

import (
	"slices"
	"strings"
	"testing"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/atlassim"
)

// unknownRoleConfig asks for a well-formed project role the provider does
// not know (standing for one Atlas added after the provider's list).
const unknownRoleConfig = cliProvider + projectIDVariable + `
resource "atlasaccess_project_service_account" "ci" {
  project_id                 = var.project_id
  name                       = "future-role"
  description                = "Holds a role newer than the provider"
  roles                      = ["GROUP_READ_ONLY", "GROUP_FUTURE_ROLE"]
  secret_expires_after_hours = 24
}
`

// TestUnknownRoleWarnsAndIsSentToAtlas checks what terraform-plugin-testing
// cannot: the plan-time warning for a role the provider does not know,
// then that the role reaches Atlas: accepted where Atlas knows it, and
// refused with Atlas's 400, named in the diagnostic, where it does not.
func TestUnknownRoleWarnsAndIsSentToAtlas(t *testing.T) {
	t.Parallel()
	t.Run("Atlas knows the role", func(t *testing.T) {
		t.Parallel()
		w := newWorkspace(t, atlassim.Options{Seed: 21, Roles: slices.Concat(atlassim.DefaultRoles, []string{"GROUP_FUTURE_ROLE"})})
		w.signInAsOrgOwner()
		w.setProjectVariable()
		w.write("main.tf", unknownRoleConfig)
		out, _ := w.terraform(false, "plan", "-input=false")
		expectOutput(t, "plan", out, []string{
			"Warning: Unknown Project Role",
			`"GROUP_FUTURE_ROLE", which is not one of the project roles this provider knows`,
			"GROUP_OWNER, GROUP_READ_ONLY",
			"sent to Atlas as written",
			"Plan: 1 to add, 0 to change, 0 to destroy.",
		}, []string{"Error:"})
		w.terraform(false, "apply", "-auto-approve", "-input=false")
		sas, err := w.orgOwnerClient().ListProjectServiceAccounts(t.Context(), w.fx.ProjectID)
		if err != nil || len(sas) != 1 || !slices.Contains(sas[0].Roles, "GROUP_FUTURE_ROLE") {
			t.Fatalf("Atlas holds %+v (%v); want one account with GROUP_FUTURE_ROLE", sas, err)
		}
		out, _ = w.terraform(false, "plan", "-input=false", "-detailed-exitcode")
		if !strings.Contains(out, "No changes.") {
			t.Errorf("plan after apply is not empty:\n%s", out)
		}
		w.terraform(false, "destroy", "-auto-approve", "-input=false")
	})
	t.Run("Atlas does not know the role", func(t *testing.T) {
		t.Parallel()
		w := newWorkspace(t, atlassim.Options{Seed: 22})
		w.signInAsOrgOwner()
		w.setProjectVariable()
		w.write("main.tf", unknownRoleConfig)
		out, err := w.terraform(true, "apply", "-auto-approve", "-input=false")
		if err == nil {
			t.Fatalf("apply of a role Atlas does not know succeeded:\n%s", out)
		}
		expectOutput(t, "apply", out, []string{
			"Warning: Unknown Project Role",
			"Error: Error Creating Project Service Account",
			w.fx.ProjectID, "Atlas answered HTTP 400", "GROUP_FUTURE_ROLE",
		}, nil)
	})
}
