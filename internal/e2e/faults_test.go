package e2e

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/acctest"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/atlassim"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

// fleetConfig declares sas service accounts in the first project, assigns
// the first assignments of them to the second project, and invites invites
// people to the first project.
func fleetConfig(e *acctest.Env, sas, assignments, invites int) string {
	return e.Config(acctest.Resource(acctest.ServiceAccountType, "sa", acctest.Attrs{
		"count": sas, "project_id": e.ProjectID, "name": "fleet ${count.index}", "description": "Reliability test",
		"roles": []string{"GROUP_READ_ONLY"}, "secret_expires_after_hours": 24,
	}) + acctest.Resource(acctest.AssignmentType, "as", acctest.Attrs{
		"count": assignments, "project_id": e.Project2ID, "client_id": acctest.Expr("atlasaccess_project_service_account.sa[count.index].client_id"),
		"roles": []string{"GROUP_CLUSTER_MANAGER"},
	}) + acctest.Resource(acctest.UserInviteType, "inv", acctest.Attrs{
		"count": invites, "project_id": e.ProjectID, "username": "person-${count.index}@example.com", "roles": []string{"GROUP_READ_ONLY"},
	}))
}

// fleetComparison is what one comparison of the state with Atlas found.
type fleetComparison struct {
	// objects counts the accounts, assignments and invitations in state.
	objects int
	// lost counts those in state that Atlas does not hold; orphaned, those
	// Atlas holds that are not in state.
	lost, orphaned int
}

// atlasMatchesState checks that the simulator holds exactly what the state
// says: every account, assignment and invitation in state exists, and
// nothing else does (no orphan left by a retried or lost request, no
// duplicate). When seen is not nil, it records what the comparison found.
func atlasMatchesState(e *acctest.Env, wantSAs, wantAssignments, wantInvites int, seen *fleetComparison) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		ctx := context.Background()
		var stateSAs, stateAssigned, stateUsers []string
		for _, r := range s.RootModule().Resources {
			switch r.Type {
			case "atlasaccess_project_service_account":
				stateSAs = append(stateSAs, r.Primary.Attributes["client_id"])
			case "atlasaccess_project_service_account_assignment":
				stateAssigned = append(stateAssigned, r.Primary.Attributes["client_id"])
			case "atlasaccess_project_user_invite":
				stateUsers = append(stateUsers, r.Primary.Attributes["user_id"])
			}
		}
		projectA, err := e.Client.ListProjectServiceAccounts(ctx, e.ProjectID)
		if err != nil {
			return err
		}
		projectB, err := e.Client.ListProjectServiceAccounts(ctx, e.Project2ID)
		if err != nil {
			return err
		}
		users, err := e.Client.ListProjectUsers(ctx, e.ProjectID, client.ListProjectUsersOptions{})
		if err != nil {
			return err
		}
		var atlasA, atlasB, atlasUsers []string
		for _, a := range projectA {
			atlasA = append(atlasA, a.ClientID)
		}
		for _, a := range projectB {
			atlasB = append(atlasB, a.ClientID)
		}
		for _, u := range users {
			atlasUsers = append(atlasUsers, u.ID)
		}
		var found fleetComparison
		var errs []error
		for _, c := range []struct {
			what         string
			state, atlas []string
			wantInCommon int
		}{
			{"service accounts in the first project", stateSAs, atlasA, wantSAs},
			{"service accounts assigned to the second project", stateAssigned, atlasB, wantAssignments},
			{"users invited to the first project", stateUsers, atlasUsers, wantInvites},
		} {
			lost, orphaned := acctest.ValuesNotIn(c.state, c.atlas), acctest.ValuesNotIn(c.atlas, c.state)
			found.objects += len(c.state)
			found.lost += len(lost)
			found.orphaned += len(orphaned)
			if len(lost)+len(orphaned) != 0 || len(c.state) != len(c.atlas) || len(c.state) != c.wantInCommon {
				errs = append(errs, fmt.Errorf("%s: state has %d, Atlas has %d, want %d each and the same IDs; in state only %q, in Atlas only %q",
					c.what, len(c.state), len(c.atlas), c.wantInCommon, lost, orphaned))
			}
		}
		if seen != nil {
			*seen = found
		}
		return errors.Join(errs...)
	}
}

// atlasIsEmpty checks that destroy left nothing behind in either project or
// in the organization.
func atlasIsEmpty(e *acctest.Env) resource.TestCheckFunc {
	return func(*terraform.State) error {
		ctx := context.Background()
		for _, p := range []string{e.ProjectID, e.Project2ID} {
			if accounts, err := e.Client.ListProjectServiceAccounts(ctx, p); err != nil || len(accounts) != 0 {
				return fmt.Errorf("project %s holds %d service accounts after destroy (err=%v)", p, len(accounts), err)
			}
		}
		if accounts, err := e.Client.ListOrgServiceAccounts(ctx, e.OrgID); err != nil || len(accounts) != 0 {
			return fmt.Errorf("organization holds %d service accounts after destroy (err=%v)", len(accounts), err)
		}
		if users, err := e.Client.ListProjectUsers(ctx, e.ProjectID, client.ListProjectUsersOptions{}); err != nil || len(users) != 0 {
			return fmt.Errorf("project holds %d users after destroy (err=%v)", len(users), err)
		}
		return nil
	}
}

// TestFaults_fleetSurvivesAnUnreliableAPI applies, refreshes and destroys 50
// service accounts, 20 assignments and 20 invitations while the simulator
// fails requests, and checks that Atlas holds exactly what the state says.
func TestFaults_fleetSurvivesAnUnreliableAPI(t *testing.T) {
	t.Parallel()
	scenarios := map[string]string{
		"429 on 20 percent":                "429=0.2",
		"503 and connection resets on 10%": "503=0.1,reset=0.1",
		"answers lost on 5 percent":        "lost=0.05",
	}
	for name, faults := range scenarios {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			e := acctest.New(t, func(o *atlassim.Options) {
				o.Seed = 42
				o.InviteRateLimit, o.InviteRateWindow = 10, 2*time.Second
			})
			e.RequireSim(t)
			if err := e.Sim.SetFaults(faults); err != nil {
				t.Fatal(err)
			}
			config := fleetConfig(e, 50, 20, 20)
			var refreshed fleetComparison
			e.Run(t, resource.TestCase{
				CheckDestroy: atlasIsEmpty(e),
				Steps: []resource.TestStep{
					{Config: config, Check: atlasMatchesState(e, 50, 20, 20, nil)},
					{RefreshState: true, Check: atlasMatchesState(e, 50, 20, 20, &refreshed)},
				},
			})
			var total, faulted int
			for _, r := range e.Sim.Requests() {
				if strings.HasPrefix(r.Path, "/api/atlas/v2/") {
					total++
					if r.Fault != "" {
						faulted++
					}
				}
			}
			if faulted == 0 {
				t.Fatal("no fault was injected: the test proved nothing")
			}
			if refreshed.objects == 0 {
				t.Fatal("the state held no object after the refresh: the test proved nothing")
			}
			t.Logf("figures: faults=%q requests=%d faulted=%d objects=%d lost=%d orphaned=%d",
				faults, total, faulted, refreshed.objects, refreshed.lost, refreshed.orphaned)
		})
	}
}

// TestFaults_persistentServerErrorKeepsWhatWasCreated makes every POST fail
// with HTTP 500 while a second account is added: the apply fails with a
// diagnostic that says what happened and what to do, the first account stays
// in state, and the next apply, once Atlas recovers, creates only the second.
func TestFaults_persistentServerErrorKeepsWhatWasCreated(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.RequireSim(t)
	account := func(name, description string) string {
		return acctest.Resource(acctest.ServiceAccountType, name, acctest.Attrs{
			"project_id": e.ProjectID, "name": name, "description": description, "roles": []string{"GROUP_READ_ONLY"}, "secret_expires_after_hours": 24,
		})
	}
	one := e.Config(account("first", "Created before the outage"))
	two := one + account("second", "Created during the outage")
	e.Run(t, resource.TestCase{
		CheckDestroy: atlasIsEmpty(e),
		Steps: []resource.TestStep{
			{Config: one},
			{
				PreConfig: func() {
					if err := e.Sim.SetFaults("500@POST=1"); err != nil {
						t.Fatal(err)
					}
				},
				Config: two,
				ExpectError: regexp.MustCompile(`(?s)Error Creating Project Service Account.*with atlasaccess_project_service_account\.second.*` +
					`Creating\s+service\s+account\s+"second".*HTTP\s+500\s+with\s+error\s+code\s+UNEXPECTED_ERROR.*Run\s+the\s+same\s+command\s+again\s+later`),
			},
			{
				PreConfig: func() {
					if err := e.Sim.SetFaults(""); err != nil {
						t.Fatal(err)
					}
				},
				Config: two,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("atlasaccess_project_service_account.first", plancheck.ResourceActionNoop),
					plancheck.ExpectResourceAction("atlasaccess_project_service_account.second", plancheck.ResourceActionCreate),
				}},
				Check: atlasMatchesState(e, 2, 0, 0, nil),
			},
		},
	})
}
