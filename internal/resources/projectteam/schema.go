package projectteam

import (
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/attrs"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/owner"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/validate"
)

// teamIDRule is the form of a team ID, as the API's teamId path parameter
// documents it.
const teamIDRule = "must be a 24-character lowercase hexadecimal Atlas team ID (pattern " + validate.ObjectIDPattern + ")"

// teamIDValidators validate a team_id attribute.
func teamIDValidators() []validator.String {
	return []validator.String{stringvalidator.RegexMatches(regexp.MustCompile(validate.ObjectIDPattern), teamIDRule)}
}

func resourceSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "A team's roles in an Atlas project. Every member of the team holds these roles in the project.\n\n" +
			"It is built on the Atlas Administration API `/groups/{groupId}/teams` (version 2023-01-01). " +
			"The provider's credentials need the Project Owner role in the project (or Organization Owner).\n\n" +
			"**Existing grants.** Atlas answers a request to add a team that is already in the project by replacing its roles, without an error. " +
			"So that someone else's grant is never taken over silently, creating the resource first checks that the team is not in the project: " +
			"if it is, the apply fails, naming its roles, with the `terraform import` command to adopt it instead.\n\n" +
			"**Destroy.** Destroying the resource removes the team from the project only: the team and its members stay in the organization, " +
			"and people's direct project roles (`atlasaccess_project_user_invite`) are untouched.\n\n" +
			"Atlas allows 100 teams per project.",
		Attributes: map[string]schema.Attribute{
			"id": attrs.ResourceID("Identifier of the resource: `project_id/team_id`. It is known at plan time and is also the import ID."),
			"project_id": owner.Project.ReplacingAttribute("ID of the Atlas project (24 hexadecimal digits). Changing it replaces the resource: " +
				"by default Terraform first removes the team from the old project, then adds it to the new one (see `team_id` for `create_before_destroy`)."),
			"team_id": schema.StringAttribute{
				MarkdownDescription: "ID of the team (24 hexadecimal digits), such as `atlasaccess_team.<name>.team_id`. The team must exist in the project's organization. " +
					"Changing it replaces the resource: by default Terraform destroys it first, removing the old team from the project, and only then " +
					"adds the new team, so for a moment neither team's members hold these roles through it. To add the new team first, set " +
					"`lifecycle { create_before_destroy = true }`: the new team is another object, so adding it never meets the grant being replaced.",
				Required:      true,
				Validators:    teamIDValidators(),
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"roles": schema.SetAttribute{
				MarkdownDescription: "Project roles of the team, at least one of " + validate.RolesMarkdown() + ". " +
					"Updated in place: Atlas replaces the team's roles with these.",
				Required:    true,
				ElementType: types.StringType,
				Validators:  validate.Roles(),
			},
		},
	}
}
