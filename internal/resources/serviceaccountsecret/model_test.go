package serviceaccountsecret

import (
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/attrs"
)

func TestRotationDue(t *testing.T) {
	t.Parallel()
	now := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	at := func(d time.Duration) string { return now.Add(d).Format(time.RFC3339) }
	cases := map[string]struct {
		expiresAt string
		window    time.Duration
		want      rotation
	}{
		"far from the window":          {at(48 * time.Hour), 24 * time.Hour, keep},
		"just outside the window":      {at(24*time.Hour + time.Minute), 24 * time.Hour, keep},
		"at the edge of the window":    {at(24 * time.Hour), 24 * time.Hour, rotate},
		"inside the window":            {at(time.Hour), 24 * time.Hour, rotate},
		"expired":                      {at(-time.Hour), 24 * time.Hour, expired},
		"expiring this second":         {at(0), 0, expired},
		"no window, valid":             {at(time.Hour), 0, keep},
		"no window, expired":           {at(-time.Second), 0, expired},
		"expiry not a time":            {"soon", 24 * time.Hour, unknown},
		"a second short of the window": {at(24*time.Hour + time.Second), 24 * time.Hour, rotate},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if got := rotationDue(tc.expiresAt, now, tc.window); got != tc.want {
				t.Fatalf("rotationDue(%s, now, %v) = %d, want %d", tc.expiresAt, tc.window, got, tc.want)
			}
		})
	}
}

func TestIssuedHours(t *testing.T) {
	t.Parallel()
	sec := func(id, created, expires string) client.ServiceAccountSecret {
		return client.ServiceAccountSecret{ID: id, CreatedAt: created, ExpiresAt: expires}
	}
	old := sec("a", "2025-01-01T00:00:00Z", "2025-01-31T00:00:00Z") // 720 h
	// A newer secret issued on 2025-01-10 shortens the older one to 7 days after it.
	shortened := sec("a", "2025-01-01T00:00:00Z", "2025-01-17T00:00:00Z")
	newer := sec("b", "2025-01-10T00:00:00Z", "2025-02-09T00:00:00Z")
	cases := map[string]struct {
		sec  client.ServiceAccountSecret
		all  []client.ServiceAccountSecret
		want types.Number
	}{
		"alone":                            {old, nil, attrs.HoursNumber(720)},
		"with a newer secret, unshortened": {sec("a", "2025-01-01T00:00:00Z", "2025-01-02T00:00:00Z"), []client.ServiceAccountSecret{newer}, attrs.HoursNumber(24)},
		"shortened by a newer secret":      {shortened, []client.ServiceAccountSecret{shortened, newer}, types.NumberNull()},
		"the newer secret itself":          {newer, []client.ServiceAccountSecret{shortened, newer}, attrs.HoursNumber(720)},
		"seconds of jitter":                {sec("a", "2025-01-01T00:00:01Z", "2025-01-01T08:00:00Z"), nil, attrs.HoursNumber(8)},
		"shorter than Atlas allows":        {sec("a", "2025-01-01T00:00:00Z", "2025-01-01T02:00:00Z"), nil, types.NumberNull()},
		"unparsable":                       {sec("a", "yesterday", "2025-01-02T00:00:00Z"), nil, types.NumberNull()},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if got := issuedHours(&tc.sec, tc.all); !got.Equal(tc.want) {
				t.Fatalf("issuedHours = %v, want %v", got, tc.want)
			}
		})
	}
}

// A read never carries the plaintext: the one in state survives it, and
// the configured lifetime is kept even when Atlas has shortened the secret.
func TestSetFromAPIKeepsPlaintextAndConfiguredLifetime(t *testing.T) {
	t.Parallel()
	m := secretModel{
		ClientID: types.StringValue("mdb_sa_id_0123456789abcdef01234567"), Secret: types.StringValue("mdb_sa_sk_plain"),
		ExpiresAfterHours: attrs.HoursNumber(720),
	}
	used := "2025-01-05T00:00:00Z"
	m.setFromAPI("32b6e34b3d91647abb20e7b8", &client.ServiceAccountSecret{
		ID: "aaaaaaaaaaaaaaaaaaaaaaaa", CreatedAt: "2025-01-01T00:00:00Z", ExpiresAt: "2025-01-08T00:00:00Z",
		MaskedSecretValue: "mdb_sa_sk_****lain", LastUsedAt: &used,
	}, nil)
	switch {
	case m.Secret.ValueString() != "mdb_sa_sk_plain":
		t.Fatalf("secret = %v, want the plaintext kept", m.Secret)
	case !m.ExpiresAfterHours.Equal(attrs.HoursNumber(720)):
		t.Fatalf("expires_after_hours = %v, want the configured 720", m.ExpiresAfterHours)
	case m.ID.ValueString() != "32b6e34b3d91647abb20e7b8/mdb_sa_id_0123456789abcdef01234567/aaaaaaaaaaaaaaaaaaaaaaaa":
		t.Fatalf("id = %v", m.ID)
	case m.LastUsedAt.ValueString() != used || m.ExpiresAt.ValueString() != "2025-01-08T00:00:00Z":
		t.Fatalf("last_used_at %v, expires_at %v: not refreshed", m.LastUsedAt, m.ExpiresAt)
	}
	// After an import (no plaintext, no lifetime) both come from Atlas as far as it can tell.
	imported := secretModel{ClientID: m.ClientID, Secret: types.StringNull(), ExpiresAfterHours: types.NumberNull()}
	imported.setFromAPI("32b6e34b3d91647abb20e7b8", &client.ServiceAccountSecret{
		ID: "aaaaaaaaaaaaaaaaaaaaaaaa", CreatedAt: "2025-01-01T00:00:00Z", ExpiresAt: "2025-01-03T00:00:00Z",
	}, nil)
	if !imported.Secret.IsNull() || !imported.ExpiresAfterHours.Equal(attrs.HoursNumber(48)) {
		t.Fatalf("after import: secret %v, expires_after_hours %v; want null and 48", imported.Secret, imported.ExpiresAfterHours)
	}
}
