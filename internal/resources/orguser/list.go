package orguser

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/providerdata"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/listing"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/validate"
)

var _ list.ListResourceWithConfigure = (*orgUserList)(nil)

// NewListResource returns the atlasaccess_org_user list resource
// (terraform query).
func NewListResource() list.ListResource { return &orgUserList{} }

// orgUserLister is what the list needs from Atlas; *client.Client provides it.
type orgUserLister interface {
	ListOrgUsers(ctx context.Context, orgID string, opts client.ListOrgUsersOptions) ([]client.OrgUser, error)
}

type orgUserList struct{ users orgUserLister }

type orgUserListConfig struct {
	OrgID    types.String `tfsdk:"org_id"`
	Statuses types.List   `tfsdk:"statuses"`
}

// allStatuses are the organization membership statuses Atlas reports.
var allStatuses = client.AllUserStatuses()

func (l *orgUserList) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	if d := providerdata.From(req.ProviderData, &resp.Diagnostics); d != nil {
		l.users = d.Client
	}
}

func (l *orgUserList) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	listing.TypeName(req, resp, "_org_user")
}

func (l *orgUserList) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Finds the people of an organization, active or invited, for `terraform query`. " +
			"Reads the pages of the organization's users list, nothing per person.",
		Attributes: map[string]schema.Attribute{
			"org_id": schema.StringAttribute{Required: true, Validators: validate.OrgID(), MarkdownDescription: "ID of the organization."},
			"statuses": schema.ListAttribute{Optional: true, ElementType: types.StringType,
				Validators: []validator.List{listvalidator.SizeAtLeast(1), listvalidator.ValueStringsAre(stringvalidator.OneOf(allStatuses...))},
				MarkdownDescription: "Lists only the people in these organization membership statuses, of `" + strings.Join(allStatuses, "`, `") + "`" +
					". Default: `PENDING` and `ACTIVE`, the statuses Atlas lists by default. An expired or rejected invitation gives no access, " +
					"and importing one gives a resource that the next refresh removes from state."},
		},
	}
}

func (l *orgUserList) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var config orgUserListConfig
	if !listing.Config(ctx, req, stream, &config) {
		return
	}
	orgID := config.OrgID.ValueString()
	var statuses []string
	if !config.Statuses.IsNull() {
		if d := config.Statuses.ElementsAs(ctx, &statuses, false); d.HasError() {
			stream.Results = list.ListResultsStreamDiagnostics(d)
			return
		}
	}
	users, err := l.users.ListOrgUsers(ctx, orgID, client.ListOrgUsersOptions{Statuses: statuses})
	if err != nil {
		listing.Fail(stream, "Error Listing Organization Users", "Listing the users of organization "+orgID, err)
		return
	}
	listing.Stream(ctx, req, stream, foundUsers(orgID, users))
}

// foundUsers are the results of a list of an organization's users: each
// named by email and status, with the identity org_id/username, and filled
// as an import by that identity and the read after it would fill it.
func foundUsers(orgID string, users []client.OrgUser) []listing.Found {
	found := make([]listing.Found, 0, len(users))
	for i := range users {
		u := &users[i]
		found = append(found, listing.Found{
			DisplayName: u.Username + " (" + u.OrgMembershipStatus + ")",
			Identity:    map[string]string{"org_id": orgID, "username": u.Username},
			Fill: func(ctx context.Context, res *tfsdk.Resource) diag.Diagnostics {
				var m orgUserModel
				imported := map[string]string{"org_id": orgID, "username": u.Username, "user_id": u.ID}
				return listing.AsImported(ctx, res, imported, &m, func() { m.setFromAPI(orgID, u) })
			},
		})
	}
	return found
}
