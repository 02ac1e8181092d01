package projectserviceaccountassignment

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/movefrom"
)

var _ resource.ResourceWithMoveState = (*assignmentResource)(nil)

// sourceType is the official resource this one takes state from.
const sourceType = "mongodbatlas_service_account_project_assignment"

// MoveState takes over, through a moved block, the state of the official
// provider's mongodbatlas_service_account_project_assignment (v2.16.0,
// schema version 0: project_id, client_id and roles, the same names). It
// sends no request; the account's name and description, which the old
// state lacks, are read by the refresh of the next plan.
func (r *assignmentResource) MoveState(context.Context) []resource.StateMover {
	return []resource.StateMover{movefrom.Move{
		SourceType: sourceType,
		TargetType: "atlasaccess_project_service_account_assignment",
		SourceAttributes: map[string]schema.Attribute{
			"project_id": movefrom.String(),
			"client_id":  movefrom.String(),
			"roles":      movefrom.StringSet(),
		},
		Write: func(ctx context.Context, from movefrom.Source, resp *resource.MoveStateResponse) {
			projectID, clientID := from.String(ctx, "project_id"), from.String(ctx, "client_id")
			if resp.Diagnostics.HasError() || !from.Required(sourceType, "project_id", projectID) || !from.Required(sourceType, "client_id", clientID) {
				return
			}
			movefrom.Set(ctx, resp, map[string]attr.Value{
				"id":         types.StringValue(importID(projectID.ValueString(), clientID.ValueString())),
				"project_id": projectID,
				"client_id":  clientID,
				"roles":      from.Set(ctx, "roles"),
			})
		},
	}.StateMover()}
}
