package attrs

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// PlanFirstSecretChanges is the ModifyPlan of an account resource with a
// first secret (secret_expires_after_hours, keep_initial_secret, secret,
// secrets, client_id) on an existing account. A changed
// secret_expires_after_hours draws a warning: Atlas cannot change the
// lifetime of an issued secret, and replacing the account would break every
// consumer of its client ID. A switch of keep_initial_secret from true to
// false shows what the apply does: the plaintext goes, and the list of
// secrets changes. Only the attributes compared are read: ModifyPlan runs
// for every account in every plan, and decoding whole models showed in
// profiles.
func PlanFirstSecretChanges(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.State.Raw.IsNull() || req.Plan.Raw.IsNull() {
		return
	}
	keep := path.Root("keep_initial_secret")
	var plannedKeep, storedKeep types.Bool
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, keep, &plannedKeep)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, keep, &storedKeep)...)
	if !resp.Diagnostics.HasError() && !plannedKeep.IsUnknown() && !plannedKeep.ValueBool() && !storedKeep.IsNull() && storedKeep.ValueBool() {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("secret"), types.StringNull())...)
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("secrets"), types.ListUnknown(SecretObjectType))...)
	}

	hours := path.Root("secret_expires_after_hours")
	var planned, stored types.Number
	var clientID types.String
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, hours, &planned)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, hours, &stored)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("client_id"), &clientID)...)
	if resp.Diagnostics.HasError() || planned.IsUnknown() || stored.IsNull() || planned.Equal(stored) {
		return
	}
	resp.Diagnostics.AddAttributeWarning(hours, "Existing Secret Keeps Its Expiry",
		fmt.Sprintf("secret_expires_after_hours changes from %d to %d for service account %s. Only the recorded value changes: "+
			"the account is not replaced and its existing secret keeps its expiry until it is rotated.",
			HoursValue(stored), HoursValue(planned), clientID.ValueString()))
}
