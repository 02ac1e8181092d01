package e2e

import (
	"archive/zip"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/atlassim"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

// deployerProvider is the second provider block of the ephemeral token
// tests: it signs in with the token atlasaccess_access_token.deployer
// opens, so every request it makes is made as that service account. The
// default block signs in by API key (digest), so in the simulator's request
// log every bearer request comes from this block.
const deployerProvider = `
provider "atlasaccess" {
  alias        = "deployer"
  access_token = ephemeral.atlasaccess_access_token.deployer.access_token
}

resource "atlasaccess_project_user_invite" "analyst" {
  provider   = atlasaccess.deployer
  project_id = var.project_id
  username   = "analyst@example.com"
  roles      = ["GROUP_READ_ONLY"]
}
`

// ephemeralTokenConfig takes an existing account's credentials from input
// variables; the secret's is ephemeral, so that the saved plan does not
// keep it either.
const ephemeralTokenConfig = cliProvider + projectIDVariable + `
variable "deployer_client_id" { type = string }

variable "deployer_client_secret" {
  type      = string
  sensitive = true
  ephemeral = true
}

ephemeral "atlasaccess_access_token" "deployer" {
  client_id     = var.deployer_client_id
  client_secret = var.deployer_client_secret
}
` + deployerProvider

// signInByAPIKey has later terraform runs sign in with the simulator's API
// keys (digest), which fetch no token.
func (w *workspace) signInByAPIKey() {
	w.setenv("MONGODB_ATLAS_PUBLIC_KEY", w.fx.PublicKey)
	w.setenv("MONGODB_ATLAS_PRIVATE_KEY", w.fx.PrivateKey)
}

// apiKeyClient is a client signed in by API key, for changes outside
// Terraform that must not add tokens to the simulator's record.
func (w *workspace) apiKeyClient() *client.Client {
	w.t.Helper()
	c, err := client.New(client.Config{BaseURL: w.url, PublicKey: w.fx.PublicKey, PrivateKey: w.fx.PrivateKey})
	if err != nil {
		w.t.Fatal(err)
	}
	return c
}

// createDeployer creates, outside Terraform, a service account that owns
// the simulator's first project, and returns its client ID and secret.
func (w *workspace) createDeployer(secretHours int) (clientID, secret string) {
	w.t.Helper()
	sa, err := w.apiKeyClient().CreateProjectServiceAccount(w.t.Context(), w.fx.ProjectID, client.CreateServiceAccountRequest{
		Name: "deployer", Description: "Signs in with an ephemeral token", Roles: []string{"GROUP_OWNER"}, SecretExpiresAfterHours: secretHours})
	if err != nil {
		w.t.Fatal(err)
	}
	return sa.ClientID, sa.Secrets[0].Secret
}

// inviteCreates lists the creates of the invitation the configurations make.
func inviteCreates(sim *atlassim.Server, projectID string) []atlassim.RequestRecord {
	var out []atlassim.RequestRecord
	for _, r := range sim.Requests() {
		if r.Method == http.MethodPost && strings.HasSuffix(r.Path, "/groups/"+projectID+"/users") {
			out = append(out, r)
		}
	}
	return out
}

// expectTokensDead fails t unless the simulator issued at least one token
// and now refuses every one it issued, and returns them with those revoked.
func expectTokensDead(t *testing.T, w *workspace) (issued, revoked []string) {
	t.Helper()
	issued, revoked = w.sim.IssuedTokens(), w.sim.RevokedTokens()
	slices.Sort(issued)
	slices.Sort(revoked)
	if len(issued) == 0 {
		t.Fatal("the simulator issued no token: the test would prove nothing")
	}
	for _, tok := range issued {
		c, err := client.New(client.Config{BaseURL: w.url, AccessToken: tok, MaxRetries: 0})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.GetProject(t.Context(), w.fx.ProjectID); !client.IsAccessTokenRejected(err) {
			t.Errorf("after the run, Atlas answers a request with an issued token with %v; want it refused", err)
		}
	}
	return issued, revoked
}

// expectAllTokensRevoked fails t unless every token the simulator issued was
// revoked, and is refused. The simulator lets a client revoke only tokens
// issued to it (RFC 7009), so a revocation by the ephemeral resource, which
// authenticates as the deployer account, also proves whose token it was.
func expectAllTokensRevoked(t *testing.T, w *workspace) []string {
	t.Helper()
	issued, revoked := expectTokensDead(t, w)
	if !slices.Equal(issued, revoked) {
		t.Errorf("the simulator issued %d tokens and saw %d of them revoked by the account they were issued to; want all", len(issued), len(revoked))
	}
	return issued
}

// TestEphemeralAccessToken_aliasedProviderActsAsTheAccountAndLeavesNoTrace
// passes the ephemeral token to a second provider block, which invites a
// person to the project as the service account. A saved plan is applied,
// then a plan and a destroy run, all with TF_LOG=TRACE. The creation was
// made with a bearer token, which only the second block holds; every token
// was revoked when Terraform closed it, and Atlas refuses it afterwards; no
// token and no secret is in the state, the saved plan (every file of its
// zip archive), the trace log or the CLI output.
func TestEphemeralAccessToken_aliasedProviderActsAsTheAccountAndLeavesNoTrace(t *testing.T) {
	t.Parallel()
	w := newWorkspace(t, atlassim.Options{Seed: 61})
	w.signInByAPIKey()
	w.setProjectVariable()
	clientID, secret := w.createDeployer(720)
	w.setenv("TF_VAR_deployer_client_id", clientID)
	w.setenv("TF_VAR_deployer_client_secret", secret)
	logPath := filepath.Join(w.dir, "trace.log")
	w.setenv("TF_LOG", "TRACE")
	w.setenv("TF_LOG_PATH", logPath)
	w.write("main.tf", ephemeralTokenConfig)
	w.sim.ResetRequests()

	var outputs []string
	run := func(args ...string) {
		out, _ := w.terraform(false, args...)
		outputs = append(outputs, out)
	}
	run("plan", "-input=false", "-out=tfplan")
	planFile, err := os.ReadFile(filepath.Join(w.dir, "tfplan"))
	if err != nil {
		t.Fatal(err)
	}
	run("apply", "-input=false", "tfplan")

	creates := inviteCreates(w.sim, w.fx.ProjectID)
	if len(creates) != 1 || creates[0].Auth != "bearer" || creates[0].Status != http.StatusCreated {
		t.Fatalf("invitation creates %+v; want one, answered 201, made with a bearer token (the default provider signs in by digest)", creates)
	}
	state, err := os.ReadFile(filepath.Join(w.dir, "terraform.tfstate"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(state), "analyst@example.com") {
		t.Fatal("the state has no invitation: the test would prove nothing about the state")
	}
	// The next plan reads the invitation back as the account, with a new token.
	planOut, _ := w.terraform(false, "plan", "-input=false", "-detailed-exitcode")
	outputs = append(outputs, planOut)
	run("destroy", "-auto-approve", "-input=false")

	tokens := expectAllTokensRevoked(t, w)
	// plan -out, apply, plan and destroy each open their own token.
	if len(tokens) < 4 {
		t.Errorf("%d tokens issued for 4 runs; each run that needs the token must open its own", len(tokens))
	}

	texts := map[string]string{"state": string(state), "trace log": readFile(t, logPath), "CLI output": strings.Join(outputs, "\n")}
	if !strings.Contains(texts["trace log"], "Atlas API request") {
		t.Fatal("the trace log has no provider request logs: the test would prove nothing")
	}
	for name, content := range planFileEntries(t, planFile) {
		texts["plan file entry "+name] = content
	}
	if _, ok := texts["plan file entry tfplan"]; !ok {
		t.Fatal("the saved plan has no tfplan entry: the test would prove nothing about the plan")
	}
	if backup, err := os.ReadFile(filepath.Join(w.dir, "terraform.tfstate.backup")); err == nil {
		texts["state backup"] = string(backup)
	}
	secrets := map[string]string{"the client secret": secret}
	for i, tok := range tokens {
		secrets["issued token "+string(rune('a'+i))] = tok
	}
	for what, value := range secrets {
		for where, text := range texts {
			if strings.Contains(text, value) {
				t.Errorf("%s found in the %s", what, where)
			}
		}
	}
}

// planFileEntries returns the contents of every file in a saved plan (a zip
// archive), so that a search covers the plan, the state snapshots and the
// configuration it carries.
func planFileEntries(t *testing.T, planFile []byte) map[string]string {
	t.Helper()
	zr, err := zip.NewReader(strings.NewReader(string(planFile)), int64(len(planFile)))
	if err != nil {
		t.Fatalf("the saved plan is not a zip archive: %v", err)
	}
	out := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		_ = rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		out[f.Name] = string(b)
	}
	return out
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestEphemeralAccessToken_expiredSecretNamesTheClientID moves the
// simulator's clock past the expiry of the account's 8-hour secret: the
// plan fails with an error that names the client ID and says the secret
// may have expired, and shows no secret; nothing is created.
func TestEphemeralAccessToken_expiredSecretNamesTheClientID(t *testing.T) {
	t.Parallel()
	w := newWorkspace(t, atlassim.Options{Seed: 62})
	w.signInByAPIKey()
	w.setProjectVariable()
	clientID, secret := w.createDeployer(8)
	w.setenv("TF_VAR_deployer_client_id", clientID)
	w.setenv("TF_VAR_deployer_client_secret", secret)
	w.write("main.tf", ephemeralTokenConfig)
	w.sim.SetClockOffset(9 * time.Hour)

	out, err := w.terraform(true, "plan", "-input=false")
	if err == nil {
		t.Fatalf("the plan succeeded with an expired secret:\n%s", out)
	}
	expectOutput(t, "plan", out,
		[]string{"Error: Service Account Credentials Rejected", "service account " + clientID, "expired", "Pass a current secret of " + clientID},
		[]string{secret, "Unknown Provider Configuration Value"})
	if creates := inviteCreates(w.sim, w.fx.ProjectID); len(creates) != 0 {
		t.Errorf("%d invitation creates after a refused token; want none", len(creates))
	}
}

// ephemeralSameApplyConfig creates the account and its secret in the same
// configuration that uses its token.
const ephemeralSameApplyConfig = cliProvider + projectIDVariable + `
resource "atlasaccess_project_service_account" "deployer" {
  project_id                 = var.project_id
  name                       = "deployer"
  description                = "Created in the run that uses its token"
  roles                      = ["GROUP_OWNER"]
  secret_expires_after_hours = 720
}

ephemeral "atlasaccess_access_token" "deployer" {
  client_id     = atlasaccess_project_service_account.deployer.client_id
  client_secret = atlasaccess_project_service_account.deployer.secret
}
` + deployerProvider

// TestEphemeralAccessToken_unknownUntilApplyNeedsTwoSteps pins what
// Terraform 1.11 and 1.16 alike (both checked) do when the account and its secret are created in the
// same apply that uses its token: Terraform skips opening the token during
// plan, the second provider block's access_token is unknown, and the
// provider cannot be configured, so the plan fails before any change, with
// an error that says to apply in two steps. The two steps the error names
// then work, and the destroy too.
func TestEphemeralAccessToken_unknownUntilApplyNeedsTwoSteps(t *testing.T) {
	t.Parallel()
	w := newWorkspace(t, atlassim.Options{Seed: 63})
	w.signInByAPIKey()
	w.setProjectVariable()
	w.write("main.tf", ephemeralSameApplyConfig)

	out, err := w.terraform(true, "plan", "-input=false")
	if err == nil {
		t.Fatalf("the plan succeeded although the token cannot be known until apply:\n%s", out)
	}
	expectOutput(t, "plan", out,
		[]string{"Error: Unknown Provider Configuration Value", "access_token is not known until apply",
			"atlasaccess_access_token ephemeral resource", "Apply in two steps",
			"terraform apply -target=<the resource that creates the account or secret>", "one root module and use them in another"},
		nil)
	for _, r := range w.sim.Requests() {
		if r.Method != http.MethodGet {
			t.Errorf("the failed plan sent %s %s", r.Method, r.Path)
		}
	}

	w.terraform(false, "apply", "-auto-approve", "-input=false", "-target=atlasaccess_project_service_account.deployer")
	if creates := inviteCreates(w.sim, w.fx.ProjectID); len(creates) != 0 {
		t.Fatalf("the targeted apply created the invitation: %+v", creates)
	}
	w.terraform(false, "apply", "-auto-approve", "-input=false")
	creates := inviteCreates(w.sim, w.fx.ProjectID)
	if len(creates) != 1 || creates[0].Auth != "bearer" || creates[0].Status != http.StatusCreated {
		t.Fatalf("invitation creates %+v; want one, answered 201, made with the account's bearer token", creates)
	}
	planOut, _ := w.terraform(false, "plan", "-input=false", "-detailed-exitcode")
	expectOutput(t, "plan after the second step", planOut, []string{"No changes."}, nil)
	// The destroy's apply deletes the account before Terraform closes the
	// token its provider block used, so that one token cannot be revoked;
	// it dies with the account, and a warning says so. Every other token,
	// the destroy's plan's included, is revoked.
	before := len(w.sim.IssuedTokens())
	destroyOut, _ := w.terraform(false, "destroy", "-auto-approve", "-input=false")
	expectOutput(t, "destroy", destroyOut, []string{"Warning: Access Token Not Revoked", "was deleted during this run"}, nil)
	expectOnce(t, "destroy", destroyOut, "Warning: Access Token Not Revoked")
	issued, revoked := expectTokensDead(t, w)
	if len(revoked) != len(issued)-1 {
		t.Errorf("%d of %d tokens revoked; want all but the one the destroy's apply used", len(revoked), len(issued))
	}
	if len(issued) <= before {
		t.Error("the destroy opened no token: the test proves nothing about it")
	}
}
