package serviceaccount_test

import (
	"context"
	"fmt"
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
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

const (
	accountType  = "atlasaccess_service_account"
	resourceName = accountType + ".test"
)

var (
	clientIDRegexp = regexp.MustCompile(`^mdb_sa_id_[a-fA-F0-9]{24}$`)
	secretRegexp   = regexp.MustCompile(`^mdb_sa_sk_`)
)

// accountAttrs are the arguments of a valid organization account in e's
// organization.
func accountAttrs(e *acctest.Env, name string, roles ...string) acctest.Attrs {
	return acctest.Attrs{"org_id": e.OrgID, "name": name, "description": "Deploys from CI", "roles": roles, "secret_expires_after_hours": 24}
}

func accountConfig(e *acctest.Env, a acctest.Attrs) string {
	return e.Config(acctest.Resource(accountType, "test", a))
}

func stateClientID(s *terraform.State) string { return acctest.Attribute(s, resourceName, "client_id") }

// checkDestroyed proves destroy deleted the account from the organization.
func checkDestroyed(e *acctest.Env, clientID *string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if _, err := e.Client.GetOrgServiceAccount(context.Background(), e.OrgID, *clientID); !client.IsNotFound(err) {
			return fmt.Errorf("service account %s still in organization after destroy (err=%v)", *clientID, err)
		}
		return nil
	}
}

// atlasSecrets returns the IDs of the secrets Atlas holds for an account.
func atlasSecrets(e *acctest.Env, clientID string) ([]string, error) {
	sa, err := e.Client.GetOrgServiceAccount(context.Background(), e.OrgID, clientID)
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(sa.Secrets))
	for i, s := range sa.Secrets {
		ids[i] = s.ID
	}
	return ids, nil
}

func TestAccServiceAccount_lifecycle(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	var clientID string
	e.Run(t, resource.TestCase{
		CheckDestroy: checkDestroyed(e, &clientID),
		Steps: []resource.TestStep{
			{
				Config: accountConfig(e, accountAttrs(e, "org-deployer", "ORG_READ_ONLY", "ORG_GROUP_CREATOR")),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionCreate),
						plancheck.ExpectSensitiveValue(resourceName, tfjsonpath.New("secret")),
						plancheck.ExpectUnknownValue(resourceName, tfjsonpath.New("client_id")),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("org_id"), knownvalue.StringExact(e.OrgID)),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("name"), knownvalue.StringExact("org-deployer")),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("description"), knownvalue.StringExact("Deploys from CI")),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("roles"), acctest.StringSet("ORG_GROUP_CREATOR", "ORG_READ_ONLY")),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("secret_expires_after_hours"), knownvalue.Int64Exact(24)),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("keep_initial_secret"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("client_id"), knownvalue.StringRegexp(clientIDRegexp)),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("created_at"), knownvalue.StringRegexp(acctest.RFC3339Regexp)),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("secret"), knownvalue.StringRegexp(secretRegexp)),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("secrets"), knownvalue.ListSizeExact(1)),
				},
				Check: func(s *terraform.State) error {
					clientID = stateClientID(s)
					if got := acctest.Attribute(s, resourceName, "id"); got != e.OrgID+"/"+clientID {
						return fmt.Errorf("id = %q, want org_id/client_id", got)
					}
					return nil
				},
			},
			{
				// Name, description and roles change in place: same client ID.
				Config: accountConfig(e, acctest.Attrs{"org_id": e.OrgID, "name": "org-deployer-2", "description": "Deploys releases",
					"roles": []string{"ORG_MEMBER"}, "secret_expires_after_hours": 24}),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(resourceName, tfjsonpath.New("secrets"), knownvalue.ListSizeExact(1)),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("name"), knownvalue.StringExact("org-deployer-2")),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("description"), knownvalue.StringExact("Deploys releases")),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("roles"), acctest.StringSet("ORG_MEMBER")),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("secret"), knownvalue.StringRegexp(secretRegexp)),
				},
				Check: func(s *terraform.State) error {
					if got := stateClientID(s); got != clientID {
						return fmt.Errorf("client_id changed from %s to %s: the account was replaced", clientID, got)
					}
					sa, err := e.Client.GetOrgServiceAccount(context.Background(), e.OrgID, clientID)
					if err != nil {
						return err
					}
					if sa.Name != "org-deployer-2" || sa.Description != "Deploys releases" || strings.Join(sa.Roles, ",") != "ORG_MEMBER" {
						return fmt.Errorf("Atlas holds %q, %q, %v after the update", sa.Name, sa.Description, sa.Roles)
					}
					return nil
				},
			},
			{
				// The plaintext survives a refresh, which brings the masked value.
				RefreshState: true,
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestMatchResourceAttr(resourceName, "secret", secretRegexp),
					resource.TestMatchResourceAttr(resourceName, "secrets.0.masked_secret_value", secretRegexp),
				),
			},
			{
				ResourceName:            resourceName,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"secret"},
			},
			{
				// Plannable import: with the matching configuration the plan is empty.
				Config: accountConfig(e, acctest.Attrs{"org_id": e.OrgID, "name": "org-deployer-2", "description": "Deploys releases",
					"roles": []string{"ORG_MEMBER"}, "secret_expires_after_hours": 24}),
				ResourceName:    resourceName,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
			},
		},
	})
}

func TestAccServiceAccount_withoutInitialSecret(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	var clientID string
	a := accountAttrs(e, "secretless", "ORG_READ_ONLY")
	a["keep_initial_secret"] = false
	e.Run(t, resource.TestCase{
		CheckDestroy: checkDestroyed(e, &clientID),
		Steps: []resource.TestStep{
			{
				Config: accountConfig(e, a),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("keep_initial_secret"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("secret"), knownvalue.Null()),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("secrets"), knownvalue.ListSizeExact(0)),
				},
				Check: func(s *terraform.State) error {
					clientID = stateClientID(s)
					ids, err := atlasSecrets(e, clientID)
					if err != nil || len(ids) != 0 {
						return fmt.Errorf("Atlas holds secrets %v (err %v) of an account created with keep_initial_secret = false; want none", ids, err)
					}
					return nil
				},
			},
			{Config: accountConfig(e, a), PlanOnly: true},
		},
	})
}

func TestAccServiceAccount_keepInitialSecretSwitchedOffDeletesItInPlace(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	var clientID, firstSecret string
	kept := accountAttrs(e, "switched", "ORG_READ_ONLY")
	dropped := accountAttrs(e, "switched", "ORG_READ_ONLY")
	dropped["keep_initial_secret"] = false
	e.Run(t, resource.TestCase{
		CheckDestroy: checkDestroyed(e, &clientID),
		Steps: []resource.TestStep{
			{
				Config: accountConfig(e, kept),
				Check: resource.ComposeTestCheckFunc(
					acctest.RecordAttribute(resourceName, "client_id", &clientID),
					acctest.RecordAttribute(resourceName, "secrets.0.id", &firstSecret),
				),
			},
			{
				// A secret issued later (as a secret resource would) survives.
				PreConfig: func() {
					if _, err := e.Client.CreateServiceAccountSecret(context.Background(), client.OrgOwner(e.OrgID), clientID, 48); err != nil {
						t.Fatalf("issuing a second secret: %v", err)
					}
				},
				Config: accountConfig(e, dropped),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(resourceName, tfjsonpath.New("secret"), knownvalue.Null()),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("secret"), knownvalue.Null()),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("secrets"), knownvalue.ListSizeExact(1)),
				},
				Check: func(s *terraform.State) error {
					if got := stateClientID(s); got != clientID {
						return fmt.Errorf("client_id changed from %s to %s: the account was replaced", clientID, got)
					}
					ids, err := atlasSecrets(e, clientID)
					if err != nil {
						return err
					}
					if len(ids) != 1 || ids[0] == firstSecret {
						return fmt.Errorf("Atlas holds secrets %v; want only the later one, without the initial %s", ids, firstSecret)
					}
					if got := acctest.Attribute(s, resourceName, "secrets.0.id"); got != ids[0] {
						return fmt.Errorf("state lists secret %s, Atlas holds %s", got, ids[0])
					}
					return nil
				},
			},
			{Config: accountConfig(e, dropped), PlanOnly: true},
		},
	})
}

func TestAccServiceAccount_deletedOutsideTerraformIsCreatedAgain(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	var clientID string
	config := accountConfig(e, accountAttrs(e, "drifty", "ORG_READ_ONLY"))
	e.Run(t, resource.TestCase{
		Steps: []resource.TestStep{
			{Config: config, Check: acctest.RecordAttribute(resourceName, "client_id", &clientID)},
			{
				// Changed by hand: the plan puts it back in place.
				PreConfig: func() {
					name := "renamed by hand"
					if _, err := e.Client.UpdateOrgServiceAccount(context.Background(), e.OrgID, clientID, client.UpdateServiceAccountRequest{
						Name: &name, Roles: []string{"ORG_OWNER"},
					}); err != nil {
						t.Fatalf("out-of-band update: %v", err)
					}
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("name"), knownvalue.StringExact("drifty")),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("roles"), acctest.StringSet("ORG_READ_ONLY")),
				},
			},
			{
				PreConfig: func() {
					if err := e.Client.DeleteOrgServiceAccount(context.Background(), e.OrgID, clientID); err != nil {
						t.Fatalf("out-of-band delete: %v", err)
					}
				},
				RefreshState:       true,
				ExpectNonEmptyPlan: true,
				Check: func(s *terraform.State) error {
					if _, ok := s.RootModule().Resources[resourceName]; ok {
						return fmt.Errorf("the deleted account %s is still in state after a refresh", clientID)
					}
					return nil
				},
			},
			{
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionCreate)},
				},
				Check: func(s *terraform.State) error {
					if got := stateClientID(s); got == clientID || got == "" {
						return fmt.Errorf("expected a new account, got client_id %q", got)
					}
					return nil
				},
			},
		},
	})
}

func TestAccServiceAccount_importRejectsMalformedAndMissingIDs(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	config := accountConfig(e, accountAttrs(e, "imported", "ORG_READ_ONLY"))
	e.Run(t, resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config:        config,
				ResourceName:  resourceName,
				ImportState:   true,
				ImportStateId: e.OrgID,
				ExpectError:   acctest.Diagnostic("Invalid Import ID", "org_id/client_id"),
			},
			{
				Config:        config,
				ResourceName:  resourceName,
				ImportState:   true,
				ImportStateId: e.OrgID + "/" + acctest.GoodClientID,
				ExpectError:   acctest.Diagnostic("Organization Service Account Not Found", e.OrgID, acctest.GoodClientID),
			},
		},
	})
}

func TestAccServiceAccount_invalidInputFailsAtPlanWithoutRequests(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	invalid := func(attr string, value any, want ...string) acctest.PlanFailure {
		a := accountAttrs(e, "n", "ORG_READ_ONLY")
		a[attr] = value
		return acctest.PlanFailure{Config: accountConfig(e, a), Want: acctest.Diagnostic(want...)}
	}
	e.TestPlanFailures(t, map[string]acctest.PlanFailure{
		"uppercase organization ID": invalid("org_id", "5F1E2D3C4B5A69788796A5B4",
			"org_id", "must be a 24-character lowercase hexadecimal Atlas organization ID", "got: 5F1E2D3C4B5A69788796A5B4"),
		"project role": invalid("roles", []string{"GROUP_OWNER"},
			"Invalid Organization Role", "roles", "must be an organization role", "ORG_ followed by capital letters", "GROUP_OWNER is a project role"),
		"misspelt role": invalid("roles", []string{"ORG_READONLY"},
			"Invalid Organization Role", "roles", `got: "ORG_READONLY"`, "did you mean ORG_READ_ONLY?"),
		"no roles":      invalid("roles", []string{}, "Missing Organization Role", "roles must hold at least one organization role", "got: []", "ORG_MEMBER"),
		"empty name":    invalid("name", "", "name", "character count must be between 1 and 64", "got: 0"),
		"slash in name": invalid("name", "ci/cd", "name", "may contain only letters", "got: ci/cd"),
		"semicolon in description": invalid("description", "deploys; drops tables",
			"description", "may contain only letters", "got: deploys; drops tables"),
		"7 hours":    invalid("secret_expires_after_hours", 7, "secret_expires_after_hours", "value must be between 8 and 8760", "got: 7"),
		"8761 hours": invalid("secret_expires_after_hours", 8761, "secret_expires_after_hours", "value must be between 8 and 8760", "got: 8761"),
	})
}
