package client

import (
	"context"
	"net/http"
	"net/url"
)

// Project is an Atlas project (group).
type Project struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	OrgID string `json:"orgId"`
}

// Organization membership statuses of a project user or an organization
// user (GroupUserResponse.orgMembershipStatus,
// OrgUserResponse.orgMembershipStatus).
const (
	UserStatusActive   = "ACTIVE"
	UserStatusPending  = "PENDING"
	UserStatusExpired  = "INVITATION_EXPIRED"
	UserStatusRejected = "INVITATION_REJECTED"
)

// AllUserStatuses lists every membership status, for lookups that must also
// find stale invitations: the list endpoint returns only ACTIVE and PENDING
// users by default.
func AllUserStatuses() []string {
	return []string{UserStatusActive, UserStatusPending, UserStatusExpired, UserStatusRejected}
}

// ProjectUser is a user of a project, active or invited (GroupUserResponse).
type ProjectUser struct {
	ID string `json:"id"`
	// Username is the user's email address.
	Username string `json:"username"`
	// OrgMembershipStatus is PENDING, ACTIVE, INVITATION_EXPIRED or INVITATION_REJECTED.
	OrgMembershipStatus string   `json:"orgMembershipStatus"`
	Roles               []string `json:"roles"`
	InvitationCreatedAt string   `json:"invitationCreatedAt,omitempty"`
	InvitationExpiresAt *string  `json:"invitationExpiresAt,omitempty"`
	InviterUsername     string   `json:"inviterUsername,omitempty"`
	CreatedAt           string   `json:"createdAt,omitempty"`
	FirstName           string   `json:"firstName,omitempty"`
	LastName            string   `json:"lastName,omitempty"`
}

// AddProjectUserRequest is the body of POST /groups/{groupId}/users.
type AddProjectUserRequest struct {
	Username string   `json:"username"`
	Roles    []string `json:"roles"`
}

// ListProjectUsersOptions filters ListProjectUsers.
type ListProjectUsersOptions struct {
	// Username, if set, is sent as the username query parameter.
	Username string
	// Statuses, if set, are sent as repeated orgMembershipStatuses parameters.
	Statuses []string
}

type groupRoleBody struct {
	GroupRole string `json:"groupRole"`
}

// GetProject returns a project (GET /groups/{groupId}).
func (c *Client) GetProject(ctx context.Context, projectID string) (*Project, error) {
	path, err := buildPath(apiPrefix+"/groups/", "project ID", projectID)
	if err != nil {
		return nil, err
	}
	var out Project
	if err := c.do(ctx, request{method: http.MethodGet, path: path, version: VersionProjects}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// ListOrgProjects returns every project of an organization
// (GET /orgs/{orgId}/groups), reading all pages.
func (c *Client) ListOrgProjects(ctx context.Context, orgID string) ([]Project, error) {
	path, err := buildPath(apiPrefix+"/orgs/", "organization ID", orgID, "/groups")
	if err != nil {
		return nil, err
	}
	return listAll[Project](ctx, c, path, nil, VersionProjects)
}

// ProjectOrgID returns the ID of the organization that owns a project. The
// answer is cached for the life of the Client.
func (c *Client) ProjectOrgID(ctx context.Context, projectID string) (string, error) {
	if v, ok := c.orgIDs.Load(projectID); ok {
		return v.(string), nil
	}
	// Concurrent lookups of one project share one request. It runs without
	// the cancellation of whichever caller started it, so that caller's
	// interrupt does not fail the others; each caller still stops waiting
	// when its own context ends.
	shared := c.orgIDCalls.DoChan(projectID, func() (any, error) {
		p, err := c.GetProject(context.WithoutCancel(ctx), projectID)
		if err != nil {
			return "", err
		}
		c.orgIDs.Store(projectID, p.OrgID)
		return p.OrgID, nil
	})
	if c.orgIDWaiting != nil {
		c.orgIDWaiting()
	}
	select {
	case <-ctx.Done():
		return "", ctx.Err()
	case res := <-shared:
		if res.Err != nil {
			return "", res.Err
		}
		return res.Val.(string), nil
	}
}

// AddProjectUser adds a user to a project, inviting them to the organization
// if needed. Repeating it is harmless: a duplicate answers 409 (IsConflict).
// Whether a 409 after a lost answer is our own work is decided by the caller
// (see MayHaveHappened).
func (c *Client) AddProjectUser(ctx context.Context, projectID string, req AddProjectUserRequest) (*ProjectUser, error) {
	path, err := buildPath(apiPrefix+"/groups/", "project ID", projectID, "/users")
	if err != nil {
		return nil, err
	}
	var out ProjectUser
	if err := c.do(ctx, request{method: http.MethodPost, path: path, version: VersionProjectUsers, body: req, kind: opSafePost}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// GetProjectUser returns one user of a project.
func (c *Client) GetProjectUser(ctx context.Context, projectID, userID string) (*ProjectUser, error) {
	path, err := buildPath(apiPrefix+"/groups/", "project ID", projectID, "/users/", "user ID", userID)
	if err != nil {
		return nil, err
	}
	var out ProjectUser
	if err := c.do(ctx, request{method: http.MethodGet, path: path, version: VersionProjectUsers}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// ListProjectUsers returns every user of a project matching opts, reading
// all pages. Without status filters Atlas returns ACTIVE and PENDING users.
func (c *Client) ListProjectUsers(ctx context.Context, projectID string, opts ListProjectUsersOptions) ([]ProjectUser, error) {
	path, err := buildPath(apiPrefix+"/groups/", "project ID", projectID, "/users")
	if err != nil {
		return nil, err
	}
	q := url.Values{}
	if opts.Username != "" {
		q.Set("username", opts.Username)
	}
	for _, s := range opts.Statuses {
		q.Add("orgMembershipStatuses", s)
	}
	return listAll[ProjectUser](ctx, c, path, q, VersionProjectUsers)
}

// RemoveProjectUser removes an active or pending user from a project.
func (c *Client) RemoveProjectUser(ctx context.Context, projectID, userID string) error {
	path, err := buildPath(apiPrefix+"/groups/", "project ID", projectID, "/users/", "user ID", userID)
	if err != nil {
		return err
	}
	return c.do(ctx, request{method: http.MethodDelete, path: path, version: VersionProjectUsers}, nil)
}

// AddProjectUserRole grants one project role to a user
// (POST /groups/{groupId}/users/{userId}:addRole).
func (c *Client) AddProjectUserRole(ctx context.Context, projectID, userID, role string) (*ProjectUser, error) {
	return c.changeProjectUserRole(ctx, projectID, userID, role, ":addRole")
}

// RemoveProjectUserRole takes one project role from a user
// (POST /groups/{groupId}/users/{userId}:removeRole). A user must keep at
// least one role.
func (c *Client) RemoveProjectUserRole(ctx context.Context, projectID, userID, role string) (*ProjectUser, error) {
	return c.changeProjectUserRole(ctx, projectID, userID, role, ":removeRole")
}

func (c *Client) changeProjectUserRole(ctx context.Context, projectID, userID, role, action string) (*ProjectUser, error) {
	path, err := buildPath(apiPrefix+"/groups/", "project ID", projectID, "/users/", "user ID", userID, action)
	if err != nil {
		return nil, err
	}
	var out ProjectUser
	// Adding or removing the same role twice ends in the same state, so a
	// retry cannot do harm beyond an error answer.
	if err := c.do(ctx, request{method: http.MethodPost, path: path, version: VersionProjectUsers, body: groupRoleBody{GroupRole: role}, kind: opSafePost}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}
