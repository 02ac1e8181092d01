package client

import (
	"context"
	"net/http"
)

// Team is a team of an organization (Team, TeamResponse).
type Team struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// Usernames are the members' email addresses. Atlas sends them only in
	// the answer to a create; ListTeamUsers reads the members.
	Usernames []string `json:"usernames,omitempty"`
}

// CreateTeamRequest is the body of POST /orgs/{orgId}/teams (Team). Atlas
// requires usernames; nil is sent as an empty list.
type CreateTeamRequest struct {
	Name      string   `json:"name"`
	Usernames []string `json:"usernames"`
}

type renameTeamBody struct {
	Name string `json:"name"`
}

// teamUserBody is AddOrRemoveUserFromTeam.
type teamUserBody struct {
	ID string `json:"id"`
}

// CreateTeam creates a team in an organization (POST /orgs/{orgId}/teams).
// A team name is unique in an organization: a duplicate answers 409. It is
// retried only when nothing can have been created; otherwise the error
// satisfies IsAmbiguous (and MayHaveHappened), and the caller decides
// whether the team it then finds by name is its own work.
func (c *Client) CreateTeam(ctx context.Context, orgID string, req CreateTeamRequest) (*Team, error) {
	path, err := teamsPath(orgID)
	if err != nil {
		return nil, err
	}
	if req.Usernames == nil {
		req.Usernames = []string{}
	}
	var out Team
	if err := c.do(ctx, request{method: http.MethodPost, path: path, version: VersionTeams, body: req, kind: opCreate}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// ListTeams returns every team of an organization, reading all pages.
func (c *Client) ListTeams(ctx context.Context, orgID string) ([]Team, error) {
	path, err := teamsPath(orgID)
	if err != nil {
		return nil, err
	}
	return listAll[Team](ctx, c, path, nil, VersionTeams)
}

// GetTeam returns one team of an organization.
func (c *Client) GetTeam(ctx context.Context, orgID, teamID string) (*Team, error) {
	path, err := teamPath(orgID, teamID, "")
	if err != nil {
		return nil, err
	}
	var out Team
	if err := c.do(ctx, request{method: http.MethodGet, path: path, version: VersionTeams}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// GetTeamByName returns the team of an organization with the given name
// (GET /orgs/{orgId}/teams/byName/{teamName}).
func (c *Client) GetTeamByName(ctx context.Context, orgID, name string) (*Team, error) {
	path, err := buildPath(apiPrefix+"/orgs/", "organization ID", orgID, "/teams/byName/", "team name", name)
	if err != nil {
		return nil, err
	}
	var out Team
	if err := c.do(ctx, request{method: http.MethodGet, path: path, version: VersionTeams}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// RenameTeam changes the name of a team (PATCH /orgs/{orgId}/teams/{teamId}).
func (c *Client) RenameTeam(ctx context.Context, orgID, teamID, name string) (*Team, error) {
	path, err := teamPath(orgID, teamID, "")
	if err != nil {
		return nil, err
	}
	var out Team
	if err := c.do(ctx, request{method: http.MethodPatch, path: path, version: VersionTeams, body: renameTeamBody{Name: name}}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// DeleteTeam deletes a team from its organization.
func (c *Client) DeleteTeam(ctx context.Context, orgID, teamID string) error {
	path, err := teamPath(orgID, teamID, "")
	if err != nil {
		return err
	}
	return c.do(ctx, request{method: http.MethodDelete, path: path, version: VersionTeams}, nil)
}

// ListTeamUsers returns every member of a team matching opts, reading all
// pages (GET /orgs/{orgId}/teams/{teamId}/users). Without status filters
// Atlas returns ACTIVE and PENDING users.
func (c *Client) ListTeamUsers(ctx context.Context, orgID, teamID string, opts ListOrgUsersOptions) ([]OrgUser, error) {
	path, err := teamPath(orgID, teamID, "/users")
	if err != nil {
		return nil, err
	}
	return listAll[OrgUser](ctx, c, path, opts.query(), VersionTeamUsers)
}

// AddTeamUser adds a user of the organization, by ID, to a team
// (POST /orgs/{orgId}/teams/{teamId}:addUser).
func (c *Client) AddTeamUser(ctx context.Context, orgID, teamID, userID string) (*OrgUser, error) {
	return c.changeTeamUser(ctx, orgID, teamID, userID, ":addUser")
}

// RemoveTeamUser removes a user, by ID, from a team; the user stays in the
// organization (POST /orgs/{orgId}/teams/{teamId}:removeUser).
func (c *Client) RemoveTeamUser(ctx context.Context, orgID, teamID, userID string) (*OrgUser, error) {
	return c.changeTeamUser(ctx, orgID, teamID, userID, ":removeUser")
}

func (c *Client) changeTeamUser(ctx context.Context, orgID, teamID, userID, action string) (*OrgUser, error) {
	path, err := teamPath(orgID, teamID, action)
	if err != nil {
		return nil, err
	}
	// The user ID travels in the body: check it as a path parameter would
	// be, so that an empty ID is refused before any request.
	if _, err := pathParam("user ID", userID); err != nil {
		return nil, err
	}
	var out OrgUser
	// Adding or removing the same member twice ends in the same state, so
	// a retry cannot do harm beyond an error answer.
	if err := c.do(ctx, request{method: http.MethodPost, path: path, version: VersionTeamUsers, body: teamUserBody{ID: userID}, kind: opSafePost}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// teamsPath is /orgs/{orgId}/teams.
func teamsPath(orgID string) (string, error) {
	return buildPath(apiPrefix+"/orgs/", "organization ID", orgID, "/teams")
}

// teamPath is /orgs/{orgId}/teams/{teamId} followed by a literal suffix
// such as "/users" or ":addUser".
func teamPath(orgID, teamID, suffix string) (string, error) {
	return buildPath(apiPrefix+"/orgs/", "organization ID", orgID, "/teams/", "team ID", teamID, suffix)
}
