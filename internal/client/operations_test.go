package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

func TestAPIError_decodedFromBody(t *testing.T) {
	t.Parallel()
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusBadRequest, map[string]any{
			"error":     400,
			"errorCode": "VALIDATION_ERROR",
			"detail":    "Request body is invalid.",
			"reason":    "Bad Request",
			"badRequestDetail": map[string]any{"fields": []map[string]string{
				{"field": "name", "description": "must not be empty"},
				{"field": "roles", "description": "must have at least 1 item"},
			}},
		})
	})
	c := newTestClient(t, srv.URL, nil)
	_, err := c.CreateProjectServiceAccount(context.Background(), testProjectID, CreateServiceAccountRequest{})
	apiErr, ok := asAPIError(err)
	if !ok {
		t.Fatalf("error %v is not an *APIError", err)
	}
	want := &APIError{
		StatusCode: 400, ErrorCode: "VALIDATION_ERROR", Detail: "Request body is invalid.", Reason: "Bad Request",
		BadRequestDetail: &BadRequestDetail{Fields: []FieldViolation{{"name", "must not be empty"}, {"roles", "must have at least 1 item"}}},
		Method:           "POST", Path: "/api/atlas/v2/groups/" + testProjectID + "/serviceAccounts",
	}
	gotJSON, _ := json.Marshal(apiErr)
	wantJSON, _ := json.Marshal(want)
	if string(gotJSON) != string(wantJSON) {
		t.Fatalf("APIError = %s; want %s", gotJSON, wantJSON)
	}
	wantText := "Atlas API POST /api/atlas/v2/groups/" + testProjectID + "/serviceAccounts returned 400 VALIDATION_ERROR: Request body is invalid. (fields: name: must not be empty; roles: must have at least 1 item)"
	if err.Error() != wantText {
		t.Fatalf("Error() = %q; want %q", err.Error(), wantText)
	}
	if !hasStatus(err, 400) || IsNotFound(err) || IsConflict(err) || IsPermissionDenied(err) || IsAmbiguous(err) {
		t.Fatal("predicates disagree with a 400")
	}
}

func TestAPIError_nonJSONBodyFallsBackToStatusText(t *testing.T) {
	t.Parallel()
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusForbidden)
		fmt.Fprint(w, "<html>\n  denied by proxy\n</html>")
	})
	c := newTestClient(t, srv.URL, nil)
	_, err := c.GetProject(context.Background(), testProjectID)
	apiErr, ok := asAPIError(err)
	if !ok || apiErr.StatusCode != http.StatusForbidden || apiErr.ErrorCode != "" || apiErr.Reason != "Forbidden" {
		t.Fatalf("error = %#v", err)
	}
	if !strings.Contains(err.Error(), "returned 403 Forbidden: <html> denied by proxy </html>") {
		t.Fatalf("Error() = %q", err.Error())
	}
	if !IsPermissionDenied(err) || ErrorCode(err) != "" {
		t.Fatal("IsPermissionDenied false or ErrorCode non-empty")
	}
}

func TestErrorPredicates_nonAPIErrors(t *testing.T) {
	t.Parallel()
	err := fmt.Errorf("wrapped: %w", &APIError{StatusCode: 404, ErrorCode: "RESOURCE_NOT_FOUND"})
	if !IsNotFound(err) || ErrorCode(err) != "RESOURCE_NOT_FOUND" {
		t.Fatal("wrapped APIError not found through errors.As")
	}
	plain := fmt.Errorf("plain")
	if IsNotFound(plain) || IsConflict(plain) || IsPermissionDenied(plain) || hasStatus(plain, 400) || IsAmbiguous(plain) || ErrorCode(plain) != "" || IsNotFound(nil) {
		t.Fatal("predicates true for a non-API error")
	}
}

func TestOperations_methodPathAndHeaders(t *testing.T) {
	t.Parallel()
	const (
		sa           = VersionServiceAccounts
		users        = VersionProjectUsers
		orgUsers     = VersionOrgUsers
		teams        = VersionTeams
		teamUsers    = VersionTeamUsers
		projectTeams = VersionProjectTeams
	)
	p, cid, u, o := testProjectID, testClientID, testUserID, testOrgID
	team, otherTeam := testTeamID, "6a7b8c9d0e1f2a3b4c5d6e7f"
	name := "renamed"
	tests := map[string]struct {
		call     func(c *Client) error
		method   string
		uri      string
		version  string
		wantBody string
		status   int
		resp     any
	}{
		"GetProject": {
			call:   func(c *Client) error { _, err := c.GetProject(context.Background(), p); return err },
			method: "GET", uri: "/api/atlas/v2/groups/" + p, version: VersionProjects,
			resp: map[string]any{"id": p, "name": "x", "orgId": o},
		},
		"CreateProjectServiceAccount": {
			call: func(c *Client) error {
				_, err := c.CreateProjectServiceAccount(context.Background(), p, CreateServiceAccountRequest{Name: "n", Description: "d", Roles: []string{"GROUP_OWNER"}, SecretExpiresAfterHours: 8})
				return err
			},
			method: "POST", uri: "/api/atlas/v2/groups/" + p + "/serviceAccounts", version: sa, status: 201,
			wantBody: `{"name":"n","description":"d","roles":["GROUP_OWNER"],"secretExpiresAfterHours":8}`,
			resp:     serviceAccountJSON("s"),
		},
		"GetProjectServiceAccount": {
			call: func(c *Client) error {
				_, err := c.GetProjectServiceAccount(context.Background(), p, cid)
				return err
			},
			method: "GET", uri: "/api/atlas/v2/groups/" + p + "/serviceAccounts/" + cid, version: sa, resp: serviceAccountJSON(""),
		},
		"ListProjectServiceAccounts": {
			call: func(c *Client) error {
				_, err := c.ListProjectServiceAccounts(context.Background(), p)
				return err
			},
			method: "GET", uri: "/api/atlas/v2/groups/" + p + "/serviceAccounts?itemsPerPage=500&pageNum=1", version: sa,
			resp: map[string]any{"results": []any{serviceAccountJSON("")}, "totalCount": 1},
		},
		"UpdateProjectServiceAccount omits nil fields": {
			call: func(c *Client) error {
				_, err := c.UpdateProjectServiceAccount(context.Background(), p, cid, UpdateServiceAccountRequest{Name: &name})
				return err
			},
			method: "PATCH", uri: "/api/atlas/v2/groups/" + p + "/serviceAccounts/" + cid, version: sa,
			wantBody: `{"name":"renamed"}`, resp: serviceAccountJSON(""),
		},
		"DeleteProjectServiceAccount": {
			call:   func(c *Client) error { return c.DeleteProjectServiceAccount(context.Background(), p, cid) },
			method: "DELETE", uri: "/api/atlas/v2/groups/" + p + "/serviceAccounts/" + cid, version: sa, status: 204,
		},
		"InviteProjectServiceAccount keeps the colon": {
			call: func(c *Client) error {
				_, err := c.InviteProjectServiceAccount(context.Background(), p, cid, []string{"GROUP_READ_ONLY"})
				return err
			},
			method: "POST", uri: "/api/atlas/v2/groups/" + p + "/serviceAccounts/" + cid + ":invite", version: sa,
			wantBody: `{"roles":["GROUP_READ_ONLY"]}`, resp: serviceAccountJSON(""),
		},
		"CreateProjectServiceAccountSecret": {
			call: func(c *Client) error {
				_, err := c.CreateProjectServiceAccountSecret(context.Background(), p, cid, 24)
				return err
			},
			method: "POST", uri: "/api/atlas/v2/groups/" + p + "/serviceAccounts/" + cid + "/secrets", version: sa, status: 201,
			wantBody: `{"secretExpiresAfterHours":24}`,
			resp:     map[string]any{"id": "aaaaaaaaaaaaaaaaaaaaaaaa", "createdAt": "x", "expiresAt": "y", "secret": "s"},
		},
		"DeleteProjectServiceAccountSecret": {
			call: func(c *Client) error {
				return c.DeleteProjectServiceAccountSecret(context.Background(), p, cid, "aaaaaaaaaaaaaaaaaaaaaaaa")
			},
			method: "DELETE", uri: "/api/atlas/v2/groups/" + p + "/serviceAccounts/" + cid + "/secrets/aaaaaaaaaaaaaaaaaaaaaaaa", version: sa, status: 204,
		},
		"GetOrgServiceAccount": {
			call: func(c *Client) error {
				_, err := c.GetOrgServiceAccount(context.Background(), o, cid)
				return err
			},
			method: "GET", uri: "/api/atlas/v2/orgs/" + o + "/serviceAccounts/" + cid, version: sa, resp: serviceAccountJSON(""),
		},
		"ListOrgServiceAccounts": {
			call: func(c *Client) error {
				_, err := c.ListOrgServiceAccounts(context.Background(), o)
				return err
			},
			method: "GET", uri: "/api/atlas/v2/orgs/" + o + "/serviceAccounts?itemsPerPage=500&pageNum=1", version: sa,
			resp: map[string]any{"results": []any{}},
		},
		"DeleteOrgServiceAccount": {
			call:   func(c *Client) error { return c.DeleteOrgServiceAccount(context.Background(), o, cid) },
			method: "DELETE", uri: "/api/atlas/v2/orgs/" + o + "/serviceAccounts/" + cid, version: sa, status: 204,
		},
		"ListOrgProjects": {
			call: func(c *Client) error {
				_, err := c.ListOrgProjects(context.Background(), o)
				return err
			},
			method: "GET", uri: "/api/atlas/v2/orgs/" + o + "/groups?itemsPerPage=500&pageNum=1", version: VersionProjects,
			resp: map[string]any{"results": []any{map[string]any{"id": p, "name": "one", "orgId": o}}},
		},
		"ListOrgServiceAccountProjects": {
			call: func(c *Client) error {
				_, err := c.ListOrgServiceAccountProjects(context.Background(), o, cid)
				return err
			},
			method: "GET", uri: "/api/atlas/v2/orgs/" + o + "/serviceAccounts/" + cid + "/groups?itemsPerPage=500&pageNum=1", version: sa,
			resp: map[string]any{"results": []any{map[string]any{"groupId": p, "roles": []string{"GROUP_OWNER"}}}},
		},
		"AddProjectUser": {
			call: func(c *Client) error {
				_, err := c.AddProjectUser(context.Background(), p, AddProjectUserRequest{Username: "a@example.com", Roles: []string{"GROUP_READ_ONLY"}})
				return err
			},
			method: "POST", uri: "/api/atlas/v2/groups/" + p + "/users", version: users, status: 201,
			wantBody: `{"username":"a@example.com","roles":["GROUP_READ_ONLY"]}`,
			resp:     map[string]any{"id": u, "username": "a@example.com", "orgMembershipStatus": "PENDING", "roles": []string{"GROUP_READ_ONLY"}},
		},
		"GetProjectUser": {
			call: func(c *Client) error {
				_, err := c.GetProjectUser(context.Background(), p, u)
				return err
			},
			method: "GET", uri: "/api/atlas/v2/groups/" + p + "/users/" + u, version: users,
			resp: map[string]any{"id": u, "username": "a@example.com", "orgMembershipStatus": "ACTIVE", "roles": []string{}},
		},
		"ListProjectUsers with filters": {
			call: func(c *Client) error {
				_, err := c.ListProjectUsers(context.Background(), p, ListProjectUsersOptions{Username: "a+b@example.com", Statuses: []string{"PENDING", "ACTIVE"}})
				return err
			},
			method: "GET", uri: "/api/atlas/v2/groups/" + p + "/users?itemsPerPage=500&orgMembershipStatuses=PENDING&orgMembershipStatuses=ACTIVE&pageNum=1&username=a%2Bb%40example.com", version: users,
			resp: map[string]any{"results": []any{}},
		},
		"RemoveProjectUser": {
			call:   func(c *Client) error { return c.RemoveProjectUser(context.Background(), p, u) },
			method: "DELETE", uri: "/api/atlas/v2/groups/" + p + "/users/" + u, version: users, status: 204,
		},
		"AddProjectUserRole keeps the colon": {
			call: func(c *Client) error {
				_, err := c.AddProjectUserRole(context.Background(), p, u, "GROUP_OWNER")
				return err
			},
			method: "POST", uri: "/api/atlas/v2/groups/" + p + "/users/" + u + ":addRole", version: users,
			wantBody: `{"groupRole":"GROUP_OWNER"}`,
			resp:     map[string]any{"id": u, "username": "a@example.com", "orgMembershipStatus": "ACTIVE", "roles": []string{"GROUP_OWNER"}},
		},
		"RemoveProjectUserRole keeps the colon": {
			call: func(c *Client) error {
				_, err := c.RemoveProjectUserRole(context.Background(), p, u, "GROUP_OWNER")
				return err
			},
			method: "POST", uri: "/api/atlas/v2/groups/" + p + "/users/" + u + ":removeRole", version: users,
			wantBody: `{"groupRole":"GROUP_OWNER"}`,
			resp:     map[string]any{"id": u, "username": "a@example.com", "orgMembershipStatus": "ACTIVE", "roles": []string{}},
		},
		"CreateOrgServiceAccount": {
			call: func(c *Client) error {
				_, err := c.CreateOrgServiceAccount(context.Background(), o, CreateServiceAccountRequest{Name: "n", Description: "d", Roles: []string{"ORG_MEMBER"}, SecretExpiresAfterHours: 8})
				return err
			},
			method: "POST", uri: "/api/atlas/v2/orgs/" + o + "/serviceAccounts", version: sa, status: 201,
			wantBody: `{"name":"n","description":"d","roles":["ORG_MEMBER"],"secretExpiresAfterHours":8}`,
			resp:     serviceAccountJSON("s"),
		},
		"UpdateOrgServiceAccount omits nil fields": {
			call: func(c *Client) error {
				_, err := c.UpdateOrgServiceAccount(context.Background(), o, cid, UpdateServiceAccountRequest{Roles: []string{"ORG_READ_ONLY"}})
				return err
			},
			method: "PATCH", uri: "/api/atlas/v2/orgs/" + o + "/serviceAccounts/" + cid, version: sa,
			wantBody: `{"roles":["ORG_READ_ONLY"]}`, resp: serviceAccountJSON(""),
		},
		"ServiceAccountSecrets of a project account": {
			call: func(c *Client) error {
				_, err := c.ServiceAccountSecrets(context.Background(), ProjectOwner(p), cid)
				return err
			},
			method: "GET", uri: "/api/atlas/v2/groups/" + p + "/serviceAccounts/" + cid, version: sa, resp: serviceAccountJSON(""),
		},
		"ServiceAccountSecrets of an organization account": {
			call: func(c *Client) error {
				_, err := c.ServiceAccountSecrets(context.Background(), OrgOwner(o), cid)
				return err
			},
			method: "GET", uri: "/api/atlas/v2/orgs/" + o + "/serviceAccounts/" + cid, version: sa, resp: serviceAccountJSON(""),
		},
		"CreateServiceAccountSecret of an organization account": {
			call: func(c *Client) error {
				_, err := c.CreateServiceAccountSecret(context.Background(), OrgOwner(o), cid, 48)
				return err
			},
			method: "POST", uri: "/api/atlas/v2/orgs/" + o + "/serviceAccounts/" + cid + "/secrets", version: sa, status: 201,
			wantBody: `{"secretExpiresAfterHours":48}`,
			resp:     map[string]any{"id": "aaaaaaaaaaaaaaaaaaaaaaaa", "createdAt": "x", "expiresAt": "y", "secret": "s"},
		},
		"CreateServiceAccountSecret of a project account": {
			call: func(c *Client) error {
				_, err := c.CreateServiceAccountSecret(context.Background(), ProjectOwner(p), cid, 48)
				return err
			},
			method: "POST", uri: "/api/atlas/v2/groups/" + p + "/serviceAccounts/" + cid + "/secrets", version: sa, status: 201,
			wantBody: `{"secretExpiresAfterHours":48}`,
			resp:     map[string]any{"id": "aaaaaaaaaaaaaaaaaaaaaaaa", "createdAt": "x", "expiresAt": "y", "secret": "s"},
		},
		"DeleteServiceAccountSecret of an organization account": {
			call: func(c *Client) error {
				return c.DeleteServiceAccountSecret(context.Background(), OrgOwner(o), cid, "bbbbbbbbbbbbbbbbbbbbbbbb")
			},
			method: "DELETE", uri: "/api/atlas/v2/orgs/" + o + "/serviceAccounts/" + cid + "/secrets/bbbbbbbbbbbbbbbbbbbbbbbb", version: sa, status: 204,
		},
		"ListAccessList of a project account": {
			call: func(c *Client) error {
				_, err := c.ListAccessList(context.Background(), ProjectOwner(p), cid)
				return err
			},
			method: "GET", uri: "/api/atlas/v2/groups/" + p + "/serviceAccounts/" + cid + "/accessList?itemsPerPage=500&pageNum=1", version: sa,
			resp: map[string]any{"results": []any{map[string]any{"cidrBlock": "10.0.0.0/24"}}, "totalCount": 1},
		},
		"ListAccessList of an organization account": {
			call: func(c *Client) error {
				_, err := c.ListAccessList(context.Background(), OrgOwner(o), cid)
				return err
			},
			method: "GET", uri: "/api/atlas/v2/orgs/" + o + "/serviceAccounts/" + cid + "/accessList?itemsPerPage=500&pageNum=1", version: sa,
			resp: map[string]any{"results": []any{}, "totalCount": 0},
		},
		"AddAccessListEntries sends only the address or block": {
			call: func(c *Client) error {
				created := "2026-01-02T03:04:05Z"
				return c.AddAccessListEntries(context.Background(), OrgOwner(o), cid, []AccessListEntry{
					{CIDRBlock: "10.0.0.0/24", CreatedAt: &created, RequestCount: 7},
					{IPAddress: "192.0.2.1"},
				})
			},
			method: "POST", uri: "/api/atlas/v2/orgs/" + o + "/serviceAccounts/" + cid + "/accessList", version: sa,
			wantBody: `[{"cidrBlock":"10.0.0.0/24"},{"ipAddress":"192.0.2.1"}]`,
			resp:     map[string]any{"results": []any{}, "totalCount": 2},
		},
		"DeleteAccessListEntry sends a block's slash as %2F": {
			call: func(c *Client) error {
				return c.DeleteAccessListEntry(context.Background(), ProjectOwner(p), cid, "10.0.0.0/24")
			},
			method: "DELETE", uri: "/api/atlas/v2/groups/" + p + "/serviceAccounts/" + cid + "/accessList/10.0.0.0%2F24", version: sa, status: 204,
		},
		"DeleteAccessListEntry of an IPv6 block": {
			call: func(c *Client) error {
				return c.DeleteAccessListEntry(context.Background(), OrgOwner(o), cid, "2001:db8::/32")
			},
			method: "DELETE", uri: "/api/atlas/v2/orgs/" + o + "/serviceAccounts/" + cid + "/accessList/2001:db8::%2F32", version: sa, status: 204,
		},
		"DeleteAccessListEntry of an address": {
			call: func(c *Client) error {
				return c.DeleteAccessListEntry(context.Background(), OrgOwner(o), cid, "192.0.2.1")
			},
			method: "DELETE", uri: "/api/atlas/v2/orgs/" + o + "/serviceAccounts/" + cid + "/accessList/192.0.2.1", version: sa, status: 204,
		},
		"CreateOrgUser": {
			call: func(c *Client) error {
				_, err := c.CreateOrgUser(context.Background(), o, CreateOrgUserRequest{
					Username: "a@example.com",
					Roles: OrgUserRoles{
						OrgRoles:             []string{"ORG_MEMBER"},
						GroupRoleAssignments: []GroupRoleAssignment{{ProjectID: p, GroupRoles: []string{"GROUP_READ_ONLY"}}},
					},
					TeamIDs: []string{team},
				})
				return err
			},
			method: "POST", uri: "/api/atlas/v2/orgs/" + o + "/users", version: orgUsers, status: 201,
			wantBody: `{"username":"a@example.com","roles":{"orgRoles":["ORG_MEMBER"],"groupRoleAssignments":[{"groupId":"` + p + `","groupRoles":["GROUP_READ_ONLY"]}]},"teamIds":["` + team + `"]}`,
			resp:     orgUserJSON("PENDING"),
		},
		"CreateOrgUser without project roles or teams": {
			call: func(c *Client) error {
				_, err := c.CreateOrgUser(context.Background(), o, CreateOrgUserRequest{Username: "a@example.com", Roles: OrgUserRoles{OrgRoles: []string{"ORG_MEMBER"}}})
				return err
			},
			method: "POST", uri: "/api/atlas/v2/orgs/" + o + "/users", version: orgUsers, status: 201,
			wantBody: `{"username":"a@example.com","roles":{"orgRoles":["ORG_MEMBER"]}}`,
			resp:     orgUserJSON("PENDING"),
		},
		"ListOrgUsers": {
			call: func(c *Client) error {
				_, err := c.ListOrgUsers(context.Background(), o, ListOrgUsersOptions{})
				return err
			},
			method: "GET", uri: "/api/atlas/v2/orgs/" + o + "/users?itemsPerPage=500&pageNum=1", version: orgUsers,
			resp: map[string]any{"results": []any{orgUserJSON("ACTIVE")}, "totalCount": 1},
		},
		"ListOrgUsers with filters": {
			call: func(c *Client) error {
				_, err := c.ListOrgUsers(context.Background(), o, ListOrgUsersOptions{Username: "a+b@example.com", Statuses: []string{UserStatusPending, UserStatusExpired}})
				return err
			},
			method: "GET", uri: "/api/atlas/v2/orgs/" + o + "/users?itemsPerPage=500&orgMembershipStatuses=PENDING&orgMembershipStatuses=INVITATION_EXPIRED&pageNum=1&username=a%2Bb%40example.com", version: orgUsers,
			resp: map[string]any{"results": []any{}},
		},
		"GetOrgUser": {
			call: func(c *Client) error {
				_, err := c.GetOrgUser(context.Background(), o, u, nil)
				return err
			},
			method: "GET", uri: "/api/atlas/v2/orgs/" + o + "/users/" + u, version: orgUsers, resp: orgUserJSON("ACTIVE"),
		},
		"GetOrgUser of any status": {
			call: func(c *Client) error {
				_, err := c.GetOrgUser(context.Background(), o, u, AllUserStatuses())
				return err
			},
			method: "GET", uri: "/api/atlas/v2/orgs/" + o + "/users/" + u + "?orgMembershipStatuses=ACTIVE&orgMembershipStatuses=PENDING&orgMembershipStatuses=INVITATION_EXPIRED&orgMembershipStatuses=INVITATION_REJECTED", version: orgUsers,
			resp: orgUserJSON("INVITATION_EXPIRED"),
		},
		"UpdateOrgUser omits nil fields": {
			call: func(c *Client) error {
				_, err := c.UpdateOrgUser(context.Background(), o, u, UpdateOrgUserRequest{Roles: &OrgUserRoles{OrgRoles: []string{"ORG_READ_ONLY"}}})
				return err
			},
			method: "PATCH", uri: "/api/atlas/v2/orgs/" + o + "/users/" + u, version: orgUsers,
			wantBody: `{"roles":{"orgRoles":["ORG_READ_ONLY"]}}`, resp: orgUserJSON("ACTIVE"),
		},
		"UpdateOrgUser sends an empty team list": {
			call: func(c *Client) error {
				_, err := c.UpdateOrgUser(context.Background(), o, u, UpdateOrgUserRequest{TeamIDs: &[]string{}})
				return err
			},
			method: "PATCH", uri: "/api/atlas/v2/orgs/" + o + "/users/" + u, version: orgUsers,
			wantBody: `{"teamIds":[]}`, resp: orgUserJSON("ACTIVE"),
		},
		"AddOrgUserRole keeps the colon": {
			call: func(c *Client) error {
				_, err := c.AddOrgUserRole(context.Background(), o, u, "ORG_GROUP_CREATOR")
				return err
			},
			method: "POST", uri: "/api/atlas/v2/orgs/" + o + "/users/" + u + ":addRole", version: orgUsers,
			wantBody: `{"orgRole":"ORG_GROUP_CREATOR"}`, resp: orgUserJSON("ACTIVE"),
		},
		"RemoveOrgUserRole keeps the colon": {
			call: func(c *Client) error {
				_, err := c.RemoveOrgUserRole(context.Background(), o, u, "ORG_GROUP_CREATOR")
				return err
			},
			method: "POST", uri: "/api/atlas/v2/orgs/" + o + "/users/" + u + ":removeRole", version: orgUsers,
			wantBody: `{"orgRole":"ORG_GROUP_CREATOR"}`, resp: orgUserJSON("ACTIVE"),
		},
		"DeleteOrgUser": {
			call:   func(c *Client) error { return c.DeleteOrgUser(context.Background(), o, u) },
			method: "DELETE", uri: "/api/atlas/v2/orgs/" + o + "/users/" + u, version: orgUsers, status: 204,
		},
		"CreateTeam": {
			call: func(c *Client) error {
				_, err := c.CreateTeam(context.Background(), o, CreateTeamRequest{Name: "dbas", Usernames: []string{"a@example.com", "b@example.com"}})
				return err
			},
			method: "POST", uri: "/api/atlas/v2/orgs/" + o + "/teams", version: teams, status: 201,
			wantBody: `{"name":"dbas","usernames":["a@example.com","b@example.com"]}`,
			resp:     map[string]any{"id": team, "name": "dbas", "usernames": []string{"a@example.com", "b@example.com"}},
		},
		"CreateTeam sends no usernames as an empty list": {
			call: func(c *Client) error {
				_, err := c.CreateTeam(context.Background(), o, CreateTeamRequest{Name: "dbas"})
				return err
			},
			method: "POST", uri: "/api/atlas/v2/orgs/" + o + "/teams", version: teams, status: 201,
			wantBody: `{"name":"dbas","usernames":[]}`,
			resp:     map[string]any{"id": team, "name": "dbas", "usernames": []string{}},
		},
		"ListTeams": {
			call: func(c *Client) error {
				_, err := c.ListTeams(context.Background(), o)
				return err
			},
			method: "GET", uri: "/api/atlas/v2/orgs/" + o + "/teams?itemsPerPage=500&pageNum=1", version: teams,
			resp: map[string]any{"results": []any{map[string]any{"id": team, "name": "dbas"}}, "totalCount": 1},
		},
		"GetTeam": {
			call: func(c *Client) error {
				_, err := c.GetTeam(context.Background(), o, team)
				return err
			},
			method: "GET", uri: "/api/atlas/v2/orgs/" + o + "/teams/" + team, version: teams,
			resp: map[string]any{"id": team, "name": "dbas"},
		},
		"GetTeamByName escapes the name": {
			call: func(c *Client) error {
				_, err := c.GetTeamByName(context.Background(), o, "db admins/eu?")
				return err
			},
			method: "GET", uri: "/api/atlas/v2/orgs/" + o + "/teams/byName/db%20admins%2Feu%3F", version: teams,
			resp: map[string]any{"id": team, "name": "db admins/eu?"},
		},
		"RenameTeam": {
			call: func(c *Client) error {
				_, err := c.RenameTeam(context.Background(), o, team, "platform")
				return err
			},
			method: "PATCH", uri: "/api/atlas/v2/orgs/" + o + "/teams/" + team, version: teams,
			wantBody: `{"name":"platform"}`, resp: map[string]any{"id": team, "name": "platform"},
		},
		"DeleteTeam": {
			call:   func(c *Client) error { return c.DeleteTeam(context.Background(), o, team) },
			method: "DELETE", uri: "/api/atlas/v2/orgs/" + o + "/teams/" + team, version: teams, status: 204,
		},
		"ListTeamUsers": {
			call: func(c *Client) error {
				_, err := c.ListTeamUsers(context.Background(), o, team, ListOrgUsersOptions{})
				return err
			},
			method: "GET", uri: "/api/atlas/v2/orgs/" + o + "/teams/" + team + "/users?itemsPerPage=500&pageNum=1", version: teamUsers,
			resp: map[string]any{"results": []any{orgUserJSON("ACTIVE")}, "totalCount": 1},
		},
		"ListTeamUsers with filters": {
			call: func(c *Client) error {
				_, err := c.ListTeamUsers(context.Background(), o, team, ListOrgUsersOptions{Username: "a@example.com", Statuses: []string{UserStatusActive}})
				return err
			},
			method: "GET", uri: "/api/atlas/v2/orgs/" + o + "/teams/" + team + "/users?itemsPerPage=500&orgMembershipStatuses=ACTIVE&pageNum=1&username=a%40example.com", version: teamUsers,
			resp: map[string]any{"results": []any{}},
		},
		"AddTeamUser keeps the colon": {
			call: func(c *Client) error {
				_, err := c.AddTeamUser(context.Background(), o, team, u)
				return err
			},
			method: "POST", uri: "/api/atlas/v2/orgs/" + o + "/teams/" + team + ":addUser", version: teamUsers,
			wantBody: `{"id":"` + u + `"}`, resp: orgUserJSON("ACTIVE"),
		},
		"RemoveTeamUser keeps the colon": {
			call: func(c *Client) error {
				_, err := c.RemoveTeamUser(context.Background(), o, team, u)
				return err
			},
			method: "POST", uri: "/api/atlas/v2/orgs/" + o + "/teams/" + team + ":removeUser", version: teamUsers,
			wantBody: `{"id":"` + u + `"}`, resp: orgUserJSON("ACTIVE"),
		},
		"AddTeamsToProject": {
			call: func(c *Client) error {
				_, err := c.AddTeamsToProject(context.Background(), p, []ProjectTeam{
					{TeamID: team, RoleNames: []string{"GROUP_READ_ONLY"}},
					{TeamID: otherTeam, RoleNames: []string{"GROUP_OWNER", "GROUP_DATA_ACCESS_ADMIN"}},
				})
				return err
			},
			method: "POST", uri: "/api/atlas/v2/groups/" + p + "/teams", version: projectTeams,
			wantBody: `[{"teamId":"` + team + `","roleNames":["GROUP_READ_ONLY"]},{"teamId":"` + otherTeam + `","roleNames":["GROUP_OWNER","GROUP_DATA_ACCESS_ADMIN"]}]`,
			resp:     map[string]any{"results": []any{map[string]any{"teamId": team, "roleNames": []string{"GROUP_READ_ONLY"}}}, "totalCount": 1},
		},
		"ListProjectTeams": {
			call: func(c *Client) error {
				_, err := c.ListProjectTeams(context.Background(), p)
				return err
			},
			method: "GET", uri: "/api/atlas/v2/groups/" + p + "/teams?itemsPerPage=500&pageNum=1", version: projectTeams,
			resp: map[string]any{"results": []any{map[string]any{"teamId": team, "roleNames": []string{"GROUP_READ_ONLY"}}}, "totalCount": 1},
		},
		"GetProjectTeam": {
			call: func(c *Client) error {
				_, err := c.GetProjectTeam(context.Background(), p, team)
				return err
			},
			method: "GET", uri: "/api/atlas/v2/groups/" + p + "/teams/" + team, version: projectTeams,
			resp: map[string]any{"teamId": team, "roleNames": []string{"GROUP_READ_ONLY"}},
		},
		"UpdateProjectTeamRoles sends the team ID with the roles": {
			call: func(c *Client) error {
				_, err := c.UpdateProjectTeamRoles(context.Background(), p, team, []string{"GROUP_OWNER"})
				return err
			},
			method: "PATCH", uri: "/api/atlas/v2/groups/" + p + "/teams/" + team, version: projectTeams,
			wantBody: `{"teamId":"` + team + `","roleNames":["GROUP_OWNER"]}`,
			resp:     map[string]any{"results": []any{map[string]any{"teamId": team, "roleNames": []string{"GROUP_OWNER"}}}, "totalCount": 1},
		},
		"RemoveTeamFromProject": {
			call:   func(c *Client) error { return c.RemoveTeamFromProject(context.Background(), p, team) },
			method: "DELETE", uri: "/api/atlas/v2/groups/" + p + "/teams/" + team, version: projectTeams, status: 204,
		},
		"path parameters are escaped": {
			call: func(c *Client) error {
				_, err := c.GetProjectServiceAccount(context.Background(), "a/b", "c:d?e")
				return err
			},
			method: "GET", uri: "/api/atlas/v2/groups/a%2Fb/serviceAccounts/c:d%3Fe", version: sa, resp: serviceAccountJSON(""),
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var rec recorder
			srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
				rec.record(r)
				status := tc.status
				if status == 0 {
					status = http.StatusOK
				}
				if status == http.StatusNoContent {
					w.WriteHeader(status)
					return
				}
				w.Header().Set("Content-Type", "application/vnd.atlas."+tc.version+"+json")
				writeJSON(w, status, tc.resp)
			})
			c := newTestClient(t, srv.URL+"/", nil) // trailing slash tolerated
			if err := tc.call(c); err != nil {
				t.Fatalf("call: %v", err)
			}
			if rec.count() != 1 {
				t.Fatalf("requests = %d; want 1", rec.count())
			}
			got := rec.last()
			if got.Method != tc.method || got.RequestURI != tc.uri {
				t.Errorf("request = %s %s; want %s %s", got.Method, got.RequestURI, tc.method, tc.uri)
			}
			media := "application/vnd.atlas." + tc.version + "+json"
			if a := got.Header.Get("Accept"); a != media {
				t.Errorf("Accept = %q; want %q", a, media)
			}
			if ua := got.Header.Get("User-Agent"); ua != testUA {
				t.Errorf("User-Agent = %q; want %q", ua, testUA)
			}
			ct := got.Header.Get("Content-Type")
			if tc.wantBody != "" {
				if ct != media {
					t.Errorf("Content-Type = %q; want %q", ct, media)
				}
				if got.Body != tc.wantBody {
					t.Errorf("body = %s; want %s", got.Body, tc.wantBody)
				}
			} else if ct != "" || got.Body != "" {
				t.Errorf("request without body has Content-Type %q and body %q", ct, got.Body)
			}
		})
	}
}

func TestOperations_emptyPathParameterRejected(t *testing.T) {
	t.Parallel()
	c := newTestClient(t, "http://127.0.0.1:1", nil)
	_, err := c.GetProjectServiceAccount(context.Background(), testProjectID, "")
	if err == nil || !strings.Contains(err.Error(), "client ID must not be empty") {
		t.Fatalf("error = %v", err)
	}
}

func TestOperations_decodesTypedValues(t *testing.T) {
	t.Parallel()
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		switch {
		case strings.HasSuffix(r.URL.Path, "/users/"+testUserID):
			writeJSON(w, http.StatusOK, map[string]any{
				"id": testUserID, "username": "a@example.com", "orgMembershipStatus": "INVITATION_REJECTED",
				"roles": []string{"GROUP_READ_ONLY"}, "invitationCreatedAt": "2026-01-01T00:00:00Z",
				"invitationExpiresAt": nil, "inviterUsername": "boss@example.com",
			})
		default:
			writeJSON(w, http.StatusCreated, serviceAccountJSON("mdb_sa_sk_plain"))
		}
	})
	c := newTestClient(t, srv.URL, nil)
	sa, err := c.CreateProjectServiceAccount(context.Background(), testProjectID, CreateServiceAccountRequest{Name: "n"})
	if err != nil {
		t.Fatal(err)
	}
	if sa.ClientID != testClientID || sa.CreatedAt != "2026-01-02T03:04:05Z" || len(sa.Secrets) != 1 ||
		sa.Secrets[0].Secret != "mdb_sa_sk_plain" || sa.Secrets[0].MaskedSecretValue != "mdb_sa_sk_...abcd" || sa.Secrets[0].LastUsedAt != nil {
		t.Fatalf("service account = %+v", sa)
	}
	u, err := c.GetProjectUser(context.Background(), testProjectID, testUserID)
	if err != nil {
		t.Fatal(err)
	}
	if u.OrgMembershipStatus != "INVITATION_REJECTED" || u.InvitationExpiresAt != nil || u.InviterUsername != "boss@example.com" {
		t.Fatalf("user = %+v", u)
	}
}

func TestPagination_collectsEveryPage(t *testing.T) {
	t.Parallel()
	const total = 2*itemsPerPage + 3
	var rec recorder
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		rec.record(r)
		q := r.URL.Query()
		per, _ := strconv.Atoi(q.Get("itemsPerPage"))
		pageNum, _ := strconv.Atoi(q.Get("pageNum"))
		start := (pageNum - 1) * per
		end := min(start+per, total)
		results := []map[string]any{}
		for i := start; i < end; i++ {
			results = append(results, map[string]any{"clientId": fmt.Sprintf("mdb_sa_id_%024d", i)})
		}
		links := []map[string]string{{"rel": "self", "href": r.URL.String()}}
		if end < total {
			links = append(links, map[string]string{"rel": "next", "href": "next"})
		}
		writeJSON(w, http.StatusOK, map[string]any{"results": results, "links": links, "totalCount": total})
	})
	c := newTestClient(t, srv.URL, nil)
	all, err := c.ListProjectServiceAccounts(context.Background(), testProjectID)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != total {
		t.Fatalf("items = %d; want %d", len(all), total)
	}
	seen := map[string]bool{}
	for _, sa := range all {
		seen[sa.ClientID] = true
	}
	if len(seen) != total {
		t.Fatalf("distinct items = %d; want %d", len(seen), total)
	}
	if rec.count() != 3 {
		t.Fatalf("pages requested = %d; want 3", rec.count())
	}
	for i, r := range rec.requests {
		q, _ := url.ParseQuery(strings.SplitN(r.RequestURI, "?", 2)[1])
		if q.Get("itemsPerPage") != "500" || q.Get("pageNum") != strconv.Itoa(i+1) {
			t.Errorf("page %d query = %v", i+1, q)
		}
	}
}

func TestPagination_stopsOnShortPageOrMissingNext(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		page      func(pageNum int) map[string]any
		wantPages int
		wantItems int
		wantErr   string
	}{
		"full page without next link": {
			page: func(int) map[string]any {
				return map[string]any{"results": groups(itemsPerPage), "links": []map[string]string{{"rel": "self", "href": "x"}}}
			},
			wantPages: 1, wantItems: itemsPerPage,
		},
		"full page reaching totalCount": {
			page: func(int) map[string]any {
				return map[string]any{"results": groups(itemsPerPage), "totalCount": itemsPerPage}
			},
			wantPages: 1, wantItems: itemsPerPage,
		},
		"empty": {
			page:      func(int) map[string]any { return map[string]any{"results": []any{}, "totalCount": 0} },
			wantPages: 1, wantItems: 0,
		},
		"endless listing is bounded": {
			page: func(n int) map[string]any {
				return map[string]any{"results": pageOfGroups(n), "links": []map[string]string{{"rel": "next", "href": "x"}}}
			},
			wantPages: maxPages, wantErr: "did not finish after 1000 pages",
		},
		"a page repeating the previous one": {
			page: func(int) map[string]any {
				return map[string]any{"results": groups(itemsPerPage), "links": []map[string]string{{"rel": "next", "href": "x"}}}
			},
			wantPages: 2, wantErr: "page 2 repeats page 1",
		},
		"the third page repeating the second": {
			page: func(n int) map[string]any {
				return map[string]any{"results": pageOfGroups(min(n, 2)), "totalCount": 10 * itemsPerPage}
			},
			wantPages: 3, wantErr: "page 3 repeats page 2",
		},
		"totalCount growing with every page": {
			page: func(n int) map[string]any {
				return map[string]any{"results": pageOfGroups(n), "totalCount": (n + 1) * itemsPerPage}
			},
			wantPages: 2, wantErr: "totalCount grows as fast as pages arrive",
		},
		"totalCount growing slower than pages arrive": {
			page: func(n int) map[string]any {
				if n == 4 {
					return map[string]any{"results": groups(3), "totalCount": 3*itemsPerPage + 3}
				}
				return map[string]any{"results": pageOfGroups(n), "totalCount": 3*itemsPerPage + 2 + n}
			},
			wantPages: 4, wantItems: 3*itemsPerPage + 3,
		},
		"an item repeated across pages is not a repeated page": {
			page: func(n int) map[string]any {
				results := pageOfGroups(n)
				if n == 2 {
					results[0] = pageOfGroups(1)[itemsPerPage-1]
				}
				if n == 3 {
					return map[string]any{"results": groups(1), "totalCount": 2*itemsPerPage + 1}
				}
				return map[string]any{"results": results, "totalCount": 2*itemsPerPage + 1}
			},
			wantPages: 3, wantItems: 2*itemsPerPage + 1,
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var rec recorder
			srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
				n := rec.record(r)
				writeJSON(w, http.StatusOK, tc.page(n))
			})
			c := newTestClient(t, srv.URL, nil)
			got, err := c.ListOrgServiceAccountProjects(context.Background(), testOrgID, testClientID)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("error = %v; want %q", err, tc.wantErr)
				}
			} else if err != nil || len(got) != tc.wantItems {
				t.Fatalf("items = %d, err = %v; want %d", len(got), err, tc.wantItems)
			}
			if rec.count() != tc.wantPages {
				t.Fatalf("pages = %d; want %d", rec.count(), tc.wantPages)
			}
		})
	}
}

// pageOfGroups is a full page of results distinct from every other page's.
func pageOfGroups(pageNum int) []map[string]any {
	out := make([]map[string]any, itemsPerPage)
	for i := range out {
		out[i] = map[string]any{"groupId": fmt.Sprintf("%024x", pageNum*itemsPerPage+i)}
	}
	return out
}

// TestPagination_byteBudget checks that one listing stops once the sum of
// its answers exceeds the client's budget, and that the default budget is
// well below what maxPages answers of maxResponseBytes could hold.
func TestPagination_byteBudget(t *testing.T) {
	t.Parallel()
	if maxListBytes*16 > maxPages*maxResponseBytes {
		t.Fatalf("budget %d is not well below %d pages of %d bytes", maxListBytes, maxPages, maxResponseBytes)
	}
	var rec recorder
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		n := rec.record(r)
		writeJSON(w, http.StatusOK, map[string]any{"results": pageOfGroups(n), "links": []map[string]string{{"rel": "next", "href": "x"}}})
	})
	c := newTestClient(t, srv.URL, nil)
	one, err := json.Marshal(map[string]any{"results": pageOfGroups(1), "links": []map[string]string{{"rel": "next", "href": "x"}}})
	if err != nil {
		t.Fatal(err)
	}
	// The budget lets two pages through, not three.
	c.maxListBytes = len(one)*5/2 + 1
	_, err = c.ListOrgServiceAccountProjects(context.Background(), testOrgID, testClientID)
	if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("answers exceed %d bytes", c.maxListBytes)) {
		t.Fatalf("error = %v; want the byte budget named", err)
	}
	if rec.count() != 3 {
		t.Fatalf("pages = %d; want 3 (the third crosses the budget)", rec.count())
	}
}

func groups(n int) []map[string]any {
	out := make([]map[string]any, n)
	for i := range out {
		out[i] = map[string]any{"groupId": "g"}
	}
	return out
}

func TestProjectOrgID_readsTheProjectOnce(t *testing.T) {
	t.Parallel()
	var calls atomic.Int32
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		writeJSON(w, http.StatusOK, map[string]any{"id": testProjectID, "name": "p", "orgId": "4888442a3354817a7320eb61"})
	})
	c := newTestClient(t, srv.URL, nil)
	for range 3 {
		orgID, err := c.ProjectOrgID(context.Background(), testProjectID)
		if err != nil || orgID != "4888442a3354817a7320eb61" {
			t.Fatalf("ProjectOrgID = %q, %v", orgID, err)
		}
	}
	if n := calls.Load(); n != 1 {
		t.Fatalf("%d requests for three lookups; want 1", n)
	}
}

// Terraform destroys ten accounts at once: their concurrent lookups of the
// same project share one request.
func TestProjectOrgID_concurrentLookupsShareOneRequest(t *testing.T) {
	t.Parallel()
	var calls atomic.Int32
	release := make(chan struct{})
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		<-release
		writeJSON(w, http.StatusOK, map[string]any{"id": testProjectID, "name": "p", "orgId": testOrgID})
	})
	c := newTestClient(t, srv.URL, nil)
	// The answer is held until all ten lookups wait for the shared request.
	var waiting sync.WaitGroup
	waiting.Add(10)
	c.orgIDWaiting = waiting.Done
	var wg sync.WaitGroup
	for range 10 {
		wg.Go(func() {
			if orgID, err := c.ProjectOrgID(context.Background(), testProjectID); err != nil || orgID != testOrgID {
				t.Errorf("ProjectOrgID = %q, %v", orgID, err)
			}
		})
	}
	waiting.Wait()
	close(release)
	wg.Wait()
	if n := calls.Load(); n != 1 {
		t.Fatalf("%d requests for ten concurrent lookups; want 1", n)
	}
}

// One caller's interrupt ends its own wait, not the shared lookup the
// others wait for.
func TestProjectOrgID_cancelledCallerDoesNotFailOthers(t *testing.T) {
	t.Parallel()
	var calls atomic.Int32
	arrived := make(chan struct{}, 1)
	release := make(chan struct{})
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		arrived <- struct{}{}
		<-release
		writeJSON(w, http.StatusOK, map[string]any{"id": testProjectID, "name": "p", "orgId": testOrgID})
	})
	c := newTestClient(t, srv.URL, nil)

	first, cancelFirst := context.WithCancel(context.Background())
	firstErr := make(chan error, 1)
	go func() {
		_, err := c.ProjectOrgID(first, testProjectID)
		firstErr <- err
	}()
	<-arrived // the shared request is in flight
	second := make(chan string, 1)
	go func() {
		orgID, err := c.ProjectOrgID(context.Background(), testProjectID)
		if err != nil {
			t.Errorf("second caller: %v", err)
		}
		second <- orgID
	}()

	cancelFirst()
	if err := <-firstErr; !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled caller got %v, want context.Canceled", err)
	}
	close(release)
	if orgID := <-second; orgID != testOrgID {
		t.Fatalf("second caller got %q, want %q", orgID, testOrgID)
	}
	if n := calls.Load(); n != 1 {
		t.Fatalf("%d requests; want 1", n)
	}
}
