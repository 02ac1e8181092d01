package serviceaccount

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/diags"
)

// orgAccountResource is atlasaccess_service_account: the shared resource,
// and a destroy that deletes the account from its organization.
type orgAccountResource struct{ accountResource }

func (r *orgAccountResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state orgAccountModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	orgID, clientID := state.OrgID.ValueString(), state.ClientID.ValueString()
	err := r.api.DeleteOrgAccount(ctx, orgID, clientID, state.Name.ValueString())
	if err != nil && !client.IsNotFound(err) {
		resp.Diagnostics.AddError("Error Deleting Organization Service Account",
			diags.APIErrorDetail(fmt.Sprintf("Deleting service account %s from organization %s", clientID, orgID), err,
				"The account stays in state. Run terraform destroy again once Atlas answers."))
	}
}
