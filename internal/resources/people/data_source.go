// Package people implements the atlasaccess_org_users data source: the
// people of an organization, with their organization roles, their direct
// project roles and their teams. It reads /orgs/{orgId}/users (2025-02-19).
package people

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
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/attrs"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/diags"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/peoplelist"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/validate"
)

var _ datasource.DataSourceWithConfigure = (*orgUsersDataSource)(nil)

// NewOrgUsersDataSource returns the atlasaccess_org_users data source.
func NewOrgUsersDataSource() datasource.DataSource { return &orgUsersDataSource{} }

// usersReader is what the data source needs from Atlas: a read only, so it
// uses the client directly (*client.Client provides it) and holds nothing,
// leaving every person free to be imported by a resource.
type usersReader interface {
	ListOrgUsers(ctx context.Context, orgID string, opts client.ListOrgUsersOptions) ([]client.OrgUser, error)
}

type orgUsersDataSource struct{ client usersReader }

type orgUsersModel struct {
	OrgID    types.String `tfsdk:"org_id"`
	Statuses types.Set    `tfsdk:"statuses"`
	Users    types.List   `tfsdk:"users"`
}

// orgUserDataModel is one person as the data source shows it. The names
// are those of atlasaccess_org_user where they overlap.
type orgUserDataModel struct {
	UserID       types.String `tfsdk:"user_id"`
	Username     types.String `tfsdk:"username"`
	Status       types.String `tfsdk:"status"`
	Roles        types.Set    `tfsdk:"roles"`
	ProjectRoles types.List   `tfsdk:"project_roles"`
	TeamIDs      types.Set    `tfsdk:"team_ids"`
}

var projectRolesAttrTypes = map[string]attr.Type{
	"project_id": types.StringType,
	"roles":      types.SetType{ElemType: types.StringType},
}

var orgUserAttrTypes = map[string]attr.Type{
	"user_id":       types.StringType,
	"username":      types.StringType,
	"status":        types.StringType,
	"roles":         types.SetType{ElemType: types.StringType},
	"project_roles": types.ListType{ElemType: types.ObjectType{AttrTypes: projectRolesAttrTypes}},
	"team_ids":      types.SetType{ElemType: types.StringType},
}

func (d *orgUsersDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_org_users"
}

func (d *orgUsersDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the people of an organization, members and pending invitations, reading every page of the Atlas answer, " +
			"with their organization roles, their direct project roles and the teams they belong to.\n\n" +
			"Reads `/orgs/{orgId}/users` (version 2025-02-19); the provider's credentials need an organization role that can read its users.\n\n" +
			"**Direct and team roles.** `project_roles` are the roles given to the person directly (as `atlasaccess_project_user_invite` does). " +
			"Roles a person holds through a team are not in it: `team_ids` names their teams, and `atlasaccess_project_teams` gives each team's project roles.",
		Attributes: map[string]schema.Attribute{
			"org_id": schema.StringAttribute{
				Required:            true,
				Validators:          validate.OrgID(),
				MarkdownDescription: "ID of the Atlas organization (24 hexadecimal digits).",
			},
			"statuses": peoplelist.StatusesAttribute(),
			"users": schema.ListNestedAttribute{
				Computed: true,
				MarkdownDescription: "The organization's people, sorted by username (case-insensitively) so that the order does not change " +
					"from one read to the next.",
				NestedObject: schema.NestedAttributeObject{Attributes: peoplelist.PersonAttributes(map[string]schema.Attribute{
					"roles": schema.SetAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Organization roles of the person."},
					"project_roles": schema.ListNestedAttribute{
						Computed:            true,
						MarkdownDescription: "The person's direct roles in each project, sorted by project ID. Roles held through a team are not listed here.",
						NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
							"project_id": schema.StringAttribute{Computed: true, MarkdownDescription: "ID of the project."},
							"roles":      schema.SetAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Project roles given to the person directly."},
						}},
					},
					"team_ids": schema.SetAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "IDs of the organization's teams the person belongs to."},
				})},
			},
		},
	}
}

func (d *orgUsersDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	if data := providerdata.From(req.ProviderData, &resp.Diagnostics); data != nil {
		d.client = data.Client
	}
}

func (d *orgUsersDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var config orgUsersModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	orgID := config.OrgID.ValueString()
	// No statuses: Atlas's default (ACTIVE and PENDING), asked as such.
	statuses, statusDiags := peoplelist.Statuses(ctx, config.Statuses, nil)
	if resp.Diagnostics.Append(statusDiags...); resp.Diagnostics.HasError() {
		return
	}
	users, err := d.client.ListOrgUsers(ctx, orgID, client.ListOrgUsersOptions{Statuses: statuses})
	if err != nil {
		resp.Diagnostics.AddError("Error Listing Organization Users", diags.APIErrorDetail("Listing the users of organization "+orgID, err, ""))
		return
	}
	list, d2 := types.ListValueFrom(ctx, types.ObjectType{AttrTypes: orgUserAttrTypes}, usersFromAPI(users))
	resp.Diagnostics.Append(d2...)
	config.Users = list
	resp.Diagnostics.Append(resp.State.Set(ctx, &config)...)
}

// usersFromAPI converts Atlas's users into the data source's elements, in
// the order of peoplelist.SortByUsername; each person's projects are sorted
// by project ID, so that the list does not reorder itself either.
func usersFromAPI(users []client.OrgUser) []orgUserDataModel {
	sorted := peoplelist.SortByUsername(users, func(u client.OrgUser) (string, string) { return u.Username, u.ID })
	out := make([]orgUserDataModel, len(sorted))
	for i, u := range sorted {
		out[i] = orgUserDataModel{
			UserID:       types.StringValue(u.ID),
			Username:     types.StringValue(u.Username),
			Status:       types.StringValue(u.OrgMembershipStatus),
			Roles:        attrs.RolesToSet(u.Roles.OrgRoles),
			ProjectRoles: projectRolesList(u.Roles.GroupRoleAssignments),
			TeamIDs:      attrs.RolesToSet(u.TeamIDs),
		}
	}
	return out
}

// projectRolesList is a person's direct project roles, one element per
// project that gives them any, sorted by project ID.
func projectRolesList(assignments []client.GroupRoleAssignment) types.List {
	sorted := slices.Clone(assignments)
	slices.SortFunc(sorted, func(a, b client.GroupRoleAssignment) int { return strings.Compare(a.ProjectID, b.ProjectID) })
	elems := make([]attr.Value, 0, len(sorted))
	for _, g := range sorted {
		if len(g.GroupRoles) == 0 {
			continue
		}
		elems = append(elems, types.ObjectValueMust(projectRolesAttrTypes, map[string]attr.Value{
			"project_id": types.StringValue(g.ProjectID),
			"roles":      attrs.RolesToSet(g.GroupRoles),
		}))
	}
	return types.ListValueMust(types.ObjectType{AttrTypes: projectRolesAttrTypes}, elems)
}
