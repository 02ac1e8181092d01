package e2e

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/acctest"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/atlassim"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

// secretAccount creates a project service account outside Terraform and
// deletes the secret Atlas issued with it (as keep_initial_secret = false
// does), so that the only secrets it holds are those of the configuration.
func secretAccount(t *testing.T, c *client.Client, projectID string) string {
	t.Helper()
	ctx := context.Background()
	sa, err := c.CreateProjectServiceAccount(ctx, projectID, client.CreateServiceAccountRequest{
		Name: "rotated", Description: "d", Roles: []string{"GROUP_READ_ONLY"}, SecretExpiresAfterHours: 24,
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.DeleteServiceAccountSecret(ctx, client.ProjectOwner(projectID), sa.ClientID, sa.Secrets[0].ID); err != nil {
		t.Fatal(err)
	}
	return sa.ClientID
}

func rotatingSecretConfig(projectID, clientID string, args acctest.Attrs) string {
	all := acctest.Attrs{"project_id": projectID, "client_id": clientID}
	for k, v := range args {
		all[k] = v
	}
	return cliProvider + acctest.Resource("atlasaccess_project_service_account_secret", "rotating", all)
}

// TestSecretRotation_warningsByAtlasClock drives the CLI through what a
// user sees of a secret's life, moving only the simulator's clock: the
// 7-day expiry warning on refresh, the rotation warning and replacement
// (also under -refresh=false, where the provider reads the account once to
// learn Atlas's time), and the warnings for a secret deleted outside
// Terraform and for one that expired.
func TestSecretRotation_warningsByAtlasClock(t *testing.T) {
	t.Parallel()
	w := newWorkspace(t, atlassim.Options{Seed: 31})
	w.signInAsOrgOwner()
	c := w.orgOwnerClient()
	clientID := secretAccount(t, c, w.fx.ProjectID)
	w.write("main.tf", rotatingSecretConfig(w.fx.ProjectID, clientID, acctest.Attrs{"expires_after_hours": 240, "rotate_before_hours": 24}))
	w.terraform(false, "apply", "-auto-approve", "-input=false")

	// 100 hours on, 140 hours are left: less than 7 days, outside the window.
	w.sim.SetClockOffset(100 * time.Hour)
	out, _ := w.terraform(false, "plan", "-input=false")
	expectOutput(t, "plan 7 days before expiry", out,
		[]string{"Service Account Secrets Are About to Expire", "service account " + clientID + " of project " + w.fx.ProjectID, "No changes."},
		[]string{"Rotation Due", "must be replaced"})

	// 220 hours on, 20 are left: inside the 24-hour window.
	w.sim.SetClockOffset(220 * time.Hour)
	before := len(w.sim.Requests())
	out, _ = w.terraform(false, "plan", "-refresh=false", "-input=false")
	expectOutput(t, "plan -refresh=false inside the rotation window", out,
		[]string{"Service Account Secret Rotation Due", "of service account " + clientID + " of project " + w.fx.ProjectID, "rotate_before_hours = 24", "must be replaced"}, nil)
	var gets int
	for _, r := range w.sim.Requests()[before:] {
		if r.Method == http.MethodGet && strings.HasSuffix(r.Path, "/serviceAccounts/"+clientID) {
			gets++
		}
	}
	if gets != 1 {
		t.Errorf("plan -refresh=false read the account %d times to learn Atlas's time, want 1", gets)
	}
	out, _ = w.terraform(false, "apply", "-auto-approve", "-input=false")
	expectOutput(t, "apply inside the rotation window", out, []string{"Service Account Secret Rotation Due", "1 added, 0 changed, 1 destroyed"}, nil)
	out, _ = w.terraform(false, "plan", "-input=false", "-detailed-exitcode")
	expectOutput(t, "plan after the rotation", out, []string{"No changes."}, []string{"Rotation Due", "about to expire", "must be replaced"})

	// Deleted outside Terraform: a warning, and a new secret is planned.
	secrets, err := c.ServiceAccountSecrets(context.Background(), client.ProjectOwner(w.fx.ProjectID), clientID)
	if err != nil || len(secrets) != 1 {
		t.Fatalf("the account holds %d secrets after the rotation (err=%v), want 1", len(secrets), err)
	}
	if err := c.DeleteServiceAccountSecret(context.Background(), client.ProjectOwner(w.fx.ProjectID), clientID, secrets[0].ID); err != nil {
		t.Fatal(err)
	}
	out, _ = w.terraform(false, "apply", "-auto-approve", "-input=false")
	expectOutput(t, "apply after a delete outside Terraform", out,
		[]string{"Service Account Secret Not Found", "Secret " + secrets[0].ID + " of service account " + clientID, "1 added, 0 changed, 0 destroyed"}, nil)

	// Expired, with no window that would have caught it.
	w.write("main.tf", rotatingSecretConfig(w.fx.ProjectID, clientID, acctest.Attrs{"expires_after_hours": 240}))
	w.terraform(false, "apply", "-auto-approve", "-input=false")
	w.sim.SetClockOffset(500 * time.Hour)
	out, _ = w.terraform(false, "apply", "-auto-approve", "-input=false")
	expectOutput(t, "apply after the secret expired", out,
		[]string{"Service Account Secrets Have Expired", "Service Account Secret Expired", "nothing can sign in with it", "1 added, 0 changed, 1 destroyed"}, nil)
}

// secretRequestCounts pins what the secret resources cost, one of each kind:
// create is 1 POST and 1 GET of the parent account (for the masked value the
// POST's answer lacks), a refresh 1 GET of the parent account, destroy 1
// DELETE (see TestRequestsPerOperationAreMinimal for the token lines).
func secretRequestCounts(t *testing.T) {
	w := newWorkspace(t, atlassim.Options{Seed: 13})
	w.signInAsOrgOwner()
	c := w.orgOwnerClient()
	projectAccount := secretAccount(t, c, w.fx.ProjectID)
	orgAccount, err := c.CreateOrgServiceAccount(context.Background(), w.fx.OrgID, client.CreateServiceAccountRequest{
		Name: "org", Description: "d", Roles: []string{"ORG_MEMBER"}, SecretExpiresAfterHours: 24,
	})
	if err != nil {
		t.Fatal(err)
	}
	w.write("main.tf", rotatingSecretConfig(w.fx.ProjectID, projectAccount, acctest.Attrs{"expires_after_hours": 48, "rotate_before_hours": 12})+
		acctest.Resource("atlasaccess_service_account_secret", "org", acctest.Attrs{"org_id": w.fx.OrgID, "client_id": orgAccount.ClientID, "expires_after_hours": 48}))
	token, revoke := "POST /api/oauth/token", "POST /api/oauth/revoke"
	for _, step := range []struct {
		name string
		args []string
		want []string
	}{
		{"secrets: create", []string{"apply", "-auto-approve", "-input=false"}, []string{
			"POST /api/atlas/v2/groups/{id}/serviceAccounts/{id}/secrets",
			"POST /api/atlas/v2/orgs/{id}/serviceAccounts/{id}/secrets",
			// The read-back of the masked value, which the create's answer lacks.
			"GET /api/atlas/v2/groups/{id}/serviceAccounts/{id}",
			"GET /api/atlas/v2/orgs/{id}/serviceAccounts/{id}",
			token, revoke,
		}},
		{"secrets: plan without changes", []string{"plan", "-input=false"}, []string{
			"GET /api/atlas/v2/groups/{id}/serviceAccounts/{id}",
			"GET /api/atlas/v2/orgs/{id}/serviceAccounts/{id}",
			token, revoke,
		}},
		{"secrets: destroy", []string{"destroy", "-auto-approve", "-input=false"}, []string{
			"DELETE /api/atlas/v2/groups/{id}/serviceAccounts/{id}/secrets/{id}",
			"DELETE /api/atlas/v2/orgs/{id}/serviceAccounts/{id}/secrets/{id}",
			"GET /api/atlas/v2/groups/{id}/serviceAccounts/{id}",
			"GET /api/atlas/v2/orgs/{id}/serviceAccounts/{id}",
			token, token, revoke, revoke,
		}},
	} {
		got := requestsOf(w, step.args...)
		slices.Sort(step.want)
		if !slices.Equal(got, step.want) {
			t.Errorf("%s made %d requests:\n  %s\nwant %d:\n  %s", step.name, len(got), strings.Join(got, "\n  "), len(step.want), strings.Join(step.want, "\n  "))
		}
	}
}
