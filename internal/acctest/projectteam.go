package acctest

import (
	"slices"
)

// ProjectTeamType is the type name of a team's project roles.
const ProjectTeamType = "atlasaccess_project_team"

// GoodTeamID is a well-formed team ID of no team, for blocks that are only
// planned.
const GoodTeamID = "0123456789abcdef01234567"

// ProjectTeamInvalidInputs are what atlasaccess_project_team rejects at
// plan.
var ProjectTeamInvalidInputs = InvalidInputs{
	Type: ProjectTeamType,
	Valid: func(projectID string) Attrs {
		return Attrs{"project_id": projectID, "team_id": GoodTeamID, "roles": readOnly}
	},
	Cases: slices.Concat(projectIDInputs, rolesInputs, []InvalidInput{
		teamIDInput("team ID far too short", "abc"),
		teamIDInput("uppercase team ID", "0123456789ABCDEF01234567"),
		teamIDInput("team name as team ID", "backend"),
		teamIDInput("empty team ID", ""),
	}),
}

func teamIDInput(name, value string) InvalidInput {
	return InvalidInput{Name: name, Attr: "team_id", Value: value,
		Want: []string{"team_id", "must be a 24-character lowercase hexadecimal Atlas team ID", "got: " + value}}
}
