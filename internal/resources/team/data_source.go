package team

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/providerdata"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/diags"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/validate"
)

var (
	_ datasource.DataSourceWithConfigure = (*teamDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*teamsDataSource)(nil)
)

// reads is what the data sources and the list resource need from Atlas;
// safeops.Reads provides it (nothing read is held).
type reads interface {
	GetTeam(ctx context.Context, orgID, teamID string) (*client.Team, error)
	GetTeamByName(ctx context.Context, orgID, name string) (*client.Team, error)
	ListTeams(ctx context.Context, orgID string) ([]client.Team, error)
	ListTeamUsers(ctx context.Context, orgID, teamID string) ([]client.OrgUser, error)
}

// NewDataSource returns the atlasaccess_team data source: one team, by ID
// or by name, with its members.
func NewDataSource() datasource.DataSource { return &teamDataSource{} }

// NewListDataSource returns the atlasaccess_teams data source: every team
// of an organization.
func NewListDataSource() datasource.DataSource { return &teamsDataSource{} }

type teamDataSource struct{ reads reads }

// teamDataModel is the state of the atlasaccess_team data source.
type teamDataModel struct {
	ID        types.String `tfsdk:"id"`
	OrgID     types.String `tfsdk:"org_id"`
	TeamID    types.String `tfsdk:"team_id"`
	Name      types.String `tfsdk:"name"`
	Usernames types.Set    `tfsdk:"usernames"`
}

func (ds *teamDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_team"
}

func (ds *teamDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	if d := providerdata.From(req.ProviderData, &resp.Diagnostics); d != nil {
		ds.reads = d.Service.Reads()
	}
}

func (ds *teamDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	oneOf := []validator.String{stringvalidator.ExactlyOneOf(path.MatchRoot("team_id"), path.MatchRoot("name"))}
	resp.Schema = schema.Schema{
		MarkdownDescription: "One team of an Atlas organization, found by ID or by name, with its members (active and invited). " +
			"Reads `/orgs/{orgId}/teams` (version 2023-01-01) and the team's users (version 2025-02-19).",
		Attributes: map[string]schema.Attribute{
			"id":     schema.StringAttribute{Computed: true, MarkdownDescription: "`org_id/team_id`."},
			"org_id": schema.StringAttribute{Required: true, Validators: validate.OrgID(), MarkdownDescription: "ID of the organization (24 hexadecimal digits)."},
			"team_id": schema.StringAttribute{Optional: true, Computed: true,
				Validators:          append(teamIDValidators(), oneOf...),
				MarkdownDescription: "ID of the team (24 hexadecimal digits). Exactly one of `team_id` and `name` must be set."},
			"name": schema.StringAttribute{Optional: true, Computed: true,
				Validators:          nameValidators(),
				MarkdownDescription: "Name of the team, compared exactly (letter case included). Exactly one of `team_id` and `name` must be set."},
			"usernames": schema.SetAttribute{Computed: true, ElementType: types.StringType,
				MarkdownDescription: "Email addresses of the team's members, active and invited."},
		},
	}
}

func (ds *teamDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m teamDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	orgID := m.OrgID.ValueString()
	var t *client.Team
	var err error
	what := fmt.Sprintf("team %s", m.TeamID.ValueString())
	if !m.TeamID.IsNull() {
		t, err = ds.reads.GetTeam(ctx, orgID, m.TeamID.ValueString())
	} else {
		what = fmt.Sprintf("team %q", m.Name.ValueString())
		t, err = ds.reads.GetTeamByName(ctx, orgID, m.Name.ValueString())
	}
	if client.IsNotFound(err) {
		resp.Diagnostics.AddError("Team Not Found", fmt.Sprintf("Organization %s has no %s. Check the organization ID and the team's ID or exact name.", orgID, what))
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Error Reading Team", diags.APIErrorDetail(fmt.Sprintf("Reading %s in organization %s", what, orgID), err, ""))
		return
	}
	users, err := ds.reads.ListTeamUsers(ctx, orgID, t.ID)
	if err != nil {
		resp.Diagnostics.AddError("Error Reading Team Members",
			diags.APIErrorDetail(fmt.Sprintf("Listing the members of team %q (ID %s) in organization %s", t.Name, t.ID, orgID), err, ""))
		return
	}
	usernames := make([]string, len(users))
	for i, u := range users {
		usernames[i] = u.Username
	}
	m.ID = types.StringValue(resourceID(orgID, t.ID))
	m.TeamID = types.StringValue(t.ID)
	m.Name = types.StringValue(t.Name)
	m.Usernames = usernamesSet(usernames)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

type teamsDataSource struct{ reads reads }

// teamsDataModel is the state of the atlasaccess_teams data source.
type teamsDataModel struct {
	ID    types.String  `tfsdk:"id"`
	OrgID types.String  `tfsdk:"org_id"`
	Teams []teamSummary `tfsdk:"teams"`
}

// teamSummary is one team in atlasaccess_teams.
type teamSummary struct {
	TeamID types.String `tfsdk:"team_id"`
	Name   types.String `tfsdk:"name"`
}

func (ds *teamsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_teams"
}

func (ds *teamsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	if d := providerdata.From(req.ProviderData, &resp.Diagnostics); d != nil {
		ds.reads = d.Service.Reads()
	}
}

func (ds *teamsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Every team of an Atlas organization (ID and name), in the order Atlas lists them. Reads the pages of `/orgs/{orgId}/teams` " +
			"(version 2023-01-01), nothing per team: use the `atlasaccess_team` data source for a team's members.",
		Attributes: map[string]schema.Attribute{
			"id":     schema.StringAttribute{Computed: true, MarkdownDescription: "The organization ID."},
			"org_id": schema.StringAttribute{Required: true, Validators: validate.OrgID(), MarkdownDescription: "ID of the organization (24 hexadecimal digits)."},
			"teams": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The organization's teams.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"team_id": schema.StringAttribute{Computed: true, MarkdownDescription: "ID of the team."},
					"name":    schema.StringAttribute{Computed: true, MarkdownDescription: "Name of the team."},
				}},
			},
		},
	}
}

func (ds *teamsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m teamsDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	orgID := m.OrgID.ValueString()
	teams, err := ds.reads.ListTeams(ctx, orgID)
	if err != nil {
		resp.Diagnostics.AddError("Error Listing Teams", diags.APIErrorDetail("Listing the teams of organization "+orgID, err, ""))
		return
	}
	m.ID = types.StringValue(orgID)
	m.Teams = make([]teamSummary, len(teams))
	for i, t := range teams {
		m.Teams[i] = teamSummary{TeamID: types.StringValue(t.ID), Name: types.StringValue(t.Name)}
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
