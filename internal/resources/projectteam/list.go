package projectteam

import (
	"context"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/listing"
)

// NewListResource returns the atlasaccess_project_team list resource
// (terraform query).
func NewListResource() list.ListResource {
	return &listing.ProjectList[client.ProjectTeam]{
		Suffix:      "_project_team",
		Description: "Finds the teams that hold roles in a project, for `terraform query`. Reads the pages of the project's teams list, nothing per team.",
		Summary:     "Error Listing Project Teams",
		Action:      "Listing the teams of project ",
		Reader:      readTeams,
		Found:       foundTeams,
	}
}

// foundTeams are the results of a list of a project's teams, in Atlas's
// order, each named by its ID and roles and filled as an import by its
// identity and the read after it would fill it.
func foundTeams(projectID string, teams []client.ProjectTeam) []listing.Found {
	found := make([]listing.Found, 0, len(teams))
	for i := range teams {
		t := &teams[i]
		found = append(found, listing.Found{
			DisplayName: t.TeamID + " (" + strings.Join(slices.Sorted(slices.Values(t.RoleNames)), ", ") + ")",
			Identity:    map[string]string{"project_id": projectID, "team_id": t.TeamID},
			Fill: func(ctx context.Context, res *tfsdk.Resource) diag.Diagnostics {
				var m projectTeamModel
				imported := map[string]string{"project_id": projectID, "team_id": t.TeamID}
				return listing.AsImported(ctx, res, imported, &m, func() { m.setFromAPI(projectID, t) })
			},
		})
	}
	return found
}
