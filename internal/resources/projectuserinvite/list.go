package projectuserinvite

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/providerdata"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/listing"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/peoplelist"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/validate"
)

// NewListResourceType returns the atlasaccess_project_user_invite list
// resource (terraform query).
func NewListResourceType() list.ListResource {
	return &peoplelist.List[client.ProjectUser]{
		Suffix:      "_project_user_invite",
		Description: "Finds the people of a project, active or invited, for `terraform query`. Reads the pages of the project's users list, nothing per person.",
		OwnerName:   "project_id",
		Owner:       schema.StringAttribute{Required: true, Validators: validate.ProjectID(), MarkdownDescription: "ID of the project."},
		Summary:     "Error Listing Project Users",
		Action:      "Listing the users of project ",
		Reader: func(d *providerdata.Data) func(context.Context, string, []string) ([]client.ProjectUser, error) {
			return func(ctx context.Context, projectID string, statuses []string) ([]client.ProjectUser, error) {
				return d.Client.ListProjectUsers(ctx, projectID, client.ListProjectUsersOptions{Statuses: statuses})
			}
		},
		Person: func(u *client.ProjectUser) peoplelist.Person {
			return peoplelist.Person{Username: u.Username, Status: u.OrgMembershipStatus}
		},
		Fill: func(ctx context.Context, res *tfsdk.Resource, projectID string, u *client.ProjectUser) diag.Diagnostics {
			var m projectUserInviteModel
			imported := map[string]string{"project_id": projectID, "username": u.Username, "user_id": u.ID}
			return listing.AsImported(ctx, res, imported, &m, func() { m.setFromAPI(projectID, u) })
		},
	}
}
