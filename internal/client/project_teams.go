package client

import (
	"context"
	"net/http"
)

// ProjectTeam is a team's roles in a project (TeamRole).
type ProjectTeam struct {
	TeamID    string   `json:"teamId"`
	RoleNames []string `json:"roleNames"`
}

// teamRolesAnswer is PaginatedTeamRoleView as the writes answer it: one
// page, read as it is.
type teamRolesAnswer struct {
	Results []ProjectTeam `json:"results"`
}

// AddTeamsToProject gives teams roles in a project
// (POST /groups/{groupId}/teams, an array of {teamId, roleNames}) and
// returns the teams of the project as Atlas answers them. Atlas documents
// no conflict answer for a team already in the project, so a repeat would
// not be detected: it is retried only when nothing can have been sent;
// otherwise the error satisfies IsAmbiguous (and MayHaveHappened), and the
// caller decides from GetProjectTeam.
func (c *Client) AddTeamsToProject(ctx context.Context, projectID string, teams []ProjectTeam) ([]ProjectTeam, error) {
	path, err := projectTeamsPath(projectID)
	if err != nil {
		return nil, err
	}
	// Team IDs travel in the body: check them as path parameters would be.
	for _, t := range teams {
		if _, err := pathParam("team ID", t.TeamID); err != nil {
			return nil, err
		}
	}
	var out teamRolesAnswer
	if err := c.do(ctx, request{method: http.MethodPost, path: path, version: VersionProjectTeams, body: teams, kind: opCreate}, &out); err != nil {
		return nil, err
	}
	return out.Results, nil
}

// ListProjectTeams returns every team of a project with its roles, reading
// all pages.
func (c *Client) ListProjectTeams(ctx context.Context, projectID string) ([]ProjectTeam, error) {
	path, err := projectTeamsPath(projectID)
	if err != nil {
		return nil, err
	}
	return listAll[ProjectTeam](ctx, c, path, nil, VersionProjectTeams)
}

// GetProjectTeam returns one team's roles in a project.
func (c *Client) GetProjectTeam(ctx context.Context, projectID, teamID string) (*ProjectTeam, error) {
	path, err := projectTeamPath(projectID, teamID)
	if err != nil {
		return nil, err
	}
	var out ProjectTeam
	if err := c.do(ctx, request{method: http.MethodGet, path: path, version: VersionProjectTeams}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// UpdateProjectTeamRoles replaces a team's roles in a project
// (PATCH /groups/{groupId}/teams/{teamId}) and returns the team roles
// Atlas answers with.
func (c *Client) UpdateProjectTeamRoles(ctx context.Context, projectID, teamID string, roles []string) ([]ProjectTeam, error) {
	path, err := projectTeamPath(projectID, teamID)
	if err != nil {
		return nil, err
	}
	var out teamRolesAnswer
	// The body is a TeamRole, whose teamId Atlas requires as well.
	body := ProjectTeam{TeamID: teamID, RoleNames: roles}
	if err := c.do(ctx, request{method: http.MethodPatch, path: path, version: VersionProjectTeams, body: body}, &out); err != nil {
		return nil, err
	}
	return out.Results, nil
}

// RemoveTeamFromProject takes a team out of a project; the team stays in
// the organization.
func (c *Client) RemoveTeamFromProject(ctx context.Context, projectID, teamID string) error {
	path, err := projectTeamPath(projectID, teamID)
	if err != nil {
		return err
	}
	return c.do(ctx, request{method: http.MethodDelete, path: path, version: VersionProjectTeams}, nil)
}

// projectTeamsPath is /groups/{groupId}/teams.
func projectTeamsPath(projectID string) (string, error) {
	return buildPath(apiPrefix+"/groups/", "project ID", projectID, "/teams")
}

// projectTeamPath is /groups/{groupId}/teams/{teamId}.
func projectTeamPath(projectID, teamID string) (string, error) {
	return buildPath(apiPrefix+"/groups/", "project ID", projectID, "/teams/", "team ID", teamID)
}
