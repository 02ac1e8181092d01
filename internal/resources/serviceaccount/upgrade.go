package serviceaccount

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// UpgradeState reads states written with schema version 0, where
// keep_in_organization defaulted to false. That stored false is read as
// "not set": it was the default for nearly every configuration, and "not
// set" now deletes from the organization only an account this resource
// created (as false did for those), never an imported one. A configuration
// that wrote keep_in_organization = false shows it in its next plan as an
// in-place update that sends no request.
func (r *projectAccountResource) UpgradeState(context.Context) map[int64]resource.StateUpgrader {
	prior := priorSchemaV0()
	return map[int64]resource.StateUpgrader{
		0: {
			PriorSchema: &prior,
			StateUpgrader: func(ctx context.Context, req resource.UpgradeStateRequest, resp *resource.UpgradeStateResponse) {
				var state projectAccountModel
				resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
				if resp.Diagnostics.HasError() {
					return
				}
				state.KeepInOrganization = upgradeKeepInOrganization(state.KeepInOrganization)
				resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
			},
		},
	}
}

// upgradeKeepInOrganization maps a version 0 keep_in_organization: only
// true was a choice that the state can prove.
func upgradeKeepInOrganization(v types.Bool) types.Bool {
	if v.ValueBool() {
		return v
	}
	return types.BoolNull()
}

// priorSchemaV0 is the schema of version 0: the same attributes, with
// keep_in_organization optional and computed (it had a default).
func priorSchemaV0() schema.Schema {
	s := projectKind.schema()
	s.Version = 0
	s.Attributes["keep_in_organization"] = schema.BoolAttribute{Optional: true, Computed: true}
	return s
}
