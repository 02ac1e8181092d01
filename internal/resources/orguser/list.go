package orguser

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

// NewListResource returns the atlasaccess_org_user list resource
// (terraform query).
func NewListResource() list.ListResource {
	return &peoplelist.List[client.OrgUser]{
		Suffix: "_org_user",
		Description: "Finds the people of an organization, active or invited, for `terraform query`. " +
			"Reads the pages of the organization's users list, nothing per person.",
		StatusesNote: " An expired or rejected invitation gives no access, " +
			"and importing one gives a resource that the next refresh removes from state.",
		OwnerName: "org_id",
		Owner:     schema.StringAttribute{Required: true, Validators: validate.OrgID(), MarkdownDescription: "ID of the organization."},
		Summary:   "Error Listing Organization Users",
		Action:    "Listing the users of organization ",
		Reader: func(d *providerdata.Data) func(context.Context, string, []string) ([]client.OrgUser, error) {
			return func(ctx context.Context, orgID string, statuses []string) ([]client.OrgUser, error) {
				return d.Client.ListOrgUsers(ctx, orgID, client.ListOrgUsersOptions{Statuses: statuses})
			}
		},
		Person: func(u *client.OrgUser) peoplelist.Person {
			return peoplelist.Person{Username: u.Username, Status: u.OrgMembershipStatus}
		},
		Fill: func(ctx context.Context, res *tfsdk.Resource, orgID string, u *client.OrgUser) diag.Diagnostics {
			var m orgUserModel
			imported := map[string]string{"org_id": orgID, "username": u.Username, "user_id": u.ID}
			return listing.AsImported(ctx, res, imported, &m, func() { m.setFromAPI(orgID, u) })
		},
	}
}
