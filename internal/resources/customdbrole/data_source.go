package customdbrole

import (
	"context"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/providerdata"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/diags"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/validate"
)

var _ datasource.DataSourceWithConfigure = (*rolesDataSource)(nil)

// NewListDataSource returns the atlasaccess_custom_db_roles data source.
func NewListDataSource() datasource.DataSource { return &rolesDataSource{} }

// rolesReader is what the data source and the list resource need: a read
// only, so they use the client directly and hold nothing.
type rolesReader interface {
	ListCustomDBRoles(ctx context.Context, projectID string) ([]client.CustomDBRole, error)
}

type rolesDataSource struct{ client rolesReader }

type rolesModel struct {
	ProjectID types.String `tfsdk:"project_id"`
	Roles     types.List   `tfsdk:"roles"`
}

type roleDataModel struct {
	RoleName       types.String `tfsdk:"role_name"`
	Actions        types.Set    `tfsdk:"actions"`
	InheritedRoles types.Set    `tfsdk:"inherited_roles"`
}

var roleDataAttrTypes = map[string]attr.Type{
	"role_name":       types.StringType,
	"actions":         types.SetType{ElemType: types.ObjectType{AttrTypes: actionAttrTypes}},
	"inherited_roles": types.SetType{ElemType: types.ObjectType{AttrTypes: inheritedAttrTypes}},
}

func (d *rolesDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_custom_db_roles"
}

func (d *rolesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	str := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the custom database roles of a project, from `/groups/{groupId}/customDBRoles/roles` (version 2023-01-01), " +
			"with the attribute names of `atlasaccess_custom_db_role`.",
		Attributes: map[string]schema.Attribute{
			"project_id": schema.StringAttribute{Required: true, Validators: validate.ProjectID(), MarkdownDescription: "ID of the Atlas project (24 hexadecimal digits)."},
			"roles": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The project's custom roles, sorted by name.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"role_name": str("Name of the role."),
					"actions": schema.SetNestedAttribute{Computed: true, MarkdownDescription: "Privilege actions and their resources.",
						NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
							"action": str("Privilege action."),
							"resources": schema.SetNestedAttribute{Computed: true, MarkdownDescription: "Resources of the action.",
								NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
									"database_name":   str("Database, or null for the cluster."),
									"collection_name": str("Collection, or null for every collection."),
									"cluster":         schema.BoolAttribute{Computed: true, MarkdownDescription: "`true` for the cluster resource, otherwise null."},
								}}},
						}}},
					"inherited_roles": schema.SetNestedAttribute{Computed: true, MarkdownDescription: "Inherited roles.",
						NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
							"role_name": str("Inherited role."), "database_name": str("Its database."),
						}}},
				}},
			},
		},
	}
}

func (d *rolesDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	if data := providerdata.From(req.ProviderData, &resp.Diagnostics); data != nil {
		d.client = data.Client
	}
}

func (d *rolesDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var config rolesModel
	if resp.Diagnostics.Append(req.Config.Get(ctx, &config)...); resp.Diagnostics.HasError() {
		return
	}
	projectID := config.ProjectID.ValueString()
	roles, err := d.client.ListCustomDBRoles(ctx, projectID)
	if err != nil {
		resp.Diagnostics.AddError("Error Listing Custom Database Roles", diags.APIErrorDetail("Listing the custom database roles of project "+projectID, err, ""))
		return
	}
	sorted := sortRoles(roles)
	out := make([]roleDataModel, len(sorted))
	for i := range sorted {
		out[i] = roleDataModel{RoleName: types.StringValue(sorted[i].RoleName), Actions: actionsToSet(sorted[i].Actions), InheritedRoles: inheritedToSet(sorted[i].InheritedRoles)}
	}
	list, d2 := types.ListValueFrom(ctx, types.ObjectType{AttrTypes: roleDataAttrTypes}, out)
	resp.Diagnostics.Append(d2...)
	config.Roles = list
	resp.Diagnostics.Append(resp.State.Set(ctx, &config)...)
}

// sortRoles sorts roles by name, so that the list does not reorder itself.
func sortRoles(roles []client.CustomDBRole) []client.CustomDBRole {
	sorted := slices.Clone(roles)
	slices.SortFunc(sorted, func(a, b client.CustomDBRole) int { return strings.Compare(a.RoleName, b.RoleName) })
	return sorted
}
