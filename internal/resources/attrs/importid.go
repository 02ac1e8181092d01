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
	importParentClientID(ctx, typeName, "project_id", "32b6e34b3d91647abb20e7b8", validate.ParseProjectClientID, req, resp)
}

// ImportOrgClientID imports a resource of typeName addressed by
// org_id/client_id, as ImportProjectClientID does for project_id/client_id.
func ImportOrgClientID(ctx context.Context, typeName string, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importParentClientID(ctx, typeName, "org_id", "5f1e2d3c4b5a69788796a5b4", validate.ParseOrgClientID, req, resp)
}

// importParentClientID imports an ID parent/client_id, where parent names
// the attribute that holds the account's project or organization ID.
func importParentClientID(ctx context.Context, typeName, parent, exampleParentID string, parse func(string) (string, string, error),
	req resource.ImportStateRequest, resp *resource.ImportStateResponse,
) {
	parentID, clientID, err := parse(req.ID)
	if err != nil {
		resp.Diagnostics.AddError("Invalid Import ID",
			fmt.Sprintf("Import %s with an ID of the form %s/client_id, "+
				"for example %s/mdb_sa_id_1234567890abcdef12345678: %s.", typeName, parent, exampleParentID, err))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(parent), parentID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("client_id"), clientID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
	diags.MarkImportPending(ctx, resp.Private, &resp.Diagnostics)
}
