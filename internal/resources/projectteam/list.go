package projectteam

import (
	"context"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/providerdata"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/listing"
)

// NewListResource returns the atlasaccess_project_team list resource
// (terraform query).
func NewListResource() list.ListResource {
	return &listing.ProjectList[namedTeam]{
		Suffix: "_project_team",
		Description: "Finds the teams that hold roles in a project, for `terraform query`. Reads the pages of the project's teams list and, " +
			"to show each team by name, the project's organization and the pages of its teams list: nothing per team.",
		Summary: "Error Listing Project Teams",
		Action:  "Listing the teams of project ",
		Reader:  readNamedTeams,
		Found:   foundTeams,
	}
}

// namedTeam is a team's grant in a project with the team's name, which
// the project's listing does not carry; Name is empty when it could not
// be read.
type namedTeam struct {
	client.ProjectTeam
	Name string
}

// readNamedTeams lists a project's teams, then names them from one
// listing of the organization's teams. The names only label the results:
// a credential that may read the project but not the organization's teams
// still gets every result, labelled by team ID.
func readNamedTeams(d *providerdata.Data) func(context.Context, string) ([]namedTeam, error) {
	return func(ctx context.Context, projectID string) ([]namedTeam, error) {
		teams, err := d.Client.ListProjectTeams(ctx, projectID)
		if err != nil || len(teams) == 0 {
			return nil, err
		}
		names, err := teamNames(ctx, d.Client, projectID)
		if err != nil {
			tflog.Debug(ctx, "Team names not read; results are labelled by team ID", map[string]any{"project_id": projectID, "error": err.Error()})
		}
		out := make([]namedTeam, len(teams))
		for i, t := range teams {
			out[i] = namedTeam{ProjectTeam: t, Name: names[t.TeamID]}
		}
		return out, nil
	}
}

// teamNames maps the team IDs of the project's organization to their names.
func teamNames(ctx context.Context, c *client.Client, projectID string) (map[string]string, error) {
	orgID, err := c.ProjectOrgID(ctx, projectID)
	if err != nil {
		return nil, err
	}
	teams, err := c.ListTeams(ctx, orgID)
	if err != nil {
		return nil, err
	}
	names := make(map[string]string, len(teams))
	for _, t := range teams {
		names[t.ID] = t.Name
	}
	return names, nil
}

// foundTeams are the results of a list of a project's teams, in Atlas's
// order, each named by its team's name (its ID when the name is unknown)
// and roles, and filled as an import by its identity and the read after it
// would fill it.
func foundTeams(projectID string, teams []namedTeam) []listing.Found {
	found := make([]listing.Found, 0, len(teams))
	for i := range teams {
		t := &teams[i]
		label := t.Name
		if label == "" {
			label = t.TeamID
		}
		found = append(found, listing.Found{
			DisplayName: label + " (" + strings.Join(slices.Sorted(slices.Values(t.RoleNames)), ", ") + ")",
			Identity:    map[string]string{"project_id": projectID, "team_id": t.TeamID},
			Fill: func(ctx context.Context, res *tfsdk.Resource) diag.Diagnostics {
				var m projectTeamModel
				imported := map[string]string{"project_id": projectID, "team_id": t.TeamID}
				return listing.AsImported(ctx, res, imported, &m, func() { m.setFromAPI(projectID, &t.ProjectTeam) })
			},
		})
	}
	return found
}
