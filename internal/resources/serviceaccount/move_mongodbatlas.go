package serviceaccount

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/attrs"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/movefrom"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/owner"
)

var (
	_ resource.ResourceWithMoveState = (*projectAccountResource)(nil)
	_ resource.ResourceWithMoveState = (*orgAccountResource)(nil)
)

// MoveState takes over, through a moved block, the state of the official
// provider's account of the same kind: mongodbatlas_project_service_account
// or mongodbatlas_service_account (v2.16.0, schema version 0). It sends no
// request. The old state carries everything the next plan compares except
// keep_initial_secret (the refresh gives it its default) and the secrets'
// list, which the refresh reads. The plaintext of the account's first
// secret moves too when the old state has it (the official provider keeps
// it in secrets[0].secret after it created the account), and that secret
// is recorded as the initial one, so that keep_initial_secret = false can
// later delete it as it would after a create here.
//
// keep_in_organization stays null and the account is not recorded as
// created here: destroy only removes it from the project, as the official
// resource's destroy did, unless the configuration says otherwise.
func (r *accountResource) MoveState(context.Context) []resource.StateMover {
	k := r.kind
	return []resource.StateMover{movefrom.Move{
		SourceType: "mongodbatlas" + k.suffix,
		TargetType: k.typeName(),
		SourceAttributes: map[string]schema.Attribute{
			k.Attr:                       movefrom.String(),
			"client_id":                  movefrom.String(),
			"name":                       movefrom.String(),
			"description":                movefrom.String(),
			"roles":                      movefrom.StringSet(),
			"created_at":                 movefrom.String(),
			"secret_expires_after_hours": movefrom.Int64(),
			"secrets":                    movefrom.SecretList(),
		},
		Write: func(ctx context.Context, from movefrom.Source, resp *resource.MoveStateResponse) {
			source := "mongodbatlas" + k.suffix
			ownerID, clientID := from.String(ctx, k.Attr), from.String(ctx, "client_id")
			if resp.Diagnostics.HasError() || !from.Required(source, k.Attr, ownerID) || !from.Required(source, "client_id", clientID) {
				return
			}
			hours := types.NumberNull()
			if h := from.Int64(ctx, "secret_expires_after_hours"); !h.IsNull() && !h.IsUnknown() {
				hours = attrs.HoursNumber(h.ValueInt64())
			}
			plaintext := types.StringNull()
			secrets := from.Secrets(ctx, "secrets")
			if len(secrets) > 0 && secrets[0].Secret.ValueString() != "" {
				plaintext = secrets[0].Secret
				if id := secrets[0].SecretID.ValueString(); id != "" {
					resp.Diagnostics.Append(attrs.RecordInitialSecret(ctx, resp.TargetPrivate, id)...)
				}
			}
			movefrom.Set(ctx, resp, map[string]attr.Value{
				"id":                         types.StringValue(owner.ImportID(ownerID.ValueString(), clientID.ValueString())),
				k.Attr:                       ownerID,
				"client_id":                  clientID,
				"name":                       from.String(ctx, "name"),
				"description":                from.String(ctx, "description"),
				"roles":                      from.Set(ctx, "roles"),
				"created_at":                 from.String(ctx, "created_at"),
				"secret_expires_after_hours": hours,
				"secret":                     plaintext,
			})
		},
	}.StateMover()}
}
