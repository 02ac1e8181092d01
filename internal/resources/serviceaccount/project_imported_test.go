package serviceaccount_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/acctest"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

// handMadeAccount makes, outside Terraform, an account in the test project:
// created in the project, or created in the organization and assigned to
// the project. Import cannot tell the two apart.
func handMadeAccount(t *testing.T, e *acctest.Env, inOrganization bool) string {
	t.Helper()
	ctx := context.Background()
	req := client.CreateServiceAccountRequest{Name: "by-hand", Description: "Made outside Terraform", Roles: []string{"GROUP_READ_ONLY"}, SecretExpiresAfterHours: 24}
	if !inOrganization {
		sa, err := e.Client.CreateProjectServiceAccount(ctx, e.ProjectID, req)
		if err != nil {
			t.Fatal(err)
		}
		return sa.ClientID
	}
	req.Roles = []string{"ORG_MEMBER"}
	sa, err := e.Client.CreateOrgServiceAccount(ctx, e.OrgID, req)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.Client.InviteProjectServiceAccount(ctx, e.ProjectID, sa.ClientID, []string{"GROUP_READ_ONLY"}); err != nil {
		t.Fatal(err)
	}
	return sa.ClientID
}

// importedAccountConfig imports clientID into the test resource, with the
// configuration that matches it and keep_in_organization as given (nil: not
// set).
func importedAccountConfig(e *acctest.Env, clientID string, keep *bool) string {
	attrs := acctest.Attrs{
		"project_id": e.ProjectID, "name": "by-hand", "description": "Made outside Terraform", "roles": []string{"GROUP_READ_ONLY"},
		"secret_expires_after_hours": 24,
	}
	if keep != nil {
		attrs["keep_in_organization"] = *keep
	}
	return e.Config(fmt.Sprintf(`
import {
  to = %s
  id = "%s/%s"
}
`, projectResourceName, e.ProjectID, clientID) + acctest.Resource(acctest.ServiceAccountType, "test", attrs))
}

// An imported account, with keep_in_organization not set, is only removed
// from the project by destroy: whether it was made for the project or is an
// organization account assigned to it, it and its secret stay in the
// organization. The import and the plan after it change nothing.
func TestAccProjectServiceAccount_importedAccountStaysInOrganization(t *testing.T) {
	t.Parallel()
	for name, inOrganization := range map[string]bool{"made in the project": false, "organization account assigned to the project": true} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			e := acctest.New(t)
			clientID := handMadeAccount(t, e, inOrganization)
			config := importedAccountConfig(e, clientID, nil)
			e.Run(t, resource.TestCase{
				CheckDestroy: func(*terraform.State) error {
					if err := expectOnlyInOrganization(e, clientID); err != nil {
						return fmt.Errorf("destroy of an imported account: %w", err)
					}
					return e.Client.DeleteOrgServiceAccount(context.Background(), e.OrgID, clientID)
				},
				Steps: []resource.TestStep{
					{
						Config: config,
						ConfigPlanChecks: resource.ConfigPlanChecks{
							PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(projectResourceName, plancheck.ResourceActionNoop)},
						},
						ConfigStateChecks: []statecheck.StateCheck{
							statecheck.ExpectKnownValue(projectResourceName, tfjsonpath.New("client_id"), knownvalue.StringExact(clientID)),
							statecheck.ExpectKnownValue(projectResourceName, tfjsonpath.New("keep_in_organization"), knownvalue.Null()),
						},
					},
					{Config: config, PlanOnly: true},
				},
			})
		})
	}
}

// keep_in_organization = false asks destroy to delete an imported account
// from the organization too, when no other project uses it.
func TestAccProjectServiceAccount_importedAccountDeletedWhenAsked(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	clientID := handMadeAccount(t, e, true)
	deleteIt := false
	config := importedAccountConfig(e, clientID, &deleteIt)
	e.Run(t, resource.TestCase{
		CheckDestroy: projectCheckDestroyed(e, &clientID),
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(projectResourceName, tfjsonpath.New("keep_in_organization"), knownvalue.Bool(false)),
				},
			},
			{Config: config, PlanOnly: true},
		},
	})
}
