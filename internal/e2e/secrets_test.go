package e2e

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/atlassim"
)

const secretConfig = cliProvider + projectIDVariable + `
resource "atlasaccess_project_service_account" "ci" {
  project_id                 = var.project_id
  name                       = "leak-check"
  description                = "Proves secrets never reach logs"
  roles                      = ["GROUP_READ_ONLY"]
  secret_expires_after_hours = 24
}

output "client_id" {
  value = atlasaccess_project_service_account.ci.client_id
}

output "secret" {
  value     = atlasaccess_project_service_account.ci.secret
  sensitive = true
}
`

// TestSecretsNeverInTraceLogs runs apply, refresh, import and destroy with
// TF_LOG=TRACE for each way of signing in, then searches every log line for
// the credentials, the access tokens the simulator issued, and the plaintext
// secret of the service account.
func TestSecretsNeverInTraceLogs(t *testing.T) {
	t.Parallel()
	for _, auth := range []string{"oauth", "digest", "access_token"} {
		t.Run(auth, func(t *testing.T) {
			t.Parallel()
			w := newWorkspace(t, atlassim.Options{Seed: 11})
			secrets := map[string]string{}
			switch auth {
			case "oauth":
				w.signInAsOrgOwner()
				secrets["client secret"] = w.fx.ClientSecret
			case "digest":
				w.setenv("MONGODB_ATLAS_PUBLIC_KEY", w.fx.PublicKey)
				w.setenv("MONGODB_ATLAS_PRIVATE_KEY", w.fx.PrivateKey)
				secrets["private key"] = w.fx.PrivateKey
			case "access_token":
				tok := fetchToken(t, w.url, w.fx.ClientID, w.fx.ClientSecret)
				w.setenv("MONGODB_ATLAS_ACCESS_TOKEN", tok)
				secrets["access token"] = tok
			}
			logPath := filepath.Join(w.dir, "trace.log")
			w.setenv("TF_LOG", "TRACE")
			w.setenv("TF_LOG_PROVIDER", "TRACE")
			w.setenv("TF_LOG_PATH", logPath)
			w.setProjectVariable()
			w.write("main.tf", secretConfig)

			applyOut, _ := w.terraform(false, "apply", "-auto-approve", "-input=false")
			plain, _ := w.terraform(false, "output", "-raw", "secret")
			if !strings.HasPrefix(plain, "mdb_sa_sk_") {
				t.Fatalf("terraform output -raw secret = %q; want the plaintext secret", plain)
			}
			secrets["service account secret"] = plain
			clientID, _ := w.terraform(false, "output", "-raw", "client_id")

			outputs, _ := w.terraform(false, "output")
			if strings.Contains(outputs, plain) || !strings.Contains(outputs, "<sensitive>") {
				t.Fatalf("terraform output without -raw shows the secret:\n%s", outputs)
			}
			planOut, _ := w.terraform(false, "plan", "-refresh-only", "-input=false")
			w.terraform(false, "apply", "-refresh-only", "-auto-approve", "-input=false")
			w.terraform(false, "state", "rm", "atlasaccess_project_service_account.ci")
			importOut, _ := w.terraform(false, "import", "-input=false", "atlasaccess_project_service_account.ci", w.fx.ProjectID+"/"+clientID)
			destroyOut, _ := w.terraform(false, "destroy", "-auto-approve", "-input=false")

			for _, tok := range w.sim.IssuedTokens() {
				secrets["issued access token "+tok[:4]+"…"] = tok
			}
			if auth != "digest" && len(w.sim.IssuedTokens()) == 0 {
				t.Fatal("the simulator issued no token: the test would prove nothing about tokens")
			}
			logs, err := os.ReadFile(logPath)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(logs), "Atlas API request") {
				t.Fatal("the trace log has no provider request logs: the test would prove nothing")
			}
			texts := map[string]string{"trace log": string(logs), "apply output": applyOut, "plan output": planOut, "import output": importOut, "destroy output": destroyOut}
			for what, value := range secrets {
				for where, text := range texts {
					if strings.Contains(text, value) {
						t.Errorf("%s found in the %s", what, where)
					}
				}
			}
		})
	}
}

// fetchToken gets an access token from the simulator's token endpoint, as a
// CI job would before handing it to Terraform.
func fetchToken(t *testing.T, base, id, secret string) string {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, base+"/api/oauth/token", strings.NewReader(url.Values{"grant_type": {"client_credentials"}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(id, secret)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	if err := json.Unmarshal(body, &tok); err != nil || tok.AccessToken == "" {
		t.Fatalf("token endpoint answered %d %s", resp.StatusCode, body)
	}
	return tok.AccessToken
}
