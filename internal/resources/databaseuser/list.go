package databaseuser

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/listing"
)

// NewListResource returns the atlasaccess_database_user list resource
// (terraform query).
func NewListResource() list.ListResource {
	return &listing.ProjectList[client.DatabaseUser]{
		Suffix:      "_database_user",
		Description: "Finds the database users of a project, for `terraform query`. Reads the pages of the project's users, nothing per user.",
		Summary:     "Error Listing Database Users",
		Action:      "Listing the database users of project ",
		Reader:      readUsers,
		Found:       foundUsers,
	}
}

// foundUsers are the results of a list of a project's database users,
// sorted by authentication database and username, each filled as an import
// by its identity and the read after it would fill it.
func foundUsers(projectID string, users []client.DatabaseUser) []listing.Found {
	users = sortUsers(users)
	found := make([]listing.Found, 0, len(users))
	for i := range users {
		u := &users[i]
		imported := map[string]string{"project_id": projectID, "auth_database": u.DatabaseName, "username": u.Username}
		found = append(found, listing.Found{
			DisplayName: u.DatabaseName + "/" + u.Username,
			Identity:    imported,
			Fill: func(ctx context.Context, res *tfsdk.Resource) diag.Diagnostics {
				var m databaseUserModel
				return listing.AsImported(ctx, res, imported, &m, func() { m.setFromAPI(projectID, u) })
			},
		})
	}
	return found
}
