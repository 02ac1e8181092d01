package projectteam

import (
	"context"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/providerdata"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/attrs"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/listing"
)

// NewListDataSource returns the atlasaccess_project_teams data source.
func NewListDataSource() datasource.DataSource {
	return &listing.ProjectDataSource[client.ProjectTeam, projectTeamDataModel]{
		Suffix: "_project_teams",
		Description: "Lists the teams that hold roles in a project, with their project roles, reading every page of the Atlas answer. " +
			"Each element carries what `atlasaccess_project_team` needs, so the list can drive `import` blocks.\n\n" +
			"Reads `/groups/{groupId}/teams` (version 2023-01-01). These are the teams' roles only: a person's direct project roles are listed by " +
			"`atlasaccess_project_users`.",
		ItemsName: "teams",
		Items: schema.ListNestedAttribute{
			Computed:            true,
			MarkdownDescription: "The project's teams, sorted by team ID so that the order does not change from one read to the next.",
			NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
				"team_id": schema.StringAttribute{Computed: true, MarkdownDescription: "ID of the team (24 hexadecimal digits)."},
				"roles":   schema.SetAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Project roles the team gives its members in this project."},
			}},
		},
		Summary:  "Error Listing Project Teams",
		Action:   "Listing the teams of project ",
		Reader:   readTeams,
		Elements: teamsFromAPI,
	}
}

// readTeams is the listing the data source and the list resource read: a
// read only, so they use the client directly and hold nothing, leaving
// every grant free to be imported.
func readTeams(d *providerdata.Data) func(context.Context, string) ([]client.ProjectTeam, error) {
	return d.Client.ListProjectTeams
}

// projectTeamDataModel is one team as the data source shows it, with the
// names of atlasaccess_project_team.
type projectTeamDataModel struct {
	TeamID types.String `tfsdk:"team_id"`
	Roles  types.Set    `tfsdk:"roles"`
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
