package e2e

import (
	"context"
	"strings"
	"testing"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/atlassim"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

// TestSecretExpiryChangeWarnsInThePlan checks what terraform-plugin-testing
// cannot: the warning a user sees when secret_expires_after_hours changes,
// and that the plan is an in-place update, not a replacement.
func TestSecretExpiryChangeWarnsInThePlan(t *testing.T) {
	t.Parallel()
	w := newWorkspace(t, atlassim.Options{Seed: 9})
	w.signInAsOrgOwner()
	w.setProjectVariable()
	w.write("main.tf", secretConfig)
	w.terraform(false, "apply", "-auto-approve", "-input=false")

	w.write("main.tf", strings.Replace(secretConfig, "secret_expires_after_hours = 24", "secret_expires_after_hours = 48", 1))
	out, _ := w.terraform(false, "plan", "-input=false")
	expectOutput(t, "plan", out, []string{
		"Warning: Existing Secret Keeps Its Expiry",
		"secret_expires_after_hours changes from 24 to 48",
		"will be updated in-place",
		"Plan: 0 to add, 1 to change, 0 to destroy.",
	}, nil)
	w.terraform(false, "destroy", "-auto-approve", "-input=false")
}

// TestDestroyWithoutOrganizationPermissionWarns checks the warning a Project
// Owner sees when destroy cannot delete the account from the organization.
// Atlas refuses the missing Organization Owner role with HTTP 401
// USER_UNAUTHORIZED (not 403), which the provider must read as a permission
// answer, not as a rejected token.
func TestDestroyWithoutOrganizationPermissionWarns(t *testing.T) {
	t.Parallel()
	w := newWorkspace(t, atlassim.Options{Seed: 10})
	owner, err := w.orgOwnerClient().CreateProjectServiceAccount(context.Background(), w.fx.ProjectID, client.CreateServiceAccountRequest{
		Name: "project owner", Description: "d", Roles: []string{"GROUP_OWNER"}, SecretExpiresAfterHours: 24,
	})
	if err != nil {
		t.Fatal(err)
	}
	w.setenv("MONGODB_ATLAS_CLIENT_ID", owner.ClientID)
	w.setenv("MONGODB_ATLAS_CLIENT_SECRET", owner.Secrets[0].Secret)
	w.setProjectVariable()
	w.write("main.tf", secretConfig)
	w.terraform(false, "apply", "-auto-approve", "-input=false")
	out, _ := w.terraform(false, "destroy", "-auto-approve", "-input=false")
	expectOutput(t, "destroy", out, []string{
		"Warning: Service Account Left in Organization", "remain valid there",
		"returned 401 USER_UNAUTHORIZED: Current user is not authorized to perform this action.",
		"Destroy complete! Resources: 1 destroyed.",
	}, nil)
}
