package client

import (
	"context"
	"net/http"
)

// Authentication databases of a database user (CloudDatabaseUser.databaseName).
const (
	// AuthDatabaseAdmin is the authentication database of password
	// (SCRAM), OIDC workforce (IDP_GROUP) and LDAP group users.
	AuthDatabaseAdmin = "admin"
	// AuthDatabaseExternal is the authentication database of X.509, AWS
	// IAM, LDAP user and OIDC workload (USER) users.
	AuthDatabaseExternal = "$external"
)

// AuthTypeNone is the value of an authentication type field the user does
// not authenticate with.
const AuthTypeNone = "NONE"

// DatabaseUser is a database user of a project (CloudDatabaseUser) as Atlas
// answers it. It never holds a password: Atlas does not return one.
type DatabaseUser struct {
	ProjectID       string              `json:"groupId,omitempty"`
	DatabaseName    string              `json:"databaseName"`
	Username        string              `json:"username"`
	X509Type        string              `json:"x509Type,omitempty"`
	AWSIAMType      string              `json:"awsIAMType,omitempty"`
	LDAPAuthType    string              `json:"ldapAuthType,omitempty"`
	OIDCAuthType    string              `json:"oidcAuthType,omitempty"`
	Roles           []DatabaseUserRole  `json:"roles"`
	Scopes          []DatabaseUserScope `json:"scopes"`
	Description     string              `json:"description,omitempty"`
	Labels          []DatabaseUserLabel `json:"labels,omitempty"`
	DeleteAfterDate string              `json:"deleteAfterDate,omitempty"` // RFC 3339 as sent by Atlas
}

// DatabaseUserRole is one role of a database user on one database, and
// optionally one collection (DatabaseUserRole). RoleName is a built-in role
// or a custom role of the project (on the admin database).
type DatabaseUserRole struct {
	RoleName       string `json:"roleName"`
	DatabaseName   string `json:"databaseName"`
	CollectionName string `json:"collectionName,omitempty"`
}

// DatabaseUserScope limits a database user to one cluster, data lake or
// stream instance (UserScope). A user with no scopes reaches all of them.
type DatabaseUserScope struct {
	Name string `json:"name"`
	// Type is CLUSTER, DATA_LAKE or STREAM.
	Type string `json:"type"`
}

// DatabaseUserLabel is one key-value label of a database user (ComponentLabel).
type DatabaseUserLabel struct {
	Key   string `json:"key,omitempty"`
	Value string `json:"value,omitempty"`
}

// CreateDatabaseUserRequest is the body of POST /groups/{groupId}/databaseUsers.
// A user authenticates in exactly one way: a Password (on the admin
// database), or one of X509Type, AWSIAMType, LDAPAuthType and OIDCAuthType
// set to something other than NONE. The password is sent and never read
// back; it is never logged (the client logs no bodies).
type CreateDatabaseUserRequest struct {
	// ProjectID is sent as groupId, which the spec requires in the body; it
	// is set from the projectID argument when empty.
	ProjectID    string `json:"groupId"`
	DatabaseName string `json:"databaseName"`
	Username     string `json:"username"`
	// Password is write-only; Atlas requires at least 8 characters.
	Password     string              `json:"password,omitempty"`
	X509Type     string              `json:"x509Type,omitempty"`
	AWSIAMType   string              `json:"awsIAMType,omitempty"`
	LDAPAuthType string              `json:"ldapAuthType,omitempty"`
	OIDCAuthType string              `json:"oidcAuthType,omitempty"`
	Roles        []DatabaseUserRole  `json:"roles"`
	Scopes       []DatabaseUserScope `json:"scopes,omitempty"`
	Description  string              `json:"description,omitempty"`
	Labels       []DatabaseUserLabel `json:"labels,omitempty"`
	// DeleteAfterDate, if set, makes the user temporary (RFC 3339, within
	// a week).
	DeleteAfterDate string `json:"deleteAfterDate,omitempty"`
}

// UpdateDatabaseUserRequest is the body of a database-user PATCH. A nil
// field is left out and keeps its value. Roles, Scopes and Labels replace
// the whole list when non-nil: a non-nil empty Scopes removes every scope
// (the user then reaches every cluster). A non-nil Password rotates the
// password. The username, authentication database and type cannot change.
type UpdateDatabaseUserRequest struct {
	Password    *string              `json:"password,omitempty"`
	Roles       []DatabaseUserRole   `json:"roles,omitempty"`
	Scopes      *[]DatabaseUserScope `json:"scopes,omitempty"`
	Description *string              `json:"description,omitempty"`
	Labels      *[]DatabaseUserLabel `json:"labels,omitempty"`
}

// databaseUserPath is /groups/{groupId}/databaseUsers/{databaseName}/{username},
// every part escaped as one segment (an AWS IAM ARN's "/" is sent as %2F).
func databaseUserPath(projectID, databaseName, username string) (string, error) {
	return buildPath(apiPrefix+"/groups/", "project ID", projectID, "/databaseUsers/", "authentication database", databaseName, "/", "username", username)
}

// CreateDatabaseUser creates a database user
// (POST /groups/{groupId}/databaseUsers). It is retried only when nothing
// can have been created; otherwise the error satisfies IsAmbiguous, and the
// caller looks the user up (a user is unique by authentication database and
// username) before creating it again. A user that exists already answers
// 409 USER_ALREADY_EXISTS (IsDatabaseUserExists); the 101st user of a
// project 403 GROUP_USERS_LIMIT_EXCEEDED (IsDatabaseUserLimitExceeded).
func (c *Client) CreateDatabaseUser(ctx context.Context, projectID string, req CreateDatabaseUserRequest) (*DatabaseUser, error) {
	path, err := buildPath(apiPrefix+"/groups/", "project ID", projectID, "/databaseUsers")
	if err != nil {
		return nil, err
	}
	if req.ProjectID == "" {
		req.ProjectID = projectID
	}
	var out DatabaseUser
	if err := c.do(ctx, request{method: http.MethodPost, path: path, version: VersionDatabaseAccess, body: req, kind: opCreate}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// GetDatabaseUser returns one database user. An unknown user is a 404
// USERNAME_NOT_FOUND (IsNotFound).
func (c *Client) GetDatabaseUser(ctx context.Context, projectID, databaseName, username string) (*DatabaseUser, error) {
	path, err := databaseUserPath(projectID, databaseName, username)
	if err != nil {
		return nil, err
	}
	var out DatabaseUser
	if err := c.do(ctx, request{method: http.MethodGet, path: path, version: VersionDatabaseAccess}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// ListDatabaseUsers returns every database user of a project, reading all
// pages.
func (c *Client) ListDatabaseUsers(ctx context.Context, projectID string) ([]DatabaseUser, error) {
	path, err := buildPath(apiPrefix+"/groups/", "project ID", projectID, "/databaseUsers")
	if err != nil {
		return nil, err
	}
	return listAll[DatabaseUser](ctx, c, path, nil, VersionDatabaseAccess)
}

// UpdateDatabaseUser changes a database user (PATCH): see
// UpdateDatabaseUserRequest for what each field does. Repeating it ends in
// the same state, so it is retried like every PATCH.
func (c *Client) UpdateDatabaseUser(ctx context.Context, projectID, databaseName, username string, req UpdateDatabaseUserRequest) (*DatabaseUser, error) {
	path, err := databaseUserPath(projectID, databaseName, username)
	if err != nil {
		return nil, err
	}
	var out DatabaseUser
	if err := c.do(ctx, request{method: http.MethodPatch, path: path, version: VersionDatabaseAccess, body: req}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// DeleteDatabaseUser deletes a database user. An unknown user is a 404
// (IsNotFound), which a destroy treats as done.
func (c *Client) DeleteDatabaseUser(ctx context.Context, projectID, databaseName, username string) error {
	path, err := databaseUserPath(projectID, databaseName, username)
	if err != nil {
		return err
	}
	return c.do(ctx, request{method: http.MethodDelete, path: path, version: VersionDatabaseAccess}, nil)
}
