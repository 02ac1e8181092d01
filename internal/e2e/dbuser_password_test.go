package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/atlassim"
)

// dbUserPasswordConfig is a password database user whose password comes
// from an ephemeral input variable into the write-only password_wo.
const dbUserPasswordConfig = cliProvider + projectIDVariable + `
variable "db_password" {
  type      = string
  ephemeral = true
  sensitive = true
}

variable "password_version" { type = number }

resource "atlasaccess_database_user" "app" {
  project_id          = var.project_id
  username            = "orders-app"
  password_wo         = var.db_password
  password_wo_version = var.password_version
  roles = [{ role_name = "readWrite", database_name = "orders" }]
}
`

// TestDatabaseUserPasswordNeverStored creates a password user and rotates
// its password through a saved plan file, with TF_LOG=TRACE, and proves
// that Atlas received each password while neither password is in the
// state file, the saved plan file, its JSON rendering, any output or the
// trace log.
func TestDatabaseUserPasswordNeverStored(t *testing.T) {
	t.Parallel()
	w := newWorkspace(t, atlassim.Options{Seed: 27})
	w.signInAsOrgOwner()
	w.setProjectVariable()
	logPath := filepath.Join(w.dir, "trace.log")
	w.setenv("TF_LOG", "TRACE")
	w.setenv("TF_LOG_PROVIDER", "TRACE")
	w.setenv("TF_LOG_PATH", logPath)
	w.write("main.tf", dbUserPasswordConfig)
	first, second := "first-Passw0rd-of-app", "second-Passw0rd-of-app"

	// The password reaches Terraform as a user's would, from the
	// environment: on the command line Terraform would log it itself.
	w.setenv("TF_VAR_db_password", first)
	var outs []string
	out, _ := w.terraform(false, "apply", "-auto-approve", "-input=false", "-var", "password_version=1")
	outs = append(outs, out)
	if ok, err := w.sim.DatabaseUserPasswordMatches(w.fx.ProjectID, "admin", "orders-app", first); err != nil || !ok {
		t.Fatalf("after create, Atlas does not hold the first password (%v)", err)
	}
	w.setenv("TF_VAR_db_password", second) // the last setting wins
	out, _ = w.terraform(false, "plan", "-input=false", "-out=rotate.tfplan", "-var", "password_version=2")
	outs = append(outs, out)
	if !strings.Contains(out, "1 to change") {
		t.Fatalf("raising password_wo_version did not plan an in-place update:\n%s", out)
	}
	planJSON, _ := w.terraform(false, "show", "-json", "rotate.tfplan")
	outs = append(outs, planJSON)
	// A saved plan holds no ephemeral value: the apply is given it again.
	out, _ = w.terraform(false, "apply", "-input=false", "-var", "password_version=2", "rotate.tfplan")
	outs = append(outs, out)
	if ok, err := w.sim.DatabaseUserPasswordMatches(w.fx.ProjectID, "admin", "orders-app", second); err != nil || !ok {
		t.Fatalf("after rotation, Atlas does not hold the second password (%v)", err)
	}
	out, _ = w.terraform(false, "plan", "-input=false", "-detailed-exitcode", "-var", "password_version=2")
	outs = append(outs, out)
	stateJSON, _ := w.terraform(false, "show", "-json")
	outs = append(outs, stateJSON)

	files := expectNoSecret(t, w, outs, []string{"terraform.tfstate", "terraform.tfstate.backup", "rotate.tfplan", "trace.log"}, first, second)
	w.terraform(false, "destroy", "-auto-approve", "-input=false", "-var", "password_version=2")
	t.Logf("figures: files searched=%d, trace log bytes=%d", len(files), len(files["trace.log"]))
}

// expectNoSecret fails t for each of the files (in the working directory)
// and for the CLI outputs that contain any of the secrets. It fails at once
// when the trace log among the files shows no provider request: searching
// it would then prove nothing. It returns what it searched, by name.
func expectNoSecret(t *testing.T, w *workspace, outputs, files []string, secrets ...string) map[string]string {
	t.Helper()
	searched := map[string]string{"terraform output": strings.Join(outputs, "\n")}
	for _, name := range files {
		b, err := os.ReadFile(filepath.Join(w.dir, name))
		if err != nil {
			t.Fatalf("reading %s: %v", name, err)
		}
		searched[name] = string(b)
	}
	if log, ok := searched["trace.log"]; ok && !strings.Contains(log, "databaseUsers") {
		t.Fatal("the trace log does not show the provider's requests: the test would prove nothing about it")
	}
	for name, content := range searched {
		for _, s := range secrets {
			if s != "" && strings.Contains(content, s) {
				t.Errorf("%s contains a password", name)
			}
		}
	}
	return searched
}
