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
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/atlassim"
)

// futureRole stands for a project role Atlas added after this provider's
// list: well formed, far from every known role.
const futureRole = "GROUP_FUTURE_ROLE"

// withRoles has the simulator accept its default roles and extra ones, as
// Atlas accepts roles it added after the provider's list.
func withRoles(extra ...string) func(*atlassim.Options) {
	return func(o *atlassim.Options) { o.Roles = slices.Concat(atlassim.DefaultRoles, extra) }
}

// An unknown but well-formed role is not refused at plan (the plan-time
// warning it draws is checked through the CLI in internal/e2e): it is sent
// to Atlas as written, kept in state, and the next plan is empty.
func TestProjectServiceAccount_unknownRoleIsSentToAtlas(t *testing.T) {
	t.Parallel()
	e := acctest.New(t, withRoles(futureRole))
	e.RequireSim(t)
	var clientID string
	e.Run(t, resource.TestCase{
		CheckDestroy: projectCheckDestroyed(e, &clientID),
		Steps: []resource.TestStep{
			{
				Config: projectAccountConfig(e, "future-role", []string{"GROUP_READ_ONLY", futureRole}, 24),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(projectResourceName, plancheck.ResourceActionCreate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(projectResourceName, tfjsonpath.New("roles"), acctest.StringSet("GROUP_READ_ONLY", futureRole)),
					// Atlas's answer to a create carries no masked value.
					statecheck.ExpectKnownValue(projectResourceName, tfjsonpath.New("secrets").AtSliceIndex(0).AtMapKey("masked_secret_value"), knownvalue.Null()),
				},
				Check: func(s *terraform.State) error {
					clientID = projectStateClientID(s)
					sa, err := e.Client.GetProjectServiceAccount(context.Background(), e.ProjectID, clientID)
					if err != nil {
						return err
					}
					if !slices.Contains(sa.Roles, futureRole) {
						return fmt.Errorf("Atlas holds roles %q; %s was not sent", sa.Roles, futureRole)
					}
					return nil
				},
			},
			{
				// A refresh fills in the masked value and plans nothing.
				RefreshState: true,
				Check:        resource.TestMatchResourceAttr(projectResourceName, "secrets.0.masked_secret_value", secretRegexp),
			},
			{
				Config:   projectAccountConfig(e, "future-role", []string{"GROUP_READ_ONLY", futureRole}, 24),
				PlanOnly: true,
			},
		},
	})
}

// When Atlas does not know a well-formed role, it is Atlas's 400 that stops
// the apply, and the diagnostic names the role and the project.
func TestProjectServiceAccount_roleAtlasRejects(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.RequireSim(t)
	e.Run(t, resource.TestCase{
		Steps: []resource.TestStep{{
			Config:      projectAccountConfig(e, "future-role", []string{futureRole}, 24),
			ExpectError: acctest.Diagnostic("Error Creating Project Service Account", e.ProjectID, "HTTP 400", futureRole),
		}},
	})
	if sas, err := e.Client.ListProjectServiceAccounts(context.Background(), e.ProjectID); err != nil || len(sas) != 0 {
		t.Fatalf("after a refused create: %d accounts (%v), want none", len(sas), err)
	}
}
