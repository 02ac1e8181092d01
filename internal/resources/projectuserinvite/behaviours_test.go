package projectuserinvite_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/acctest"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/atlassim"
)

// TestAccProjectUserInvite_roleSwapUnderEveryLastRoleAnswer: replacing a
// user's only role adds the new one before removing the old, so the user is
// never left without a role, whether Atlas would refuse that (400 or 409) or
// remove the user.
func TestAccProjectUserInvite_roleSwapUnderEveryLastRoleAnswer(t *testing.T) {
	t.Parallel()
	for _, behaviour := range []atlassim.RemoveLastRole{atlassim.RemoveLastRole400, atlassim.RemoveLastRole409, atlassim.RemoveLastRoleRemovesUser} {
		t.Run(string(behaviour), func(t *testing.T) {
			t.Parallel()
			e := acctest.New(t, func(o *atlassim.Options) { o.RemoveLastRole = behaviour })
			e.RequireSim(t)
			const username = "swap@example.com"
			e.Run(t, resource.TestCase{
				CheckDestroy: checkProjectHasNoUsers(e),
				Steps: []resource.TestStep{
					{Config: inviteConfig(e, username, []string{"GROUP_READ_ONLY"})},
					{
						Config: inviteConfig(e, username, []string{"GROUP_OWNER"}),
						ConfigPlanChecks: resource.ConfigPlanChecks{
							PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionUpdate)},
							PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
						},
						ConfigStateChecks: []statecheck.StateCheck{
							statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("roles"), acctest.StringSet("GROUP_OWNER")),
							stateCheckFunc(func() error {
								var order []string
								for _, r := range e.Sim.Requests() {
									if r.Method != http.MethodPost {
										continue
									}
									if i := strings.LastIndex(r.Path, ":"); i > 0 {
										order = append(order, fmt.Sprintf("%s %d", r.Path[i:], r.Status))
									}
								}
								if strings.Join(order, ", ") != ":addRole 200, :removeRole 200" {
									return fmt.Errorf("role requests %v, want :addRole 200 then :removeRole 200", order)
								}
								return nil
							}),
						},
					},
				},
			})
		})
	}
}

// TestAccProjectUserInvite_invitationLimitUnderEveryAnswer: the provider
// waits out the invitation limit whether Atlas answers it 400
// INVITATIONS_RATE_LIMITED_IP (observed), 429 with that code, or 429
// RATE_LIMITED_TOKEN_BUCKET, and every invitation is sent once.
func TestAccProjectUserInvite_invitationLimitUnderEveryAnswer(t *testing.T) {
	t.Parallel()
	for _, behaviour := range []atlassim.InvitationLimit{atlassim.InvitationLimit400, atlassim.InvitationLimit429, atlassim.InvitationLimitTokenBucket} {
		t.Run(string(behaviour), func(t *testing.T) {
			t.Parallel()
			e := acctest.New(t, func(o *atlassim.Options) {
				o.InviteRateLimit = 2
				o.InviteRateWindow = time.Second
				o.InvitationLimit = behaviour
			})
			e.RequireSim(t)
			const people = 5
			config := e.Config(fmt.Sprintf(`
resource "atlasaccess_project_user_invite" "team" {
  for_each   = toset([for i in range(%d) : format("limit%%02d@example.com", i)])
  project_id = %q
  username   = each.key
  roles      = ["GROUP_READ_ONLY"]
}
`, people, e.ProjectID))
			e.Run(t, resource.TestCase{
				Steps: []resource.TestStep{{
					Config: config,
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
					ConfigStateChecks: []statecheck.StateCheck{stateCheckFunc(func() error {
						var created, limited int
						for _, r := range e.Sim.Requests() {
							if r.Method != http.MethodPost || !strings.HasSuffix(r.Path, "/users") {
								continue
							}
							switch r.Status {
							case 201:
								created++
							case 400, 429:
								limited++
							default:
								return fmt.Errorf("POST %s answered %d", r.Path, r.Status)
							}
						}
						if created != people || limited == 0 {
							return fmt.Errorf("%d invitations created, %d refused by the limit; want %d and some", created, limited, people)
						}
						return nil
					})},
				}, {
					Config: e.Config(""),
				}},
			})
		})
	}
}
