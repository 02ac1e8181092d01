package serviceaccount_test

import (
	"context"
	"fmt"
	"slices"
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

func keepInitialSecretConfig(e *acctest.Env, keep *bool) string {
	a := acctest.Attrs{
		"project_id": e.ProjectID, "name": "no-initial-secret", "description": "Secrets come from secret resources",
		"roles": []string{"GROUP_READ_ONLY"}, "secret_expires_after_hours": 24,
	}
	if keep != nil {
		a["keep_initial_secret"] = *keep
	}
	return e.Config(acctest.Resource(acctest.ServiceAccountType, "test", a))
}

// secretIDsInAtlas lists the IDs of the account's secrets as Atlas has them.
func secretIDsInAtlas(e *acctest.Env, clientID string) ([]string, error) {
	sa, err := e.Client.GetProjectServiceAccount(context.Background(), e.ProjectID, clientID)
	if err != nil {
		return nil, err
	}
	ids := make([]string, 0, len(sa.Secrets))
	for _, s := range sa.Secrets {
		ids = append(ids, s.ID)
	}
	return ids, nil
}

func expectSecretsInAtlas(e *acctest.Env, clientID *string, want ...string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		got, err := secretIDsInAtlas(e, *clientID)
		if err != nil {
			return err
		}
		if want == nil {
			want = []string{}
		}
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			return fmt.Errorf("account %s holds secrets %v in Atlas, want %v", *clientID, got, want)
		}
		return nil
	}
}

// keep_initial_secret = false: the account is created and its first secret
// deleted at once, so no plaintext ever reaches state, and the next plan is
// empty.
func TestAccProjectServiceAccount_withoutInitialSecret(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	keep := false
	var clientID string
	e.Run(t, resource.TestCase{
		CheckDestroy: projectCheckDestroyed(e, &clientID),
		Steps: []resource.TestStep{{
			Config: keepInitialSecretConfig(e, &keep),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(projectResourceName, tfjsonpath.New("keep_initial_secret"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue(projectResourceName, tfjsonpath.New("secret"), knownvalue.Null()),
				statecheck.ExpectKnownValue(projectResourceName, tfjsonpath.New("secrets"), knownvalue.ListSizeExact(0)),
			},
			Check: resource.ComposeAggregateTestCheckFunc(
				acctest.RecordAttribute(projectResourceName, "client_id", &clientID),
				expectSecretsInAtlas(e, &clientID),
			),
		}},
	})
}

// Switching keep_initial_secret to false later deletes the initial secret in
// place: same account, and a secret issued since (as a secret resource
// would) is left alone.
func TestAccProjectServiceAccount_dropInitialSecretLater(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	keep := false
	var clientID, initialID, laterID string
	e.Run(t, resource.TestCase{
		CheckDestroy: projectCheckDestroyed(e, &clientID),
		Steps: []resource.TestStep{
			{
				Config: keepInitialSecretConfig(e, nil),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(projectResourceName, tfjsonpath.New("keep_initial_secret"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(projectResourceName, tfjsonpath.New("secret"), knownvalue.StringRegexp(secretRegexp)),
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					acctest.RecordAttribute(projectResourceName, "client_id", &clientID),
					acctest.RecordAttribute(projectResourceName, "secrets.0.id", &initialID),
				),
			},
			{
				PreConfig: func() {
					sec, err := e.Client.CreateServiceAccountSecret(context.Background(), client.ProjectOwner(e.ProjectID), clientID, 48)
					if err != nil {
						t.Fatalf("issuing a second secret: %v", err)
					}
					laterID = sec.ID
				},
				Config: keepInitialSecretConfig(e, &keep),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(projectResourceName, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(projectResourceName, tfjsonpath.New("secret"), knownvalue.Null()),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(projectResourceName, tfjsonpath.New("keep_initial_secret"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(projectResourceName, tfjsonpath.New("secret"), knownvalue.Null()),
					statecheck.ExpectKnownValue(projectResourceName, tfjsonpath.New("secrets"), knownvalue.ListSizeExact(1)),
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					func(s *terraform.State) error {
						if got := projectStateClientID(s); got != clientID {
							return fmt.Errorf("client_id changed from %s to %s: the account was replaced", clientID, got)
						}
						if got := acctest.Attribute(s, projectResourceName, "secrets.0.id"); got != laterID {
							return fmt.Errorf("state keeps secret %s, want the later secret %s", got, laterID)
						}
						return nil
					},
					func(s *terraform.State) error { return expectSecretsInAtlas(e, &clientID, laterID)(s) },
				),
			},
			{
				// Switching back issues nothing and plans nothing but the flag.
				Config: keepInitialSecretConfig(e, nil),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(projectResourceName, tfjsonpath.New("keep_initial_secret"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(projectResourceName, tfjsonpath.New("secret"), knownvalue.Null()),
				},
				Check: func(s *terraform.State) error { return expectSecretsInAtlas(e, &clientID, laterID)(s) },
			},
		},
	})
	if initialID == laterID {
		t.Fatalf("the later secret has the initial secret's ID %s", initialID)
	}
}
