package attrs

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/diags"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/validate"
)

// ImportProjectClientID imports a resource of typeName addressed by
// project_id/client_id: it sets project_id, client_id and id, and marks the
// import pending so that Read reports a missing object in the provider's
// own words.
func ImportProjectClientID(ctx context.Context, typeName string, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	projectID, clientID, err := validate.ParseProjectClientID(req.ID)
	if err != nil {
		resp.Diagnostics.AddError("Invalid Import ID",
			fmt.Sprintf("Import %s with an ID of the form project_id/client_id, "+
				"for example 32b6e34b3d91647abb20e7b8/mdb_sa_id_1234567890abcdef12345678: %s.", typeName, err))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("project_id"), projectID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("client_id"), clientID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
	diags.MarkImportPending(ctx, resp.Private, &resp.Diagnostics)
}
