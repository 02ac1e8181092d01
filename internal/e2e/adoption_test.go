package e2e

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/atlassim"
)

// sharedAccountConfig is an account created in one project and assigned
// to a second one.
const sharedAccountConfig = cliProvider + projectIDVariable + `
variable "project2_id" { type = string }

resource "atlasaccess_project_service_account" "home" {
  project_id                 = var.project_id
  name                       = "shared"
  description                = "Created here, used there too"
  roles                      = ["GROUP_READ_ONLY"]
  secret_expires_after_hours = 24
}

resource "atlasaccess_project_service_account_assignment" "there" {
  project_id = var.project2_id
  client_id  = atlasaccess_project_service_account.home.client_id
  roles      = ["GROUP_READ_ONLY"]
}
`

// The warnings a destroy gives promise only what happens: an account kept
// because another project uses it is said to stay, with its secrets, and
// how to remove it; an assignment whose destroy leaves the account in no
// project says the account and its secrets remain in the organization.
func TestDestroyWarningsSayWhatRemains(t *testing.T) {
	t.Parallel()
	w := newWorkspace(t, atlassim.Options{Seed: 21})
	w.signInAsOrgOwner()
	w.setProjectVariable()
	w.setenv("TF_VAR_project2_id", w.fx.Project2ID)
	w.write("main.tf", sharedAccountConfig)
	w.terraform(false, "apply", "-auto-approve", "-input=false")

	// The account's own resource goes; the assignment keeps the account alive.
	clientID := w.clientIDOf("atlasaccess_project_service_account.home")
	w.write("main.tf", cliProvider+projectIDVariable+`
variable "project2_id" { type = string }

resource "atlasaccess_project_service_account_assignment" "there" {
  project_id = var.project2_id
  client_id  = "`+clientID+`"
  roles      = ["GROUP_READ_ONLY"]
}
`)
	out, _ := w.terraform(false, "apply", "-auto-approve", "-input=false")
	expectOutput(t, "account destroy", out,
		[]string{"Warning: Service Account Kept in Organization", "remain valid in organization", "nothing deletes it later", "DELETE /api/atlas/v2/orgs/"},
		[]string{"It is deleted from the organization when no project uses it"})

	out, _ = w.terraform(false, "destroy", "-auto-approve", "-input=false")
	expectOutput(t, "assignment destroy", out,
		[]string{"Warning: Service Account Left in No Project", clientID, "its last project", "remain valid, in organization", "Destroy complete! Resources: 1 destroyed."}, nil)
	if _, err := w.orgOwnerClient().GetOrgServiceAccount(context.Background(), w.fx.OrgID, clientID); err != nil {
		t.Fatalf("the warning says the account remains, but reading it failed: %v", err)
	}
}

// An account removed from its project by hand is reported as removed, not
// deleted, and the plan restores it in place; an account deleted outside
// Terraform is reported without promising a "next plan", in the very plan
// that creates it again.
func TestOutOfBandChangesAreReportedAsTheyAre(t *testing.T) {
	t.Parallel()
	w := newWorkspace(t, atlassim.Options{Seed: 22})
	w.signInAsOrgOwner()
	w.setProjectVariable()
	w.write("main.tf", secretConfig)
	w.terraform(false, "apply", "-auto-approve", "-input=false")
	clientID := w.clientIDOf("atlasaccess_project_service_account.ci")
	c := w.orgOwnerClient()
	ctx := context.Background()

	if err := c.DeleteProjectServiceAccount(ctx, w.fx.ProjectID, clientID); err != nil {
		t.Fatal(err)
	}
	out, _ := w.terraform(false, "plan", "-input=false")
	expectOutput(t, "plan after removal from the project", out,
		[]string{"Warning: Service Account Removed From Project", "it was not deleted", "will be updated in-place", "Plan: 0 to add, 1 to change, 0 to destroy."},
		[]string{"was deleted outside Terraform"})
	w.terraform(false, "apply", "-auto-approve", "-input=false")
	if got := w.clientIDOf("atlasaccess_project_service_account.ci"); got != clientID {
		t.Fatalf("after the apply state holds %s, want the restored %s", got, clientID)
	}

	if err := c.DeleteOrgServiceAccount(ctx, w.fx.OrgID, clientID); err != nil {
		t.Fatal(err)
	}
	out, _ = w.terraform(false, "plan", "-input=false")
	expectOutput(t, "plan after deletion", out,
		[]string{"Warning: Project Service Account Not Found", "deleted outside Terraform", "will be created", "Plan: 1 to add, 0 to change, 0 to destroy."},
		[]string{"next plan"})
}

// clientIDOf returns the client_id attribute of a resource in the state.
func (w *workspace) clientIDOf(address string) string {
	w.t.Helper()
	out, _ := w.terraform(false, "show", "-json")
	var state struct {
		Values struct {
			RootModule struct {
				Resources []struct {
					Address string         `json:"address"`
					Values  map[string]any `json:"values"`
				} `json:"resources"`
			} `json:"root_module"`
		} `json:"values"`
	}
	start := strings.Index(out, "{")
	if start < 0 {
		w.t.Fatalf("terraform show -json printed no JSON:\n%s", out)
	}
	if err := json.Unmarshal([]byte(out[start:]), &state); err != nil {
		w.t.Fatalf("terraform show -json: %v\n%s", err, out)
	}
	for _, r := range state.Values.RootModule.Resources {
		if r.Address == address {
			id, _ := r.Values["client_id"].(string)
			return id
		}
	}
	w.t.Fatalf("%s is not in the state:\n%s", address, out)
	return ""
}

// A wrong base URL is named as the thing to fix: a path that makes the
// token endpoint answer 404 is not reported as rejected credentials, and a
// port where nothing listens fails within seconds, whatever max_retries.
func TestWrongBaseURLIsNamed(t *testing.T) {
	t.Parallel()
	w := newWorkspace(t, atlassim.Options{Seed: 23})
	w.signInAsOrgOwner()
	w.setProjectVariable()
	w.write("main.tf", secretConfig)
	w.terraform(false, "apply", "-auto-approve", "-input=false")

	w.setenv("MONGODB_ATLAS_BASE_URL", w.url+"/api")
	out, _ := w.terraform(true, "plan", "-input=false")
	expectOutput(t, "plan with a base URL ending in /api", out,
		[]string{"does not exist (HTTP 404)", "base_url (or MONGODB_ATLAS_BASE_URL)"},
		[]string{"credentials were rejected"})

	w.setenv("MONGODB_ATLAS_BASE_URL", "http://127.0.0.1:1")
	started := time.Now()
	out, _ = w.terraform(true, "plan", "-input=false")
	expectOutput(t, "plan with nothing listening", out,
		[]string{"connection refused", "base_url (or MONGODB_ATLAS_BASE_URL)"}, nil)
	if took := time.Since(started); took > 30*time.Second {
		t.Errorf("a refused connection took %s to report; it must give up within seconds", took.Round(time.Second))
	}
	w.setenv("MONGODB_ATLAS_BASE_URL", w.url)
	w.terraform(false, "destroy", "-auto-approve", "-input=false")
}

// An organization account with two assignments, all destroyed in one run:
// both assignments take it out of a project, but only the last can say it
// is left in no project, so the warning appears once; it says what to do,
// here nothing, since the same run deletes the account.
func TestDestroyOfAnAccountWithTwoAssignmentsWarnsOnce(t *testing.T) {
	t.Parallel()
	w := newWorkspace(t, atlassim.Options{Seed: 24})
	w.signInAsOrgOwner()
	w.setProjectVariable()
	w.setenv("TF_VAR_project2_id", w.fx.Project2ID)
	w.setenv("TF_VAR_org_id", w.fx.OrgID)
	w.write("main.tf", cliProvider+projectIDVariable+`
variable "project2_id" { type = string }
variable "org_id" { type = string }

resource "atlasaccess_service_account" "ops" {
  org_id                     = var.org_id
  name                       = "ops"
  description                = "Used by two projects"
  roles                      = ["ORG_MEMBER"]
  secret_expires_after_hours = 24
}

resource "atlasaccess_project_service_account_assignment" "here" {
  project_id = var.project_id
  client_id  = atlasaccess_service_account.ops.client_id
  roles      = ["GROUP_READ_ONLY"]
}

resource "atlasaccess_project_service_account_assignment" "there" {
  project_id = var.project2_id
  client_id  = atlasaccess_service_account.ops.client_id
  roles      = ["GROUP_READ_ONLY"]
}
`)
	w.terraform(false, "apply", "-auto-approve", "-input=false")
	out, _ := w.terraform(false, "destroy", "-auto-approve", "-input=false")
	expectOutput(t, "destroy", out, []string{"Destroy complete! Resources: 3 destroyed.", "that deletes it and there is nothing to do"}, nil)
	expectOnce(t, "destroy", out, "Warning: Service Account Left in No Project")
}
