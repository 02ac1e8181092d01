package serviceaccount_test

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/acctest"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/atlassim"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

const projectResourceName = "atlasaccess_project_service_account.test"

func projectAccountConfig(e *acctest.Env, name string, roles []string, hours int) string {
	return e.Config(acctest.Resource(acctest.ServiceAccountType, "test", acctest.Attrs{
		"project_id": e.ProjectID, "name": name, "description": "Deploys from CI", "roles": roles, "secret_expires_after_hours": hours,
	}))
}

// projectStateClientID returns the client ID of the test resource in s.
func projectStateClientID(s *terraform.State) string {
	return acctest.Attribute(s, projectResourceName, "client_id")
}

func TestAccProjectServiceAccount_lifecycle(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	var clientID string
	e.Run(t, resource.TestCase{
		CheckDestroy: projectCheckDestroyed(e, &clientID),
		Steps: []resource.TestStep{
			{
				Config: projectAccountConfig(e, "ci-deployer", []string{"GROUP_READ_ONLY", "GROUP_CLUSTER_MANAGER"}, 24),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(projectResourceName, plancheck.ResourceActionCreate),
						plancheck.ExpectSensitiveValue(projectResourceName, tfjsonpath.New("secret")),
						plancheck.ExpectUnknownValue(projectResourceName, tfjsonpath.New("client_id")),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(projectResourceName, tfjsonpath.New("project_id"), knownvalue.StringExact(e.ProjectID)),
					statecheck.ExpectKnownValue(projectResourceName, tfjsonpath.New("name"), knownvalue.StringExact("ci-deployer")),
					statecheck.ExpectKnownValue(projectResourceName, tfjsonpath.New("description"), knownvalue.StringExact("Deploys from CI")),
					statecheck.ExpectKnownValue(projectResourceName, tfjsonpath.New("roles"), acctest.StringSet("GROUP_CLUSTER_MANAGER", "GROUP_READ_ONLY")),
					statecheck.ExpectKnownValue(projectResourceName, tfjsonpath.New("secret_expires_after_hours"), knownvalue.Int64Exact(24)),
					statecheck.ExpectKnownValue(projectResourceName, tfjsonpath.New("keep_in_organization"), knownvalue.Null()),
					statecheck.ExpectKnownValue(projectResourceName, tfjsonpath.New("client_id"), knownvalue.StringRegexp(clientIDRegexp)),
					statecheck.ExpectKnownValue(projectResourceName, tfjsonpath.New("created_at"), knownvalue.StringRegexp(acctest.RFC3339Regexp)),
					statecheck.ExpectKnownValue(projectResourceName, tfjsonpath.New("secret"), knownvalue.StringRegexp(secretRegexp)),
					statecheck.ExpectKnownValue(projectResourceName, tfjsonpath.New("secrets"), knownvalue.ListSizeExact(1)),
					// Atlas's answer to a create carries the plaintext, not the masked value.
					statecheck.ExpectKnownValue(projectResourceName, tfjsonpath.New("secrets").AtSliceIndex(0).AtMapKey("masked_secret_value"), knownvalue.Null()),
					statecheck.ExpectKnownValue(projectResourceName, tfjsonpath.New("secrets").AtSliceIndex(0).AtMapKey("expires_at"), knownvalue.StringRegexp(acctest.RFC3339Regexp)),
				},
				Check: func(s *terraform.State) error {
					clientID = projectStateClientID(s)
					attrs := s.RootModule().Resources[projectResourceName].Primary.Attributes
					if masked, secret := attrs["secrets.0.masked_secret_value"], attrs["secret"]; masked == secret || strings.Contains(masked, secret) {
						return fmt.Errorf("masked_secret_value %q reveals the secret", masked)
					}
					return nil
				},
			},
			{
				// Roles and name change in place: same client ID, one PATCH.
				Config: projectAccountConfig(e, "ci-deployer-2", []string{"GROUP_OWNER"}, 24),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(projectResourceName, plancheck.ResourceActionUpdate),
						// Only what changes shows in the plan: the secrets stay known.
						plancheck.ExpectKnownValue(projectResourceName, tfjsonpath.New("secrets"), knownvalue.ListSizeExact(1)),
						plancheck.ExpectKnownValue(projectResourceName, tfjsonpath.New("client_id"), knownvalue.StringRegexp(clientIDRegexp)),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(projectResourceName, tfjsonpath.New("name"), knownvalue.StringExact("ci-deployer-2")),
					statecheck.ExpectKnownValue(projectResourceName, tfjsonpath.New("roles"), acctest.StringSet("GROUP_OWNER")),
					statecheck.ExpectKnownValue(projectResourceName, tfjsonpath.New("secret"), knownvalue.StringRegexp(secretRegexp)),
				},
				Check: func(s *terraform.State) error {
					if got := projectStateClientID(s); got != clientID {
						return fmt.Errorf("client_id changed from %s to %s: the account was replaced", clientID, got)
					}
					return nil
				},
			},
			{
				// The secret survives a refresh, although Atlas never returns it
				// again, and the refresh brings the masked value, which does
				// not reveal it.
				RefreshState: true,
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestMatchResourceAttr(projectResourceName, "secret", secretRegexp),
					resource.TestMatchResourceAttr(projectResourceName, "secrets.0.masked_secret_value", secretRegexp),
					func(s *terraform.State) error {
						attrs := s.RootModule().Resources[projectResourceName].Primary.Attributes
						if masked, secret := attrs["secrets.0.masked_secret_value"], attrs["secret"]; strings.Contains(masked, secret) {
							return fmt.Errorf("masked_secret_value %q reveals the secret", masked)
						}
						return nil
					},
				),
			},
			{
				ResourceName:            projectResourceName,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"secret"},
			},
			{
				// Plannable import: with the matching configuration the plan is empty.
				Config:          projectAccountConfig(e, "ci-deployer-2", []string{"GROUP_OWNER"}, 24),
				ResourceName:    projectResourceName,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
			},
		},
	})
}

func TestAccProjectServiceAccount_secretExpiryChangeNeitherReplacesNorCallsAPI(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.RequireSim(t)
	var clientID string
	var writesBefore int
	e.Run(t, resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config: projectAccountConfig(e, "rotating", []string{"GROUP_READ_ONLY"}, 24),
				Check:  acctest.RecordAttribute(projectResourceName, "client_id", &clientID),
			},
			{
				PreConfig: func() { writesBefore = len(e.WriteRequests()) },
				Config:    projectAccountConfig(e, "rotating", []string{"GROUP_READ_ONLY"}, 48),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(projectResourceName, plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(projectResourceName, tfjsonpath.New("secret_expires_after_hours"), knownvalue.Int64Exact(48)),
					statecheck.ExpectKnownValue(projectResourceName, tfjsonpath.New("secret"), knownvalue.StringRegexp(secretRegexp)),
				},
				Check: func(s *terraform.State) error {
					if got := projectStateClientID(s); got != clientID {
						return fmt.Errorf("client_id changed from %s to %s", clientID, got)
					}
					if writes := e.WriteRequests()[writesBefore:]; len(writes) != 0 {
						return fmt.Errorf("changing secret_expires_after_hours sent %d write requests, first %s %s", len(writes), writes[0].Method, writes[0].Path)
					}
					return nil
				},
			},
		},
	})
}

func TestAccProjectServiceAccount_driftOutsideTerraform(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	var clientID string
	ctx := context.Background()
	e.Run(t, resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config: projectAccountConfig(e, "drifty", []string{"GROUP_READ_ONLY"}, 24),
				Check:  acctest.RecordAttribute(projectResourceName, "client_id", &clientID),
			},
			{
				// Roles, name and description changed in the Atlas UI: the plan
				// puts them back in place.
				PreConfig: func() {
					name, desc := "renamed by hand", "changed by hand"
					if _, err := e.Client.UpdateProjectServiceAccount(ctx, e.ProjectID, clientID, client.UpdateServiceAccountRequest{
						Name: &name, Description: &desc, Roles: []string{"GROUP_OWNER"},
					}); err != nil {
						t.Fatalf("out-of-band update: %v", err)
					}
				},
				Config: projectAccountConfig(e, "drifty", []string{"GROUP_READ_ONLY"}, 24),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(projectResourceName, plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(projectResourceName, tfjsonpath.New("name"), knownvalue.StringExact("drifty")),
					statecheck.ExpectKnownValue(projectResourceName, tfjsonpath.New("description"), knownvalue.StringExact("Deploys from CI")),
					statecheck.ExpectKnownValue(projectResourceName, tfjsonpath.New("roles"), acctest.StringSet("GROUP_READ_ONLY")),
				},
			},
			{
				// Deleted outside Terraform: removed from state with a warning,
				// and the plan creates it again.
				PreConfig: func() {
					if err := e.Client.DeleteOrgServiceAccount(ctx, e.OrgID, clientID); err != nil {
						t.Fatalf("out-of-band delete: %v", err)
					}
				},
				Config: projectAccountConfig(e, "drifty", []string{"GROUP_READ_ONLY"}, 24),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(projectResourceName, plancheck.ResourceActionCreate)},
				},
				Check: func(s *terraform.State) error {
					if got := projectStateClientID(s); got == clientID || got == "" {
						return fmt.Errorf("expected a new account, got client_id %q", got)
					}
					return nil
				},
			},
		},
	})
}

// checkDestroyed proves destroy left no credential behind: the account is
// gone from the project and from the organization.
func projectCheckDestroyed(e *acctest.Env, clientID *string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if err := e.ExpectNotInProject(e.ProjectID, *clientID); err != nil {
			return err
		}
		if _, err := e.Client.GetOrgServiceAccount(context.Background(), e.OrgID, *clientID); !client.IsNotFound(err) {
			return fmt.Errorf("service account %s still in organization after destroy (err=%v)", *clientID, err)
		}
		return nil
	}
}

// expectOnlyInOrganization checks that destroy removed the account from the
// project and left it in the organization.
func expectOnlyInOrganization(e *acctest.Env, clientID string) error {
	if err := e.ExpectNotInProject(e.ProjectID, clientID); err != nil {
		return err
	}
	if _, err := e.Client.GetOrgServiceAccount(context.Background(), e.OrgID, clientID); err != nil {
		return fmt.Errorf("service account %s is gone from the organization, where destroy should have left it: %w", clientID, err)
	}
	return nil
}

func TestAccProjectServiceAccount_keepInOrganization(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	var clientID string
	e.Run(t, resource.TestCase{
		CheckDestroy: func(*terraform.State) error {
			if err := expectOnlyInOrganization(e, clientID); err != nil {
				return fmt.Errorf("keep_in_organization = true: %w", err)
			}
			return e.Client.DeleteOrgServiceAccount(context.Background(), e.OrgID, clientID)
		},
		Steps: []resource.TestStep{{
			Config: e.Config(acctest.Resource(acctest.ServiceAccountType, "test", acctest.Attrs{
				"project_id": e.ProjectID, "name": "kept", "description": "Kept in the organization on destroy",
				"roles": []string{"GROUP_READ_ONLY"}, "secret_expires_after_hours": 8, "keep_in_organization": true,
			})),
			Check: acctest.RecordAttribute(projectResourceName, "client_id", &clientID),
		}},
	})
}

func TestAccProjectServiceAccount_dataSources(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.Run(t, resource.TestCase{
		Steps: []resource.TestStep{{
			Config: projectAccountConfig(e, "listed", []string{"GROUP_READ_ONLY"}, 24) + `
data "atlasaccess_project_service_account" "one" {
  project_id = atlasaccess_project_service_account.test.project_id
  client_id  = atlasaccess_project_service_account.test.client_id
}

data "atlasaccess_project_service_accounts" "all" {
  project_id = atlasaccess_project_service_account.test.project_id
  depends_on = [atlasaccess_project_service_account.test]
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.atlasaccess_project_service_account.one", tfjsonpath.New("name"), knownvalue.StringExact("listed")),
				statecheck.ExpectKnownValue("data.atlasaccess_project_service_account.one", tfjsonpath.New("roles"), acctest.StringSet("GROUP_READ_ONLY")),
				statecheck.ExpectKnownValue("data.atlasaccess_project_service_accounts.all", tfjsonpath.New("service_accounts"), knownvalue.ListSizeExact(1)),
				statecheck.ExpectKnownValue("data.atlasaccess_project_service_accounts.all", tfjsonpath.New("service_accounts").AtSliceIndex(0).AtMapKey("name"), knownvalue.StringExact("listed")),
				// An account created in a project is an Organization Member.
				statecheck.ExpectKnownValue("data.atlasaccess_project_service_account.one", tfjsonpath.New("organization_roles"), acctest.StringSet("ORG_MEMBER")),
				statecheck.ExpectKnownValue("data.atlasaccess_project_service_accounts.all", tfjsonpath.New("service_accounts").AtSliceIndex(0).AtMapKey("organization_roles"), acctest.StringSet("ORG_MEMBER")),
			},
		}},
	})
}

func TestAccProjectServiceAccount_invalidInputFailsAtPlanWithoutRequests(t *testing.T) {
	t.Parallel()
	acctest.New(t).TestInvalidInputs(t, acctest.ServiceAccountInvalidInputs)
}

func TestAccProjectServiceAccount_importRejectsMalformedID(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.Run(t, resource.TestCase{
		Steps: []resource.TestStep{{
			Config:        projectAccountConfig(e, "imported", []string{"GROUP_READ_ONLY"}, 24),
			ResourceName:  projectResourceName,
			ImportState:   true,
			ImportStateId: e.ProjectID,
			ExpectError:   regexp.MustCompile(`(?s)project_id/client_id`),
		}},
	})
}

func TestAccProjectServiceAccount_lostCreateAnswerIsAdoptedNotDuplicated(t *testing.T) {
	t.Parallel()
	// The first POST is carried out by Atlas but its answer never arrives.
	e := acctest.New(t, func(o *atlassim.Options) { o.Faults = "lost@POST=1#1" })
	e.RequireSim(t)
	e.Run(t, resource.TestCase{
		Steps: []resource.TestStep{{
			Config: projectAccountConfig(e, "adopted", []string{"GROUP_READ_ONLY"}, 24),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(projectResourceName, tfjsonpath.New("secret"), knownvalue.StringRegexp(secretRegexp)),
				statecheck.ExpectKnownValue(projectResourceName, tfjsonpath.New("secrets"), knownvalue.ListSizeExact(1)),
			},
			Check: func(s *terraform.State) error {
				var lost int
				for _, r := range e.Sim.Requests() {
					if r.Fault == atlassim.FaultLost {
						lost++
					}
				}
				if lost != 1 {
					return fmt.Errorf("%d answers were lost; the test needs exactly 1", lost)
				}
				accounts, err := e.Client.ListProjectServiceAccounts(context.Background(), e.ProjectID)
				if err != nil {
					return err
				}
				if len(accounts) != 1 || accounts[0].ClientID != projectStateClientID(s) {
					return fmt.Errorf("project holds %d accounts after a lost create answer; want exactly the one in state (%s)", len(accounts), projectStateClientID(s))
				}
				// The adopted account's secret in state must be the live one.
				if masked := accounts[0].Secrets[0].MaskedSecretValue; !strings.HasSuffix(s.RootModule().Resources[projectResourceName].Primary.Attributes["secret"], masked[len(masked)-4:]) {
					return fmt.Errorf("the secret in state is not the account's live secret %s", masked)
				}
				return nil
			},
		}},
	})
}

// TestAccProjectServiceAccount_destroyWithoutOrganizationPermission runs the
// provider as a Project Owner service account, which may create accounts in
// its project but not delete them from the organization: destroy removes the
// account from the project, succeeds with a warning, and leaves the account
// in the organization rather than failing half-way.
func TestAccProjectServiceAccount_destroyWithoutOrganizationPermission(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.RequireSim(t)
	ctx := context.Background()
	deployer, err := e.Client.CreateProjectServiceAccount(ctx, e.ProjectID, client.CreateServiceAccountRequest{
		Name: "project owner", Description: "Signs in as the provider", Roles: []string{"GROUP_OWNER"}, SecretExpiresAfterHours: 24,
	})
	if err != nil {
		t.Fatal(err)
	}
	config := acctest.ProviderBlock(e.BaseURL, deployer.ClientID, deployer.Secrets[0].Secret) +
		acctest.Resource(acctest.ServiceAccountType, "test", acctest.Attrs{
			"project_id": e.ProjectID, "name": "made by a project owner", "description": "Cannot be deleted from the organization by its maker",
			"roles": []string{"GROUP_READ_ONLY"}, "secret_expires_after_hours": 24,
		})
	var clientID string
	e.Run(t, resource.TestCase{
		CheckDestroy: func(*terraform.State) error {
			if err := expectOnlyInOrganization(e, clientID); err != nil {
				return fmt.Errorf("the provider could not delete the account from the organization: %w", err)
			}
			var refused bool
			for _, r := range e.Sim.Requests() {
				refused = refused || (r.Status == http.StatusUnauthorized && strings.Contains(r.Path, "/orgs/"))
			}
			if !refused {
				return fmt.Errorf("no organization request was refused: the test did not exercise the missing permission")
			}
			return nil
		},
		Steps: []resource.TestStep{{
			Config: config,
			Check:  acctest.RecordAttribute(projectResourceName, "client_id", &clientID),
		}},
	})
}
