package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/atlassim"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

// officialProvider is the official provider's address as a state names it.
const officialProvider = `provider["registry.terraform.io/mongodb/mongodbatlas"]`

// buildStandin builds testdata/mongodbatlas-standin, the test-only stand-in
// for the official provider (see its doc comment for why it is needed), and
// returns the directory that holds it.
func buildStandin(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	build := exec.Command("go", "build", "-o", filepath.Join(dir, "terraform-provider-mongodbatlas"), "./testdata/mongodbatlas-standin")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building the mongodbatlas stand-in: %v\n%s", err, out)
	}
	return dir
}

// officialState is a Terraform state holding resources of the official
// provider, as it records them (attribute names from its documentation).
func officialState(resources ...map[string]any) string {
	state := map[string]any{
		"version": 4, "terraform_version": "1.11.0", "serial": 1,
		"lineage": "6f1f2a4e-8d0b-4c55-9a53-0f0d6c2b7a11", "outputs": map[string]any{},
		"resources": resources, "check_results": nil,
	}
	b, err := json.MarshalIndent(state, "", "  ")
	if err != nil {
		panic(err)
	}
	return string(b)
}

func officialResource(typ, name string, attributes map[string]any) map[string]any {
	return map[string]any{
		"mode": "managed", "type": typ, "name": name, "provider": officialProvider,
		"instances": []any{map[string]any{"schema_version": 0, "attributes": attributes, "sensitive_attributes": []any{}}},
	}
}

// TestMigrationFromOfficialProvider runs examples/migrate against a state
// that the official provider left: a project service account, an account
// assigned from another project, a person assigned to the project and a
// pending invitation made with the deprecated invitation resource. One
// apply forgets the four mongodbatlas resources (removed blocks with
// destroy = false) and imports the same objects into atlasaccess; Atlas
// receives no write and the next plan is empty.
//
// The official provider cannot be downloaded here, and Terraform refuses to
// plan a state whose provider it cannot start, even to forget its
// resources; a test-only stand-in with the official resource types' schema
// plays its part (testdata/mongodbatlas-standin). It never calls Atlas and
// fails any create, update or delete, so the test also proves that
// Terraform asked the old provider for nothing but reads.
func TestMigrationFromOfficialProvider(t *testing.T) {
	t.Parallel()
	standin := buildStandin(t)
	w := newWorkspace(t, atlassim.Options{Seed: 61})
	w.signInAsOrgOwner()
	w.write(".terraformrc", fmt.Sprintf(`provider_installation {
  dev_overrides {
    "atlasaccess/atlasaccess" = %q
    "mongodb/mongodbatlas"    = %q
  }
  direct {}
}
`, pluginDir, standin))
	calls := filepath.Join(w.dir, "standin-calls.log")
	w.setenv("STANDIN_CALLS_LOG", calls)

	// What the official provider created, made here through the API.
	c := w.orgOwnerClient()
	ctx := context.Background()
	ci, err := c.CreateProjectServiceAccount(ctx, w.fx.ProjectID, client.CreateServiceAccountRequest{
		Name: "ci", Description: "Deploys from CI", Roles: []string{"GROUP_READ_ONLY"}, SecretExpiresAfterHours: 720,
	})
	if err != nil {
		t.Fatal(err)
	}
	shared, err := c.CreateProjectServiceAccount(ctx, w.fx.Project2ID, client.CreateServiceAccountRequest{
		Name: "shared", Description: "Used by two projects", Roles: []string{"GROUP_READ_ONLY"}, SecretExpiresAfterHours: 720,
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.InviteProjectServiceAccount(ctx, w.fx.ProjectID, shared.ClientID, []string{"GROUP_OWNER"}); err != nil {
		t.Fatal(err)
	}
	ann, err := c.AddProjectUser(ctx, w.fx.ProjectID, client.AddProjectUserRequest{Username: "ann@example.com", Roles: []string{"GROUP_READ_ONLY"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.sim.AcceptInvitation("ann@example.com"); err != nil {
		t.Fatal(err)
	}
	// The simulator has no deprecated invitation endpoint: Bob's pending
	// invitation is made with the users endpoint that atlasaccess reads.
	if _, err := c.AddProjectUser(ctx, w.fx.ProjectID, client.AddProjectUserRequest{Username: "bob@example.com", Roles: []string{"GROUP_CLUSTER_MANAGER"}}); err != nil {
		t.Fatal(err)
	}

	p := w.fx.ProjectID
	w.write("terraform.tfstate", officialState(
		officialResource("mongodbatlas_project_service_account", "ci", map[string]any{
			"project_id": p, "name": "ci", "description": "Deploys from CI", "roles": []string{"GROUP_READ_ONLY"},
			"secret_expires_after_hours": 720, "client_id": ci.ClientID, "created_at": ci.CreatedAt,
			"secrets": []any{map[string]any{"secret_id": ci.Secrets[0].ID, "created_at": ci.Secrets[0].CreatedAt,
				"expires_at": ci.Secrets[0].ExpiresAt, "secret": ci.Secrets[0].Secret}},
		}),
		officialResource("mongodbatlas_service_account_project_assignment", "shared", map[string]any{
			"project_id": p, "client_id": shared.ClientID, "roles": []string{"GROUP_OWNER"},
		}),
		officialResource("mongodbatlas_cloud_user_project_assignment", "ann", map[string]any{
			"project_id": p, "username": "ann@example.com", "roles": []string{"GROUP_READ_ONLY"},
			"user_id": ann.ID, "org_membership_status": "ACTIVE",
		}),
		officialResource("mongodbatlas_project_invitation", "bob", map[string]any{
			"id": "bob-invitation", "project_id": p, "username": "bob@example.com", "roles": []string{"GROUP_CLUSTER_MANAGER"},
		}),
	))
	w.copyConfiguration(filepath.Join("..", "..", "examples", "migrate"))
	w.write("terraform.tfvars", fmt.Sprintf("project_id = %q\nci_client_id = %q\nshared_client_id = %q\n", p, ci.ClientID, shared.ClientID))
	start := len(w.sim.Requests())

	out, _ := w.terraform(false, "plan", "-input=false", "-out=migrate.tfplan")
	expectOutput(t, "migration plan", out, []string{
		"mongodbatlas_project_service_account.ci will no longer be managed by Terraform",
		"mongodbatlas_service_account_project_assignment.shared will no longer be managed by Terraform",
		"mongodbatlas_cloud_user_project_assignment.ann will no longer be managed by Terraform",
		"mongodbatlas_project_invitation.bob will no longer be managed by Terraform",
		"atlasaccess_project_service_account.ci will be imported",
		"atlasaccess_project_service_account_assignment.shared will be imported",
		"atlasaccess_project_user_invite.ann will be imported",
		"atlasaccess_project_user_invite.bob will be imported",
		"Plan: 4 to import, 0 to add, 0 to change, 0 to destroy.",
		"Warning: Some objects will no longer be managed by Terraform",
	}, []string{"will be destroyed", "will be created", "will be updated", "must be replaced"})

	out, _ = w.terraform(false, "apply", "-input=false", "migrate.tfplan")
	expectOutput(t, "migration apply", out, []string{"Apply complete! Resources: 4 imported, 0 added, 0 changed, 0 destroyed."}, nil)
	list, _ := w.terraform(false, "state", "list")
	if strings.Contains(list, "mongodbatlas_") || strings.Count(list, "atlasaccess_") != 4 {
		t.Fatalf("after the migration the state holds:\n%s\nwant the four atlasaccess resources only", list)
	}
	if out, err := w.terraform(true, "plan", "-input=false", "-detailed-exitcode"); err != nil {
		t.Fatalf("the plan after the migration is not empty (%v):\n%s", err, out)
	}
	if writes := w.writesSince(start); len(writes) > 0 {
		t.Fatalf("the migration wrote to Atlas:\n  %s", strings.Join(writes, "\n  "))
	}
	log, err := os.ReadFile(calls)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	// Terraform 1.11 starts and configures the old provider (so it must
	// stay installed and configured until the migration is applied) but
	// asks it neither to read nor to change the forgotten resources.
	for _, verb := range []string{"read ", "create ", "update ", "delete "} {
		if strings.Contains(string(log), verb) {
			t.Fatalf("Terraform asked the old provider to %s:\n%s", strings.TrimSpace(verb), log)
		}
	}
	if !strings.Contains(string(log), "configure") {
		t.Errorf("Terraform never configured the old provider; the guide says it must stay configured:\n%s", log)
	}
}
