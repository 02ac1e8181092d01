package diags

import (
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

// ExpiryWarningWindow is how long before its last secret expires an account
// is warned about, mirroring Atlas's "Service Account Secrets are about to
// expire" alert.
const ExpiryWarningWindow = 7 * 24 * time.Hour

// SecretsExpiry says how an account's secrets stand at a moment by Atlas's
// clock.
type SecretsExpiry struct {
	// Unexpired counts the secrets that still sign in.
	Unexpired int
	// Latest is the expiry of the secret that expires last (zero when no
	// secret has a readable expiry).
	Latest time.Time
}

// ExpiryOf reads secrets at now. Secrets whose expiresAt Atlas did not send
// in RFC 3339 are left out.
func ExpiryOf(secrets []client.ServiceAccountSecret, now time.Time) SecretsExpiry {
	var e SecretsExpiry
	for _, sec := range secrets {
		at, err := time.Parse(time.RFC3339, sec.ExpiresAt)
		if err != nil {
			continue
		}
		if at.After(now) {
			e.Unexpired++
		}
		if at.After(e.Latest) {
			e.Latest = at
		}
	}
	return e
}

// WarnSecretsExpiring adds a warning when an account that has secrets will
// soon have none that signs in: every unexpired secret expires within
// ExpiryWarningWindow of now, or all of them have expired. An account with no
// secret at all is left alone: that is a choice (keep_initial_secret = false
// with secrets from secret resources), not an accident. what names the
// account for the user, for example "service account mdb_sa_id_… of project …".
func WarnSecretsExpiring(d *diag.Diagnostics, what string, secrets []client.ServiceAccountSecret, now time.Time) {
	e := ExpiryOf(secrets, now)
	switch {
	case e.Latest.IsZero():
		return
	case e.Unexpired == 0:
		d.AddWarning("Service Account Secrets Have Expired",
			fmt.Sprintf("Every secret of %s has expired (the last one at %s, by Atlas's clock), so nothing can sign in as it. "+
				"Issue a new secret, for example with an atlasaccess_project_service_account_secret or atlasaccess_service_account_secret resource.",
				what, e.Latest.UTC().Format(time.RFC3339)))
	case e.Latest.Sub(now) <= ExpiryWarningWindow:
		d.AddWarning("Service Account Secrets Are About to Expire",
			fmt.Sprintf("Every unexpired secret of %s expires within %d days: the last one at %s (by Atlas's clock, now %s). "+
				"Rotate before then, for example with a secret resource whose rotate_before_hours covers this window, or the account can no longer sign in.",
				what, int(ExpiryWarningWindow.Hours()/24), e.Latest.UTC().Format(time.RFC3339), now.UTC().Format(time.RFC3339)))
	}
}
