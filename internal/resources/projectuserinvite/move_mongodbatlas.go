package projectuserinvite

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/movefrom"
)

var _ resource.ResourceWithMoveState = (*projectUserInviteResource)(nil)

// sourceType is the official resource this one takes state from.
const sourceType = "mongodbatlas_cloud_user_project_assignment"

// MoveState takes over, through a moved block, the state of the official
// provider's mongodbatlas_cloud_user_project_assignment (v2.16.0, schema
// version 0). It sends no request: project_id, username, roles, user_id
// and the invitation's details keep their names, org_membership_status
// becomes status, and the profile attributes (first_name, country, ...),
// which this resource does not have, are dropped. The old state must hold
// user_id, which the refresh reads the user by.
//
// The deprecated mongodbatlas_project_invitation cannot move: its state has
// no user ID, only an invitation ID that the project users endpoint does
// not know. The migration guide adopts it with an import instead.
func (r *projectUserInviteResource) MoveState(context.Context) []resource.StateMover {
	return []resource.StateMover{movefrom.Move{
		SourceType: sourceType,
		TargetType: "atlasaccess_project_user_invite",
		SourceAttributes: map[string]schema.Attribute{
			"project_id":            movefrom.String(),
			"username":              movefrom.String(),
			"roles":                 movefrom.StringSet(),
			"user_id":               movefrom.String(),
			"org_membership_status": movefrom.String(),
			"invitation_created_at": movefrom.String(),
			"invitation_expires_at": movefrom.String(),
			"inviter_username":      movefrom.String(),
		},
		Write: func(ctx context.Context, from movefrom.Source, resp *resource.MoveStateResponse) {
			projectID, username, userID := from.String(ctx, "project_id"), from.String(ctx, "username"), from.String(ctx, "user_id")
			if resp.Diagnostics.HasError() || !from.Required(sourceType, "project_id", projectID) ||
				!from.Required(sourceType, "username", username) || !from.Required(sourceType, "user_id", userID) {
				return
			}
			movefrom.Set(ctx, resp, map[string]attr.Value{
				"id":                    types.StringValue(resourceID(projectID.ValueString(), username.ValueString())),
				"project_id":            projectID,
				"username":              username,
				"roles":                 from.Set(ctx, "roles"),
				"user_id":               userID,
				"status":                from.String(ctx, "org_membership_status"),
				"invitation_created_at": from.String(ctx, "invitation_created_at"),
				"invitation_expires_at": from.String(ctx, "invitation_expires_at"),
				"inviter_username":      from.String(ctx, "inviter_username"),
			})
		},
	}.StateMover()}
}
