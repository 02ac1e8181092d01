package projectuserinvite_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/acctest"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

// expectPersonRoles checks a person's roles in the project, as Atlas holds them.
func expectPersonRoles(e *acctest.Env, username string, want ...string) error {
	users, err := e.Client.ListProjectUsers(context.Background(), e.ProjectID, client.ListProjectUsersOptions{Username: username})
	if err != nil {
		return err
	}
	if len(users) != 1 {
		return fmt.Errorf("%d users %s in the project, want 1", len(users), username)
	}
	got := slices.Sorted(slices.Values(users[0].Roles))
	slices.Sort(want)
	if !slices.Equal(got, want) {
		return fmt.Errorf("%s has roles %v, want %v", username, got, want)
	}
	return nil
}

// A person someone else made Project Owner is never taken over, even when
// the provider's own request was dropped and retried: the apply fails with
// their current roles, keeps nothing in state, and their access is intact.
func TestAccProjectUserInvite_activeMemberIsNeverTakenOver(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.RequireSim(t)
	if _, err := e.Client.AddProjectUser(context.Background(), e.ProjectID, client.AddProjectUserRequest{Username: e.OrgMember, Roles: []string{"GROUP_OWNER"}}); err != nil {
		t.Fatal(err)
	}
	for _, faults := range []string{"", "reset@POST=1#1", "lost@POST=1#1"} {
		t.Run("faults="+faults, func(t *testing.T) {
			if err := e.Sim.SetFaults(faults); err != nil {
				t.Fatal(err)
			}
			e.Run(t, resource.TestCase{
				Steps: []resource.TestStep{
					{
						Config: inviteConfig(e, e.OrgMember, []string{"GROUP_OWNER"}),
						ExpectError: acctest.Diagnostic("User Already in Project", "is already ACTIVE in project "+e.ProjectID, "roles GROUP_OWNER",
							"will not take them over", "terraform import atlasaccess_project_user_invite.<name>"),
					},
					{Config: e.Config("\n"), PlanOnly: true},
				},
			})
			if err := expectPersonRoles(e, e.OrgMember, "GROUP_OWNER"); err != nil {
				t.Error(err)
			}
		})
	}
}

// The same person declared twice in one project (two teams): the second
// resource fails instead of sharing the first one's invitation, so removing
// the person from one team can never remove them from the project.
func TestAccProjectUserInvite_samePersonDeclaredTwiceFails(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	twice := e.Config(acctest.Resource(acctest.UserInviteType, "backend", acctest.Attrs{"project_id": e.ProjectID, "username": "lee@example.com", "roles": []string{"GROUP_READ_ONLY"}}) +
		acctest.Resource(acctest.UserInviteType, "frontend", acctest.Attrs{"project_id": e.ProjectID, "username": "lee@example.com", "roles": []string{"GROUP_READ_ONLY"}, "depends_on": acctest.Expr("[atlasaccess_project_user_invite.backend]")}))
	e.Run(t, resource.TestCase{
		CheckDestroy: checkProjectHasNoUsers(e),
		Steps: []resource.TestStep{
			{
				Config:      twice,
				ExpectError: acctest.Diagnostic("User Already in Project", "Another resource of this configuration already manages this person"),
			},
			{
				// Only the first resource holds lee.
				Config: twice,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("atlasaccess_project_user_invite.backend", plancheck.ResourceActionNoop),
						plancheck.ExpectResourceAction("atlasaccess_project_user_invite.frontend", plancheck.ResourceActionCreate),
					},
				},
				ExpectError: acctest.Diagnostic("User Already in Project"),
			},
		},
	})
}

// Re-keying a person by the letter case of their address (a for_each key)
// plans a destroy of one instance and a create of another for the same
// person, which Terraform runs at once. Two resource names stand in for the
// two keys here (terraform-plugin-testing cannot read for_each state). The
// create waits for the delete, so every apply converges and the person
// keeps access.
func TestAccProjectUserInvite_rekeyByLetterCaseConverges(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	var steps []resource.TestStep
	for i, email := range []string{"frank@example.com", "Frank@example.com", "FRANK@example.com", "frank@example.com"} {
		name := []string{"old_key", "new_key"}[i%2]
		steps = append(steps, resource.TestStep{
			Config: e.Config(acctest.Resource(acctest.UserInviteType, name, acctest.Attrs{
				"project_id": e.ProjectID, "username": email, "roles": []string{"GROUP_READ_ONLY"},
			})),
			Check: func(*terraform.State) error { return expectPersonRoles(e, email, "GROUP_READ_ONLY") },
		})
	}
	e.Run(t, resource.TestCase{CheckDestroy: checkProjectHasNoUsers(e), Steps: steps})
}

// A role update changes nothing but roles, so its plan shows nothing else
// as "known after apply".
func TestAccProjectUserInvite_roleUpdatePlansOnlyRoles(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.Run(t, resource.TestCase{
		CheckDestroy: checkProjectHasNoUsers(e),
		Steps: []resource.TestStep{
			{Config: inviteConfig(e, "ann@example.com", []string{"GROUP_READ_ONLY"})},
			{
				Config: inviteConfig(e, "ann@example.com", []string{"GROUP_READ_ONLY", "GROUP_OWNER"}),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(resourceName, tfjsonpath.New("status"), knownvalue.StringExact("PENDING")),
						plancheck.ExpectKnownValue(resourceName, tfjsonpath.New("invitation_created_at"), knownvalue.NotNull()),
						plancheck.ExpectKnownValue(resourceName, tfjsonpath.New("invitation_expires_at"), knownvalue.NotNull()),
						plancheck.ExpectKnownValue(resourceName, tfjsonpath.New("inviter_username"), knownvalue.NotNull()),
						plancheck.ExpectKnownValue(resourceName, tfjsonpath.New("user_id"), knownvalue.NotNull()),
					},
				},
			},
		},
	})
}
