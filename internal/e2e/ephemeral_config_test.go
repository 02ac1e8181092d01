package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/atlassim"
)

// ephemeralConfigResource is what the configurations of these tests manage,
// so that the plan has something to do and the state something to hold.
const ephemeralConfigResource = `
resource "atlasaccess_project_service_account" "ci" {
  project_id                 = var.project_id
  name                       = "ephemeral config"
  description                = "Created by a provider configured from an ephemeral variable"
  roles                      = ["GROUP_READ_ONLY"]
  secret_expires_after_hours = 720
}
`

// writeProviderExample writes examples/provider/<name> and the service
// account above into the workspace, and has later runs set its two variables
// (the organization owner's client ID and secret) through the environment.
func (w *workspace) writeProviderExample(name string) {
	w.t.Helper()
	example, err := os.ReadFile(filepath.Join("..", "..", "examples", "provider", name))
	if err != nil {
		w.t.Fatal(err)
	}
	w.write("main.tf", strings.Replace(cliProvider, `provider "atlasaccess" {}`, "", 1)+projectIDVariable+ephemeralConfigResource)
	w.write("provider.tf", string(example))
	w.setProjectVariable()
	w.setenv("TF_VAR_atlas_client_id", w.fx.ClientID)
	w.setenv("TF_VAR_atlas_client_secret", w.fx.ClientSecret)
}

// TestEphemeralVariable_clientSecretIsInNoStateNorSavedPlan configures the
// provider as examples/provider/ephemeral-variable.tf does, client_secret
// from an ephemeral variable, and runs plan -out, apply of the saved plan,
// a second plan and destroy. The provider signs in with that secret, and the
// secret is in no entry of the saved plan (a zip of the plan, the state
// snapshots, the configuration and the variables) and in no state file.
func TestEphemeralVariable_clientSecretIsInNoStateNorSavedPlan(t *testing.T) {
	t.Parallel()
	w := newWorkspace(t, atlassim.Options{Seed: 31})
	w.writeProviderExample("ephemeral-variable.tf")
	secret := w.fx.ClientSecret

	out, _ := w.terraform(false, "plan", "-input=false", "-out=tfplan")
	expectOutput(t, "plan -out", out, []string{"Plan: 1 to add"}, []string{secret})
	entries := planFileEntries(t, []byte(readFile(t, filepath.Join(w.dir, "tfplan"))))
	if len(entries) == 0 {
		t.Fatal("the saved plan holds no files")
	}
	for name, content := range entries {
		if strings.Contains(content, secret) {
			t.Errorf("the client secret is in %s of the saved plan", name)
		}
	}
	// The client ID, an ordinary variable, is saved with the plan: the search
	// above looks where a variable would be.
	if !strings.Contains(strings.Join(mapValues(entries), "\n"), w.fx.ClientID) {
		t.Errorf("the client ID (an ordinary variable) is not in the saved plan; the search for the secret looked in the wrong place")
	}

	out, _ = w.terraform(false, "apply", "-input=false", "tfplan")
	expectOutput(t, "apply of the saved plan", out, []string{"Apply complete! Resources: 1 added"}, []string{secret})
	state := readFile(t, filepath.Join(w.dir, "terraform.tfstate"))
	if !strings.Contains(state, "ephemeral config") {
		t.Fatalf("the state does not hold the account the apply created:\n%s", state)
	}
	if strings.Contains(state, secret) {
		t.Error("the client secret is in terraform.tfstate")
	}

	if out, err := w.terraform(true, "plan", "-detailed-exitcode", "-input=false"); err != nil {
		t.Fatalf("plan after apply is not empty (%v):\n%s", err, out)
	}
	w.terraform(false, "destroy", "-auto-approve", "-input=false")
	for _, name := range []string{"terraform.tfstate", "terraform.tfstate.backup"} {
		if b, err := os.ReadFile(filepath.Join(w.dir, name)); err == nil && strings.Contains(string(b), secret) {
			t.Errorf("the client secret is in %s after destroy", name)
		}
	}
}

// TestEphemeralVariable_savedPlanNeedsTheSecretAgain applies a saved plan
// without the ephemeral variable: Terraform refuses before anything reaches
// Atlas and names the variable, since the plan does not carry it. The same
// configuration with an ordinary sensitive variable (examples/provider/oauth.tf)
// saves the secret in the plan file, which is why the docs recommend the
// ephemeral one.
func TestEphemeralVariable_savedPlanNeedsTheSecretAgain(t *testing.T) {
	t.Parallel()
	w := newWorkspace(t, atlassim.Options{Seed: 32})
	w.writeProviderExample("ephemeral-variable.tf")
	w.terraform(false, "plan", "-input=false", "-out=tfplan")
	before := len(w.sim.Requests())

	w.env = filterEnv(w.env, "TF_VAR_atlas_client_secret")
	out, err := w.terraform(true, "apply", "-input=false", "tfplan")
	if err == nil {
		t.Fatalf("apply of the saved plan without the ephemeral secret succeeded:\n%s", out)
	}
	expectOutput(t, "apply without the ephemeral variable", out, []string{`ephemeral input variable "atlas_client_secret" was set during the plan phase, and so must also be set during the apply phase`}, nil)
	if n := len(w.sim.Requests()) - before; n != 0 {
		t.Errorf("the refused apply sent %d requests to Atlas; want 0", n)
	}

	// The same plan with an ordinary sensitive variable keeps the secret.
	o := newWorkspace(t, atlassim.Options{Seed: 33})
	o.writeProviderExample("oauth.tf")
	o.terraform(false, "plan", "-input=false", "-out=tfplan")
	entries := planFileEntries(t, []byte(readFile(t, filepath.Join(o.dir, "tfplan"))))
	if !strings.Contains(strings.Join(mapValues(entries), "\n"), o.fx.ClientSecret) {
		t.Errorf("a sensitive but not ephemeral client_secret variable is not in the saved plan; want it there (Terraform saves input variables with a plan), so the ephemeral test above proves nothing")
	}
}

func mapValues(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k, v := range m {
		out = append(out, fmt.Sprintf("%s:\n%s", k, v))
	}
	return out
}
