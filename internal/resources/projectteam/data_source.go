package projectteam

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
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/validate"
)

var _ datasource.DataSourceWithConfigure = (*projectTeamsDataSource)(nil)

// NewListDataSource returns the atlasaccess_project_teams data source.
func NewListDataSource() datasource.DataSource { return &projectTeamsDataSource{} }

// teamsReader is what the data source and the list resource need from
// Atlas: a read only, so they use the client directly (*client.Client
// provides it) and hold nothing, leaving every grant free to be imported.
type teamsReader interface {
	ListProjectTeams(ctx context.Context, projectID string) ([]client.ProjectTeam, error)
}

type projectTeamsDataSource struct{ client teamsReader }

type projectTeamsModel struct {
	ProjectID types.String `tfsdk:"project_id"`
	Teams     types.List   `tfsdk:"teams"`
}

// projectTeamDataModel is one team as the data source shows it, with the
// names of atlasaccess_project_team.
type projectTeamDataModel struct {
	TeamID types.String `tfsdk:"team_id"`
	Roles  types.Set    `tfsdk:"roles"`
}

var projectTeamAttrTypes = map[string]attr.Type{
	"team_id": types.StringType,
	"roles":   types.SetType{ElemType: types.StringType},
}

func (d *projectTeamsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_project_teams"
}

func (d *projectTeamsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the teams that hold roles in a project, with their project roles, reading every page of the Atlas answer. " +
			"Each element carries what `atlasaccess_project_team` needs, so the list can drive `import` blocks.\n\n" +
			"Reads `/groups/{groupId}/teams` (version 2023-01-01). These are the teams' roles only: a person's direct project roles are listed by " +
			"`atlasaccess_project_users`.",
		Attributes: map[string]schema.Attribute{
			"project_id": schema.StringAttribute{
				Required:            true,
				Validators:          validate.ProjectID(),
				MarkdownDescription: "ID of the Atlas project (24 hexadecimal digits).",
			},
			"teams": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The project's teams, sorted by team ID so that the order does not change from one read to the next.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"team_id": schema.StringAttribute{Computed: true, MarkdownDescription: "ID of the team (24 hexadecimal digits)."},
					"roles":   schema.SetAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Project roles the team gives its members in this project."},
				}},
			},
		},
	}
}

func (d *projectTeamsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	if data := providerdata.From(req.ProviderData, &resp.Diagnostics); data != nil {
		d.client = data.Client
	}
}

func (d *projectTeamsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var config projectTeamsModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	projectID := config.ProjectID.ValueString()
	teams, err := d.client.ListProjectTeams(ctx, projectID)
	if err != nil {
		resp.Diagnostics.AddError("Error Listing Project Teams", diags.APIErrorDetail("Listing the teams of project "+projectID, err, ""))
		return
	}
	list, d2 := types.ListValueFrom(ctx, types.ObjectType{AttrTypes: projectTeamAttrTypes}, teamsFromAPI(teams))
	resp.Diagnostics.Append(d2...)
	config.Teams = list
	resp.Diagnostics.Append(resp.State.Set(ctx, &config)...)
}

// teamsFromAPI converts Atlas's teams into the data source's elements,
// sorted by team ID: Atlas's order is not documented, and a list that
// reorders itself would show a change in every plan that reads it.
func teamsFromAPI(teams []client.ProjectTeam) []projectTeamDataModel {
	sorted := slices.Clone(teams)
	slices.SortFunc(sorted, func(a, b client.ProjectTeam) int { return strings.Compare(a.TeamID, b.TeamID) })
	out := make([]projectTeamDataModel, len(sorted))
	for i, t := range sorted {
		out[i] = projectTeamDataModel{TeamID: types.StringValue(t.TeamID), Roles: attrs.RolesToSet(t.RoleNames)}
	}
	return out
}
