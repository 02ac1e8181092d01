package orguser_test

import (
	"context"
	"fmt"
	"regexp"
	"slices"
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
	resourceType = "atlasaccess_org_user"
	resourceName = resourceType + ".test"
)

var userIDRegexp = regexp.MustCompile(`^[a-f0-9]{24}$`)

func orgUserConfig(e *acctest.Env, username string, roles ...string) string {
	return e.Config(acctest.Resource(resourceType, "test", acctest.Attrs{"org_id": e.OrgID, "username": username, "roles": roles}))
}

// orgUsersNamed lists the organization's users of that username, in every status.
func orgUsersNamed(e *acctest.Env, username string) ([]client.OrgUser, error) {
	return e.Client.ListOrgUsers(context.Background(), e.OrgID, client.ListOrgUsersOptions{Username: username, Statuses: client.AllUserStatuses()})
}

// checkNotInOrg proves destroy removed the person from the organization.
func checkNotInOrg(e *acctest.Env, username string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		users, err := orgUsersNamed(e, username)
		if err != nil {
			return err
		}
		if len(users) != 0 {
			return fmt.Errorf("after destroy, %s is still in organization %s (%s)", username, e.OrgID, users[0].OrgMembershipStatus)
		}
		return nil
	}
}

// expectOrgRoles checks a person's organization roles as Atlas holds them.
func expectOrgRoles(e *acctest.Env, username string, want ...string) error {
	users, err := orgUsersNamed(e, username)
	if err != nil {
		return err
	}
	if len(users) != 1 {
		return fmt.Errorf("%d users %s in the organization, want 1", len(users), username)
	}
	got := slices.Sorted(slices.Values(users[0].Roles.OrgRoles))
	slices.Sort(want)
	if !slices.Equal(got, want) {
		return fmt.Errorf("%s has organization roles %v, want %v", username, got, want)
	}
	return nil
}

// The whole life of a membership: an invitation, accepted without a diff,
// roles changed in place, imported by org_id/username, destroyed.
func TestAccOrgUser_lifecycle(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.RequireSim(t)
	const username = "ann.invitee@example.com"
	var userID string
	sameUserID := func(s *terraform.State) error {
		if got := acctest.Attribute(s, resourceName, "user_id"); got != userID {
			return fmt.Errorf("user_id changed from %s to %s", userID, got)
		}
		return nil
	}
	e.Run(t, resource.TestCase{
		CheckDestroy: checkNotInOrg(e, username),
		Steps: []resource.TestStep{
			{
				Config: orgUserConfig(e, username, "ORG_MEMBER"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionCreate),
						plancheck.ExpectKnownValue(resourceName, tfjsonpath.New("id"), knownvalue.StringExact(e.OrgID+"/"+username)),
						plancheck.ExpectUnknownValue(resourceName, tfjsonpath.New("user_id")),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("org_id"), knownvalue.StringExact(e.OrgID)),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("username"), knownvalue.StringExact(username)),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("roles"), acctest.StringSet("ORG_MEMBER")),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("user_id"), knownvalue.StringRegexp(userIDRegexp)),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("status"), knownvalue.StringExact("PENDING")),
				},
				Check: acctest.RecordAttribute(resourceName, "user_id", &userID),
			},
			{
				// The person accepts: the refresh records ACTIVE, and the plan is empty.
				PreConfig: func() {
					if err := e.Sim.AcceptInvitation(username); err != nil {
						t.Fatalf("accepting the invitation: %v", err)
					}
				},
				Config: orgUserConfig(e, username, "ORG_MEMBER"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("status"), knownvalue.StringExact("ACTIVE")),
				},
				Check: sameUserID,
			},
			{
				// Roles change in place; the plan shows nothing else as unknown.
				Config: orgUserConfig(e, username, "ORG_READ_ONLY", "ORG_BILLING_ADMIN"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(resourceName, tfjsonpath.New("status"), knownvalue.StringExact("ACTIVE")),
						plancheck.ExpectKnownValue(resourceName, tfjsonpath.New("user_id"), knownvalue.NotNull()),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("roles"), acctest.StringSet("ORG_READ_ONLY", "ORG_BILLING_ADMIN")),
				},
				Check: resource.ComposeTestCheckFunc(sameUserID, func(*terraform.State) error {
					return expectOrgRoles(e, username, "ORG_READ_ONLY", "ORG_BILLING_ADMIN")
				}),
			},
			{
				ResourceName:      resourceName,
				ImportState:       true,
				ImportStateId:     e.OrgID + "/" + username,
				ImportStateVerify: true,
			},
			{
				// An import ID in other letter case imports Atlas's spelling:
				// a reference to username never gives one nobody uses.
				ResourceName:  resourceName,
				ImportState:   true,
				ImportStateId: e.OrgID + "/" + strings.ToUpper(username),
				ImportStateCheck: func(states []*terraform.InstanceState) error {
					if len(states) != 1 || states[0].Attributes["username"] != username || states[0].Attributes["id"] != e.OrgID+"/"+username {
						return fmt.Errorf("imported %+v; want username %s and id %s/%s, Atlas's spelling", states, username, e.OrgID, username)
					}
					return nil
				},
			},
			{
				// A letter-case change of the address is no change.
				Config: orgUserConfig(e, "Ann.Invitee@example.com", "ORG_READ_ONLY", "ORG_BILLING_ADMIN"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}

// A member of the organization is never taken over, even when the
// provider's own request was dropped and retried or its answer lost: the
// apply fails naming their status and roles, keeps nothing in state, and
// their membership is intact.
func TestAccOrgUser_activeMemberIsNeverTakenOver(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.RequireSim(t)
	users, err := orgUsersNamed(e, e.OrgMember)
	if err != nil || len(users) != 1 || users[0].OrgMembershipStatus != client.UserStatusActive {
		t.Fatalf("fixture member %s: %+v, %v; want one ACTIVE user", e.OrgMember, users, err)
	}
	roles := users[0].Roles.OrgRoles
	slices.Sort(roles)
	for _, faults := range []string{"", "reset@POST=1#1", "lost@POST=1#1"} {
		t.Run("faults="+faults, func(t *testing.T) {
			if err := e.Sim.SetFaults(faults); err != nil {
				t.Fatal(err)
			}
			e.Run(t, resource.TestCase{
				Steps: []resource.TestStep{
					{
						Config: orgUserConfig(e, e.OrgMember, roles...),
						ExpectError: acctest.Diagnostic("User Already in Organization", "is already ACTIVE in organization "+e.OrgID,
							"user ID "+users[0].ID, "organization roles "+strings.Join(roles, ", "), "will not take them over", "terraform import atlasaccess_org_user.<name> "+e.OrgID+"/"+e.OrgMember),
					},
					{Config: e.Config("\n"), PlanOnly: true},
				},
			})
			if err := expectOrgRoles(e, e.OrgMember, roles...); err != nil {
				t.Error(err)
			}
		})
	}
}

// A lost answer to the invitation: the provider finds the PENDING
// invitation it sent, with exactly its roles, and adopts it; Atlas holds
// one invitation, not two.
func TestAccOrgUser_lostAnswerAdoptsItsOwnInvitation(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.RequireSim(t)
	const username = "lost.answer@example.com"
	e.Run(t, resource.TestCase{
		CheckDestroy: checkNotInOrg(e, username),
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					if err := e.Sim.SetFaults("lost@POST=1#1"); err != nil {
						t.Fatal(err)
					}
				},
				Config: orgUserConfig(e, username, "ORG_MEMBER"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("status"), knownvalue.StringExact("PENDING")),
				},
				Check: func(*terraform.State) error { return expectOrgRoles(e, username, "ORG_MEMBER") },
			},
		},
	})
}

// Someone else's invitation, sent before this apply with other roles, is
// not adopted even after a lost answer: the apply fails, and the
// invitation is untouched.
func TestAccOrgUser_lostAnswerDoesNotAdoptSomeoneElsesInvitation(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.RequireSim(t)
	const username = "someone.elses@example.com"
	if _, err := e.Client.CreateOrgUser(context.Background(), e.OrgID, client.CreateOrgUserRequest{Username: username, Roles: client.OrgUserRoles{OrgRoles: []string{"ORG_OWNER"}}}); err != nil {
		t.Fatal(err)
	}
	e.Run(t, resource.TestCase{
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					if err := e.Sim.SetFaults("lost@POST=1#1"); err != nil {
						t.Fatal(err)
					}
				},
				Config:      orgUserConfig(e, username, "ORG_MEMBER"),
				ExpectError: acctest.Diagnostic("User Already in Organization", "is already PENDING", "ORG_OWNER", "terraform import"),
			},
			{Config: e.Config("\n"), PlanOnly: true},
		},
	})
	if err := expectOrgRoles(e, username, "ORG_OWNER"); err != nil {
		t.Error(err)
	}
}

// Every invalid input of atlasaccess_org_user fails at plan, naming the
// attribute and the allowed form, and nothing reaches Atlas.
func TestAccOrgUser_badInput(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	s := acctest.OrgUserInvalidInputs
	failures := make(map[string]acctest.PlanFailure, len(s.Cases))
	for _, c := range s.Cases {
		failures[c.Name] = acctest.PlanFailure{Config: e.Config(s.Config(e.OrgID, c)), Want: acctest.Diagnostic(c.Want...)}
	}
	e.TestPlanFailures(t, failures)
}

// An invitation that expires gives no access: the refresh drops it from
// state, and the next apply invites the person again, with a new user ID.
func TestAccOrgUser_expiredInvitationIsSentAgain(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.RequireSim(t)
	const username = "late.reader@example.com"
	var firstID string
	e.Run(t, resource.TestCase{
		CheckDestroy: checkNotInOrg(e, username),
		Steps: []resource.TestStep{
			{
				Config: orgUserConfig(e, username, "ORG_MEMBER"),
				Check:  acctest.RecordAttribute(resourceName, "user_id", &firstID),
			},
			{
				PreConfig: func() {
					if err := e.Sim.ExpireInvitation(username); err != nil {
						t.Fatal(err)
					}
				},
				Config: orgUserConfig(e, username, "ORG_MEMBER"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionCreate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("status"), knownvalue.StringExact("PENDING")),
				},
				Check: func(s *terraform.State) error {
					if got := acctest.Attribute(s, resourceName, "user_id"); got == firstID {
						return fmt.Errorf("user_id %s unchanged: the expired invitation was not replaced", got)
					}
					return nil
				},
			},
		},
	})
}

// TestAccOrgUser_importOfAnUnknownPersonSaysWhereToLook: an import of an
// email nobody holds in the organization leads with "Cannot import" and
// points to the data source that lists the organization's people.
func TestAccOrgUser_importOfAnUnknownPersonSaysWhereToLook(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.RequireSim(t)
	const username = "nobody.here@example.com"
	e.Run(t, resource.TestCase{
		Steps: []resource.TestStep{{
			Config:        orgUserConfig(e, username, "ORG_MEMBER"),
			ResourceName:  resourceName,
			ImportState:   true,
			ImportStateId: e.OrgID + "/" + username,
			ExpectError: acctest.Diagnostic("Organization User Not Found", "Cannot import atlasaccess_org_user "+e.OrgID+"/"+username,
				"no active or invited user", "atlasaccess_org_users data source"),
		}},
	})
}
