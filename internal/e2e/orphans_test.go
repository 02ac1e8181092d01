package e2e

import (
	"context"
	"testing"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/atlassim"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

// orphanConfig is one account, with a small retry budget so that a
// persistent fault outlasts it quickly.
const orphanConfig = `
terraform {
  required_providers {
    atlasaccess = { source = "atlasaccess/atlasaccess" }
  }
}

provider "atlasaccess" {
  max_retries = 1
}
` + projectIDVariable + `
resource "atlasaccess_project_service_account" "ci" {
  project_id                 = var.project_id
  name                       = "not-an-orphan"
  description                = "Must never be left behind untracked"
  roles                      = ["GROUP_READ_ONLY"]
  secret_expires_after_hours = 24
}
`

// TestDestroyUnderPersistentFaultsKeepsTheAccount makes every lookup or
// delete of a destroy fail past the retry budget: the destroy fails, the
// account stays in state and in Atlas (never removed from its project and
// left in the organization untracked), and the next destroy, once Atlas
// recovers, finishes the job.
func TestDestroyUnderPersistentFaultsKeepsTheAccount(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		faults string
		args   []string
	}{
		"500 on every GET, destroy -refresh=false": {"500@GET=1", []string{"-refresh=false"}},
		"dropped connections on every GET":         {"reset@GET=1", []string{"-refresh=false"}},
		"503 on every GET":                         {"503@GET=1", []string{"-refresh=false"}},
		"500 on every DELETE":                      {"500@DELETE=1", nil},
		"504 on every DELETE":                      {"504@DELETE=1", nil},
	}
	var kept, finished int
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			w := newWorkspace(t, atlassim.Options{Seed: 31})
			w.signInAsOrgOwner()
			w.setProjectVariable()
			w.write("main.tf", orphanConfig)
			w.terraform(false, "apply", "-auto-approve", "-input=false")
			clientID := w.clientIDOf("atlasaccess_project_service_account.ci")

			if err := w.sim.SetFaults(tc.faults); err != nil {
				t.Fatal(err)
			}
			out, err := w.terraform(true, append([]string{"destroy", "-auto-approve", "-input=false"}, tc.args...)...)
			if err == nil {
				t.Fatalf("destroy succeeded although Atlas failed every time:\n%s", out)
			}
			expectOutput(t, "failed destroy", out, []string{"Error Deleting Service Account", "stays in state"}, []string{"Left in Organization"})
			if err := w.sim.SetFaults(""); err != nil {
				t.Fatal(err)
			}
			if got := w.clientIDOf("atlasaccess_project_service_account.ci"); got != clientID {
				t.Fatalf("after the failed destroy state holds %q, want %s", got, clientID)
			}
			c := w.orgOwnerClient()
			if _, err := c.GetProjectServiceAccount(context.Background(), w.fx.ProjectID, clientID); err != nil {
				t.Fatalf("after the failed destroy the account is not in its project (%v): it would be an orphan", err)
			}
			kept++

			w.terraform(false, "destroy", "-auto-approve", "-input=false")
			if _, err := c.GetOrgServiceAccount(context.Background(), w.fx.OrgID, clientID); !client.IsNotFound(err) {
				t.Fatalf("after the second destroy the account is still in the organization (err=%v)", err)
			}
			finished++
		})
	}
	t.Logf("figures: fault scenarios=%d, accounts kept in state after the failed destroy=%d, deleted by the next destroy=%d, left untracked=%d",
		len(cases), kept, finished, len(cases)-finished)
	if kept != len(cases) {
		t.Errorf("only %d of %d scenarios kept the account", kept, len(cases))
	}
}
