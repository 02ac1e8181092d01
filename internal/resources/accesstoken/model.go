package accesstoken

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

// accessTokenModel is the configuration and result of the ephemeral resource.
type accessTokenModel struct {
	ClientID      types.String `tfsdk:"client_id"`
	ClientSecret  types.String `tfsdk:"client_secret"`
	RevokeOnClose types.Bool   `tfsdk:"revoke_on_close"`
	AccessToken   types.String `tfsdk:"access_token"`
	ExpiresAt     types.String `tfsdk:"expires_at"`
}

// revokeOnClose is revoke_on_close with its default, true.
func (m accessTokenModel) revokeOnClose() bool {
	return m.RevokeOnClose.IsNull() || m.RevokeOnClose.ValueBool()
}

// setToken records an issued token in the result.
func (m *accessTokenModel) setToken(tok *client.AccessToken) {
	m.AccessToken = types.StringValue(tok.Token)
	m.ExpiresAt = types.StringNull() // Atlas gave no lifetime
	if !tok.ExpiresAt.IsZero() {
		m.ExpiresAt = types.StringValue(formatExpiry(tok.ExpiresAt))
	}
}

func formatExpiry(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// privateKey is the key of closeData in the private data Terraform hands
// back to Close.
const privateKey = "close"

// closeData is what Close gets back from Open through Terraform's private
// data. Terraform holds private data in memory only, but the framework's
// contract does not promise that, so it holds neither the secret nor the
// token: Handle finds them in this process's record of open tokens. The
// client ID and expiry are there so that Close can name the token in a
// warning when the record has no entry for it.
type closeData struct {
	Handle    string `json:"handle"`
	ClientID  string `json:"client_id"`
	ExpiresAt string `json:"expires_at"`
}

func (d closeData) encode() []byte {
	b, _ := json.Marshal(d) // three strings: cannot fail
	return b
}

func decodeCloseData(b []byte) (closeData, error) {
	var d closeData
	if err := json.Unmarshal(b, &d); err != nil {
		return closeData{}, fmt.Errorf("decoding the private data of the access token: %w", err)
	}
	if d.Handle == "" {
		return closeData{}, fmt.Errorf("the private data of the access token has no handle")
	}
	return d, nil
}
