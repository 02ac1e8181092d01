package client

import (
	"context"
	"net/http"
	"net/url"
)

// OrgUser is a user of an organization, active or invited
// (OrgUserResponse: OrgActiveUserResponse or OrgPendingUserResponse).
type OrgUser struct {
	ID string `json:"id"`
	// Username is the user's email address.
	Username string `json:"username"`
	// OrgMembershipStatus is PENDING, ACTIVE, INVITATION_EXPIRED or
	// INVITATION_REJECTED (the UserStatus* constants).
	OrgMembershipStatus string       `json:"orgMembershipStatus"`
	Roles               OrgUserRoles `json:"roles"`
	// TeamIDs are the teams of the organization the user belongs to.
	TeamIDs []string `json:"teamIds,omitempty"`
	// Pending users only.
	InvitationCreatedAt string  `json:"invitationCreatedAt,omitempty"`
	InvitationExpiresAt *string `json:"invitationExpiresAt,omitempty"`
	InviterUsername     string  `json:"inviterUsername,omitempty"`
	// Active users only.
	CreatedAt string `json:"createdAt,omitempty"`
	FirstName string `json:"firstName,omitempty"`
	LastName  string `json:"lastName,omitempty"`
	LastAuth  string `json:"lastAuth,omitempty"`
}

// OrgUserRoles are an organization user's roles: in the organization, and
// directly in its projects (OrgUserRolesRequest and OrgUserRolesResponse).
// Project roles a user holds through a team are not listed here.
type OrgUserRoles struct {
	OrgRoles             []string              `json:"orgRoles"`
	GroupRoleAssignments []GroupRoleAssignment `json:"groupRoleAssignments,omitempty"`
}

// GroupRoleAssignment is a user's roles in one project.
type GroupRoleAssignment struct {
	ProjectID  string   `json:"groupId"`
	GroupRoles []string `json:"groupRoles"`
}

// CreateOrgUserRequest is the body of POST /orgs/{orgId}/users
// (OrgUserRequest).
type CreateOrgUserRequest struct {
	// Username is the email address the invitation goes to.
	Username string       `json:"username"`
	Roles    OrgUserRoles `json:"roles"`
	// TeamIDs, if set, are teams the user joins.
	TeamIDs []string `json:"teamIds,omitempty"`
}

// UpdateOrgUserRequest is the body of PATCH /orgs/{orgId}/users/{userId}
// (OrgUserUpdateRequest). A nil field is left out of the body; a non-nil
// TeamIDs pointing at an empty slice sends an empty list.
type UpdateOrgUserRequest struct {
	Roles   *OrgUserRoles `json:"roles,omitempty"`
	TeamIDs *[]string     `json:"teamIds,omitempty"`
}

// ListOrgUsersOptions filters ListOrgUsers and ListTeamUsers.
type ListOrgUsersOptions struct {
	// Username, if set, is sent as the username query parameter.
	Username string
	// Statuses, if set, are sent as repeated orgMembershipStatuses
	// parameters. Without them Atlas returns ACTIVE and PENDING users.
	Statuses []string
}

func (o ListOrgUsersOptions) query() url.Values {
	q := url.Values{}
	if o.Username != "" {
		q.Set("username", o.Username)
	}
	for _, s := range o.Statuses {
		q.Add("orgMembershipStatuses", s)
	}
	return q
}

type orgRoleBody struct {
	OrgRole string `json:"orgRole"`
}

// CreateOrgUser invites a user to an organization (POST /orgs/{orgId}/users).
// It is retried only when nothing can have been created; otherwise the
// error satisfies IsAmbiguous (and MayHaveHappened), and the caller decides
// whether the user it then finds is its own work.
func (c *Client) CreateOrgUser(ctx context.Context, orgID string, req CreateOrgUserRequest) (*OrgUser, error) {
	path, err := orgUsersPath(orgID)
	if err != nil {
		return nil, err
	}
	var out OrgUser
	if err := c.do(ctx, request{method: http.MethodPost, path: path, version: VersionOrgUsers, body: req, kind: opCreate}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// ListOrgUsers returns every user of an organization matching opts, pending
// invitations included, reading all pages. Without status filters Atlas
// returns ACTIVE and PENDING users.
func (c *Client) ListOrgUsers(ctx context.Context, orgID string, opts ListOrgUsersOptions) ([]OrgUser, error) {
	path, err := orgUsersPath(orgID)
	if err != nil {
		return nil, err
	}
	return listAll[OrgUser](ctx, c, path, opts.query(), VersionOrgUsers)
}

// GetOrgUser returns one user of an organization. Atlas finds only ACTIVE
// and PENDING users unless statuses are given (repeated
// orgMembershipStatuses parameters): pass AllUserStatuses() to also find an
// expired or rejected invitation.
func (c *Client) GetOrgUser(ctx context.Context, orgID, userID string, statuses []string) (*OrgUser, error) {
	path, err := orgUserPath(orgID, userID, "")
	if err != nil {
		return nil, err
	}
	var q url.Values
	if len(statuses) > 0 {
		q = url.Values{"orgMembershipStatuses": append([]string(nil), statuses...)}
	}
	var out OrgUser
	if err := c.do(ctx, request{method: http.MethodGet, path: path, query: q, version: VersionOrgUsers}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// UpdateOrgUser changes an organization user's roles or teams (PATCH).
func (c *Client) UpdateOrgUser(ctx context.Context, orgID, userID string, req UpdateOrgUserRequest) (*OrgUser, error) {
	path, err := orgUserPath(orgID, userID, "")
	if err != nil {
		return nil, err
	}
	var out OrgUser
	if err := c.do(ctx, request{method: http.MethodPatch, path: path, version: VersionOrgUsers, body: req}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// AddOrgUserRole grants one organization role to a user
// (POST /orgs/{orgId}/users/{userId}:addRole).
func (c *Client) AddOrgUserRole(ctx context.Context, orgID, userID, role string) (*OrgUser, error) {
	return c.changeOrgUserRole(ctx, orgID, userID, role, ":addRole")
}

// RemoveOrgUserRole takes one organization role from a user
// (POST /orgs/{orgId}/users/{userId}:removeRole). A user must keep at
// least one organization role.
func (c *Client) RemoveOrgUserRole(ctx context.Context, orgID, userID, role string) (*OrgUser, error) {
	return c.changeOrgUserRole(ctx, orgID, userID, role, ":removeRole")
}

func (c *Client) changeOrgUserRole(ctx context.Context, orgID, userID, role, action string) (*OrgUser, error) {
	path, err := orgUserPath(orgID, userID, action)
	if err != nil {
		return nil, err
	}
	var out OrgUser
	// Adding or removing the same role twice ends in the same state, so a
	// retry cannot do harm beyond an error answer.
	if err := c.do(ctx, request{method: http.MethodPost, path: path, version: VersionOrgUsers, body: orgRoleBody{OrgRole: role}, kind: opSafePost}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// DeleteOrgUser removes a user, active or pending, from an organization,
// and so from every project and team of it.
func (c *Client) DeleteOrgUser(ctx context.Context, orgID, userID string) error {
	path, err := orgUserPath(orgID, userID, "")
	if err != nil {
		return err
	}
	return c.do(ctx, request{method: http.MethodDelete, path: path, version: VersionOrgUsers}, nil)
}

// orgUsersPath is /orgs/{orgId}/users.
func orgUsersPath(orgID string) (string, error) {
	return buildPath(apiPrefix+"/orgs/", "organization ID", orgID, "/users")
}

// orgUserPath is /orgs/{orgId}/users/{userId} followed by a literal suffix
// such as ":addRole".
func orgUserPath(orgID, userID, suffix string) (string, error) {
	return buildPath(apiPrefix+"/orgs/", "organization ID", orgID, "/users/", "user ID", userID, suffix)
}
