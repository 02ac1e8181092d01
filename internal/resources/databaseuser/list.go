package databaseuser

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/providerdata"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/listing"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/validate"
)

var _ list.ListResourceWithConfigure = (*userList)(nil)

// NewListResource returns the atlasaccess_database_user list resource
// (terraform query).
func NewListResource() list.ListResource { return &userList{} }

type userList struct{ client usersReader }

type userListConfig struct {
	ProjectID types.String `tfsdk:"project_id"`
}

func (l *userList) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	if d := providerdata.From(req.ProviderData, &resp.Diagnostics); d != nil {
		l.client = d.Client
	}
}

func (l *userList) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	listing.TypeName(req, resp, "_database_user")
}

func (l *userList) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Finds the database users of a project, for `terraform query`. Reads the pages of the project's users, nothing per user.",
		Attributes: map[string]schema.Attribute{
			"project_id": schema.StringAttribute{Required: true, Validators: validate.ProjectID(), MarkdownDescription: "ID of the project."},
		},
	}
}

func (l *userList) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var config userListConfig
	if !listing.Config(ctx, req, stream, &config) {
		return
	}
	projectID := config.ProjectID.ValueString()
	users, err := l.client.ListDatabaseUsers(ctx, projectID)
	if err != nil {
		listing.Fail(stream, "Error Listing Database Users", "Listing the database users of project "+projectID, err)
		return
	}
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
	listing.Stream(ctx, req, stream, found)
}
