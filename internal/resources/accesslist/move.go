package accesslist

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

// movedFromKey holds, in private state, the owner through which a list moved
// from the other resource type was reached (a JSON client.Owner), until an
// apply writes the list through the owner of its new resource.
const movedFromKey = "moved_from"

// other is the kind of the other access-list resource type.
func (k kind) other() kind {
	if k.Attr == projectKind.Attr {
		return orgKind
	}
	return projectKind
}

// MoveState lets a `moved` block take a list from the other access-list
// resource type of this provider: Atlas keeps one list per account, so it
// is the same list, and the move changes nothing in Atlas.
//
// A move sends no request (Terraform moves state before the provider's
// resources are configured), so the new resource's owner attribute cannot
// be known: a project's organization takes a request to learn, and an
// organization account may be in any number of projects. The moved state
// leaves it null and remembers the old owner in private state, so that
// refresh and destroy still reach the list through it; the plan then
// updates the owner attribute in place to the configured value, and that
// apply reads the list once and writes nothing when its entries are
// unchanged.
func (r *listResource) MoveState(_ context.Context) []resource.StateMover {
	source := r.kind.other()
	sourceSchema := source.schema()
	return []resource.StateMover{{
		SourceSchema: &sourceSchema,
		StateMover: func(ctx context.Context, req resource.MoveStateRequest, resp *resource.MoveStateResponse) {
			if req.SourceTypeName != source.typeName() || !isThisProvider(req.SourceProviderAddress) {
				return
			}
			if req.SourceState == nil {
				resp.Diagnostics.AddError("Unable to Move API Access List",
					fmt.Sprintf("The state of %s could not be read with its schema, so it cannot move to %s. "+
						"This is a bug in the atlasaccess provider; please report it. Until then, remove the moved block, "+
						"and use terraform state rm and terraform import instead.", source.typeName(), r.kind.typeName()))
				return
			}
			from := source.newModel()
			resp.Diagnostics.Append(req.SourceState.Get(ctx, from)...)
			if resp.Diagnostics.HasError() {
				return
			}
			to := movedModel(r.kind, from)
			resp.Diagnostics.Append(resp.TargetState.Set(ctx, to)...)
			owner, err := json.Marshal(source.Owner(from.ownerID().ValueString()))
			if err != nil {
				resp.Diagnostics.AddError("Unable to Move API Access List", err.Error())
				return
			}
			resp.Diagnostics.Append(resp.TargetPrivate.SetKey(ctx, movedFromKey, owner)...)
		},
	}}
}

// movedModel is the state of a list of kind k moved from the state from of
// the other kind: the same client ID and entries, and no owner ID or id
// yet (see MoveState).
func movedModel(k kind, from model) model {
	to := k.newModel()
	*to.ownerID() = types.StringNull()
	b, f := to.base(), from.base()
	b.ID = types.StringNull()
	b.ClientID = f.ClientID
	b.CIDRBlocks = f.CIDRBlocks
	return to
}

// isThisProvider reports whether a provider source address
// (registry.terraform.io/atlasaccess/atlasaccess, or another namespace
// for a mirror or a development build) is of this provider's type.
func isThisProvider(address string) bool {
	return address == "atlasaccess" || strings.HasSuffix(address, "/atlasaccess")
}

// privateGetter reads private resource state.
type privateGetter interface {
	GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
}

// stateOwner is the owner through which a state's list is reached: its owner
// attribute, or, for a list just moved from the other resource type (see
// MoveState), the owner it was reached through before.
func (r *listResource) stateOwner(ctx context.Context, state model, private privateGetter, d *diag.Diagnostics) (client.Owner, bool) {
	if id := state.ownerID(); !id.IsNull() && id.ValueString() != "" {
		return r.kind.Owner(id.ValueString()), true
	}
	raw, diags := private.GetKey(ctx, movedFromKey)
	d.Append(diags...)
	var owner client.Owner
	if len(raw) == 0 || json.Unmarshal(raw, &owner) != nil || owner == (client.Owner{}) {
		d.AddError("Missing API Access List Owner",
			fmt.Sprintf("The state of this %s has no %s, and no record of the resource it moved from. "+
				"This is a bug in the atlasaccess provider; please report it. To recover, remove the resource from state "+
				"(terraform state rm) and import it again with the ID %s/client_id.", r.kind.typeName(), r.kind.Attr, r.kind.Attr))
		return client.Owner{}, false
	}
	return owner, true
}
