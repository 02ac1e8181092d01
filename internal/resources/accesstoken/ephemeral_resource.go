// Package accesstoken implements the atlasaccess_access_token ephemeral
// resource: an OAuth2 access token for a service account other than the
// provider's own credential, revoked when Terraform closes it.
package accesstoken

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/providerdata"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/accesstoken/opentokens"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/diags"
)

var (
	_ ephemeral.EphemeralResourceWithConfigure = (*accessTokenResource)(nil)
	_ ephemeral.EphemeralResourceWithClose     = (*accessTokenResource)(nil)
)

// typeName is the full type name, for messages.
const typeName = "atlasaccess_access_token"

// api is what the ephemeral resource needs from Atlas; *client.Client
// provides it. It calls the client directly rather than through safeops:
// issuing a token creates no object that a lost answer could leave behind
// for a retry to adopt or duplicate (an unseen token expires on its own),
// and revoking one is idempotent.
type api interface {
	IssueAccessToken(ctx context.Context, clientID, clientSecret string) (*client.AccessToken, error)
	RevokeAccessToken(ctx context.Context, clientID, clientSecret, token string) error
}

// NewEphemeralResource returns the atlasaccess_access_token ephemeral resource.
func NewEphemeralResource() ephemeral.EphemeralResource {
	return &accessTokenResource{}
}

type accessTokenResource struct {
	api api
	// tokens are the tokens of this provider that are open; the provider
	// revokes those Terraform never closes when its server closes.
	tokens *opentokens.Record
}

func (r *accessTokenResource) Metadata(_ context.Context, req ephemeral.MetadataRequest, resp *ephemeral.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_access_token"
}

func (r *accessTokenResource) Schema(_ context.Context, _ ephemeral.SchemaRequest, resp *ephemeral.SchemaResponse) {
	resp.Schema = ephemeralSchema()
}

func (r *accessTokenResource) Configure(_ context.Context, req ephemeral.ConfigureRequest, resp *ephemeral.ConfigureResponse) {
	if d := providerdata.From(req.ProviderData, &resp.Diagnostics); d != nil {
		r.api = d.Client
		r.tokens = d.OpenTokens
	}
}

// Open exchanges the client credentials for a token at the token endpoint
// of the provider's base_url. Terraform calls it only once the whole
// configuration is known; while it is not (the account or its secret are
// created in the same run), Terraform skips Open and the result is unknown.
func (r *accessTokenResource) Open(ctx context.Context, req ephemeral.OpenRequest, resp *ephemeral.OpenResponse) {
	var m accessTokenModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if r.api == nil {
		resp.Diagnostics.AddError("Provider Not Configured",
			"The "+typeName+" ephemeral resource was opened before the provider was configured. This is a bug in the atlasaccess provider; please report it.")
		return
	}
	clientID, secret := m.ClientID.ValueString(), m.ClientSecret.ValueString()
	tok, err := r.api.IssueAccessToken(ctx, clientID, secret)
	if err != nil {
		resp.Diagnostics.Append(issueError(clientID, err))
		return
	}
	m.setToken(tok)
	resp.Diagnostics.Append(resp.Result.Set(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	fields := map[string]any{"client_id": clientID, "expires_at": m.ExpiresAt.ValueString(), "revoke_on_close": m.revokeOnClose()}
	if !m.revokeOnClose() {
		tflog.Debug(ctx, "opened an Atlas access token that is left to expire", fields)
		return
	}
	handle := r.tokens.Add(opentokens.Token{Revoker: r.api, ClientID: clientID, ClientSecret: secret, Token: tok.Token, ExpiresAt: tok.ExpiresAt})
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, privateKey,
		closeData{Handle: handle, ClientID: clientID, ExpiresAt: m.ExpiresAt.ValueString()}.encode())...)
	tflog.Debug(ctx, "opened an Atlas access token", fields)
}

// issueError is the diagnostic of a failed token request. It names the
// client ID, never the secret.
func issueError(clientID string, err error) diag.Diagnostic {
	if client.IsClientCredentialsRejected(err) {
		return diag.NewAttributeErrorDiagnostic(path.Root("client_secret"), "Service Account Credentials Rejected",
			fmt.Sprintf("Atlas refused the client ID and secret of service account %s at its token endpoint: the secret is unknown, "+
				"expired, revoked or deleted, or the account no longer exists. Pass a current secret of %s as client_secret "+
				"(an atlasaccess_project_service_account_secret resource issues one, and can rotate it before it expires).",
				clientID, clientID))
	}
	return diag.NewErrorDiagnostic("Error Issuing Access Token",
		diags.APIErrorDetail(fmt.Sprintf("Exchanging the client ID and secret of service account %s for an access token", clientID), err, ""))
}

// Close revokes the token Open issued, unless revoke_on_close was false
// (then Open recorded nothing to close). A token that cannot be revoked
// stays valid until it expires, which is a warning, not an error: the run's
// work is done by then.
func (r *accessTokenResource) Close(ctx context.Context, req ephemeral.CloseRequest, resp *ephemeral.CloseResponse) {
	raw, d := req.Private.GetKey(ctx, privateKey)
	resp.Diagnostics.Append(d...)
	if len(raw) == 0 || resp.Diagnostics.HasError() {
		return
	}
	data, err := decodeCloseData(raw)
	if err != nil {
		resp.Diagnostics.AddError("Unreadable Private Data", err.Error()+". This is a bug in the atlasaccess provider; please report it.")
		return
	}
	if r.tokens == nil {
		resp.Diagnostics.AddError("Provider Not Configured",
			"The "+typeName+" ephemeral resource was closed before the provider was configured. This is a bug in the atlasaccess provider; please report it.")
		return
	}
	open, ok := r.tokens.Take(data.Handle)
	if !ok {
		resp.Diagnostics.AddWarning("Access Token Not Revoked",
			fmt.Sprintf("The access token of service account %s was not opened by this provider process, which holds the secret "+
				"needed to revoke it, so it was not revoked; it stays valid until %s. Terraform closes an ephemeral resource "+
				"through the provider process that opened it, so this is unexpected: please report it with your Terraform version.",
				data.ClientID, data.ExpiresAt))
		return
	}
	fields := map[string]any{"client_id": open.ClientID, "expires_at": formatExpiry(open.ExpiresAt)}
	if err := open.Revoker.RevokeAccessToken(ctx, open.ClientID, open.ClientSecret, open.Token); err != nil {
		if client.IsClientCredentialsRejected(err) {
			// Typically terraform destroy: the account goes before Terraform
			// closes the token that its own provider block used.
			resp.Diagnostics.AddWarning("Access Token Not Revoked",
				fmt.Sprintf("Atlas refused the client ID and secret of service account %s when the provider revoked its access token: "+
					"the account or that secret was deleted during this run (as a destroy of the account does). A deleted account's "+
					"tokens are no longer accepted, so there is nothing to do. If only the secret was deleted, the token stays valid until it expires, "+
					"at %s; only deleting the account ends it sooner.",
					open.ClientID, formatExpiry(open.ExpiresAt)))
			return
		}
		resp.Diagnostics.AddWarning("Access Token Not Revoked",
			diags.APIErrorDetail(fmt.Sprintf("Revoking the access token of service account %s", open.ClientID), err,
				fmt.Sprintf("The token stays valid until it expires, at %s.", formatExpiry(open.ExpiresAt))))
		return
	}
	tflog.Debug(ctx, "revoked an Atlas access token", fields)
}
