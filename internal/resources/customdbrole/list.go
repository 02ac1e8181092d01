package customdbrole

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

var _ list.ListResourceWithConfigure = (*roleList)(nil)

// NewListResource returns the atlasaccess_custom_db_role list resource
// (terraform query).
func NewListResource() list.ListResource { return &roleList{} }

type roleList struct{ client rolesReader }

type roleListConfig struct {
	ProjectID types.String `tfsdk:"project_id"`
}

func (l *roleList) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	if d := providerdata.From(req.ProviderData, &resp.Diagnostics); d != nil {
		l.client = d.Client
	}
}

func (l *roleList) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	listing.TypeName(req, resp, "_custom_db_role")
}

func (l *roleList) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Finds the custom database roles of a project, for `terraform query`. Reads the project's roles once, nothing per role.",
		Attributes: map[string]schema.Attribute{
			"project_id": schema.StringAttribute{Required: true, Validators: validate.ProjectID(), MarkdownDescription: "ID of the project."},
		},
	}
}

func (l *roleList) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var config roleListConfig
	if !listing.Config(ctx, req, stream, &config) {
		return
	}
	projectID := config.ProjectID.ValueString()
	roles, err := l.client.ListCustomDBRoles(ctx, projectID)
	if err != nil {
		listing.Fail(stream, "Error Listing Custom Database Roles", "Listing the custom database roles of project "+projectID, err)
		return
	}
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
	listing.Stream(ctx, req, stream, found)
}
