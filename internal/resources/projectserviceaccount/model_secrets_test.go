package projectserviceaccount

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/attrs"
)

// After a rotation Atlas cuts the older secret to 7 days after the new
// one's creation; the imported lifetime must still be the account's own.
func TestFirstSecretHours_afterRotation(t *testing.T) {
	t.Parallel()
	s := func(created, expires string) client.ServiceAccountSecret {
		return client.ServiceAccountSecret{ID: created, CreatedAt: created, ExpiresAt: expires}
	}
	cases := map[string]struct {
		secrets []client.ServiceAccountSecret
		want    types.Number
	}{
		"30-day secret cut by a rotation a day later: the new secret's lifetime": {
			[]client.ServiceAccountSecret{
				s("2025-01-01T00:00:00Z", "2025-01-09T00:00:00Z"), // was 2025-01-31, cut to 01-02 + 7 days
				s("2025-01-02T00:00:00Z", "2025-02-01T00:00:00Z"),
			}, attrs.HoursNumber(720)},
		"cut, with Atlas's timestamps a second apart": {
			[]client.ServiceAccountSecret{
				s("2025-01-01T00:00:00Z", "2025-01-09T00:00:01Z"),
				s("2025-01-02T00:00:00Z", "2025-02-01T00:00:00Z"),
			}, attrs.HoursNumber(720)},
		"short secret not cut (it expired sooner): its own lifetime": {
			[]client.ServiceAccountSecret{
				s("2025-01-01T00:00:00Z", "2025-01-03T00:00:00Z"),
				s("2025-01-02T00:00:00Z", "2026-01-02T00:00:00Z"),
			}, attrs.HoursNumber(48)},
		"two rotations: both older secrets cut, the newest counts": {
			[]client.ServiceAccountSecret{
				s("2025-01-01T00:00:00Z", "2025-01-09T00:00:00Z"),
				s("2025-01-02T00:00:00Z", "2025-01-11T00:00:00Z"),
				s("2025-01-04T00:00:00Z", "2025-01-14T00:00:00Z"),
			}, attrs.HoursNumber(240)},
		"the first secret cut by the third, not the second": {
			[]client.ServiceAccountSecret{
				s("2025-01-01T00:00:00Z", "2025-01-12T00:00:00Z"),
				s("2025-01-02T00:00:00Z", "2025-01-03T00:00:00Z"),
				s("2025-01-05T00:00:00Z", "2025-01-25T00:00:00Z"),
			}, attrs.HoursNumber(24)},
		"no rotation": {[]client.ServiceAccountSecret{s("2025-01-01T00:00:00Z", "2025-01-31T00:00:00Z")}, attrs.HoursNumber(720)},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if got := firstSecretHours(tc.secrets); !got.Equal(tc.want) {
				t.Fatalf("firstSecretHours = %v, want %v", got, tc.want)
			}
		})
	}
}

// The answer to a create carries no masked value: state holds null, not an
// empty string that every refresh would change.
func TestSetFromAPI_maskedValueNullUntilRead(t *testing.T) {
	t.Parallel()
	var m serviceAccountModel
	m.setFromAPI("32b6e34b3d91647abb20e7b8", &client.ServiceAccount{
		ClientID: "mdb_sa_id_1234567890abcdef12345678", Name: "ci", Description: "d", Roles: []string{"GROUP_READ_ONLY"},
		CreatedAt: "2025-01-01T00:00:00Z",
		Secrets:   []client.ServiceAccountSecret{{ID: "s", CreatedAt: "2025-01-01T00:00:00Z", ExpiresAt: "2025-01-02T00:00:00Z", Secret: "mdb_sa_sk_plain"}},
	})
	secret := m.Secrets.Elements()[0].(types.Object).Attributes()
	if !secret["masked_secret_value"].IsNull() {
		t.Fatalf("masked_secret_value = %v after a create's answer, want null", secret["masked_secret_value"])
	}
	if got := firstSecret(&client.ServiceAccount{Secrets: []client.ServiceAccountSecret{{Secret: "mdb_sa_sk_plain"}}}); got.ValueString() != "mdb_sa_sk_plain" {
		t.Fatalf("firstSecret = %v", got)
	}
}
