package serviceaccountsecret

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/attrs"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/movefrom"
)

var _ resource.ResourceWithMoveState = (*secretResource)(nil)

// MoveState takes over, through a moved block, the state of the official
// provider's secret of the same kind: mongodbatlas_project_service_account_secret
// or mongodbatlas_service_account_secret (v2.16.0, schema version 0). It
// sends no request, and the plaintext in the old state moves with it.
// secret_expires_after_hours becomes expires_after_hours; when the old
// state has none, the refresh reads it back from the secret's lifetime, as
// after an import. rotate_before_hours is new and starts null.
func (r *secretResource) MoveState(context.Context) []resource.StateMover {
	k := r.kind
	source := "mongodbatlas" + k.suffix
	return []resource.StateMover{movefrom.Move{
		SourceType: source,
		TargetType: k.typeName(),
		SourceAttributes: map[string]schema.Attribute{
			k.Attr:                       movefrom.String(),
			"client_id":                  movefrom.String(),
			"secret_id":                  movefrom.String(),
			"secret":                     movefrom.String(),
			"masked_secret_value":        movefrom.String(),
			"created_at":                 movefrom.String(),
			"expires_at":                 movefrom.String(),
			"last_used_at":               movefrom.String(),
			"secret_expires_after_hours": movefrom.Int64(),
		},
		Write: func(ctx context.Context, from movefrom.Source, resp *resource.MoveStateResponse) {
			ownerID, clientID, secretID := from.String(ctx, k.Attr), from.String(ctx, "client_id"), from.String(ctx, "secret_id")
			if resp.Diagnostics.HasError() || !from.Required(source, k.Attr, ownerID) ||
				!from.Required(source, "client_id", clientID) || !from.Required(source, "secret_id", secretID) {
				return
			}
			hours := types.NumberNull()
			if h := from.Int64(ctx, "secret_expires_after_hours"); !h.IsNull() && !h.IsUnknown() {
				hours = attrs.HoursNumber(h.ValueInt64())
			}
			movefrom.Set(ctx, resp, map[string]attr.Value{
				"id":                  types.StringValue(importID(ownerID.ValueString(), clientID.ValueString(), secretID.ValueString())),
				k.Attr:                ownerID,
				"client_id":           clientID,
				"secret_id":           secretID,
				"secret":              from.String(ctx, "secret"),
				"masked_secret_value": from.String(ctx, "masked_secret_value"),
				"created_at":          from.String(ctx, "created_at"),
				"expires_at":          from.String(ctx, "expires_at"),
				"last_used_at":        from.String(ctx, "last_used_at"),
				"expires_after_hours": hours,
			})
		},
	}.StateMover()}
}
