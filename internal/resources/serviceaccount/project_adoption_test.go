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
)

// An account removed from its project by hand, but alive in the
// organization with a live secret, is never forgotten: the refresh keeps it
// with no roles, the plan updates it in place, and the apply assigns the
// same account again. No second account is created.
func TestAccProjectServiceAccount_removedFromProjectIsRestoredInPlace(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	var clientID string
	config := projectAccountConfig(e, "kept-alive", []string{"GROUP_READ_ONLY"}, 24)
	e.Run(t, resource.TestCase{
		CheckDestroy: projectCheckDestroyed(e, &clientID),
		Steps: []resource.TestStep{
			{Config: config, Check: acctest.RecordAttribute(projectResourceName, "client_id", &clientID)},
			{
				PreConfig: func() {
					if err := e.Client.DeleteProjectServiceAccount(context.Background(), e.ProjectID, clientID); err != nil {
						t.Fatalf("removing the account from its project by hand: %v", err)
					}
				},
				RefreshState: true,
				Check: resource.ComposeTestCheckFunc(
					resource.TestCheckResourceAttrPtr(projectResourceName, "client_id", &clientID),
					resource.TestCheckResourceAttr(projectResourceName, "roles.#", "0"),
				),
				ExpectNonEmptyPlan: true,
			},
			{
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(projectResourceName, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(projectResourceName, tfjsonpath.New("client_id"), knownvalue.NotNull()),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(projectResourceName, tfjsonpath.New("roles"), acctest.StringSet("GROUP_READ_ONLY")),
				},
				Check: func(s *terraform.State) error {
					if got := acctest.Attribute(s, projectResourceName, "client_id"); got != clientID {
						return fmt.Errorf("client_id is %s after the apply, want the same account %s", got, clientID)
					}
					sa, err := e.Client.GetProjectServiceAccount(context.Background(), e.ProjectID, clientID)
					if err != nil {
						return fmt.Errorf("the account is not back in its project: %w", err)
					}
					accounts, err := e.Client.ListOrgServiceAccounts(context.Background(), e.OrgID)
					if err != nil {
						return err
					}
					if len(accounts) != 1 {
						return fmt.Errorf("the organization holds %d service accounts, want only %s (roles %v)", len(accounts), clientID, sa.Roles)
					}
					return nil
				},
			},
			{Config: config, PlanOnly: true},
		},
	})
}

// One create answered 500 (Atlas did nothing) among three same-named
// accounts created at once: each resource ends with an account of its own,
// and each keeps the secret issued for it.
func TestAccProjectServiceAccount_lostCreateNeverAdoptsASibling(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.RequireSim(t)
	if err := e.Sim.SetFaults("500@POST=1#1"); err != nil {
		t.Fatal(err)
	}
	config := e.Config(acctest.Resource(acctest.ServiceAccountType, "runner", acctest.Attrs{
		"count": 3, "project_id": e.ProjectID, "name": "ci-runner", "description": "Runs CI jobs",
		"roles": []string{"GROUP_READ_ONLY"}, "secret_expires_after_hours": 24,
	}))
	e.Run(t, resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config: config,
				Check: func(s *terraform.State) error {
					seen := map[string]bool{}
					for i := range 3 {
						name := fmt.Sprintf("atlasaccess_project_service_account.runner.%d", i)
						id := acctest.Attribute(s, name, "client_id")
						if seen[id] {
							return fmt.Errorf("two resources hold account %s", id)
						}
						seen[id] = true
						sa, err := e.Client.GetProjectServiceAccount(context.Background(), e.ProjectID, id)
						if err != nil {
							return err
						}
						if len(sa.Secrets) != 1 || acctest.Attribute(s, name, "secrets.0.id") != sa.Secrets[0].ID {
							return fmt.Errorf("%s: Atlas holds secrets %+v, state another; a sibling's secret was replaced", name, sa.Secrets)
						}
					}
					faulted := 0
					for _, r := range e.Sim.Requests() {
						if r.Fault != "" {
							faulted++
						}
					}
					if faulted != 1 {
						return fmt.Errorf("%d requests were faulted, want the one 500", faulted)
					}
					all, err := e.Client.ListProjectServiceAccounts(context.Background(), e.ProjectID)
					if err != nil || len(all) != 3 {
						return fmt.Errorf("Atlas holds %d accounts (err %v), want 3", len(all), err)
					}
					return nil
				},
			},
			{Config: config, PlanOnly: true},
		},
	})
}
