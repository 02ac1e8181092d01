package projectserviceaccountassignment_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
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
	resourceName = "atlasaccess_project_service_account_assignment.test"
	accountName  = "atlasaccess_project_service_account.home"
)

// createAccount creates, outside Terraform, a service account in the first
// project of e, to be assigned to the second one. It is deleted from the
// organization when the test ends.
func createAccount(t *testing.T, e *acctest.Env, name string, roles ...string) *client.ServiceAccount {
	t.Helper()
	sa, err := e.Client.CreateProjectServiceAccount(context.Background(), e.ProjectID, client.CreateServiceAccountRequest{
		Name: name, Description: "Shared by several projects", Roles: roles, SecretExpiresAfterHours: 24,
	})
	if err != nil {
		t.Fatalf("creating service account %q outside Terraform: %v", name, err)
	}
	t.Cleanup(func() { _ = e.Client.DeleteOrgServiceAccount(context.Background(), e.OrgID, sa.ClientID) })
	return sa
}

func assignmentBody(projectID, clientID string, roles []string) string {
	return acctest.Resource(acctest.AssignmentType, "test", acctest.Attrs{"project_id": projectID, "client_id": clientID, "roles": roles})
}

func assignmentConfig(e *acctest.Env, projectID, clientID string, roles []string) string {
	return e.Config(assignmentBody(projectID, clientID, roles))
}

// accountBody is an account created in the first project of e.
func accountBody(e *acctest.Env, name string, roles []string) string {
	return acctest.Resource(acctest.ServiceAccountType, "home", acctest.Attrs{
		"project_id": e.ProjectID, "name": name, "description": "Deploys from CI", "roles": roles, "secret_expires_after_hours": 24,
	})
}

// combinedBody is an account created in the first project and assigned to the
// second one in the same configuration.
func combinedBody(e *acctest.Env, name string, homeRoles, assignedRoles []string) string {
	return accountBody(e, name, homeRoles) + acctest.Resource(acctest.AssignmentType, "test", acctest.Attrs{
		"project_id": e.Project2ID, "client_id": acctest.Expr(accountName + ".client_id"), "roles": assignedRoles,
	})
}

// expectRoles checks the roles Atlas reports for clientID in projectID.
func expectRoles(e *acctest.Env, projectID, clientID string, want ...string) error {
	sa, err := e.Client.GetProjectServiceAccount(context.Background(), projectID, clientID)
	if err != nil {
		return fmt.Errorf("service account %s in project %s: %w", clientID, projectID, err)
	}
	got := slices.Clone(sa.Roles)
	slices.Sort(got)
	want = slices.Clone(want)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		return fmt.Errorf("service account %s has roles %v in project %s, want %v", clientID, got, projectID, want)
	}
	return nil
}

// requestsSince returns the simulator requests made after the first n, as
// "METHOD path status" lines.
func requestsSince(e *acctest.Env, n int) []string {
	var out []string
	for _, r := range e.Sim.Requests()[n:] {
		out = append(out, fmt.Sprintf("%s %s %d", r.Method, r.Path, r.Status))
	}
	return out
}

func accountPath(projectID, clientID string) string {
	return "/api/atlas/v2/groups/" + projectID + "/serviceAccounts/" + clientID
}

// expectInvitedThenConflict checks that the provider sent exactly two
// :invite requests for clientID to projectID, the first answered 200 (the
// account was assigned) and the second 409 (it was in the project already).
func expectInvitedThenConflict(e *acctest.Env, projectID, clientID string) error {
	var invites []string
	for _, r := range requestsSince(e, 0) {
		if strings.Contains(r, ":invite") {
			invites = append(invites, r)
		}
	}
	path := accountPath(projectID, clientID) + ":invite"
	if want := []string{"POST " + path + " 200", "POST " + path + " 409"}; !slices.Equal(invites, want) {
		return fmt.Errorf("invites %q, want %q", invites, want)
	}
	return nil
}

// emptyStateStep proves that nothing was left in state: with no resource in
// the configuration, the plan is empty (a phantom would be planned for destroy).
func emptyStateStep(e *acctest.Env) resource.TestStep {
	return resource.TestStep{
		Config: e.Config("\n"),
		ConfigPlanChecks: resource.ConfigPlanChecks{
			PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
		},
	}
}

func TestAccProjectServiceAccountAssignment_lifecycle(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	sa := createAccount(t, e, "shared-deployer", "GROUP_READ_ONLY")
	clientID := sa.ClientID
	e.Run(t, resource.TestCase{
		// Destroy removes the assignment only: the account keeps its place
		// and roles in the project it was created in, and the organization.
		CheckDestroy: func(*terraform.State) error {
			if err := e.ExpectNotInProject(e.Project2ID, clientID); err != nil {
				return err
			}
			if err := expectRoles(e, e.ProjectID, clientID, "GROUP_READ_ONLY"); err != nil {
				return fmt.Errorf("destroying the assignment changed the account's first project: %w", err)
			}
			if _, err := e.Client.GetOrgServiceAccount(context.Background(), e.OrgID, clientID); err != nil {
				return fmt.Errorf("destroying the assignment deleted the account from the organization: %w", err)
			}
			return nil
		},
		Steps: []resource.TestStep{
			{
				Config: assignmentConfig(e, e.Project2ID, clientID, []string{"GROUP_READ_ONLY", "GROUP_CLUSTER_MANAGER"}),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionCreate),
						plancheck.ExpectUnknownValue(resourceName, tfjsonpath.New("name")),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("id"), knownvalue.StringExact(e.Project2ID+"/"+clientID)),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("project_id"), knownvalue.StringExact(e.Project2ID)),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("client_id"), knownvalue.StringExact(clientID)),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("roles"), acctest.StringSet("GROUP_CLUSTER_MANAGER", "GROUP_READ_ONLY")),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("name"), knownvalue.StringExact("shared-deployer")),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("description"), knownvalue.StringExact("Shared by several projects")),
				},
				Check: func(*terraform.State) error {
					if err := expectRoles(e, e.Project2ID, clientID, "GROUP_READ_ONLY", "GROUP_CLUSTER_MANAGER"); err != nil {
						return err
					}
					return expectRoles(e, e.ProjectID, clientID, "GROUP_READ_ONLY")
				},
			},
			{
				// Roles change in place, in the assigned project only.
				Config: assignmentConfig(e, e.Project2ID, clientID, []string{"GROUP_OWNER"}),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("roles"), acctest.StringSet("GROUP_OWNER")),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("name"), knownvalue.StringExact("shared-deployer")),
				},
				Check: func(*terraform.State) error {
					if err := expectRoles(e, e.Project2ID, clientID, "GROUP_OWNER"); err != nil {
						return err
					}
					return expectRoles(e, e.ProjectID, clientID, "GROUP_READ_ONLY")
				},
			},
			{
				ResourceName:      resourceName,
				ImportState:       true,
				ImportStateVerify: true,
			},
			{
				// Plannable import: with the matching configuration the plan is empty.
				Config:          assignmentConfig(e, e.Project2ID, clientID, []string{"GROUP_OWNER"}),
				ResourceName:    resourceName,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
			},
		},
	})
}

func TestAccProjectServiceAccountAssignment_withProjectServiceAccount(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	var clientID string
	e.Run(t, resource.TestCase{
		// The assignment is destroyed first (it references the account), so
		// the account resource then finds no other project and deletes the
		// account from the organization: no credential is left behind.
		CheckDestroy: func(*terraform.State) error {
			for _, p := range []string{e.ProjectID, e.Project2ID} {
				if err := e.ExpectNotInProject(p, clientID); err != nil {
					return err
				}
			}
			if _, err := e.Client.GetOrgServiceAccount(context.Background(), e.OrgID, clientID); !client.IsNotFound(err) {
				return fmt.Errorf("service account %s still in organization after destroy (err=%v)", clientID, err)
			}
			return nil
		},
		Steps: []resource.TestStep{
			{
				Config: e.Config(combinedBody(e, "ci-deployer", []string{"GROUP_READ_ONLY"}, []string{"GROUP_CLUSTER_MANAGER"})),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(accountName, plancheck.ResourceActionCreate),
						plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionCreate),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("project_id"), knownvalue.StringExact(e.Project2ID)),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("roles"), acctest.StringSet("GROUP_CLUSTER_MANAGER")),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("name"), knownvalue.StringExact("ci-deployer")),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("description"), knownvalue.StringExact("Deploys from CI")),
					statecheck.CompareValuePairs(resourceName, tfjsonpath.New("client_id"), accountName, tfjsonpath.New("client_id"), compare.ValuesSame()),
				},
				Check: func(s *terraform.State) error {
					clientID = acctest.Attribute(s, accountName, "client_id")
					if err := expectRoles(e, e.ProjectID, clientID, "GROUP_READ_ONLY"); err != nil {
						return err
					}
					return expectRoles(e, e.Project2ID, clientID, "GROUP_CLUSTER_MANAGER")
				},
			},
			{
				// Both change in one apply: the account is renamed and gets
				// new roles in its project, the assignment new roles in the
				// other. The assignment reports the new name.
				Config: e.Config(combinedBody(e, "ci-deployer-2", []string{"GROUP_OWNER"}, []string{"GROUP_READ_ONLY", "GROUP_BACKUP_MANAGER"})),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(accountName, plancheck.ResourceActionUpdate),
						plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionUpdate),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("roles"), acctest.StringSet("GROUP_BACKUP_MANAGER", "GROUP_READ_ONLY")),
					statecheck.ExpectKnownValue(accountName, tfjsonpath.New("roles"), acctest.StringSet("GROUP_OWNER")),
				},
				Check: func(*terraform.State) error {
					if err := expectRoles(e, e.ProjectID, clientID, "GROUP_OWNER"); err != nil {
						return err
					}
					return expectRoles(e, e.Project2ID, clientID, "GROUP_READ_ONLY", "GROUP_BACKUP_MANAGER")
				},
			},
			{
				// A role update cannot rename the account, so it keeps the
				// name the plan showed; the next refresh reports the new one,
				// with no change planned.
				RefreshState: true,
				Check:        resource.TestCheckResourceAttr(resourceName, "name", "ci-deployer-2"),
			},
			{
				Config:             e.Config(combinedBody(e, "ci-deployer-2", []string{"GROUP_OWNER"}, []string{"GROUP_READ_ONLY", "GROUP_BACKUP_MANAGER"})),
				PlanOnly:           true,
				ExpectNonEmptyPlan: false,
			},
		},
	})
}

func TestAccProjectServiceAccountAssignment_destroyAssignmentOnlyKeepsAccount(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.RequireSim(t)
	var clientID string
	var before int
	e.Run(t, resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config: e.Config(combinedBody(e, "kept", []string{"GROUP_READ_ONLY", "GROUP_CLUSTER_MANAGER"}, []string{"GROUP_OWNER"})),
				Check:  acctest.RecordAttribute(accountName, "client_id", &clientID),
			},
			{
				// The assignment block is removed: only the assignment goes.
				PreConfig: func() { before = len(e.Sim.Requests()) },
				Config:    e.Config(accountBody(e, "kept", []string{"GROUP_READ_ONLY", "GROUP_CLUSTER_MANAGER"})),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionDestroy),
						plancheck.ExpectResourceAction(accountName, plancheck.ResourceActionNoop),
					},
				},
				Check: func(*terraform.State) error {
					if err := e.ExpectNotInProject(e.Project2ID, clientID); err != nil {
						return err
					}
					if err := expectRoles(e, e.ProjectID, clientID, "GROUP_READ_ONLY", "GROUP_CLUSTER_MANAGER"); err != nil {
						return fmt.Errorf("removing the assignment changed the account's own project: %w", err)
					}
					if _, err := e.Client.GetOrgServiceAccount(context.Background(), e.OrgID, clientID); err != nil {
						return fmt.Errorf("removing the assignment deleted the account from the organization: %w", err)
					}
					var writes []string
					for _, r := range requestsSince(e, before) {
						if !strings.HasPrefix(r, "GET ") && !strings.HasPrefix(r, "POST /api/oauth/") {
							writes = append(writes, r)
						}
					}
					if want := []string{"DELETE " + accountPath(e.Project2ID, clientID) + " 204"}; !slices.Equal(writes, want) {
						return fmt.Errorf("removing the assignment sent %q, want exactly %q", writes, want)
					}
					return nil
				},
			},
		},
	})
}

func TestAccProjectServiceAccountAssignment_driftOutsideTerraform(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	sa := createAccount(t, e, "drifty", "GROUP_READ_ONLY")
	clientID := sa.ClientID
	ctx := context.Background()
	config := assignmentConfig(e, e.Project2ID, clientID, []string{"GROUP_READ_ONLY"})
	e.Run(t, resource.TestCase{
		Steps: []resource.TestStep{
			{Config: config},
			{
				// The account is renamed where it is managed: the assignment
				// only reports it, so the plan is empty and state follows.
				PreConfig: func() {
					name, desc := "renamed elsewhere", "changed elsewhere"
					if _, err := e.Client.UpdateProjectServiceAccount(ctx, e.ProjectID, clientID, client.UpdateServiceAccountRequest{Name: &name, Description: &desc}); err != nil {
						t.Fatalf("out-of-band rename: %v", err)
					}
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("name"), knownvalue.StringExact("renamed elsewhere")),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("description"), knownvalue.StringExact("changed elsewhere")),
				},
			},
			{
				// Roles changed in the Atlas UI: the plan puts them back in place.
				PreConfig: func() {
					if _, err := e.Client.UpdateProjectServiceAccount(ctx, e.Project2ID, clientID, client.UpdateServiceAccountRequest{Roles: []string{"GROUP_OWNER"}}); err != nil {
						t.Fatalf("out-of-band role change: %v", err)
					}
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("roles"), acctest.StringSet("GROUP_READ_ONLY")),
				},
				Check: func(*terraform.State) error { return expectRoles(e, e.Project2ID, clientID, "GROUP_READ_ONLY") },
			},
			{
				// The assignment is removed outside Terraform: it leaves state
				// with a warning, and the plan assigns the account again.
				PreConfig: func() {
					if err := e.Client.DeleteProjectServiceAccount(ctx, e.Project2ID, clientID); err != nil {
						t.Fatalf("out-of-band removal: %v", err)
					}
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionCreate)},
				},
				Check: func(*terraform.State) error { return expectRoles(e, e.Project2ID, clientID, "GROUP_READ_ONLY") },
			},
		},
	})
}

func TestAccProjectServiceAccountAssignment_alreadyAssignedShowsImport(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.RequireSim(t)
	sa := createAccount(t, e, "home", "GROUP_READ_ONLY")
	importID := regexp.QuoteMeta(e.ProjectID + "/" + sa.ClientID)
	e.Run(t, resource.TestCase{
		Steps: []resource.TestStep{
			{
				// The account is in this project already (it was created here).
				Config: assignmentConfig(e, e.ProjectID, sa.ClientID, []string{"GROUP_OWNER"}),
				ExpectError: regexp.MustCompile(`(?s)Service Account Already Assigned to Project.*already\s+assigned\s+to\s+project.*` +
					`terraform import\s+atlasaccess_project_service_account_assignment\.<name>\s+` + importID +
					`.*import \{\s+to = atlasaccess_project_service_account_assignment\.<name>\s+id = "` + importID + `"`),
			},
			emptyStateStep(e),
		},
	})
	// Nothing was changed: no :invite was sent and the roles are those the
	// account was created with.
	for _, r := range e.Sim.Requests() {
		if strings.HasSuffix(r.Path, ":invite") {
			t.Errorf("an already assigned account was assigned again: %s %s %d", r.Method, r.Path, r.Status)
		}
	}
	if err := expectRoles(e, e.ProjectID, sa.ClientID, "GROUP_READ_ONLY"); err != nil {
		t.Error(err)
	}
}

func TestAccProjectServiceAccountAssignment_unknownAccountFailsWithoutState(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	missing := acctest.GoodClientID
	e.Run(t, resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config: assignmentConfig(e, e.Project2ID, missing, []string{"GROUP_READ_ONLY"}),
				ExpectError: regexp.MustCompile(`(?s)Error Assigning Service Account to Project.*` + missing +
					`.*HTTP\s+404.*service\s+account\s+exists\s+in\s+the\s+project's\s+organization`),
			},
			emptyStateStep(e),
		},
	})
}

// interceptInvite serves e's simulator behind a server that hands the first
// :invite request to before and returns a provider configuration using it.
func interceptInvite(t *testing.T, e *acctest.Env, before func(w http.ResponseWriter, r *http.Request) bool) func(body string) string {
	t.Helper()
	var done atomic.Bool
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, ":invite") && done.CompareAndSwap(false, true) {
			if before(w, r) {
				return
			}
		}
		e.Sim.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	fx := e.Sim.Fixtures()
	provider := acctest.ProviderBlock(srv.URL, fx.ClientID, fx.ClientSecret)
	return func(body string) string { return provider + body }
}

// assignedMeanwhile is an interceptInvite hook for a concurrent assignment:
// someone else assigns clientID to the second project of e with roles, after
// the provider's check and before its own :invite, which then goes on.
func assignedMeanwhile(t *testing.T, e *acctest.Env, clientID string, roles ...string) func(http.ResponseWriter, *http.Request) bool {
	return func(http.ResponseWriter, *http.Request) bool {
		if _, err := e.Client.InviteProjectServiceAccount(context.Background(), e.Project2ID, clientID, roles); err != nil {
			t.Errorf("concurrent assignment: %v", err)
		}
		return false
	}
}

func TestAccProjectServiceAccountAssignment_lostInviteAnswerIsAdopted(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.RequireSim(t)
	sa := createAccount(t, e, "unlucky", "GROUP_READ_ONLY")
	// The first :invite assigns the account, but its answer never arrives:
	// the client's retry is answered 409, already in the project. The
	// assignment made by the lost request must end up in state, not in an
	// "already assigned" error.
	config := interceptInvite(t, e, func(_ http.ResponseWriter, r *http.Request) bool {
		e.Sim.ServeHTTP(httptest.NewRecorder(), r)
		panic(http.ErrAbortHandler)
	})
	e.Run(t, resource.TestCase{
		CheckDestroy: func(*terraform.State) error {
			return e.ExpectNotInProject(e.Project2ID, sa.ClientID)
		},
		Steps: []resource.TestStep{{
			Config: config(assignmentBody(e.Project2ID, sa.ClientID, []string{"GROUP_CLUSTER_MANAGER"})),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("roles"), acctest.StringSet("GROUP_CLUSTER_MANAGER")),
				statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("name"), knownvalue.StringExact("unlucky")),
			},
			Check: func(*terraform.State) error {
				if err := expectInvitedThenConflict(e, e.Project2ID, sa.ClientID); err != nil {
					return fmt.Errorf("%w: the lost answer was not exercised", err)
				}
				return expectRoles(e, e.Project2ID, sa.ClientID, "GROUP_CLUSTER_MANAGER")
			},
		}},
	})
}

func TestAccProjectServiceAccountAssignment_concurrentAssignmentIsReported(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.RequireSim(t)
	sa := createAccount(t, e, "contested", "GROUP_READ_ONLY")
	// Someone else assigns the account, with other roles, between the
	// provider's check and its :invite.
	config := interceptInvite(t, e, assignedMeanwhile(t, e, sa.ClientID, "GROUP_OWNER"))
	importID := regexp.QuoteMeta(e.Project2ID + "/" + sa.ClientID)
	e.Run(t, resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config: config(assignmentBody(e.Project2ID, sa.ClientID, []string{"GROUP_CLUSTER_MANAGER"})),
				ExpectError: regexp.MustCompile(`(?s)Service Account Already Assigned to Project.*roles\s+GROUP_OWNER.*` +
					`SERVICE_ACCOUNT_ALREADY_IN_GROUP.*terraform import\s+atlasaccess_project_service_account_assignment\.<name>\s+` + importID),
			},
			{
				Config: config("\n"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
	// The other assignment is left as it was.
	if err := expectRoles(e, e.Project2ID, sa.ClientID, "GROUP_OWNER"); err != nil {
		t.Error(err)
	}
}

func TestAccProjectServiceAccountAssignment_identicalConcurrentAssignmentIsNotAdopted(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.RequireSim(t)
	sa := createAccount(t, e, "twin", "GROUP_READ_ONLY")
	// Between the provider's check and its :invite someone else assigns the
	// account, with exactly the configured roles, so :invite answers 409
	// although no answer was lost. The assignment is theirs: taking it over
	// would let this configuration change or remove access it never granted.
	config := interceptInvite(t, e, assignedMeanwhile(t, e, sa.ClientID, "GROUP_CLUSTER_MANAGER", "GROUP_READ_ONLY"))
	importID := regexp.QuoteMeta(e.Project2ID + "/" + sa.ClientID)
	e.Run(t, resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config: config(assignmentBody(e.Project2ID, sa.ClientID, []string{"GROUP_READ_ONLY", "GROUP_CLUSTER_MANAGER"})),
				ExpectError: regexp.MustCompile(`(?s)Service Account Already Assigned to Project.*roles\s+GROUP_CLUSTER_MANAGER,\s+GROUP_READ_ONLY.*` +
					`terraform import\s+atlasaccess_project_service_account_assignment\.<name>\s+` + importID),
			},
			{
				Config: config("\n"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
	if err := expectInvitedThenConflict(e, e.Project2ID, sa.ClientID); err != nil {
		t.Errorf("%v: the conflict was not exercised", err)
	}
	if err := expectRoles(e, e.Project2ID, sa.ClientID, "GROUP_CLUSTER_MANAGER", "GROUP_READ_ONLY"); err != nil {
		t.Error(err)
	}
}

func TestAccProjectServiceAccountAssignment_invalidInputFailsAtPlanWithoutRequests(t *testing.T) {
	t.Parallel()
	acctest.New(t).TestInvalidInputs(t, acctest.AssignmentInvalidInputs)
}

func TestAccProjectServiceAccountAssignment_importRejectsMalformedID(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	okClient := acctest.GoodClientID
	config := assignmentConfig(e, e.ProjectID, okClient, []string{"GROUP_READ_ONLY"})
	cases := map[string]string{
		"project ID only":      e.ProjectID,
		"bad client ID":        e.ProjectID + "/mdb_sa_id_123",
		"bad project ID":       "not-a-project/" + okClient,
		"swapped":              okClient + "/" + e.ProjectID,
		"three parts":          e.ProjectID + "/" + okClient + "/x",
		"surrounding space ID": " " + e.ProjectID + "/" + okClient,
	}
	steps := make([]resource.TestStep, 0, len(cases))
	for name, id := range cases {
		steps = append(steps, resource.TestStep{
			Config:        config,
			ResourceName:  resourceName,
			ImportState:   true,
			ImportStateId: id,
			ExpectError:   regexp.MustCompile(`(?s)Invalid Import ID.*project_id/client_id`),
			PreConfig:     func() { t.Logf("import ID: %s", name) },
		})
	}
	e.Run(t, resource.TestCase{
		Steps: steps,
	})
}
