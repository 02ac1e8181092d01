package projectserviceaccountassignment_test

import (
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/acctest"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/atlassim"
)

// inviteExistingBehaviours are the plausible answers of Atlas to :invite of
// an account already in the project, which the spec does not give.
var inviteExistingBehaviours = []atlassim.InviteExistingAccount{atlassim.InviteExistingConflict, atlassim.InviteExistingUpdatesRoles}

// TestAccProjectServiceAccountAssignment_alreadyAssignedUnderEveryInviteAnswer:
// whatever :invite answers for a member, the provider never sends it for an
// account it found in the project, so the roles someone else gave it stay.
func TestAccProjectServiceAccountAssignment_alreadyAssignedUnderEveryInviteAnswer(t *testing.T) {
	t.Parallel()
	for _, behaviour := range inviteExistingBehaviours {
		t.Run(string(behaviour), func(t *testing.T) {
			t.Parallel()
			e := acctest.New(t, func(o *atlassim.Options) { o.InviteExistingAccount = behaviour })
			e.RequireSim(t)
			sa := createAccount(t, e, "home", "GROUP_READ_ONLY")
			e.Run(t, resource.TestCase{Steps: []resource.TestStep{{
				Config:      assignmentConfig(e, e.ProjectID, sa.ClientID, []string{"GROUP_OWNER"}),
				ExpectError: regexp.MustCompile(`(?s)Service Account Already Assigned to Project.*terraform import`),
			}}})
			for _, r := range e.Sim.Requests() {
				if strings.HasSuffix(r.Path, ":invite") {
					t.Errorf("an assigned account was assigned again: %s %s %d", r.Method, r.Path, r.Status)
				}
			}
			if err := expectRoles(e, e.ProjectID, sa.ClientID, "GROUP_READ_ONLY"); err != nil {
				t.Error(err)
			}
		})
	}
}

// TestAccProjectServiceAccountAssignment_lostInviteAnswerUnderEveryInviteAnswer:
// the retry of a lost :invite meets the assignment the lost request made; a
// 409 is resolved by reading it, a 200 is the assignment itself. Either way
// the state holds the requested roles.
func TestAccProjectServiceAccountAssignment_lostInviteAnswerUnderEveryInviteAnswer(t *testing.T) {
	t.Parallel()
	for _, behaviour := range inviteExistingBehaviours {
		t.Run(string(behaviour), func(t *testing.T) {
			t.Parallel()
			e := acctest.New(t, func(o *atlassim.Options) { o.InviteExistingAccount = behaviour })
			e.RequireSim(t)
			sa := createAccount(t, e, "unlucky", "GROUP_READ_ONLY")
			config := interceptInvite(t, e, func(_ http.ResponseWriter, r *http.Request) bool {
				e.Sim.ServeHTTP(httptest.NewRecorder(), r)
				panic(http.ErrAbortHandler)
			})
			e.Run(t, resource.TestCase{
				CheckDestroy: func(*terraform.State) error { return e.ExpectNotInProject(e.Project2ID, sa.ClientID) },
				Steps: []resource.TestStep{{
					Config: config(assignmentBody(e.Project2ID, sa.ClientID, []string{"GROUP_CLUSTER_MANAGER"})),
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("roles"), acctest.StringSet("GROUP_CLUSTER_MANAGER")),
					},
					Check: func(*terraform.State) error {
						return expectRoles(e, e.Project2ID, sa.ClientID, "GROUP_CLUSTER_MANAGER")
					},
				}},
			})
		})
	}
}

// TestAccProjectServiceAccountAssignment_concurrentAssignmentUnderEveryInviteAnswer:
// someone else assigns the account between the provider's check and its
// :invite. With a 409 the provider reports it and leaves the other roles.
// With a 200 that replaces roles, Atlas's answer gives no sign of the other
// assignment, which the :invite has already overwritten: no client can tell
// (Atlas has no conditional :invite). Then the apply succeeds and state
// matches what Atlas holds, so nothing drifts; the docs name the window.
func TestAccProjectServiceAccountAssignment_concurrentAssignmentUnderEveryInviteAnswer(t *testing.T) {
	t.Parallel()
	for _, behaviour := range inviteExistingBehaviours {
		t.Run(string(behaviour), func(t *testing.T) {
			t.Parallel()
			e := acctest.New(t, func(o *atlassim.Options) { o.InviteExistingAccount = behaviour })
			e.RequireSim(t)
			sa := createAccount(t, e, "contested", "GROUP_READ_ONLY")
			config := interceptInvite(t, e, assignedMeanwhile(t, e, sa.ClientID, "GROUP_OWNER"))
			body := assignmentBody(e.Project2ID, sa.ClientID, []string{"GROUP_CLUSTER_MANAGER"})
			if behaviour == atlassim.InviteExistingUpdatesRoles {
				e.Run(t, resource.TestCase{Steps: []resource.TestStep{
					{
						Config: config(body),
						ConfigStateChecks: []statecheck.StateCheck{
							statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("roles"), acctest.StringSet("GROUP_CLUSTER_MANAGER")),
						},
						Check: func(*terraform.State) error {
							return expectRoles(e, e.Project2ID, sa.ClientID, "GROUP_CLUSTER_MANAGER")
						},
					},
					{Config: config(body), PlanOnly: true},
				}})
				return
			}
			e.Run(t, resource.TestCase{Steps: []resource.TestStep{{
				Config:      config(body),
				ExpectError: regexp.MustCompile(`(?s)Service Account Already Assigned to Project.*roles\s+GROUP_OWNER`),
			}}})
			if err := expectRoles(e, e.Project2ID, sa.ClientID, "GROUP_OWNER"); err != nil {
				t.Error(err)
			}
		})
	}
}
