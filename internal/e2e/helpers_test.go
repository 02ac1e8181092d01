package e2e

import (
	"strings"
	"testing"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

// cliProvider starts every configuration the CLI tests write: the provider
// installed by the workspace's dev override, configured from the
// environment the test sets.
const cliProvider = `
terraform {
  required_providers {
    atlasaccess = { source = "atlasaccess/atlasaccess" }
  }
}

provider "atlasaccess" {}
`

// projectIDVariable is the project a configuration works in, set by
// setProjectVariable.
const projectIDVariable = `
variable "project_id" { type = string }
`

// signInAsOrgOwner has later terraform runs sign in with the simulator's
// organization owner credentials (OAuth client credentials).
func (w *workspace) signInAsOrgOwner() {
	w.setenv("MONGODB_ATLAS_CLIENT_ID", w.fx.ClientID)
	w.setenv("MONGODB_ATLAS_CLIENT_SECRET", w.fx.ClientSecret)
}

// setProjectVariable sets var.project_id of later terraform runs to the
// simulator's first project.
func (w *workspace) setProjectVariable() { w.setenv("TF_VAR_project_id", w.fx.ProjectID) }

// orgOwnerClient is a client signed in as the organization owner, to look at
// or change the simulator outside Terraform.
func (w *workspace) orgOwnerClient() *client.Client {
	w.t.Helper()
	c, err := client.New(client.Config{BaseURL: w.url, ClientID: w.fx.ClientID, ClientSecret: w.fx.ClientSecret})
	if err != nil {
		w.t.Fatal(err)
	}
	return c
}

// flat is terraform's output with its line wrapping undone.
func flat(out string) string { return strings.Join(strings.Fields(out), " ") }

// expectOnce fails t unless phrase appears exactly once in out: a message
// Terraform prints twice reads as two problems.
func expectOnce(t *testing.T, what, out, phrase string) {
	t.Helper()
	if n := strings.Count(out, phrase); n != 1 {
		t.Errorf("%s output says %q %d times; want once:\n%s", what, phrase, n, out)
	}
}

// expectOutput fails t for every phrase out lacks, and for every phrase in
// not that it has.
func expectOutput(t *testing.T, what, out string, want, not []string) {
	t.Helper()
	f := flat(out)
	for _, p := range want {
		if !strings.Contains(f, p) {
			t.Errorf("%s output lacks %q:\n%s", what, p, out)
		}
	}
	for _, p := range not {
		if strings.Contains(f, p) {
			t.Errorf("%s output says %q:\n%s", what, p, out)
		}
	}
}
