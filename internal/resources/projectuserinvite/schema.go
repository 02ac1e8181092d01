package projectuserinvite

import (
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/attrs"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/owner"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/peoplelist"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/validate"
)

func resourceSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Gives a person access to an Atlas project with project roles, inviting them to the project's organization " +
			"when they are not a member yet.\n\n" +
			"It is built on the Atlas Administration API `/groups/{groupId}/users` (version 2025-02-19), the successor of the deprecated " +
			"\"Add One MongoDB Cloud User to One Project\" operation `POST /groups/{groupId}/access`, which Atlas removes on 2027-07-01. " +
			"The successor has the same meaning and also lets the provider read, change and remove the access afterwards. " +
			"The provider's credentials need the Project Access Manager (or Project Owner) role.\n\n" +
			"**Invitation life cycle.** A person who is already a member of the organization gets access at once: `status` is `ACTIVE`. " +
			"Anyone else is invited to the organization by email: `status` is `PENDING` until they accept, then `ACTIVE`; " +
			"acceptance only changes read-only attributes, so it never produces a plan diff.\n\n" +
			"An invitation that expires (`INVITATION_EXPIRED`) or is declined (`INVITATION_REJECTED`) gives no access: the next plan replaces " +
			"the resource, with a warning that says why, and the apply sends a fresh invitation (Atlas replaces the stale user, so `user_id` changes). " +
			"Remove the resource from the configuration to stop inviting the person.\n\n" +
			"Destroying the resource removes the person from the project; for a pending invitation, this cancels it.\n\n" +
			"Atlas limits invitations (observed: 10 per minute per IP address) and answers `HTTP 400` with error code " +
			"`INVITATIONS_RATE_LIMITED_IP` when the limit is reached. The provider waits for the limit and asks again (for up to 15 minutes per invitation), " +
			"so one apply can invite dozens of people: beyond the first ten, expect about a minute per ten invitations.\n\n" +
			"Adding a person who is already `PENDING` or `ACTIVE` in the project fails with the `terraform import` command to adopt them instead.",
		Attributes: map[string]schema.Attribute{
			"id": attrs.ResourceID("Identifier of the resource: `project_id/username`. It is known at plan time and is also a valid import ID. " +
				"(`user_id` is not used because Atlas gives a re-invited person a new one.)"),
			"project_id": owner.Project.ReplacingAttribute("ID of the Atlas project (24 hexadecimal digits). Changing it removes the person from the old project and adds them to the new one."),
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
				MarkdownDescription: "Project roles of the person, at least one of " + validate.RolesMarkdown() + ". " +
					"Updated in place: new roles are added before old ones are removed, so the person always holds at least one role.",
				Required:    true,
				ElementType: types.StringType,
				Validators:  validate.Roles(),
			},
			"user_id": schema.StringAttribute{
				MarkdownDescription: "Atlas ID of the user (24 hexadecimal digits). A fresh invitation after an expired or rejected one has a new ID.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"status": schema.StringAttribute{
				MarkdownDescription: "Organization membership of the person as Atlas reports it at the last refresh: one of " + peoplelist.StatusesMarkdown() + ". " +
					"`INVITATION_EXPIRED` and `INVITATION_REJECTED` make the next plan replace the resource with a fresh invitation.",
				Computed: true,
			},
			"invitation_created_at": schema.StringAttribute{
				MarkdownDescription: "When Atlas sent the invitation (RFC 3339, UTC). Null for a person who is `ACTIVE`: Atlas no longer reports the invitation once it is accepted.",
				Computed:            true,
			},
			"invitation_expires_at": schema.StringAttribute{
				MarkdownDescription: "When the invitation expires (RFC 3339, UTC). Null for a person who is `ACTIVE` and for a rejected invitation.",
				Computed:            true,
			},
			"inviter_username": schema.StringAttribute{
				MarkdownDescription: "Username of whoever sent the invitation (for invitations sent by this provider, its service account or API key). Null for a person who is `ACTIVE`.",
				Computed:            true,
			},
		},
	}
}
