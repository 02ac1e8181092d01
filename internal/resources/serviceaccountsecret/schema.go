package serviceaccountsecret

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/numberplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/validate"
)

// Bounds of rotate_before_hours: at least an hour, and less than the longest
// lifetime (ValidateConfig also keeps it below expires_after_hours).
const (
	rotateBeforeHoursMin = 1
	rotateBeforeHoursMax = validate.SecretExpiresAfterHoursMax - 1
)

func (k kind) schema() schema.Schema {
	stable := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	return schema.Schema{
		MarkdownDescription: "Issues one client secret of " + k.accountPhrase + ", and replaces it before it expires when `rotate_before_hours` is set.\n\n" +
			"The plaintext `secret` is returned by Atlas only once, in the answer that issues it, and is kept in the Terraform state: " +
			"protect the state (an encrypted remote backend with restricted access). With `lifecycle { create_before_destroy = true }` " +
			"a rotation issues the new secret before it deletes the old one, so the account can always sign in.\n\n" +
			"Expiry is judged by Atlas's clock (the `Date` header of its answers), never by the clock of the machine running Terraform.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "Identifier of the resource: `" + k.Attr + "/client_id/secret_id`.",
				Computed:            true,
				PlanModifiers:       stable,
			},
			k.Attr: k.ReplacingAttribute("ID of the Atlas " + k.Word + " of the service account (24 hexadecimal digits). Changing it issues a new secret."),
			"client_id": schema.StringAttribute{
				MarkdownDescription: "Client ID of the service account (`mdb_sa_id_` and 24 hexadecimal digits). Changing it issues a new secret.",
				Required:            true,
				Validators:          validate.ClientID(),
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"expires_after_hours": schema.NumberAttribute{
				MarkdownDescription: "Lifetime of the secret in hours, a whole number from 8 to 8760 (365 days); the organization's settings may allow less. " +
					"Changing it issues a new secret. After an import it is read back from the secret's creation and expiry times; " +
					"when Atlas has shortened the secret (see the rotation guide) it cannot be, and the first apply records the configured value without replacing the secret.",
				Required: true,
				Validators: []validator.Number{
					validate.Hours(validate.SecretExpiresAfterHoursMin, validate.SecretExpiresAfterHoursMax),
				},
				PlanModifiers: []planmodifier.Number{replaceUnlessImported()},
			},
			"rotate_before_hours": schema.NumberAttribute{
				MarkdownDescription: "Rotation window, a whole number of hours, at least 1 and less than `expires_after_hours`. When the secret expires within this many hours " +
					"(by Atlas's clock), the plan replaces it and warns. Without it, the secret is replaced only once it has expired. " +
					"Changing it changes only the state. Use it with `lifecycle { create_before_destroy = true }`; with two rotating secrets on one account keep it under 168 (see the rotation guide).",
				Optional: true,
				Validators: []validator.Number{
					validate.Hours(rotateBeforeHoursMin, rotateBeforeHoursMax),
				},
			},
			"secret_id": schema.StringAttribute{
				MarkdownDescription: "ID of the secret in Atlas.",
				Computed:            true,
				PlanModifiers:       stable,
			},
			"secret": schema.StringAttribute{
				MarkdownDescription: "Plaintext of the secret, to use with `client_id` for OAuth2 client credentials. Atlas returns it only in the answer that issues the secret, " +
					"so it is null after an import. Sensitive: it lives in state.",
				Computed:      true,
				Sensitive:     true,
				PlanModifiers: stable,
			},
			"masked_secret_value": schema.StringAttribute{
				MarkdownDescription: "The secret with all but its last characters masked, as Atlas shows it. Atlas's answer to the create carries the plaintext instead, " +
					"so the create reads the secret back once for it (null only if that read fails, until the next refresh).",
				Computed:      true,
				PlanModifiers: stable,
			},
			"created_at": schema.StringAttribute{
				MarkdownDescription: "When the secret was issued (RFC 3339, Atlas's clock).",
				Computed:            true,
				PlanModifiers:       stable,
			},
			"expires_at": schema.StringAttribute{
				MarkdownDescription: "When the secret expires (RFC 3339, Atlas's clock). Atlas shortens it to 7 days after the creation of a newer secret of the same account, " +
					"if it was later; every refresh reads it again.",
				Computed:      true,
				PlanModifiers: stable,
			},
			"last_used_at": schema.StringAttribute{
				MarkdownDescription: "When the secret was last used to sign in (RFC 3339); null if never.",
				Computed:            true,
				PlanModifiers:       stable,
			},
		},
	}
}

// replaceUnlessImported makes a change of expires_after_hours replace the
// secret, except when the state has no value: after an import whose secret
// Atlas had shortened, the lifetime it was issued with cannot be read back,
// and replacing a working secret only to record a number would be wrong.
func replaceUnlessImported() planmodifier.Number {
	return numberplanmodifier.RequiresReplaceIf(
		func(_ context.Context, req planmodifier.NumberRequest, resp *numberplanmodifier.RequiresReplaceIfFuncResponse) {
			resp.RequiresReplace = !req.StateValue.IsNull()
		},
		"Changing the value issues a new secret, unless the state has none (after an import).",
		"Changing the value issues a new secret, unless the state has none (after an import).",
	)
}
