package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/atlassim"
)

// orgAccountConfig is an organization service account whose first secret
// lasts 30 days.
const orgAccountConfig = cliProvider + `
variable "org_id" { type = string }

resource "atlasaccess_service_account" "ci" {
  org_id                     = var.org_id
  name                       = "org-expiry"
  description                = "Warned before its secrets expire"
  roles                      = ["ORG_READ_ONLY"]
  secret_expires_after_hours = 720
}

output "client_id" {
  value = atlasaccess_service_account.ci.client_id
}
`

// TestExpiringSecretsWarnOnRefresh checks the warning that mirrors Atlas's
// "Service Account Secrets are about to expire" alert: no warning while the
// account's secret has more than 7 days left by Atlas's clock, a warning
// naming the account once it has less, and another once it has expired. The
// simulator's clock moves; the machine's does not, so the provider must go
// by Atlas's time.
func TestExpiringSecretsWarnOnRefresh(t *testing.T) {
	t.Parallel()
	configs := map[string]string{
		"project service account":      strings.Replace(secretConfig, "secret_expires_after_hours = 24", "secret_expires_after_hours = 720", 1),
		"organization service account": orgAccountConfig,
	}
	for name, config := range configs {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			expectExpiryWarnings(t, config)
		})
	}
}

func expectExpiryWarnings(t *testing.T, config string) {
	w := newWorkspace(t, atlassim.Options{Seed: 16})
	w.signInAsOrgOwner()
	w.setProjectVariable()
	w.setenv("TF_VAR_org_id", w.fx.OrgID)
	w.write("main.tf", config)
	w.terraform(false, "apply", "-auto-approve", "-input=false")
	clientID, _ := w.terraform(false, "output", "-raw", "client_id")

	out, _ := w.terraform(false, "plan", "-input=false")
	expectOutput(t, "plan with 30 days left", out, []string{"No changes."}, []string{"about to expire", "have expired"})

	w.sim.SetClockOffset(24 * 24 * time.Hour) // 6 days left
	out, _ = w.terraform(false, "plan", "-input=false")
	expectOutput(t, "plan with 6 days left", out, []string{
		"Warning: Service Account Secrets Are About to Expire", clientID, "expires within 7 days", "No changes.",
	}, []string{"have expired"})

	w.sim.SetClockOffset(31 * 24 * time.Hour) // expired a day ago
	out, _ = w.terraform(false, "plan", "-input=false")
	expectOutput(t, "plan after expiry", out, []string{"Warning: Service Account Secrets Have Expired", clientID}, nil)

	w.sim.ResetClock()
	w.terraform(false, "destroy", "-auto-approve", "-input=false")
}
