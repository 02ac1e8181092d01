package projectserviceaccount

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

// keepInOrganizationDescription says what destroy does with each value of
// keep_in_organization.
const keepInOrganizationDescription = "What destroy does with the account beyond removing it from this project. " +
	"Not set (the default): delete it from the organization when this resource created it and no other project uses it, " +
	"so that no live credential is left behind; an imported account is only removed from this project, with a warning that " +
	"it stays in the organization (import cannot tell an account created for the project from an organization account " +
	"assigned to it, so destroy never deletes what it did not create). `false`: delete it from the organization when no other " +
	"project uses it, even when it was imported. `true`: only remove it from this project; the account and its secrets stay " +
	"in the organization until deleted there."

// schemaVersion 1: keep_in_organization has no default (null instead of
// false), so that destroy can tell "not set" from an explicit false.
const schemaVersion = 1

func resourceSchema() schema.Schema {
	return schema.Schema{
		Version: schemaVersion,
		MarkdownDescription: "Creates an Atlas service account for a project, with project roles and a first client secret. " +
			"The account is an organization service account that is a member of the project's organization and is assigned to this project.\n\n" +
			"The plaintext `secret` is returned by Atlas only once, at creation, and is kept in the Terraform state: protect the state " +
			"(an encrypted remote backend with restricted access) or read the secret once and rotate it.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "Identifier of the resource: `project_id/client_id`.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"project_id": schema.StringAttribute{
				MarkdownDescription: "ID of the Atlas project (24 hexadecimal digits). Changing it creates a new service account.",
				Required:            true,
				Validators:          validate.ProjectID(),
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
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
				MarkdownDescription: "Project roles of the service account, at least one of " + validate.RolesMarkdown() + ". Updated in place. " +
					"When the account was removed from the project outside Terraform (but not deleted), the refresh records no roles and " +
					"the plan assigns it to the project again with these roles.",
				Required:    true,
				ElementType: types.StringType,
				Validators:  validate.Roles(),
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
			"keep_in_organization": schema.BoolAttribute{
				MarkdownDescription: keepInOrganizationDescription,
				Optional:            true,
			},
			"keep_initial_secret": schema.BoolAttribute{
				MarkdownDescription: "Whether the account keeps the secret Atlas issues when it creates the account. `true` (default): the secret is kept " +
					"and its plaintext is in `secret`. `false`: the provider deletes that secret right after the create, `secret` stays null, and the " +
					"account's secrets come only from `atlasaccess_project_service_account_secret` resources (which can rotate). Changing it from `true` " +
					"to `false` later deletes the initial secret in place; changing it back does not issue a new one. After an import the initial secret " +
					"cannot always be told apart from later ones: when it cannot, switching to `false` deletes nothing and warns.",
				Optional: true,
				Computed: true,
				Default:  booldefault.StaticBool(true),
			},
			"client_id": schema.StringAttribute{
				MarkdownDescription: "Client ID of the service account, used with the secret for OAuth2 client credentials.",
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
				MarkdownDescription: "The account's client secrets as Atlas reports them at the last refresh, oldest first, without plaintext.",
				Computed:            true,
				// Known in the plan: an update of name, description or roles does
				// not touch secrets, so the plan shows only what changes. Update
				// keeps the planned value and the next refresh brings any change
				// (a rotation, a new last_used_at) from Atlas.
				PlanModifiers: []planmodifier.List{listplanmodifier.UseStateForUnknown()},
				NestedObject:  schema.NestedAttributeObject{Attributes: attrs.ResourceSecretAttributes()},
			},
		},
	}
}
