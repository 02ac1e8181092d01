package accesstoken

import (
	"github.com/hashicorp/terraform-plugin-framework/ephemeral/schema"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/validate"
)

func ephemeralSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Exchanges the client ID and secret of an Atlas service account for an OAuth2 access token, " +
			"for example to configure a second `atlasaccess` provider block that acts as that account. " +
			"Being ephemeral (Terraform 1.10 or later), the token is never written to the state or to a saved plan: " +
			"Terraform opens a new one in each run that needs it (plan and apply each open their own) and closes it " +
			"when the run no longer needs it, which revokes it at Atlas unless `revoke_on_close = false`.\n\n" +
			"The token is not renewed: Atlas issues tokens that live for one hour, so a run that uses one must finish within that time.",
		Attributes: map[string]schema.Attribute{
			"client_id": schema.StringAttribute{
				MarkdownDescription: "Client ID of the service account: `mdb_sa_id_` followed by 24 hexadecimal digits.",
				Required:            true,
				Validators:          validate.ClientID(),
			},
			"client_secret": schema.StringAttribute{
				MarkdownDescription: "A current client secret of the service account (`mdb_sa_sk_...`). To keep it out of the state too, " +
					"pass it through an `ephemeral = true` input variable, or from another ephemeral source.",
				Required:  true,
				Sensitive: true,
			},
			"revoke_on_close": schema.BoolAttribute{
				MarkdownDescription: "Whether closing the ephemeral resource revokes the token at Atlas. Default `true`, so that no " +
					"token outlives the run that needed it. Set `false` only when something outside this run must keep using the token " +
					"until it expires.",
				Optional: true,
			},
			"access_token": schema.StringAttribute{
				MarkdownDescription: "The OAuth2 bearer access token, for the `access_token` argument of an `atlasaccess` provider block.",
				Computed:            true,
				Sensitive:           true,
			},
			"expires_at": schema.StringAttribute{
				MarkdownDescription: "When the token expires, in RFC 3339 form (UTC), by Atlas's clock when its answer carried a `Date` header; null if Atlas gave the token no lifetime.",
				Computed:            true,
			},
		},
	}
}
