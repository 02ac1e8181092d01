package e2e

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/atlassim"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

// generateConfigCase is one resource type adopted with
// terraform plan -generate-config-out: setup creates the object through the
// API, outside Terraform, and returns its import ID.
type generateConfigCase struct {
	typ   string
	setup func(t *testing.T, w *workspace, c *client.Client) (importID string)
	// want are phrases the generated configuration must hold.
	want []string
}

// handMadeAccount is a project service account created through the API.
func handMadeAccount(t *testing.T, c *client.Client, projectID string) *client.ServiceAccount {
	t.Helper()
	sa, err := c.CreateProjectServiceAccount(context.Background(), projectID, client.CreateServiceAccountRequest{
		Name: "made by hand", Description: "Created in the Atlas UI", Roles: []string{"GROUP_READ_ONLY", "GROUP_CLUSTER_MANAGER"}, SecretExpiresAfterHours: 720,
	})
	if err != nil {
		t.Fatal(err)
	}
	return sa
}

func generateConfigCases() []generateConfigCase {
	return []generateConfigCase{
		{
			typ: "atlasaccess_project_service_account",
			setup: func(t *testing.T, w *workspace, c *client.Client) string {
				return w.fx.ProjectID + "/" + handMadeAccount(t, c, w.fx.ProjectID).ClientID
			},
			want: []string{`name = "made by hand"`, `secret_expires_after_hours = 720`, `"GROUP_CLUSTER_MANAGER"`},
		},
		{
			typ: "atlasaccess_project_service_account_assignment",
			setup: func(t *testing.T, w *workspace, c *client.Client) string {
				sa := handMadeAccount(t, c, w.fx.Project2ID)
				if _, err := c.InviteProjectServiceAccount(context.Background(), w.fx.ProjectID, sa.ClientID, []string{"GROUP_OWNER"}); err != nil {
					t.Fatal(err)
				}
				return w.fx.ProjectID + "/" + sa.ClientID
			},
			want: []string{`roles = ["GROUP_OWNER"]`},
		},
		{
			typ: "atlasaccess_project_user_invite",
			setup: func(t *testing.T, w *workspace, c *client.Client) string {
				if _, err := c.AddProjectUser(context.Background(), w.fx.ProjectID, client.AddProjectUserRequest{
					Username: "ann@example.com", Roles: []string{"GROUP_READ_ONLY"},
				}); err != nil {
					t.Fatal(err)
				}
				return w.fx.ProjectID + "/ann@example.com"
			},
			want: []string{`username = "ann@example.com"`, `roles = ["GROUP_READ_ONLY"]`},
		},
		{
			typ: "atlasaccess_service_account",
			setup: func(t *testing.T, w *workspace, c *client.Client) string {
				return w.fx.OrgID + "/" + handMadeOrgAccount(t, w, c).ClientID
			},
			want: []string{`name = "org made by hand"`, `"ORG_READ_ONLY"`},
		},
		{
			typ: "atlasaccess_project_service_account_secret",
			setup: func(t *testing.T, w *workspace, c *client.Client) string {
				sa := handMadeAccount(t, c, w.fx.ProjectID)
				secret, err := c.CreateProjectServiceAccountSecret(context.Background(), w.fx.ProjectID, sa.ClientID, 480)
				if err != nil {
					t.Fatal(err)
				}
				return w.fx.ProjectID + "/" + sa.ClientID + "/" + secret.ID
			},
			want: []string{`expires_after_hours = 480`},
		},
		{
			typ: "atlasaccess_service_account_secret",
			setup: func(t *testing.T, w *workspace, c *client.Client) string {
				sa := handMadeOrgAccount(t, w, c)
				secret, err := c.CreateServiceAccountSecret(context.Background(), client.OrgOwner(w.fx.OrgID), sa.ClientID, 480)
				if err != nil {
					t.Fatal(err)
				}
				return w.fx.OrgID + "/" + sa.ClientID + "/" + secret.ID
			},
			want: []string{`expires_after_hours = 480`},
		},
		{
			typ: "atlasaccess_project_service_account_access_list",
			setup: func(t *testing.T, w *workspace, c *client.Client) string {
				sa := handMadeAccount(t, c, w.fx.ProjectID)
				if err := c.AddAccessListEntries(context.Background(), client.ProjectOwner(w.fx.ProjectID), sa.ClientID,
					[]client.AccessListEntry{{CIDRBlock: "203.0.113.0/24"}, {IPAddress: "198.51.100.7"}}); err != nil {
					t.Fatal(err)
				}
				return w.fx.ProjectID + "/" + sa.ClientID
			},
			want: []string{`"203.0.113.0/24"`, `198.51.100.7`},
		},
		{
			typ: "atlasaccess_service_account_access_list",
			setup: func(t *testing.T, w *workspace, c *client.Client) string {
				sa := handMadeOrgAccount(t, w, c)
				if err := c.AddAccessListEntries(context.Background(), client.OrgOwner(w.fx.OrgID), sa.ClientID,
					[]client.AccessListEntry{{CIDRBlock: "203.0.113.0/24"}}); err != nil {
					t.Fatal(err)
				}
				return w.fx.OrgID + "/" + sa.ClientID
			},
			want: []string{`"203.0.113.0/24"`},
		},
	}
}

// handMadeOrgAccount is an organization service account created through the API.
func handMadeOrgAccount(t *testing.T, w *workspace, c *client.Client) *client.OrgServiceAccount {
	t.Helper()
	sa, err := c.CreateOrgServiceAccount(context.Background(), w.fx.OrgID, client.CreateServiceAccountRequest{
		Name: "org made by hand", Description: "Created in the Atlas UI", Roles: []string{"ORG_READ_ONLY"}, SecretExpiresAfterHours: 720,
	})
	if err != nil {
		t.Fatal(err)
	}
	return sa
}

// TestGenerateConfigNeedsNoEdits adopts one object of every resource type
// with terraform plan -generate-config-out, as the guide "Adopting an
// existing project" tells users to: the generated configuration is valid
// as written, the apply imports without changing anything, the next plan is
// empty, and nothing is written to Atlas.
func TestGenerateConfigNeedsNoEdits(t *testing.T) {
	t.Parallel()
	for _, tc := range generateConfigCases() {
		t.Run(tc.typ, func(t *testing.T) {
			w := newWorkspace(t, atlassim.Options{Seed: 51})
			w.signInAsOrgOwner()
			id := tc.setup(t, w, w.orgOwnerClient())
			start := len(w.sim.Requests())
			w.write("main.tf", cliProvider+fmt.Sprintf(`
import {
  to = %s.adopted
  id = %q
}
`, tc.typ, id))

			out, _ := w.terraform(false, "plan", "-input=false", "-generate-config-out=generated.tf")
			expectOutput(t, "plan -generate-config-out", out,
				[]string{"Plan: 1 to import, 0 to add, 0 to change, 0 to destroy."},
				[]string{"will be updated", "must be replaced", "will be created"})
			generated, err := os.ReadFile(filepath.Join(w.dir, "generated.tf"))
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("generated.tf:\n%s", generated)
			expectOutput(t, "generated.tf", string(generated), tc.want, []string{"null # sensitive", "(sensitive value)"})

			if out, _ := w.terraform(false, "validate"); !strings.Contains(out, "The configuration is valid") {
				t.Fatalf("the generated configuration is not valid:\n%s\n%s", generated, out)
			}
			out, _ = w.terraform(false, "apply", "-auto-approve", "-input=false")
			expectOutput(t, "apply", out, []string{"Apply complete! Resources: 1 imported, 0 added, 0 changed, 0 destroyed."}, nil)
			if out, err := w.terraform(true, "plan", "-input=false", "-detailed-exitcode"); err != nil {
				t.Fatalf("the plan after the import is not empty (%v); generated configuration:\n%s\n%s", err, generated, out)
			}
			if writes := w.writesSince(start); len(writes) > 0 {
				t.Fatalf("adopting %s wrote to Atlas:\n  %s", tc.typ, strings.Join(writes, "\n  "))
			}
		})
	}
}
