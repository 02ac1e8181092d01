package orguser

import (
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/attrs"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/owner"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/safeops"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/validate"
)

func resourceSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "A person's membership of an Atlas organization, with organization roles.\n\n" +
			"It is built on the Atlas Administration API `/orgs/{orgId}/users` (version 2025-02-19). " +
			"The provider's credentials need the Organization Owner role.\n\n" +
			"**Invitation life cycle.** Creating the resource invites the person by email: `status` is `PENDING` until they accept, then `ACTIVE`; " +
			"acceptance only changes read-only attributes, so it never produces a plan diff. An invitation that expires or is declined gives no access: " +
			"the next refresh removes the resource from state with a warning that says why, and the next apply invites the person again.\n\n" +
			"**Existing members.** A person who is already `ACTIVE` or `PENDING` in the organization is never taken over silently: " +
			"the apply fails, naming their status and roles, with the `terraform import` command to adopt them instead.\n\n" +
			"**Destroy.** Destroying the resource removes the person from the organization, and so from every project and team of it " +
			"(for a pending invitation, it cancels the invitation). The plan warns, naming what Atlas reports for the person at plan time: " +
			"their organization roles, the projects where they hold direct roles, their teams and, in an organization of at most " + strconv.Itoa(safeops.MaxTeamProjectsRead) + " projects, " +
			"the projects those teams give roles in (Atlas tells a team's projects only project by project).\n\n" +
			"Only organization roles are managed here: the person's project roles, given directly (`atlasaccess_project_user_invite`) or through teams, " +
			"are never read as drift.",
		Attributes: map[string]schema.Attribute{
			"id":     attrs.ResourceID("Identifier of the resource: `org_id/username`. It is known at plan time and is also the import ID."),
			"org_id": owner.Org.ReplacingAttribute("ID of the Atlas organization (24 hexadecimal digits). Changing it removes the person from the old organization and invites them to the new one."),
			"username": schema.StringAttribute{
				MarkdownDescription: "Email address of the person, which is their Atlas username. Compared case-insensitively: " +
					"`Ann@example.com` and `ann@example.com` are the same person and never produce a diff; the spelling first applied is kept (an import keeps Atlas's spelling). " +
					"Changing it to another address replaces the resource.",
				Required:   true,
				Validators: validate.Email(),
				PlanModifiers: []planmodifier.String{
					// Order matters: a case-only change is turned back into the
					// state's spelling before RequiresReplace compares values.
					attrs.CaseInsensitiveUsername(),
					stringplanmodifier.RequiresReplace(),
				},
			},
			"roles": schema.SetAttribute{
				MarkdownDescription: "Organization roles of the person, at least one of " + validate.OrgRolesMarkdown() + ". " +
					"Updated in place with `:addRole` and `:removeRole`: new roles are added before old ones are removed, so the person always holds at least one role.",
				Required:    true,
				ElementType: types.StringType,
				Validators:  validate.OrgRoles(),
			},
			"user_id": schema.StringAttribute{
				MarkdownDescription: "Atlas ID of the user (24 hexadecimal digits).",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"status": schema.StringAttribute{
				MarkdownDescription: "Organization membership of the person as Atlas reports it at the last refresh: `PENDING` until they accept the invitation, then `ACTIVE`.",
				Computed:            true,
			},
		},
	}
}
