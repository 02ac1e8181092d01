package diags

import (
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

func TestWarnSecretsExpiring(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	expiring := func(after time.Duration) client.ServiceAccountSecret {
		return client.ServiceAccountSecret{ID: "s", CreatedAt: now.Add(-time.Hour).Format(time.RFC3339), ExpiresAt: now.Add(after).Format(time.RFC3339)}
	}
	cases := map[string]struct {
		secrets []client.ServiceAccountSecret
		want    string // summary of the warning, "" for none
	}{
		"no secrets at all is a choice":       {nil, ""},
		"one secret far from expiry":          {[]client.ServiceAccountSecret{expiring(30 * 24 * time.Hour)}, ""},
		"one secret within 7 days":            {[]client.ServiceAccountSecret{expiring(6 * 24 * time.Hour)}, "Service Account Secrets Are About to Expire"},
		"exactly 7 days counts":               {[]client.ServiceAccountSecret{expiring(7 * 24 * time.Hour)}, "Service Account Secrets Are About to Expire"},
		"a newer secret lasts: no warning":    {[]client.ServiceAccountSecret{expiring(time.Hour), expiring(90 * 24 * time.Hour)}, ""},
		"all unexpired secrets within 7 days": {[]client.ServiceAccountSecret{expiring(-time.Hour), expiring(2 * time.Hour), expiring(3 * 24 * time.Hour)}, "Service Account Secrets Are About to Expire"},
		"all expired":                         {[]client.ServiceAccountSecret{expiring(-time.Hour), expiring(-2 * time.Hour)}, "Service Account Secrets Have Expired"},
		"unreadable expiry is left out":       {[]client.ServiceAccountSecret{{ID: "x", ExpiresAt: "soon"}}, ""},
	}
	for name, c := range cases {
		var d diag.Diagnostics
		WarnSecretsExpiring(&d, "service account mdb_sa_id_x of project p", c.secrets, now)
		switch {
		case c.want == "" && len(d) != 0:
			t.Errorf("%s: unexpected diagnostics %v", name, d)
		case c.want != "" && (len(d) != 1 || d.WarningsCount() != 1 || d[0].Summary() != c.want):
			t.Errorf("%s: want one warning %q, got %v", name, c.want, d)
		case c.want != "" && !strings.Contains(d[0].Detail(), "mdb_sa_id_x"):
			t.Errorf("%s: the warning does not name the account: %s", name, d[0].Detail())
		}
	}
}
