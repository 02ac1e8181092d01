package projectuserinvite

import (
	"context"

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

var _ datasource.DataSourceWithConfigure = (*projectUsersDataSource)(nil)

// NewListDataSource returns the atlasaccess_project_users data source.
func NewListDataSource() datasource.DataSource { return &projectUsersDataSource{} }

// usersReader is what the data source needs from Atlas: a read only, so it
// uses the client directly (*client.Client provides it) and holds nothing,
// leaving every user free to be imported by a resource.
type usersReader interface {
	ListProjectUsers(ctx context.Context, projectID string, opts client.ListProjectUsersOptions) ([]client.ProjectUser, error)
}

type projectUsersDataSource struct{ client usersReader }

type projectUsersModel struct {
	ProjectID types.String `tfsdk:"project_id"`
	Statuses  types.Set    `tfsdk:"statuses"`
	Users     types.List   `tfsdk:"users"`
}

// projectUserDataModel is one user as the data source shows it. The names
// are those of atlasaccess_project_user_invite, so that an element can feed
// that resource (and an import block) without renaming.
type projectUserDataModel struct {
	Username            types.String `tfsdk:"username"`
	UserID              types.String `tfsdk:"user_id"`
	Roles               types.Set    `tfsdk:"roles"`
	Status              types.String `tfsdk:"status"`
	InvitationCreatedAt types.String `tfsdk:"invitation_created_at"`
	InvitationExpiresAt types.String `tfsdk:"invitation_expires_at"`
	InviterUsername     types.String `tfsdk:"inviter_username"`
}

var projectUserAttrTypes = map[string]attr.Type{
	"username":              types.StringType,
	"user_id":               types.StringType,
	"roles":                 types.SetType{ElemType: types.StringType},
	"status":                types.StringType,
	"invitation_created_at": types.StringType,
	"invitation_expires_at": types.StringType,
	"inviter_username":      types.StringType,
}

// defaultStatuses are the users Atlas lists when asked for no status: those
// who have access or may soon have it.
var defaultStatuses = []string{statusActive, statusPending}

func (d *projectUsersDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_project_users"
}

func (d *projectUsersDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the people of a project: users who have access (`ACTIVE`) and pending invitations (`PENDING`), " +
			"reading every page of the Atlas answer. Each element carries what `atlasaccess_project_user_invite` needs, so the list can drive " +
			"`import` blocks that adopt every person of a project in one plan (see the guide *Adopting an existing project*).\n\n" +
			"Reads `/groups/{groupId}/users` (version 2025-02-19); the provider's credentials need a project role that can read the project's users.",
		Attributes: map[string]schema.Attribute{
			"project_id": schema.StringAttribute{
				Required:            true,
				Validators:          validate.ProjectID(),
				MarkdownDescription: "ID of the Atlas project (24 hexadecimal digits).",
			},
			"statuses": peoplelist.StatusesAttribute(),
			"users": schema.ListNestedAttribute{
				Computed: true,
				MarkdownDescription: "The project's users, sorted by username (case-insensitively) so that the order does not change " +
					"from one read to the next.",
				NestedObject: schema.NestedAttributeObject{Attributes: peoplelist.PersonAttributes(map[string]schema.Attribute{
					"roles":                 schema.SetAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Project roles of the person in this project."},
					"invitation_created_at": schema.StringAttribute{Computed: true, MarkdownDescription: "When Atlas sent the invitation (RFC 3339, UTC); null for a person who is `ACTIVE`."},
					"invitation_expires_at": schema.StringAttribute{Computed: true, MarkdownDescription: "When the invitation expires (RFC 3339, UTC); null for a person who is `ACTIVE`."},
					"inviter_username":      schema.StringAttribute{Computed: true, MarkdownDescription: "Username of whoever sent the invitation; null for a person who is `ACTIVE`."},
				})},
			},
		},
	}
}

func (d *projectUsersDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	if data := providerdata.From(req.ProviderData, &resp.Diagnostics); data != nil {
		d.client = data.Client
	}
}

func (d *projectUsersDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var config projectUsersModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	projectID := config.ProjectID.ValueString()
	statuses, statusDiags := peoplelist.Statuses(ctx, config.Statuses, defaultStatuses)
	if resp.Diagnostics.Append(statusDiags...); resp.Diagnostics.HasError() {
		return
	}
	users, err := d.client.ListProjectUsers(ctx, projectID, client.ListProjectUsersOptions{Statuses: statuses})
	if err != nil {
		resp.Diagnostics.AddError("Error Listing Project Users",
			diags.APIErrorDetail("Listing the users of project "+projectID, err, ""))
		return
	}
	list, d2 := types.ListValueFrom(ctx, types.ObjectType{AttrTypes: projectUserAttrTypes}, usersFromAPI(users))
	resp.Diagnostics.Append(d2...)
	config.Users = list
	resp.Diagnostics.Append(resp.State.Set(ctx, &config)...)
}

// usersFromAPI converts Atlas's users into the data source's elements, in
// the order of peoplelist.SortByUsername.
func usersFromAPI(users []client.ProjectUser) []projectUserDataModel {
	sorted := peoplelist.SortByUsername(users, func(u client.ProjectUser) (string, string) { return u.Username, u.ID })
	out := make([]projectUserDataModel, len(sorted))
	for i, u := range sorted {
		var m projectUserInviteModel
		m.setFromAPI("", &u)
		out[i] = projectUserDataModel{
			Username: m.Username, UserID: m.UserID, Roles: attrs.RolesToSet(u.Roles), Status: m.Status,
			InvitationCreatedAt: m.InvitationCreatedAt, InvitationExpiresAt: m.InvitationExpiresAt, InviterUsername: m.InviterUsername,
		}
	}
	return out
}
