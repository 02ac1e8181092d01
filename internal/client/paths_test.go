package client

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
)

// TestPathParameters_addressOnlyTheirObject checks that a path parameter
// that would address another path (empty, "." or "..") is refused before
// any request, with an error naming the parameter, whichever call and
// whichever parameter carries it.
func TestPathParameters_addressOnlyTheirObject(t *testing.T) {
	t.Parallel()
	var requests atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		requests.Add(1)
		w.WriteHeader(http.StatusNoContent)
	}))
	t.Cleanup(srv.Close)
	c := newTestClient(t, srv.URL, nil)
	ctx := context.Background()

	tests := map[string]struct {
		call     func(value string) error
		wantName string
	}{
		"project ID": {
			call:     func(v string) error { _, err := c.GetProjectServiceAccount(ctx, v, testClientID); return err },
			wantName: "project ID",
		},
		"client ID": {
			call:     func(v string) error { return c.DeleteProjectServiceAccount(ctx, testProjectID, v) },
			wantName: "client ID",
		},
		"organization ID": {
			call:     func(v string) error { _, err := c.ListOrgServiceAccounts(ctx, v); return err },
			wantName: "organization ID",
		},
		"secret ID of an organization account": {
			call:     func(v string) error { return c.DeleteServiceAccountSecret(ctx, OrgOwner(testOrgID), testClientID, v) },
			wantName: "secret ID",
		},
		"user ID": {
			call:     func(v string) error { return c.RemoveProjectUser(ctx, testProjectID, v) },
			wantName: "user ID",
		},
		"organization ID of the organization users": {
			call:     func(v string) error { _, err := c.ListOrgUsers(ctx, v, ListOrgUsersOptions{}); return err },
			wantName: "organization ID",
		},
		"user ID of an organization user": {
			call:     func(v string) error { return c.DeleteOrgUser(ctx, testOrgID, v) },
			wantName: "user ID",
		},
		"user ID of an organization role change": {
			call:     func(v string) error { _, err := c.AddOrgUserRole(ctx, testOrgID, v, "ORG_MEMBER"); return err },
			wantName: "user ID",
		},
		"team ID": {
			call:     func(v string) error { return c.DeleteTeam(ctx, testOrgID, v) },
			wantName: "team ID",
		},
		"team ID of a member change": {
			call:     func(v string) error { _, err := c.AddTeamUser(ctx, testOrgID, v, testUserID); return err },
			wantName: "team ID",
		},
		"user ID of a member change, sent in the body": {
			call:     func(v string) error { _, err := c.RemoveTeamUser(ctx, testOrgID, testTeamID, v); return err },
			wantName: "user ID",
		},
		"team name": {
			call:     func(v string) error { _, err := c.GetTeamByName(ctx, testOrgID, v); return err },
			wantName: "team name",
		},
		"project ID of the project teams": {
			call:     func(v string) error { _, err := c.ListProjectTeams(ctx, v); return err },
			wantName: "project ID",
		},
		"team ID of a project team": {
			call:     func(v string) error { return c.RemoveTeamFromProject(ctx, testProjectID, v) },
			wantName: "team ID",
		},
		"team ID of a project assignment, sent in the body": {
			call: func(v string) error {
				_, err := c.AddTeamsToProject(ctx, testProjectID, []ProjectTeam{{TeamID: testTeamID, RoleNames: []string{"GROUP_READ_ONLY"}}, {TeamID: v, RoleNames: []string{"GROUP_READ_ONLY"}}})
				return err
			},
			wantName: "team ID",
		},
		"access list entry": {
			call: func(v string) error {
				return c.DeleteAccessListEntry(ctx, ProjectOwner(testProjectID), testClientID, v)
			},
			wantName: "access list entry",
		},
	}
	for name, tc := range tests {
		for _, bad := range []string{"", ".", ".."} {
			t.Run(name+"/"+strings.ReplaceAll(bad, ".", "dot"), func(t *testing.T) {
				err := tc.call(bad)
				if err == nil {
					t.Fatalf("%s %q was accepted", name, bad)
				}
				if !strings.Contains(err.Error(), tc.wantName) {
					t.Fatalf("error %q does not name the %s", err, tc.wantName)
				}
			})
		}
	}
	if n := requests.Load(); n != 0 {
		t.Fatalf("%d requests reached the server; a bad path parameter must stop before sending", n)
	}
}

func TestBuildPath(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		parts   []string
		want    string
		wantErr string
	}{
		"escaped":         {parts: []string{"/groups/", "project ID", "a/b c", "/users"}, want: "/groups/a%2Fb%20c/users"},
		"dots inside":     {parts: []string{"/x/", "secret ID", "a..b", ""}, want: "/x/a..b"},
		"three dots":      {parts: []string{"/x/", "secret ID", "...", ""}, want: "/x/..."},
		"empty":           {parts: []string{"/x/", "secret ID", "", ""}, wantErr: "secret ID must not be empty"},
		"dot":             {parts: []string{"/x/", "secret ID", ".", ""}, wantErr: `secret ID must not be "."`},
		"dot dot":         {parts: []string{"/x/", "user ID", "..", "/roles"}, wantErr: `user ID must not be ".."`},
		"second of two":   {parts: []string{"/g/", "project ID", "p", "/u/", "user ID", "..", ""}, wantErr: `user ID must not be ".."`},
		"only a literal":  {parts: []string{"/orgs"}, want: "/orgs"},
		"literal at last": {parts: []string{"/g/", "project ID", "p", "/serviceAccounts"}, want: "/g/p/serviceAccounts"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got, err := buildPath(tc.parts...)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("buildPath(%q) = %q, %v; want an error containing %q", tc.parts, got, err, tc.wantErr)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("buildPath(%q) = %q, %v; want %q", tc.parts, got, err, tc.want)
			}
		})
	}
}
