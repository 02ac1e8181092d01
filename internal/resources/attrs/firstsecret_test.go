package attrs

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

func TestFirstSecretHours(t *testing.T) {
	t.Parallel()
	secret := func(created, expires string) []client.ServiceAccountSecret {
		return []client.ServiceAccountSecret{{ID: "s", CreatedAt: created, ExpiresAt: expires}}
	}
	cases := map[string]struct {
		secrets []client.ServiceAccountSecret
		want    types.Number
	}{
		"one day":            {secret("2025-01-01T00:00:00Z", "2025-01-02T00:00:00Z"), HoursNumber(24)},
		"a year":             {secret("2025-01-01T00:00:00Z", "2026-01-01T00:00:00Z"), HoursNumber(8760)},
		"seconds of jitter":  {secret("2025-01-01T00:00:01Z", "2025-01-01T08:00:00Z"), HoursNumber(8)},
		"no secret":          {nil, types.NumberNull()},
		"unparsable":         {secret("yesterday", "2025-01-02T00:00:00Z"), types.NumberNull()},
		"expires before":     {secret("2025-01-02T00:00:00Z", "2025-01-01T00:00:00Z"), types.NumberNull()},
		"first secret rules": {append(secret("2025-01-01T00:00:00Z", "2025-01-03T00:00:00Z"), secret("2025-01-01T00:00:00Z", "2025-01-02T00:00:00Z")...), HoursNumber(48)},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if got := FirstSecretHours(tc.secrets); !got.Equal(tc.want) {
				t.Fatalf("FirstSecretHours = %v, want %v", got, tc.want)
			}
		})
	}
}

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
			}, HoursNumber(720)},
		"cut, with Atlas's timestamps a second apart": {
			[]client.ServiceAccountSecret{
				s("2025-01-01T00:00:00Z", "2025-01-09T00:00:01Z"),
				s("2025-01-02T00:00:00Z", "2025-02-01T00:00:00Z"),
			}, HoursNumber(720)},
		"short secret not cut (it expired sooner): its own lifetime": {
			[]client.ServiceAccountSecret{
				s("2025-01-01T00:00:00Z", "2025-01-03T00:00:00Z"),
				s("2025-01-02T00:00:00Z", "2026-01-02T00:00:00Z"),
			}, HoursNumber(48)},
		"two rotations: both older secrets cut, the newest counts": {
			[]client.ServiceAccountSecret{
				s("2025-01-01T00:00:00Z", "2025-01-09T00:00:00Z"),
				s("2025-01-02T00:00:00Z", "2025-01-11T00:00:00Z"),
				s("2025-01-04T00:00:00Z", "2025-01-14T00:00:00Z"),
			}, HoursNumber(240)},
		"the first secret cut by the third, not the second": {
			[]client.ServiceAccountSecret{
				s("2025-01-01T00:00:00Z", "2025-01-12T00:00:00Z"),
				s("2025-01-02T00:00:00Z", "2025-01-03T00:00:00Z"),
				s("2025-01-05T00:00:00Z", "2025-01-25T00:00:00Z"),
			}, HoursNumber(24)},
		"no rotation": {[]client.ServiceAccountSecret{s("2025-01-01T00:00:00Z", "2025-01-31T00:00:00Z")}, HoursNumber(720)},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if got := FirstSecretHours(tc.secrets); !got.Equal(tc.want) {
				t.Fatalf("FirstSecretHours = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestAccountUpdate_sendsOnlyWhatChanges(t *testing.T) {
	t.Parallel()
	current := AccountFields{Name: types.StringValue("a"), Description: types.StringValue("d"), Roles: RolesToSet([]string{"GROUP_READ_ONLY"})}
	same := current
	if _, changed := AccountUpdate(current, same, []string{"GROUP_READ_ONLY"}); changed {
		t.Error("an unchanged plan sends a PATCH")
	}
	renamed := current
	renamed.Name = types.StringValue("b")
	body, changed := AccountUpdate(current, renamed, []string{"GROUP_READ_ONLY"})
	if !changed || body.Name == nil || *body.Name != "b" || body.Description != nil || body.Roles != nil {
		t.Errorf("rename: %+v, %v", body, changed)
	}
	// An account restored to its project after removal: roles go in the
	// PATCH only if the assignment's answer differs from the plan.
	removed := current
	removed.Roles = RolesToSet(nil)
	body, changed = AccountUpdate(removed, current, []string{"GROUP_READ_ONLY"})
	if !changed || len(body.Roles) != 1 {
		t.Errorf("roles from none: %+v, %v", body, changed)
	}
}
