package projectserviceaccountassignment

import (
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/attrs"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/owner"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/validate"
)

func resourceSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Assigns an existing Atlas service account (created in another project or in the organization) to a project, " +
			"with project roles. Roles are updated in place.\n\n" +
			"Destroying this resource only removes the account from this project: the account stays in the organization and in its " +
			"other projects, and its secrets remain valid. When the account is created by `atlasaccess_project_service_account` in the same " +
			"configuration, Terraform destroys the assignment first (it references the account's `client_id`), so destroying both leaves " +
			"no account behind unless that resource sets `keep_in_organization`.\n\n" +
			"The account must not already be in the project: an account created in this project is managed by `atlasaccess_project_service_account`, " +
			"and an existing assignment is reported with the command to import it.\n\n" +
			"Assigning requires the Organization Owner role.",
		Attributes: map[string]schema.Attribute{
			"id":         attrs.ResourceID("Identifier of the resource: `project_id/client_id`."),
			"project_id": owner.Project.ReplacingAttribute("ID of the Atlas project (24 hexadecimal digits) the account is assigned to. Changing it creates a new assignment."),
			"client_id": schema.StringAttribute{
				MarkdownDescription: "Client ID of the service account to assign: `mdb_sa_id_` followed by 24 hexadecimal digits. " +
					"The account must exist in the project's organization. Changing it creates a new assignment.",
				Required:      true,
				Validators:    validate.ClientID(),
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"roles": schema.SetAttribute{
				MarkdownDescription: "Project roles of the service account in this project, at least one of " + validate.RolesMarkdown() + ". Updated in place.",
				Required:            true,
				ElementType:         types.StringType,
				Validators:          validate.Roles(),
			},
			// name and description belong to the account, not to the
			// assignment: every refresh reads them, and a role update keeps
			// the refreshed values (it cannot change them), so the plan of a
			// role change shows nothing else as changing.
			"name": schema.StringAttribute{
				MarkdownDescription: "Name of the service account, as Atlas reports it. Read only: it is managed where the account is.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"description": schema.StringAttribute{
				MarkdownDescription: "Description of the service account, as Atlas reports it. Read only: it is managed where the account is.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
		},
	}
}
