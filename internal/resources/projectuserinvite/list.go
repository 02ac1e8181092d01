package projectuserinvite

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

var _ list.ListResourceWithConfigure = (*userList)(nil)

// NewListResourceType returns the atlasaccess_project_user_invite list
// resource (terraform query).
func NewListResourceType() list.ListResource { return &userList{} }

type userList struct{ client *client.Client }

type userListConfig struct {
	ProjectID types.String `tfsdk:"project_id"`
	Statuses  types.List   `tfsdk:"statuses"`
}

func (l *userList) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	if d := providerdata.From(req.ProviderData, &resp.Diagnostics); d != nil {
		l.client = d.Client
	}
}

func (l *userList) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	listing.TypeName(req, resp, "_project_user_invite")
}

func (l *userList) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Finds the people of a project, active or invited, for `terraform query`. Reads the pages of the project's users list, nothing per person.",
		Attributes: map[string]schema.Attribute{
			"project_id": schema.StringAttribute{Required: true, Validators: validate.ProjectID(), MarkdownDescription: "ID of the project."},
			"statuses": schema.ListAttribute{Optional: true, ElementType: types.StringType,
				Validators: []validator.List{listvalidator.SizeAtLeast(1), listvalidator.ValueStringsAre(stringvalidator.OneOf(allStatuses...))},
				MarkdownDescription: "Lists only the people in these organization membership statuses, of " + "`" + strings.Join(allStatuses, "`, `") + "`" +
					". Default: `PENDING` and `ACTIVE`, the statuses Atlas lists by default."},
		},
	}
}

func (l *userList) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var config userListConfig
	if !listing.Config(ctx, req, stream, &config) {
		return
	}
	projectID := config.ProjectID.ValueString()
	var statuses []string
	if !config.Statuses.IsNull() {
		if d := config.Statuses.ElementsAs(ctx, &statuses, false); d.HasError() {
			stream.Results = list.ListResultsStreamDiagnostics(d)
			return
		}
	}
	users, err := l.client.ListProjectUsers(ctx, projectID, client.ListProjectUsersOptions{Statuses: statuses})
	if err != nil {
		listing.Fail(stream, "Error Listing Project Users", "Listing the users of project "+projectID, err)
		return
	}
	found := make([]listing.Found, 0, len(users))
	for i := range users {
		u := &users[i]
		found = append(found, listing.Found{
			DisplayName: u.Username + " (" + u.OrgMembershipStatus + ")",
			Identity:    map[string]string{"project_id": projectID, "username": u.Username},
			Fill: func(ctx context.Context, res *tfsdk.Resource) diag.Diagnostics {
				var m projectUserInviteModel
				imported := map[string]string{"project_id": projectID, "username": u.Username, "user_id": u.ID}
				return listing.AsImported(ctx, res, imported, &m, func() { m.setFromAPI(projectID, u) })
			},
		})
	}
	listing.Stream(ctx, req, stream, found)
}
