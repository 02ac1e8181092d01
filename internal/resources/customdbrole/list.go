package customdbrole

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/listing"
)

// NewListResource returns the atlasaccess_custom_db_role list resource
// (terraform query).
func NewListResource() list.ListResource {
	return &listing.ProjectList[client.CustomDBRole]{
		Suffix:      "_custom_db_role",
		Description: "Finds the custom database roles of a project, for `terraform query`. Reads the project's roles once, nothing per role.",
		Summary:     "Error Listing Custom Database Roles",
		Action:      "Listing the custom database roles of project ",
		Reader:      readRoles,
		Found:       foundRoles,
	}
}

// foundRoles are the results of a list of a project's roles, sorted by
// name, each filled as an import by its identity and the read after it
// would fill it.
func foundRoles(projectID string, roles []client.CustomDBRole) []listing.Found {
	roles = sortRoles(roles)
	found := make([]listing.Found, 0, len(roles))
	for i := range roles {
		r := &roles[i]
		imported := map[string]string{"project_id": projectID, "role_name": r.RoleName}
		found = append(found, listing.Found{
			DisplayName: r.RoleName,
			Identity:    imported,
			Fill: func(ctx context.Context, res *tfsdk.Resource) diag.Diagnostics {
				var m customRoleModel
				return listing.AsImported(ctx, res, imported, &m, func() { m.setFromAPI(projectID, r) })
			},
		})
	}
	return found
}
