package e2e

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/atlassim"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

// TestDemo_appliesPlansNoChangesAndDestroys runs examples/demo, the
// configuration make demo applies, as the demo does: signed in as the
// organization owner through the environment, with var.project_id set. The
// account it declares exists in Atlas as declared, the outputs hold its
// client ID and the secret's expiry with the plaintext secret sensitive, the next
// plan is empty, a refresh-only plan reports only what the account resource's
// documentation says it will, and destroy removes the account. Its people part puts an
// engineer in the organization and in a team that holds roles in the
// project; destroy takes the team out of the project, deletes it and
// removes the engineer from the organization.
func TestDemo_appliesPlansNoChangesAndDestroys(t *testing.T) {
	t.Parallel()
	w := newWorkspace(t, atlassim.Options{Seed: 21})
	w.signInAsOrgOwner()
	w.setProjectVariable()
	w.setenv("TF_VAR_org_id", w.fx.OrgID)
	w.copyConfiguration(filepath.Join("..", "..", "examples", "demo"))
	w.setenv("TF_VAR_orders_db_password", demoDBPassword)

	out, _ := w.terraform(false, "apply", "-auto-approve", "-input=false")
	if strings.Contains(out, "Several Atlas Credentials") {
		t.Fatalf("apply warned about the credentials in the environment:\n%s", out)
	}
	// Before anything uses the secret, which changes its last_used_at.
	expectDemoRefreshOnlyDrift(t, w)

	raw, _ := w.terraform(false, "output", "-json")
	var outputs map[string]struct {
		Sensitive bool   `json:"sensitive"`
		Value     string `json:"value"`
	}
	if err := json.Unmarshal([]byte(raw), &outputs); err != nil {
		t.Fatalf("terraform output -json: %v\n%s", err, raw)
	}
	clientID, expires, secret, teamID := outputs["client_id"], outputs["secret_expires_at"], outputs["secret"], outputs["team_id"]
	if !strings.HasPrefix(clientID.Value, "mdb_sa_id_") || clientID.Sensitive {
		t.Fatalf("output client_id = %+v; want a service account client ID, not sensitive", clientID)
	}
	if _, err := time.Parse(time.RFC3339, expires.Value); err != nil || expires.Sensitive {
		t.Fatalf("output secret_expires_at = %+v; want an RFC 3339 time, not sensitive", expires)
	}
	if !secret.Sensitive || !strings.HasPrefix(secret.Value, "mdb_sa_sk_") {
		t.Fatalf("output secret: sensitive=%v, set=%v; want the plaintext secret, marked sensitive", secret.Sensitive, secret.Value != "")
	}

	c := w.orgOwnerClient()
	ctx := context.Background()
	sa, err := c.GetProjectServiceAccount(ctx, w.fx.ProjectID, clientID.Value)
	if err != nil {
		t.Fatalf("the demo's account is not in Atlas: %v", err)
	}
	roles := slices.Sorted(slices.Values(sa.Roles))
	if sa.Name != "ci-deployer" || !slices.Equal(roles, []string{"GROUP_CLUSTER_MANAGER", "GROUP_READ_ONLY"}) {
		t.Fatalf("account in Atlas = %q with roles %v; want ci-deployer with GROUP_CLUSTER_MANAGER and GROUP_READ_ONLY", sa.Name, roles)
	}

	// Only the secret resource's secret exists (keep_initial_secret = false),
	// it signs in, and the account is fenced to the two declared networks.
	if len(sa.Secrets) != 1 {
		t.Fatalf("the demo's account holds %d secrets; want only the secret resource's", len(sa.Secrets))
	}
	if _, err := c.IssueAccessToken(ctx, clientID.Value, secret.Value); err != nil {
		t.Fatalf("the demo's secret does not sign in: %v", err)
	}
	entries, err := c.ListAccessList(ctx, client.ProjectOwner(w.fx.ProjectID), clientID.Value)
	if err != nil || len(entries) != 2 {
		t.Fatalf("the demo's access list = %+v (err=%v); want its two entries", entries, err)
	}

	expectDemoDatabaseUser(t, w)

	// The people part: the engineer is invited, in the team, and the team
	// holds its roles in the project.
	const engineer = "oncall.engineer@example.com"
	members, err := c.ListTeamUsers(ctx, w.fx.OrgID, teamID.Value, client.ListOrgUsersOptions{})
	if err != nil || len(members) != 1 || members[0].Username != engineer || members[0].OrgMembershipStatus != client.UserStatusPending {
		t.Fatalf("the demo's team %q has members %+v (err=%v); want only %s, PENDING", teamID.Value, members, err, engineer)
	}
	pt, err := c.GetProjectTeam(ctx, w.fx.ProjectID, teamID.Value)
	if err != nil || !slices.Equal(slices.Sorted(slices.Values(pt.RoleNames)), []string{"GROUP_CLUSTER_MANAGER", "GROUP_READ_ONLY"}) {
		t.Fatalf("the demo's team in the project: %+v (err=%v); want GROUP_CLUSTER_MANAGER and GROUP_READ_ONLY", pt, err)
	}

	if out, err := w.terraform(true, "plan", "-detailed-exitcode", "-input=false"); err != nil {
		t.Fatalf("plan after apply is not empty (%v):\n%s", err, out)
	}

	w.terraform(false, "destroy", "-auto-approve", "-input=false")
	if _, err := c.GetProjectServiceAccount(ctx, w.fx.ProjectID, clientID.Value); !client.IsNotFound(err) {
		t.Fatalf("the demo's account is still in the project after destroy (err=%v)", err)
	}
	expectDemoDatabaseUserGone(t, w)

	if _, err := c.GetTeam(ctx, w.fx.OrgID, teamID.Value); !client.IsNotFound(err) {
		t.Fatalf("the demo's team is still in the organization after destroy (err=%v)", err)
	}
	if left, err := c.ListOrgUsers(ctx, w.fx.OrgID, client.ListOrgUsersOptions{Username: engineer}); err != nil || len(left) != 0 {
		t.Fatalf("after destroy, %s in the organization: %+v (err=%v); want nobody", engineer, left, err)
	}
}

// copyConfiguration copies the .tf and .tfquery.hcl files of dir into the
// working directory.
func (w *workspace) copyConfiguration(dir string) {
	w.t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		w.t.Fatal(err)
	}
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".tf") && !strings.HasSuffix(e.Name(), ".tfquery.hcl") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			w.t.Fatal(err)
		}
		w.write(e.Name(), string(b))
	}
}

// expectDemoRefreshOnlyDrift checks what drift detection (terraform plan
// -refresh-only -detailed-exitcode) reports right after the demo's apply.
// The one change it may report is the account's secrets: they list every
// secret of the account, and the sibling secret resource issued one after
// the account was saved, in the same apply (documented on the attribute).
// Every other resource, the secret resource's masked_secret_value among
// them, holds what a refresh reads. Once the refresh is saved (terraform
// apply -refresh-only), nothing is reported.
func expectDemoRefreshOnlyDrift(t *testing.T, w *workspace) {
	t.Helper()
	const account = "atlasaccess_project_service_account.ci"
	code, drift := w.refreshOnlyDrift()
	if len(drift) != 1 || !slices.Equal(drift[account], []string{"secrets"}) {
		t.Fatalf("plan -refresh-only after apply (exit %d) reports %v (%v); want only %s's secrets, which gained the secret resource's secret",
			code, driftAddresses(drift), drift, account)
	}
	w.terraform(false, "apply", "-refresh-only", "-auto-approve", "-input=false")
	// The exit code stays 2 here although nothing changed: Terraform 1.11
	// counts a refreshed object with a sensitive attribute (the account's
	// and the secret's secret, the database user's password_wo) as changed
	// (hashicorp/terraform#37406); the plan itself reports no drift.
	if _, drift := w.refreshOnlyDrift(); len(drift) != 0 {
		t.Fatalf("plan -refresh-only after apply -refresh-only reports %v; want no drift", drift)
	}
}
