package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/atlassim"
)

// TestExpiringSecretsWarnOnRefresh checks the warning that mirrors Atlas's
// "Service Account Secrets are about to expire" alert: no warning while the
// account's secret has more than 7 days left by Atlas's clock, a warning
// naming the account once it has less, and another once it has expired. The
// simulator's clock moves; the machine's does not, so the provider must go
// by Atlas's time.
func TestExpiringSecretsWarnOnRefresh(t *testing.T) {
	t.Parallel()
	w := newWorkspace(t, atlassim.Options{Seed: 16})
	w.signInAsOrgOwner()
	w.setProjectVariable()
	w.write("main.tf", strings.Replace(secretConfig, "secret_expires_after_hours = 24", "secret_expires_after_hours = 720", 1))
	w.terraform(false, "apply", "-auto-approve", "-input=false")
	clientID, _ := w.terraform(false, "output", "-raw", "client_id")

	out, _ := w.terraform(false, "plan", "-input=false")
	expectOutput(t, "plan with 30 days left", out, []string{"No changes."}, []string{"about to expire", "have expired"})

	w.sim.SetClockOffset(24 * 24 * time.Hour) // 6 days left
	out, _ = w.terraform(false, "plan", "-input=false")
	expectOutput(t, "plan with 6 days left", out, []string{
		"Warning: Service account secrets are about to expire", clientID, "expires within 7 days", "No changes.",
	}, []string{"have expired"})

	w.sim.SetClockOffset(31 * 24 * time.Hour) // expired a day ago
	out, _ = w.terraform(false, "plan", "-input=false")
	expectOutput(t, "plan after expiry", out, []string{"Warning: Service account secrets have expired", clientID}, nil)

	w.sim.ResetClock()
	w.terraform(false, "destroy", "-auto-approve", "-input=false")
}
