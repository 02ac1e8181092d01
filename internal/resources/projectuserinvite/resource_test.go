package projectuserinvite_test

import (
	"context"
	"fmt"
	"net/http"
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
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/atlassim"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

const resourceName = "atlasaccess_project_user_invite.test"

var (
	userIDRegexp = regexp.MustCompile(`^[a-f0-9]{24}$`)
	allStatuses  = []string{"PENDING", "ACTIVE", "INVITATION_EXPIRED", "INVITATION_REJECTED"}
)

func inviteConfig(e *acctest.Env, username string, roles []string) string {
	return e.Config(acctest.Resource(acctest.UserInviteType, "test", acctest.Attrs{"project_id": e.ProjectID, "username": username, "roles": roles}))
}

// checkProjectHasNoUsers proves destroy removed every user, in every status,
// from the test project.
func checkProjectHasNoUsers(e *acctest.Env) resource.TestCheckFunc {
	return func(*terraform.State) error {
		users, err := e.Client.ListProjectUsers(context.Background(), e.ProjectID, client.ListProjectUsersOptions{Statuses: allStatuses})
		if err != nil {
			return err
		}
		if len(users) != 0 {
			return fmt.Errorf("after destroy, project %s still has %d users, first %s (%s)", e.ProjectID, len(users), users[0].Username, users[0].OrgMembershipStatus)
		}
		return nil
	}
}

func TestAccProjectUserInvite_invitationAcceptedWithoutDiff(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.RequireSim(t)
	const username = "ann.invitee@example.com"
	var userID string
	e.Run(t, resource.TestCase{
		CheckDestroy: checkProjectHasNoUsers(e),
		Steps: []resource.TestStep{
			{
				Config: inviteConfig(e, username, []string{"GROUP_READ_ONLY"}),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionCreate),
						// id is project_id/username, so other resources can use it at plan time.
						plancheck.ExpectKnownValue(resourceName, tfjsonpath.New("id"), knownvalue.StringExact(e.ProjectID+"/"+username)),
						plancheck.ExpectUnknownValue(resourceName, tfjsonpath.New("user_id")),
						plancheck.ExpectUnknownValue(resourceName, tfjsonpath.New("status")),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("id"), knownvalue.StringExact(e.ProjectID+"/"+username)),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("project_id"), knownvalue.StringExact(e.ProjectID)),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("username"), knownvalue.StringExact(username)),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("roles"), acctest.StringSet("GROUP_READ_ONLY")),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("user_id"), knownvalue.StringRegexp(userIDRegexp)),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("status"), knownvalue.StringExact("PENDING")),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("invitation_created_at"), knownvalue.StringRegexp(acctest.RFC3339Regexp)),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("invitation_expires_at"), knownvalue.StringRegexp(acctest.RFC3339Regexp)),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("inviter_username"), knownvalue.NotNull()),
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
				Config: inviteConfig(e, username, []string{"GROUP_READ_ONLY"}),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("status"), knownvalue.StringExact("ACTIVE")),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("invitation_created_at"), knownvalue.Null()),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("invitation_expires_at"), knownvalue.Null()),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("inviter_username"), knownvalue.Null()),
				},
				Check: func(s *terraform.State) error {
					if got := acctest.Attribute(s, resourceName, "user_id"); got != userID {
						return fmt.Errorf("user_id changed from %s to %s on acceptance", userID, got)
					}
					return nil
				},
			},
		},
	})
}

func TestAccProjectUserInvite_orgMemberIsActiveAtOnce(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.Run(t, resource.TestCase{
		CheckDestroy: checkProjectHasNoUsers(e),
		Steps: []resource.TestStep{{
			Config: inviteConfig(e, e.OrgMember, []string{"GROUP_READ_ONLY", "GROUP_CLUSTER_MANAGER"}),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("status"), knownvalue.StringExact("ACTIVE")),
				statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("user_id"), knownvalue.StringRegexp(userIDRegexp)),
				statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("roles"), acctest.StringSet("GROUP_CLUSTER_MANAGER", "GROUP_READ_ONLY")),
				statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("invitation_created_at"), knownvalue.Null()),
				statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("invitation_expires_at"), knownvalue.Null()),
				statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("inviter_username"), knownvalue.Null()),
			},
		}},
	})
}

// roleRequests returns the :addRole and :removeRole requests since mark, in order.
func roleRequests(e *acctest.Env, mark int) []atlassim.RequestRecord {
	var out []atlassim.RequestRecord
	for _, r := range e.Sim.Requests()[mark:] {
		if strings.HasSuffix(r.Path, ":addRole") || strings.HasSuffix(r.Path, ":removeRole") {
			out = append(out, r)
		}
	}
	return out
}

// checkAddsBeforeRemoves proves a role change added every new role before
// removing any old one, so the user never held zero roles.
func checkAddsBeforeRemoves(e *acctest.Env, mark *int, wantAdds, wantRemoves int) resource.TestCheckFunc {
	return func(*terraform.State) error {
		reqs := roleRequests(e, *mark)
		var adds, removes int
		var order []string
		for _, r := range reqs {
			if r.Status != 200 {
				return fmt.Errorf("%s %s answered %d", r.Method, r.Path, r.Status)
			}
			if strings.HasSuffix(r.Path, ":addRole") {
				if removes > 0 {
					return fmt.Errorf("an :addRole came after a :removeRole; order was %v", order)
				}
				adds++
				order = append(order, "add")
			} else {
				removes++
				order = append(order, "remove")
			}
		}
		if adds != wantAdds || removes != wantRemoves {
			return fmt.Errorf("got %d :addRole and %d :removeRole requests (order %v), want %d and %d", adds, removes, order, wantAdds, wantRemoves)
		}
		return nil
	}
}

func TestAccProjectUserInvite_rolesUpdateInPlaceAddsBeforeRemoving(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.RequireSim(t)
	const username = "role.changer@example.com"
	var userID string
	var mark int
	sameUser := func(s *terraform.State) error {
		if got := acctest.Attribute(s, resourceName, "user_id"); got != userID {
			return fmt.Errorf("user_id changed from %s to %s: the user was replaced instead of updated", userID, got)
		}
		return nil
	}
	e.Run(t, resource.TestCase{
		CheckDestroy: checkProjectHasNoUsers(e),
		Steps: []resource.TestStep{
			{
				Config: inviteConfig(e, username, []string{"GROUP_READ_ONLY"}),
				Check:  acctest.RecordAttribute(resourceName, "user_id", &userID),
			},
			{
				// {A} -> {B}: Atlas refuses to remove a user's only role, so B must come first.
				PreConfig: func() { mark = len(e.Sim.Requests()) },
				Config:    inviteConfig(e, username, []string{"GROUP_CLUSTER_MANAGER"}),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("roles"), acctest.StringSet("GROUP_CLUSTER_MANAGER")),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("status"), knownvalue.StringExact("PENDING")),
				},
				Check: resource.ComposeAggregateTestCheckFunc(sameUser, checkAddsBeforeRemoves(e, &mark, 1, 1)),
			},
			{
				// {B} -> {C, D}: two additions, then one removal.
				PreConfig: func() { mark = len(e.Sim.Requests()) },
				Config:    inviteConfig(e, username, []string{"GROUP_DATA_ACCESS_READ_ONLY", "GROUP_SEARCH_INDEX_EDITOR"}),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("roles"), acctest.StringSet("GROUP_DATA_ACCESS_READ_ONLY", "GROUP_SEARCH_INDEX_EDITOR")),
				},
				Check: resource.ComposeAggregateTestCheckFunc(sameUser, checkAddsBeforeRemoves(e, &mark, 2, 1)),
			},
			{
				// {C, D} -> {D}: a removal only.
				PreConfig: func() { mark = len(e.Sim.Requests()) },
				Config:    inviteConfig(e, username, []string{"GROUP_SEARCH_INDEX_EDITOR"}),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("roles"), acctest.StringSet("GROUP_SEARCH_INDEX_EDITOR")),
				},
				Check: resource.ComposeAggregateTestCheckFunc(sameUser, checkAddsBeforeRemoves(e, &mark, 0, 1)),
			},
		},
	})
}

func TestAccProjectUserInvite_staleInvitationIsReplaced(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		status  string
		make    func(*atlassim.Server, string) error
		expires resource.TestCheckFunc
	}{
		"expired":  {"INVITATION_EXPIRED", (*atlassim.Server).ExpireInvitation, resource.TestMatchResourceAttr(resourceName, "invitation_expires_at", acctest.RFC3339Regexp)},
		"rejected": {"INVITATION_REJECTED", (*atlassim.Server).RejectInvitation, resource.TestCheckNoResourceAttr(resourceName, "invitation_expires_at")},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			e := acctest.New(t)
			e.RequireSim(t)
			username := "stale." + name + "@example.com"
			var userID string
			e.Run(t, resource.TestCase{
				CheckDestroy: checkProjectHasNoUsers(e),
				Steps: []resource.TestStep{
					{
						Config: inviteConfig(e, username, []string{"GROUP_READ_ONLY"}),
						Check:  acctest.RecordAttribute(resourceName, "user_id", &userID),
					},
					{
						// The refresh records the stale status; the plan is then not empty.
						PreConfig: func() {
							if err := tc.make(e.Sim, username); err != nil {
								t.Fatalf("making the invitation %s: %v", name, err)
							}
						},
						RefreshState:       true,
						ExpectNonEmptyPlan: true,
						Check: resource.ComposeAggregateTestCheckFunc(
							resource.TestCheckResourceAttr(resourceName, "status", tc.status),
							resource.TestCheckResourceAttrPtr(resourceName, "user_id", &userID),
							tc.expires,
						),
					},
					{
						// The plan replaces the resource because of status, and the apply sends a new invitation.
						Config: inviteConfig(e, username, []string{"GROUP_READ_ONLY"}),
						ConfigPlanChecks: resource.ConfigPlanChecks{
							PreApply: []plancheck.PlanCheck{
								plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionDestroyBeforeCreate),
								plancheck.ExpectUnknownValue(resourceName, tfjsonpath.New("status")),
								plancheck.ExpectUnknownValue(resourceName, tfjsonpath.New("user_id")),
							},
						},
						ConfigStateChecks: []statecheck.StateCheck{
							statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("status"), knownvalue.StringExact("PENDING")),
							statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("invitation_expires_at"), knownvalue.StringRegexp(acctest.RFC3339Regexp)),
						},
						Check: func(s *terraform.State) error {
							got := acctest.Attribute(s, resourceName, "user_id")
							if got == userID || got == "" {
								return fmt.Errorf("expected a new invitation with a new user_id, got %q (was %s)", got, userID)
							}
							u, err := e.Client.GetProjectUser(context.Background(), e.ProjectID, got)
							if err != nil {
								return fmt.Errorf("reading the new invitation: %w", err)
							}
							if u.OrgMembershipStatus != "PENDING" {
								return fmt.Errorf("the new invitation is %s in Atlas, want PENDING", u.OrgMembershipStatus)
							}
							return nil
						},
					},
				},
			})
		})
	}
}

func TestAccProjectUserInvite_usernameCaseNeverDiffs(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.RequireSim(t)
	twoUsers := func(invitee, member string) string {
		user := func(label, username string) string {
			return acctest.Resource(acctest.UserInviteType, label, acctest.Attrs{"project_id": e.ProjectID, "username": username, "roles": []string{"GROUP_READ_ONLY"}})
		}
		return e.Config(user("invitee", invitee) + user("member", member))
	}
	// Atlas knows the org member by the lowercase spelling; the configuration
	// shouts it. The state keeps the configuration's spelling.
	memberUpper := strings.ToUpper(e.OrgMember)
	var writes int
	e.Run(t, resource.TestCase{
		CheckDestroy: checkProjectHasNoUsers(e),
		Steps: []resource.TestStep{
			{
				Config: twoUsers("Casey.Jones@Example.com", memberUpper),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("atlasaccess_project_user_invite.invitee", tfjsonpath.New("username"), knownvalue.StringExact("Casey.Jones@Example.com")),
					statecheck.ExpectKnownValue("atlasaccess_project_user_invite.member", tfjsonpath.New("username"), knownvalue.StringExact(memberUpper)),
					statecheck.ExpectKnownValue("atlasaccess_project_user_invite.member", tfjsonpath.New("status"), knownvalue.StringExact("ACTIVE")),
				},
				Check: func(*terraform.State) error {
					u, err := e.Client.ListProjectUsers(context.Background(), e.ProjectID, client.ListProjectUsersOptions{Username: e.OrgMember})
					if err != nil {
						return err
					}
					if len(u) != 1 || u[0].Username != e.OrgMember {
						return fmt.Errorf("precondition: Atlas should spell the member %s, got %+v", e.OrgMember, u)
					}
					return nil
				},
			},
			{
				// Only the letter case changes: no diff, no replacement, no request that writes.
				PreConfig: func() { writes = len(e.WriteRequests()) },
				Config:    twoUsers("casey.jones@EXAMPLE.COM", strings.ToLower(e.OrgMember)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("atlasaccess_project_user_invite.invitee", tfjsonpath.New("username"), knownvalue.StringExact("Casey.Jones@Example.com")),
				},
				Check: func(*terraform.State) error {
					if w := e.WriteRequests()[writes:]; len(w) != 0 {
						return fmt.Errorf("a case-only change sent %d write requests, first %s %s", len(w), w[0].Method, w[0].Path)
					}
					return nil
				},
			},
			{
				// A different address is a different person: replaced.
				Config: twoUsers("casey.smith@example.com", strings.ToLower(e.OrgMember)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("atlasaccess_project_user_invite.invitee", plancheck.ResourceActionDestroyBeforeCreate),
						plancheck.ExpectResourceAction("atlasaccess_project_user_invite.member", plancheck.ResourceActionNoop),
					},
				},
			},
		},
	})
}

func TestAccProjectUserInvite_importByUsernameAndUserID(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	const username = "imported.person@example.com"
	config := inviteConfig(e, username, []string{"GROUP_READ_ONLY", "GROUP_BACKUP_MANAGER"})
	byUsername := func(*terraform.State) (string, error) { return e.ProjectID + "/" + username, nil }
	byUserID := func(s *terraform.State) (string, error) {
		return e.ProjectID + "/" + acctest.Attribute(s, resourceName, "user_id"), nil
	}
	e.Run(t, resource.TestCase{
		Steps: []resource.TestStep{
			{Config: config},
			{
				ResourceName:      resourceName,
				ImportState:       true,
				ImportStateIdFunc: byUsername,
				ImportStateVerify: true,
			},
			{
				ResourceName:      resourceName,
				ImportState:       true,
				ImportStateIdFunc: byUserID,
				ImportStateVerify: true,
			},
			{
				// Plannable import by username: with the matching configuration the plan is empty.
				Config:            config,
				ResourceName:      resourceName,
				ImportState:       true,
				ImportStateKind:   resource.ImportBlockWithID,
				ImportStateIdFunc: byUsername,
			},
			{
				// The same by user ID.
				Config:            config,
				ResourceName:      resourceName,
				ImportState:       true,
				ImportStateKind:   resource.ImportBlockWithID,
				ImportStateIdFunc: byUserID,
			},
			{
				// An import ID that spells the address differently still plans nothing.
				Config:          config,
				ResourceName:    resourceName,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
				ImportStateId:   e.ProjectID + "/" + strings.ToUpper(username),
			},
		},
	})
}

func TestAccProjectUserInvite_importRejectsMalformedOrUnknownID(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	config := inviteConfig(e, "someone@example.com", []string{"GROUP_READ_ONLY"})
	cases := map[string]struct {
		id   string
		want *regexp.Regexp
	}{
		"project only":       {e.ProjectID, acctest.Diagnostic("Invalid Import ID", "project_id/username", "project_id/user_id")},
		"not an email or id": {e.ProjectID + "/someone", acctest.Diagnostic(`"someone" is neither an email address nor a user ID`, "project_id/username", "project_id/user_id")},
		"bad project ID":     {"not-a-project/someone@example.com", acctest.Diagnostic(`project_id "not-a-project" must be 24 lowercase hexadecimal digits`)},
		"bad email":          {e.ProjectID + "/some one@example.com", acctest.Diagnostic(`username "some one@example.com" is not an email address`)},
		"unknown username":   {e.ProjectID + "/nobody@example.com", acctest.Diagnostic("Project User Not Found", "has no user nobody@example.com", "project_id/user_id")},
		"unknown user ID":    {e.ProjectID + "/0123456789abcdef01234567", acctest.Diagnostic("Project User Not Found", "has no user with ID 0123456789abcdef01234567")},
	}
	steps := make([]resource.TestStep, 0, len(cases))
	for name, tc := range cases {
		steps = append(steps, resource.TestStep{
			PreConfig:     func() { t.Logf("import ID case: %s", name) },
			Config:        config,
			ResourceName:  resourceName,
			ImportState:   true,
			ImportStateId: tc.id,
			ExpectError:   tc.want,
		})
	}
	e.Run(t, resource.TestCase{Steps: steps})
}

func TestAccProjectUserInvite_existingUserFailsWithImportCommand(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	const username = "already.there@example.com"
	if _, err := e.Client.AddProjectUser(context.Background(), e.ProjectID, client.AddProjectUserRequest{Username: username, Roles: []string{"GROUP_OWNER"}}); err != nil {
		t.Fatalf("adding the user out of band: %v", err)
	}
	t.Cleanup(func() {
		u, err := e.Client.ListProjectUsers(context.Background(), e.ProjectID, client.ListProjectUsersOptions{Username: username})
		if err == nil && len(u) == 1 {
			_ = e.Client.RemoveProjectUser(context.Background(), e.ProjectID, u[0].ID)
		}
	})
	e.Run(t, resource.TestCase{
		Steps: []resource.TestStep{{
			Config: inviteConfig(e, username, []string{"GROUP_READ_ONLY"}),
			ExpectError: acctest.Diagnostic("User Already in Project", "already.there@example.com is already PENDING in project "+e.ProjectID,
				"terraform import atlasaccess_project_user_invite.<name> "+e.ProjectID+"/"+username,
				"import {", `id = "`+e.ProjectID+"/"+username+`"`),
		}},
	})
}

func TestAccProjectUserInvite_driftOutsideTerraform(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	ctx := context.Background()
	const username = "drifty@example.com"
	var userID string
	e.Run(t, resource.TestCase{
		CheckDestroy: checkProjectHasNoUsers(e),
		Steps: []resource.TestStep{
			{
				Config: inviteConfig(e, username, []string{"GROUP_READ_ONLY"}),
				Check:  acctest.RecordAttribute(resourceName, "user_id", &userID),
			},
			{
				// A role granted by hand is taken away again, in place.
				PreConfig: func() {
					if _, err := e.Client.AddProjectUserRole(ctx, e.ProjectID, userID, "GROUP_OWNER"); err != nil {
						t.Fatalf("out-of-band role: %v", err)
					}
				},
				Config: inviteConfig(e, username, []string{"GROUP_READ_ONLY"}),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("roles"), acctest.StringSet("GROUP_READ_ONLY")),
				},
			},
			{
				// Removed by hand: dropped from state with a warning, and invited again.
				PreConfig: func() {
					if err := e.Client.RemoveProjectUser(ctx, e.ProjectID, userID); err != nil {
						t.Fatalf("out-of-band removal: %v", err)
					}
				},
				Config: inviteConfig(e, username, []string{"GROUP_READ_ONLY"}),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionCreate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("status"), knownvalue.StringExact("PENDING")),
				},
				Check: func(s *terraform.State) error {
					if got := acctest.Attribute(s, resourceName, "user_id"); got == "" || got == userID {
						return fmt.Errorf("expected a new invitation, got user_id %q", got)
					}
					return nil
				},
			},
		},
	})
}

func TestAccProjectUserInvite_thirtyInvitesInOneApplyUnderInvitationLimit(t *testing.T) {
	t.Parallel()
	// Atlas allows about 10 invitations a minute per IP address. The same
	// limit over a 2-second window keeps the test short while forcing the
	// apply to hit it and wait twice.
	e := acctest.New(t, func(o *atlassim.Options) {
		o.InviteRateLimit = 10
		o.InviteRateWindow = 2 * time.Second
	})
	e.RequireSim(t)
	const people = 30
	config := e.Config(fmt.Sprintf(`
locals {
  team = { for i in range(%d) : format("person%%02d@example.com", i) => ["GROUP_READ_ONLY"] }
}

resource "atlasaccess_project_user_invite" "team" {
  for_each   = local.team
  project_id = %q
  username   = each.key
  roles      = each.value
}
`, people, e.ProjectID))
	// terraform-plugin-testing cannot shim for_each instances into the legacy
	// state that Check, CheckDestroy and its final destroy read: so the checks
	// are state checks, and a last step removes the resources from the
	// configuration (which destroys them) before the harness looks.
	e.Run(t, resource.TestCase{
		Steps: []resource.TestStep{{
			Config: config,
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(`atlasaccess_project_user_invite.team["person29@example.com"]`, tfjsonpath.New("status"), knownvalue.StringExact("PENDING")),
				stateCheckFunc(func() error {
					users, err := e.Client.ListProjectUsers(context.Background(), e.ProjectID, client.ListProjectUsersOptions{})
					if err != nil {
						return err
					}
					if len(users) != people {
						return fmt.Errorf("project has %d users after the apply, want %d", len(users), people)
					}
					var created, limited int
					for _, r := range e.Sim.Requests() {
						if r.Method != http.MethodPost || !strings.HasSuffix(r.Path, "/groups/"+e.ProjectID+"/users") {
							continue
						}
						switch r.Status {
						case 201:
							created++
						case 400:
							limited++
						default:
							return fmt.Errorf("POST %s answered %d", r.Path, r.Status)
						}
					}
					if created != people {
						return fmt.Errorf("%d invitations answered 201, want %d", created, people)
					}
					if limited == 0 {
						return fmt.Errorf("no invitation was refused by the limit: the test did not exercise the retry")
					}
					t.Logf("%d invitations, %d refusals by the invitation limit retried", created, limited)
					return nil
				}),
			},
		}, {
			Config: e.Config(""),
		}},
	})
	if err := checkProjectHasNoUsers(e)(nil); err != nil {
		t.Error(err)
	}
}

// stateCheckFunc adapts a function to statecheck.StateCheck, for checks
// that look at Atlas rather than at the state.
type stateCheckFunc func() error

func (f stateCheckFunc) CheckState(_ context.Context, _ statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	resp.Error = f()
}

func TestAccProjectUserInvite_invalidInputFailsAtPlanWithoutRequests(t *testing.T) {
	t.Parallel()
	acctest.New(t).TestInvalidInputs(t, acctest.UserInviteInvalidInputs)
}
