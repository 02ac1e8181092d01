package client

import (
	"context"
	"net/http"
)

// CustomDBRole is a custom database role of a project (UserCustomDBRole).
// Atlas answers Actions in an order of its own: compare them as a set.
type CustomDBRole struct {
	RoleName       string                  `json:"roleName"`
	Actions        []CustomDBRoleAction    `json:"actions"`
	InheritedRoles []CustomDBInheritedRole `json:"inheritedRoles"`
}

// CustomDBRoleAction is one privilege action and the resources it applies
// to (DatabasePrivilegeAction). An action appears once per role.
type CustomDBRoleAction struct {
	// Action is one of the spec's privilege actions, such as FIND.
	Action    string                 `json:"action"`
	Resources []CustomDBRoleResource `json:"resources"`
}

// CustomDBRoleResource is a namespace or the cluster
// (DatabasePermittedNamespaceResource): either DB (and optionally
// Collection; "" is every collection of DB), or Cluster true.
type CustomDBRoleResource struct {
	Cluster    bool   `json:"cluster"`
	DB         string `json:"db"`
	Collection string `json:"collection"`
}

// CustomDBInheritedRole is a role whose privileges the custom role
// inherits (DatabaseInheritedRole): a built-in role (on admin, except read
// and readWrite, which take any database) or another custom role (on admin).
type CustomDBInheritedRole struct {
	Role string `json:"role"`
	DB   string `json:"db"`
}

// UpdateCustomDBRoleRequest is the body of a custom-role PATCH
// (UpdateCustomDBRole). A nil list is left out and kept; a non-nil one
// replaces the whole list. A role must keep at least one action or
// inherited role.
type UpdateCustomDBRoleRequest struct {
	Actions        *[]CustomDBRoleAction    `json:"actions,omitempty"`
	InheritedRoles *[]CustomDBInheritedRole `json:"inheritedRoles,omitempty"`
}

func customDBRolesPath(projectID string) (string, error) {
	return buildPath(apiPrefix+"/groups/", "project ID", projectID, "/customDBRoles/roles")
}

func customDBRolePath(projectID, roleName string) (string, error) {
	return buildPath(apiPrefix+"/groups/", "project ID", projectID, "/customDBRoles/roles/", "role name", roleName)
}

// CreateCustomDBRole creates a custom role
// (POST /groups/{groupId}/customDBRoles/roles; Atlas answers 202). A role
// with only inherited roles is valid. It is retried only when nothing can
// have been created; otherwise the error satisfies IsAmbiguous and the
// caller looks the role up by name. A role of that name answers 409
// ATLAS_CUSTOM_ROLE_NAME_ALREADY_EXISTS (IsCustomDBRoleExists).
func (c *Client) CreateCustomDBRole(ctx context.Context, projectID string, role CustomDBRole) (*CustomDBRole, error) {
	path, err := customDBRolesPath(projectID)
	if err != nil {
		return nil, err
	}
	if role.Actions == nil {
		role.Actions = []CustomDBRoleAction{}
	}
	if role.InheritedRoles == nil {
		role.InheritedRoles = []CustomDBInheritedRole{}
	}
	var out CustomDBRole
	if err := c.do(ctx, request{method: http.MethodPost, path: path, version: VersionDatabaseAccess, body: role, kind: opCreate}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// GetCustomDBRole returns one custom role. An unknown role is a 404
// ATLAS_CUSTOM_ROLE_NOT_FOUND (IsNotFound).
func (c *Client) GetCustomDBRole(ctx context.Context, projectID, roleName string) (*CustomDBRole, error) {
	path, err := customDBRolePath(projectID, roleName)
	if err != nil {
		return nil, err
	}
	var out CustomDBRole
	if err := c.do(ctx, request{method: http.MethodGet, path: path, version: VersionDatabaseAccess}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// ListCustomDBRoles returns every custom role of a project (one answer:
// the operation is not paginated).
func (c *Client) ListCustomDBRoles(ctx context.Context, projectID string) ([]CustomDBRole, error) {
	path, err := customDBRolesPath(projectID)
	if err != nil {
		return nil, err
	}
	out := []CustomDBRole{}
	if err := c.do(ctx, request{method: http.MethodGet, path: path, version: VersionDatabaseAccess}, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// UpdateCustomDBRole changes a custom role's actions or inherited roles
// (PATCH); see UpdateCustomDBRoleRequest.
func (c *Client) UpdateCustomDBRole(ctx context.Context, projectID, roleName string, req UpdateCustomDBRoleRequest) (*CustomDBRole, error) {
	path, err := customDBRolePath(projectID, roleName)
	if err != nil {
		return nil, err
	}
	var out CustomDBRole
	if err := c.do(ctx, request{method: http.MethodPatch, path: path, version: VersionDatabaseAccess, body: req}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// DeleteCustomDBRole deletes a custom role. Atlas refuses with 409 when
// that would leave a database user without roles
// (IsCustomDBRoleInUseByUsers; the detail names the users) or a custom role
// without actions or inherited roles (IsCustomDBRoleInUseByRoles). An
// unknown role is a 404 (IsNotFound).
func (c *Client) DeleteCustomDBRole(ctx context.Context, projectID, roleName string) error {
	path, err := customDBRolePath(projectID, roleName)
	if err != nil {
		return err
	}
	return c.do(ctx, request{method: http.MethodDelete, path: path, version: VersionDatabaseAccess}, nil)
}
