package accesstoken

import (
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

func TestRevokeOnCloseDefaultsToTrue(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		v    types.Bool
		want bool
	}{
		"left out": {types.BoolNull(), true},
		"true":     {types.BoolValue(true), true},
		"false":    {types.BoolValue(false), false},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if got := (accessTokenModel{RevokeOnClose: tc.v}).revokeOnClose(); got != tc.want {
				t.Errorf("revokeOnClose() = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestSetToken_expiresAtIsRFC3339UTCOrNull(t *testing.T) {
	t.Parallel()
	var m accessTokenModel
	m.setToken(&client.AccessToken{Token: "t", ExpiresAt: time.Date(2030, 1, 2, 4, 4, 5, 0, time.FixedZone("CET", 3600))})
	if got := m.ExpiresAt.ValueString(); got != "2030-01-02T03:04:05Z" {
		t.Errorf("expires_at = %q, want 2030-01-02T03:04:05Z", got)
	}
	m.setToken(&client.AccessToken{Token: "t"})
	if !m.ExpiresAt.IsNull() {
		t.Errorf("expires_at of a token without a lifetime = %v, want null", m.ExpiresAt)
	}
}

func TestDecodeCloseData(t *testing.T) {
	t.Parallel()
	want := closeData{Handle: "h", ClientID: "mdb_sa_id_0123456789abcdef01234567", ExpiresAt: "2030-01-02T03:04:05Z"}
	got, err := decodeCloseData(want.encode())
	if err != nil || got != want {
		t.Fatalf("round trip = %+v, %v; want %+v", got, err, want)
	}
	for name, raw := range map[string]string{"not JSON": "{", "no handle": `{"client_id":"x"}`} {
		if _, err := decodeCloseData([]byte(raw)); err == nil || !strings.Contains(err.Error(), "private data") {
			t.Errorf("%s: error = %v, want one about the private data", name, err)
		}
	}
}
