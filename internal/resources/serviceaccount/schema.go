package serviceaccount

import (
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/attrs"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/validate"
)

func (k *accountKind) schema() schema.Schema {
	attributes := map[string]schema.Attribute{
		"id":   attrs.ResourceID("Identifier of the resource: `" + k.Attr + "/client_id`."),
		k.Attr: k.ReplacingAttribute("ID of the Atlas " + k.Word + " (24 hexadecimal digits). Changing it creates a new service account."),
		"name": schema.StringAttribute{
			MarkdownDescription: "Human-readable name, 1 to 64 characters: letters, digits, spaces and `-_.,'`. Need not be unique. Updated in place.",
			Required:            true,
			Validators:          validate.Name(),
		},
		"description": schema.StringAttribute{
			MarkdownDescription: "Description, 1 to 250 characters: letters, digits, spaces and `-_.,'`. Updated in place.",
			Required:            true,
			Validators:          validate.Description(),
		},
		"roles": schema.SetAttribute{
			MarkdownDescription: k.rolesDescription,
			Required:            true,
			ElementType:         types.StringType,
			Validators:          k.roleValidators(),
		},
		"secret_expires_after_hours": schema.NumberAttribute{
			MarkdownDescription: "Lifetime in hours of the first client secret, from 8 to 8760 (365 days); the organization's settings may allow less. " +
				"It only shapes the first secret: changing it later neither replaces the account nor its secret (a warning says so) and is only recorded in state. " +
				"After import it is read back from the first secret while that secret exists.",
			Required: true,
			Validators: []validator.Number{
				validate.Hours(validate.SecretExpiresAfterHoursMin, validate.SecretExpiresAfterHoursMax),
			},
		},
		"keep_initial_secret": schema.BoolAttribute{
			MarkdownDescription: "Whether the account keeps the secret Atlas issues when it creates the account. `true` (default): the secret is kept " +
				"and its plaintext is in `secret`. `false`: the provider deletes that secret right after the create, `secret` stays null, and the " +
				"account's secrets come only from `atlasaccess" + k.secretSuffix + "` resources (which can rotate). Changing it from `true` " +
				"to `false` later deletes the initial secret in place; changing it back does not issue a new one. After an import the initial secret " +
				"cannot always be told apart from later ones: when it cannot, switching to `false` deletes nothing and warns.",
			Optional: true,
			Computed: true,
			Default:  booldefault.StaticBool(true),
		},
		"client_id": schema.StringAttribute{
			MarkdownDescription: "Client ID of the service account, used with a secret for OAuth2 client credentials.",
			Computed:            true,
			PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		},
		"created_at": schema.StringAttribute{
			MarkdownDescription: "When the service account was created (RFC 3339, UTC).",
			Computed:            true,
			PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		},
		"secret": schema.StringAttribute{
			MarkdownDescription: "Plaintext of the first client secret. Atlas returns it only in the response that creates the account, " +
				"so it is known only to the state of the configuration that created it (null after import, and null when `keep_initial_secret` is `false`). " +
				"Sensitive: it lives in state.",
			Computed:      true,
			Sensitive:     true,
			PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		},
		"secrets": schema.ListNestedAttribute{
			MarkdownDescription: "The account's client secrets as Atlas reports them at the last refresh, oldest first, without plaintext. " +
				"It lists every secret of the account, those of `atlasaccess" + k.secretSuffix + "` resources too: a secret resource issues its secret after " +
				"the account is saved, so the first `terraform plan -refresh-only` after an apply that issued or rotated one reports it here as a change outside " +
				"Terraform (a normal plan does not). That is the account's real list; `terraform apply -refresh-only` records it.",
			Computed: true,
			// Known in the plan: an update of name, description or roles does
			// not touch secrets, so the plan shows only what changes. Update
			// keeps the planned value and the next refresh brings any change
			// (a rotation, a new last_used_at) from Atlas.
			PlanModifiers: []planmodifier.List{listplanmodifier.UseStateForUnknown()},
			NestedObject:  schema.NestedAttributeObject{Attributes: attrs.ResourceSecretAttributes()},
		},
	}
	if k.extraAttributes != nil {
		for name, a := range k.extraAttributes() {
			attributes[name] = a
		}
	}
	return schema.Schema{Version: k.version, MarkdownDescription: k.description, Attributes: attributes}
}
