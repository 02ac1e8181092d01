package projectteam

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/attrs"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/validate"
)

// projectTeamModel is the state of atlasaccess_project_team.
type projectTeamModel struct {
	ID        types.String `tfsdk:"id"`
	ProjectID types.String `tfsdk:"project_id"`
	TeamID    types.String `tfsdk:"team_id"`
	Roles     types.Set    `tfsdk:"roles"`
}

func resourceID(projectID, teamID string) string { return projectID + "/" + teamID }

// setFromAPI copies what Atlas reports for the team's grant into m.
func (m *projectTeamModel) setFromAPI(projectID string, t *client.ProjectTeam) {
	m.ProjectID = types.StringValue(projectID)
	m.TeamID = types.StringValue(t.TeamID)
	m.ID = types.StringValue(resourceID(projectID, t.TeamID))
	m.Roles = attrs.RolesToSet(t.RoleNames)
}

// importIDForm names the accepted import ID form, for error messages.
const importIDForm = "project_id/team_id (for example 5f1e2d3c4b5a69788796a5b4/6a0b1c2d3e4f506172839405)"

// parseImportID parses "project_id/team_id", checking both IDs.
func parseImportID(id string) (projectID, teamID string, err error) {
	parts, err := validate.ParseImportID(id, "project_id", "team_id")
	switch {
	case err != nil:
		return "", "", fmt.Errorf("expected %s, got %q", importIDForm, id)
	case !validate.IsObjectID(parts[0]):
		return "", "", fmt.Errorf("project_id %q must be 24 lowercase hexadecimal digits; expected %s", parts[0], importIDForm)
	case !validate.IsObjectID(parts[1]):
		return "", "", fmt.Errorf("team_id %q must be 24 lowercase hexadecimal digits; expected %s", parts[1], importIDForm)
	}
	return parts[0], parts[1], nil
}
