package serviceaccountsecret_test

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

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
	projectType = "atlasaccess_project_service_account_secret"
	orgType     = "atlasaccess_service_account_secret"
)

var (
	secretRegexp   = regexp.MustCompile(`^mdb_sa_sk_`)
	secretIDRegexp = regexp.MustCompile(`^[a-f0-9]{24}$`)
)

// fixture is a service account made outside Terraform to hang secrets on,
// of one kind.
type fixture struct {
	e *acctest.Env
	// typ is the secret resource type, ownerAttr its owner attribute.
	typ, ownerAttr string
	ownerID        string
	owner          client.Owner
	clientID       string
	// initial is the plaintext of the secret Atlas issued with the account.
	initial string
}

func (f *fixture) address() string { return f.typ + ".test" }

// newProjectFixture creates a project service account.
func newProjectFixture(t *testing.T, e *acctest.Env) *fixture {
	t.Helper()
	sa, err := e.Client.CreateProjectServiceAccount(context.Background(), e.ProjectID, client.CreateServiceAccountRequest{
		Name: "rotated", Description: "Holds rotating secrets", Roles: []string{"GROUP_READ_ONLY"}, SecretExpiresAfterHours: 8760,
	})
	if err != nil {
		t.Fatalf("creating the project service account: %v", err)
	}
	t.Cleanup(func() { _ = e.Client.DeleteOrgServiceAccount(context.Background(), e.OrgID, sa.ClientID) })
	return &fixture{e: e, typ: projectType, ownerAttr: "project_id", ownerID: e.ProjectID, owner: client.ProjectOwner(e.ProjectID),
		clientID: sa.ClientID, initial: sa.Secrets[0].Secret}
}

// newOrgFixture creates an organization service account.
func newOrgFixture(t *testing.T, e *acctest.Env) *fixture {
	t.Helper()
	sa, err := e.Client.CreateOrgServiceAccount(context.Background(), e.OrgID, client.CreateServiceAccountRequest{
		Name: "rotated", Description: "Holds rotating secrets", Roles: []string{"ORG_MEMBER"}, SecretExpiresAfterHours: 8760,
	})
	if err != nil {
		t.Fatalf("creating the organization service account: %v", err)
	}
	t.Cleanup(func() { _ = e.Client.DeleteOrgServiceAccount(context.Background(), e.OrgID, sa.ClientID) })
	return &fixture{e: e, typ: orgType, ownerAttr: "org_id", ownerID: e.OrgID, owner: client.OrgOwner(e.OrgID),
		clientID: sa.ClientID, initial: sa.Secrets[0].Secret}
}

// dropInitialSecret deletes the secret issued with the account, as
// keep_initial_secret = false does, so that only the resource's secrets
// remain.
func (f *fixture) dropInitialSecret(t *testing.T) {
	t.Helper()
	secrets := f.secrets(t)
	for _, s := range secrets {
		if err := f.e.Client.DeleteServiceAccountSecret(context.Background(), f.owner, f.clientID, s.ID); err != nil {
			t.Fatalf("deleting the initial secret: %v", err)
		}
	}
}

func (f *fixture) secrets(t *testing.T) []client.ServiceAccountSecret {
	t.Helper()
	secrets, err := f.e.Client.ServiceAccountSecrets(context.Background(), f.owner, f.clientID)
	if err != nil {
		t.Fatalf("reading the account's secrets: %v", err)
	}
	return secrets
}

// config is the secret resource with the given arguments beyond the owner
// and the client ID, and extra lines (a lifecycle block) in its body.
func (f *fixture) config(args acctest.Attrs, extra string) string {
	all := acctest.Attrs{f.ownerAttr: f.ownerID, "client_id": f.clientID}
	for k, v := range args {
		all[k] = v
	}
	block := acctest.Resource(f.typ, "test", all)
	if extra != "" {
		block = strings.TrimSuffix(block, "}\n") + extra + "\n}\n"
	}
	return f.e.Config(block)
}

// checkSignsIn checks that the secret in state signs in at the token endpoint.
func (f *fixture) checkSignsIn(s *terraform.State) error {
	secret := acctest.Attribute(s, f.address(), "secret")
	if _, err := f.e.Client.IssueAccessToken(context.Background(), f.clientID, secret); err != nil {
		return fmt.Errorf("the secret in state does not sign in: %w", err)
	}
	return nil
}

// checkGone checks that secret id no longer exists in the account.
func (f *fixture) checkGone(t *testing.T, id *string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		for _, s := range f.secrets(t) {
			if s.ID == *id {
				return fmt.Errorf("secret %s still exists in account %s", *id, f.clientID)
			}
		}
		return nil
	}
}

func TestAccProjectServiceAccountSecret_lifecycle(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	testLifecycle(t, newProjectFixture(t, e))
}

func TestAccServiceAccountSecret_lifecycle(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	testLifecycle(t, newOrgFixture(t, e))
}

// testLifecycle creates, refreshes, imports and destroys a secret: the
// plaintext is in state after create and survives refreshes, the lifetime
// is the configured one, an import reads everything but the plaintext, and
// the plan after an import with the same configuration is empty.
func testLifecycle(t *testing.T, f *fixture) {
	addr := f.address()
	config := f.config(acctest.Attrs{"expires_after_hours": 48, "rotate_before_hours": 12}, "")
	var secretID string
	f.e.Run(t, resource.TestCase{
		CheckDestroy: f.checkGone(t, &secretID),
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate),
						plancheck.ExpectSensitiveValue(addr, tfjsonpath.New("secret")),
						plancheck.ExpectUnknownValue(addr, tfjsonpath.New("secret_id")),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("secret"), knownvalue.StringRegexp(secretRegexp)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("secret_id"), knownvalue.StringRegexp(secretIDRegexp)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("created_at"), knownvalue.StringRegexp(acctest.RFC3339Regexp)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("last_used_at"), knownvalue.Null()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("expires_after_hours"), knownvalue.Int64Exact(48)),
					// What a refresh reads, already after create: a refresh-only
					// plan right after the apply reports no change.
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("masked_secret_value"), knownvalue.StringRegexp(secretRegexp)),
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					acctest.RecordAttribute(addr, "secret_id", &secretID),
					f.checkSignsIn,
					func(s *terraform.State) error {
						attrs := s.RootModule().Resources[addr].Primary.Attributes
						if want := f.ownerID + "/" + f.clientID + "/" + attrs["secret_id"]; attrs["id"] != want {
							return fmt.Errorf("id = %q, want %q", attrs["id"], want)
						}
						created, _ := time.Parse(time.RFC3339, attrs["created_at"])
						expires, err := time.Parse(time.RFC3339, attrs["expires_at"])
						if err != nil || expires.Sub(created) != 48*time.Hour {
							return fmt.Errorf("created_at %s, expires_at %s: want a lifetime of 48 hours", attrs["created_at"], attrs["expires_at"])
						}
						return nil
					},
				),
			},
			{
				// A refresh brings the last use, and keeps the plaintext,
				// which Atlas never sends again.
				RefreshState: true,
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestMatchResourceAttr(addr, "secret", secretRegexp),
					resource.TestMatchResourceAttr(addr, "masked_secret_value", secretRegexp),
					resource.TestMatchResourceAttr(addr, "last_used_at", acctest.RFC3339Regexp),
					func(s *terraform.State) error {
						attrs := s.RootModule().Resources[addr].Primary.Attributes
						if strings.Contains(attrs["masked_secret_value"], attrs["secret"]) {
							return fmt.Errorf("masked_secret_value %q reveals the secret", attrs["masked_secret_value"])
						}
						return nil
					},
				),
			},
			{Config: config, PlanOnly: true},
			{
				ResourceName:      addr,
				ImportState:       true,
				ImportStateVerify: true,
				// The plaintext cannot be read back, and rotate_before_hours
				// is configuration that Atlas does not know.
				ImportStateVerifyIgnore: []string{"secret", "rotate_before_hours"},
				ImportStateCheck: func(states []*terraform.InstanceState) error {
					if len(states) != 1 {
						return fmt.Errorf("import gave %d states", len(states))
					}
					if v, ok := states[0].Attributes["secret"]; ok && v != "" {
						return fmt.Errorf("secret is %q after import, want null", v)
					}
					return nil
				},
			},
			{
				// Plannable import: with the matching configuration (no
				// rotation window, which Atlas cannot tell) the plan is empty;
				// expires_after_hours is read back from the secret.
				Config:          f.config(acctest.Attrs{"expires_after_hours": 48}, ""),
				ResourceName:    addr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
			},
		},
	})
}

func TestAccProjectServiceAccountSecret_deletedOutsideTerraformIsIssuedAgain(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	f := newProjectFixture(t, e)
	config := f.config(acctest.Attrs{"expires_after_hours": 24}, "")
	var first string
	e.Run(t, resource.TestCase{
		Steps: []resource.TestStep{
			{Config: config, Check: acctest.RecordAttribute(f.address(), "secret_id", &first)},
			{
				PreConfig: func() {
					if err := e.Client.DeleteServiceAccountSecret(context.Background(), f.owner, f.clientID, first); err != nil {
						t.Fatalf("out-of-band delete: %v", err)
					}
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(f.address(), plancheck.ResourceActionCreate)},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					f.checkSignsIn,
					func(s *terraform.State) error {
						if got := acctest.Attribute(s, f.address(), "secret_id"); got == first {
							return fmt.Errorf("secret_id is still the deleted %s", first)
						}
						return nil
					},
				),
			},
		},
	})
}

// An account deleted outside Terraform takes its secrets with it: the
// refresh removes the secret from state instead of failing.
func TestAccServiceAccountSecret_accountDeletedOutsideTerraform(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	f := newOrgFixture(t, e)
	e.Run(t, resource.TestCase{
		Steps: []resource.TestStep{
			{Config: f.config(acctest.Attrs{"expires_after_hours": 24}, "")},
			{
				PreConfig: func() {
					if err := e.Client.DeleteOrgServiceAccount(context.Background(), e.OrgID, f.clientID); err != nil {
						t.Fatalf("out-of-band delete: %v", err)
					}
				},
				RefreshState:       true,
				ExpectNonEmptyPlan: true,
				Check: func(s *terraform.State) error {
					if _, ok := s.RootModule().Resources[f.address()]; ok {
						return fmt.Errorf("the secret of a deleted account is still in state")
					}
					return nil
				},
			},
		},
	})
}

// An expired secret (the simulator's clock moved past its expiry) is
// replaced by the next plan even without a rotation window.
func TestAccServiceAccountSecret_expiredIsReplaced(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.RequireSim(t)
	f := newOrgFixture(t, e)
	config := f.config(acctest.Attrs{"expires_after_hours": 8}, "")
	var first string
	e.Run(t, resource.TestCase{
		Steps: []resource.TestStep{
			{Config: config, Check: acctest.RecordAttribute(f.address(), "secret_id", &first)},
			{Config: config, PreConfig: func() { e.Sim.SetClockOffset(7 * time.Hour) }, PlanOnly: true},
			{
				PreConfig: func() { e.Sim.SetClockOffset(9 * time.Hour) },
				Config:    config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(f.address(), plancheck.ResourceActionDestroyBeforeCreate),
						plancheck.ExpectUnknownValue(f.address(), tfjsonpath.New("expires_at")),
					},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					f.checkSignsIn,
					func(s *terraform.State) error {
						if got := acctest.Attribute(s, f.address(), "secret_id"); got == first {
							return fmt.Errorf("the expired secret %s was kept", first)
						}
						return nil
					},
				),
			},
		},
	})
}

// TestAccProjectServiceAccountSecret_rotatesByAtlasClock moves only the
// simulator's clock, so that the machine running Terraform has a clock that
// is wrong by Atlas's measure. Behind Atlas (30 hours): by the local clock
// the secret still has 48 hours, by Atlas's only 18, inside the 24-hour
// window, and it is rotated. Ahead of Atlas: by the local clock the secret
// expired long ago, by Atlas's it has most of its life, and it is kept.
func TestAccProjectServiceAccountSecret_rotatesByAtlasClock(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.RequireSim(t)
	f := newProjectFixture(t, e)
	config := f.config(acctest.Attrs{"expires_after_hours": 48, "rotate_before_hours": 24}, "")
	var first, second string
	e.Run(t, resource.TestCase{
		Steps: []resource.TestStep{
			{Config: config, Check: acctest.RecordAttribute(f.address(), "secret_id", &first)},
			{
				// 23 hours on: 25 hours left, outside the window.
				PreConfig: func() { e.Sim.SetClockOffset(23 * time.Hour) },
				Config:    config,
				PlanOnly:  true,
			},
			{
				PreConfig: func() { e.Sim.SetClockOffset(30 * time.Hour) },
				Config:    config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(f.address(), plancheck.ResourceActionDestroyBeforeCreate)},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					acctest.RecordAttribute(f.address(), "secret_id", &second),
					f.checkSignsIn,
					func(*terraform.State) error {
						if second == first {
							return fmt.Errorf("the secret due for rotation was kept")
						}
						return nil
					},
				),
			},
			{
				// The new secret was issued at Atlas's +30 h; at +50 h by
				// Atlas it has 28 hours left and is kept.
				PreConfig: func() { e.Sim.SetClockOffset(50 * time.Hour) },
				Config:    config,
				PlanOnly:  true,
			},
			{
				// Atlas's clock 100 hours behind this machine's: by the local
				// clock the secret expired 22 hours ago, by Atlas's it is new.
				PreConfig: func() {
					if err := e.Client.DeleteServiceAccountSecret(context.Background(), f.owner, f.clientID, second); err != nil {
						t.Fatalf("out-of-band delete: %v", err)
					}
					e.Sim.SetClockOffset(-100 * time.Hour)
				},
				Config: config,
			},
			{Config: config, PlanOnly: true},
		},
	})
}

func TestAccServiceAccountSecret_invalidInputFailsAtPlanWithoutRequests(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	valid := func(args acctest.Attrs) string {
		all := acctest.Attrs{"org_id": e.OrgID, "client_id": acctest.GoodClientID, "expires_after_hours": 48}
		for k, v := range args {
			all[k] = v
		}
		return e.Config(acctest.Resource(orgType, "test", all))
	}
	e.TestPlanFailures(t, map[string]acctest.PlanFailure{
		"rotation window as long as the lifetime": {
			Config: valid(acctest.Attrs{"rotate_before_hours": 48}),
			Want:   acctest.Diagnostic("rotate_before_hours", "must be less than expires_after_hours (48)", "got: 48"),
		},
		"rotation window of no hours": {
			Config: valid(acctest.Attrs{"rotate_before_hours": 0}),
			Want:   acctest.Diagnostic("rotate_before_hours", "value must be between 1 and 8759, a whole number of hours", "got: 0"),
		},
		"fractional rotation window": {
			Config: valid(acctest.Attrs{"rotate_before_hours": 1.5}),
			Want:   acctest.Diagnostic("rotate_before_hours", "a whole number of hours", "got: 1.5"),
		},
		"lifetime too short": {
			Config: valid(acctest.Attrs{"expires_after_hours": 7}),
			Want:   acctest.Diagnostic("expires_after_hours", "value must be between 8 and 8760", "got: 7"),
		},
		"lifetime too long": {
			Config: valid(acctest.Attrs{"expires_after_hours": 8761}),
			Want:   acctest.Diagnostic("expires_after_hours", "value must be between 8 and 8760", "got: 8761"),
		},
		"organization ID not an ID": {
			Config: valid(acctest.Attrs{"org_id": "my-org"}),
			Want:   acctest.Diagnostic("org_id", "must be a 24-character lowercase hexadecimal Atlas organization ID", "got: my-org"),
		},
		"client ID without prefix": {
			Config: valid(acctest.Attrs{"client_id": "0123456789abcdef01234567"}),
			Want:   acctest.Diagnostic("client_id", "mdb_sa_id_ followed by 24 hexadecimal digits", "got: 0123456789abcdef01234567"),
		},
	})
}

func TestAccProjectServiceAccountSecret_importRejectsMalformedID(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	f := newProjectFixture(t, e)
	for id, want := range map[string]string{
		e.ProjectID + "/" + f.clientID:                   "project_id/client_id/secret_id",
		e.ProjectID + "/" + f.clientID + "/not-a-secret": `secret_id "not-a-secret" must be 24 lowercase hexadecimal digits`,
	} {
		e.Run(t, resource.TestCase{
			Steps: []resource.TestStep{{
				Config:        f.config(acctest.Attrs{"expires_after_hours": 24}, ""),
				ResourceName:  f.address(),
				ImportState:   true,
				ImportStateId: id,
				ExpectError:   acctest.Diagnostic("Invalid Import ID", want),
			}},
		})
	}
}

func TestAccProjectServiceAccountSecret_invalidInputFailsAtPlanWithoutRequests(t *testing.T) {
	t.Parallel()
	acctest.New(t).TestInvalidInputs(t, acctest.SecretInvalidInputs)
}

// A secret that a newer secret has shortened no longer shows the lifetime it
// was issued with. Importing it with its configuration records
// expires_after_hours in place, sending nothing to Atlas, instead of
// replacing a working secret; the plan after that is empty.
func TestAccProjectServiceAccountSecret_importOfAShortenedSecretIsNotReplaced(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.RequireSim(t)
	f := newProjectFixture(t, e)
	ctx := context.Background()
	older, err := e.Client.CreateServiceAccountSecret(ctx, f.owner, f.clientID, 720)
	if err != nil {
		t.Fatal(err)
	}
	// A day later by Atlas's clock, a newer secret cuts the older one to 7 days.
	e.Sim.SetClockOffset(24 * time.Hour)
	if _, err := e.Client.CreateServiceAccountSecret(ctx, f.owner, f.clientID, 720); err != nil {
		t.Fatal(err)
	}
	config := f.config(acctest.Attrs{"expires_after_hours": 720}, "")
	withImport := config + fmt.Sprintf("\nimport {\n  to = %s\n  id = %q\n}\n", f.address(), f.ownerID+"/"+f.clientID+"/"+older.ID)
	var writesBefore int
	e.Run(t, resource.TestCase{
		Steps: []resource.TestStep{
			{
				PreConfig: func() { writesBefore = len(e.WriteRequests()) },
				Config:    withImport,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(f.address(), plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(f.address(), tfjsonpath.New("secret_id"), knownvalue.StringExact(older.ID)),
					statecheck.ExpectKnownValue(f.address(), tfjsonpath.New("expires_after_hours"), knownvalue.Int64Exact(720)),
					statecheck.ExpectKnownValue(f.address(), tfjsonpath.New("secret"), knownvalue.Null()),
				},
				Check: func(*terraform.State) error {
					if writes := e.WriteRequests()[writesBefore:]; len(writes) != 0 {
						return fmt.Errorf("importing the shortened secret sent %d write requests, first %s %s", len(writes), writes[0].Method, writes[0].Path)
					}
					return nil
				},
			},
			{Config: config, PlanOnly: true},
		},
	})
}
