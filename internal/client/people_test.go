package client

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
)

const testTeamID = "6b7c8d9e0f1a2b3c4d5e6f70"

// orgUserJSON is an OrgUserResponse with the given membership status.
func orgUserJSON(status string) map[string]any {
	u := map[string]any{
		"id":                  testUserID,
		"username":            "a@example.com",
		"orgMembershipStatus": status,
		"roles": map[string]any{
			"orgRoles":             []string{"ORG_MEMBER"},
			"groupRoleAssignments": []map[string]any{{"groupId": testProjectID, "groupRoles": []string{"GROUP_READ_ONLY"}}},
		},
		"teamIds": []string{testTeamID},
	}
	if status == UserStatusActive {
		u["createdAt"] = "2026-01-02T03:04:05Z"
		u["firstName"] = "Ada"
	} else {
		u["invitationCreatedAt"] = "2026-01-02T03:04:05Z"
		u["invitationExpiresAt"] = "2026-02-01T03:04:05Z"
		u["inviterUsername"] = "boss@example.com"
	}
	return u
}

func TestPeople_decodesTypedValues(t *testing.T) {
	t.Parallel()
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		switch {
		case strings.HasSuffix(r.URL.Path, "/users"):
			writeJSON(w, http.StatusCreated, orgUserJSON(UserStatusPending))
		case strings.HasSuffix(r.URL.Path, "/teams") && strings.Contains(r.URL.Path, "/orgs/"):
			writeJSON(w, http.StatusCreated, map[string]any{"id": testTeamID, "name": "dbas", "usernames": []string{"a@example.com"}})
		default:
			writeJSON(w, http.StatusOK, map[string]any{"results": []any{
				map[string]any{"teamId": testTeamID, "roleNames": []string{"GROUP_OWNER", "GROUP_READ_ONLY"}},
			}, "totalCount": 1})
		}
	})
	c := newTestClient(t, srv.URL, nil)
	ctx := context.Background()

	u, err := c.CreateOrgUser(ctx, testOrgID, CreateOrgUserRequest{Username: "a@example.com", Roles: OrgUserRoles{OrgRoles: []string{"ORG_MEMBER"}}})
	if err != nil {
		t.Fatal(err)
	}
	if u.ID != testUserID || u.Username != "a@example.com" || u.OrgMembershipStatus != UserStatusPending ||
		len(u.Roles.OrgRoles) != 1 || u.Roles.OrgRoles[0] != "ORG_MEMBER" ||
		len(u.Roles.GroupRoleAssignments) != 1 || u.Roles.GroupRoleAssignments[0].ProjectID != testProjectID ||
		u.Roles.GroupRoleAssignments[0].GroupRoles[0] != "GROUP_READ_ONLY" ||
		len(u.TeamIDs) != 1 || u.TeamIDs[0] != testTeamID ||
		u.InvitationExpiresAt == nil || *u.InvitationExpiresAt != "2026-02-01T03:04:05Z" || u.InviterUsername != "boss@example.com" {
		t.Fatalf("org user = %+v", u)
	}

	team, err := c.CreateTeam(ctx, testOrgID, CreateTeamRequest{Name: "dbas", Usernames: []string{"a@example.com"}})
	if err != nil {
		t.Fatal(err)
	}
	if team.ID != testTeamID || team.Name != "dbas" || len(team.Usernames) != 1 {
		t.Fatalf("team = %+v", team)
	}

	assigned, err := c.AddTeamsToProject(ctx, testProjectID, []ProjectTeam{{TeamID: testTeamID, RoleNames: []string{"GROUP_OWNER"}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(assigned) != 1 || assigned[0].TeamID != testTeamID || len(assigned[0].RoleNames) != 2 {
		t.Fatalf("project teams = %+v", assigned)
	}
}

// Every listing of people and teams reads past Atlas's largest page, and
// keeps its filters on every page.
func TestPeople_listsReadEveryPage(t *testing.T) {
	t.Parallel()
	const total = itemsPerPage + 2
	tests := map[string]struct {
		item  func(i int) map[string]any
		call  func(c *Client) (int, error)
		query url.Values // the filters every page must carry
	}{
		"ListOrgUsers": {
			item: func(i int) map[string]any {
				return map[string]any{"id": fmt.Sprintf("%024x", i), "username": fmt.Sprintf("u%d@example.com", i)}
			},
			call: func(c *Client) (int, error) {
				all, err := c.ListOrgUsers(context.Background(), testOrgID, ListOrgUsersOptions{Statuses: []string{UserStatusPending}})
				return len(all), err
			},
			query: url.Values{"orgMembershipStatuses": {UserStatusPending}},
		},
		"ListTeams": {
			item: func(i int) map[string]any {
				return map[string]any{"id": fmt.Sprintf("%024x", i), "name": fmt.Sprintf("team-%d", i)}
			},
			call: func(c *Client) (int, error) {
				all, err := c.ListTeams(context.Background(), testOrgID)
				return len(all), err
			},
		},
		"ListTeamUsers": {
			item: func(i int) map[string]any {
				return map[string]any{"id": fmt.Sprintf("%024x", i), "username": fmt.Sprintf("u%d@example.com", i)}
			},
			call: func(c *Client) (int, error) {
				all, err := c.ListTeamUsers(context.Background(), testOrgID, testTeamID, ListOrgUsersOptions{Username: "a@example.com"})
				return len(all), err
			},
			query: url.Values{"username": {"a@example.com"}},
		},
		"ListProjectTeams": {
			item: func(i int) map[string]any {
				return map[string]any{"teamId": fmt.Sprintf("%024x", i), "roleNames": []string{"GROUP_READ_ONLY"}}
			},
			call: func(c *Client) (int, error) {
				all, err := c.ListProjectTeams(context.Background(), testProjectID)
				return len(all), err
			},
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var rec recorder
			srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
				rec.record(r)
				pageNum, _ := strconv.Atoi(r.URL.Query().Get("pageNum"))
				start := (pageNum - 1) * itemsPerPage
				end := min(start+itemsPerPage, total)
				results := []map[string]any{}
				for i := start; i < end; i++ {
					results = append(results, tc.item(i))
				}
				writeJSON(w, http.StatusOK, map[string]any{"results": results, "totalCount": total})
			})
			c := newTestClient(t, srv.URL, nil)
			n, err := tc.call(c)
			if err != nil || n != total {
				t.Fatalf("items = %d, err = %v; want %d", n, err, total)
			}
			if rec.count() != 2 {
				t.Fatalf("pages requested = %d; want 2", rec.count())
			}
			for i, r := range rec.requests {
				q, _ := url.ParseQuery(strings.SplitN(r.RequestURI, "?", 2)[1])
				if q.Get("pageNum") != strconv.Itoa(i+1) || q.Get("itemsPerPage") != "500" {
					t.Errorf("page %d query = %v", i+1, q)
				}
				for k, v := range tc.query {
					if strings.Join(q[k], ",") != strings.Join(v, ",") {
						t.Errorf("page %d %s = %v; want %v", i+1, k, q[k], v)
					}
				}
			}
		})
	}
}

// A create whose answer is lost may have created the person's invitation,
// the team or the project assignment: the error says so, and the request is
// not sent again, which could write a second time.
func TestPeople_lostAnswerOnCreateIsNotRetriedIntoADuplicate(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		call   func(c *Client) error
		answer any
	}{
		"CreateOrgUser": {
			call: func(c *Client) error {
				_, err := c.CreateOrgUser(context.Background(), testOrgID, CreateOrgUserRequest{Username: "a@example.com", Roles: OrgUserRoles{OrgRoles: []string{"ORG_MEMBER"}}})
				return err
			},
			answer: orgUserJSON(UserStatusPending),
		},
		"CreateTeam": {
			call: func(c *Client) error {
				_, err := c.CreateTeam(context.Background(), testOrgID, CreateTeamRequest{Name: "dbas"})
				return err
			},
			answer: map[string]any{"id": testTeamID, "name": "dbas", "usernames": []string{}},
		},
		"AddTeamsToProject": {
			call: func(c *Client) error {
				_, err := c.AddTeamsToProject(context.Background(), testProjectID, []ProjectTeam{{TeamID: testTeamID, RoleNames: []string{"GROUP_READ_ONLY"}}})
				return err
			},
			answer: map[string]any{"results": []any{map[string]any{"teamId": testTeamID, "roleNames": []string{"GROUP_READ_ONLY"}}}},
		},
	}
	for name, tc := range tests {
		t.Run(name+"/lost answer", func(t *testing.T) {
			t.Parallel()
			var written atomic.Int32
			srv := newServer(t, dropFirstAnswer(t, func(w http.ResponseWriter, r *http.Request) {
				written.Add(1)
				writeJSON(w, http.StatusCreated, tc.answer)
			}))
			c := newTestClient(t, srv.URL, nil)
			err := tc.call(c)
			if !MayHaveHappened(err) || !IsAmbiguous(err) {
				t.Fatalf("error = %v; want MayHaveHappened and IsAmbiguous", err)
			}
			if written.Load() != 1 {
				t.Fatalf("writes = %d; want 1 (no retry into a duplicate)", written.Load())
			}
		})
		t.Run(name+"/500", func(t *testing.T) {
			t.Parallel()
			var n atomic.Int32
			srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
				n.Add(1)
				writeAPIError(w, http.StatusInternalServerError, "UNEXPECTED_ERROR", "oops")
			})
			c := newTestClient(t, srv.URL, nil)
			err := tc.call(c)
			if !MayHaveHappened(err) || !IsAmbiguous(err) || n.Load() != 1 {
				t.Fatalf("error = %v after %d requests; want an ambiguous error after 1", err, n.Load())
			}
		})
		t.Run(name+"/503 is retried", func(t *testing.T) {
			t.Parallel()
			var n atomic.Int32
			srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
				if n.Add(1) == 1 {
					writeAPIError(w, http.StatusServiceUnavailable, "SERVICE_UNAVAILABLE", "later")
					return
				}
				writeJSON(w, http.StatusCreated, tc.answer)
			})
			c := newTestClient(t, srv.URL, nil)
			if err := tc.call(c); err != nil || n.Load() != 2 {
				t.Fatalf("error = %v after %d requests; want success after 2", err, n.Load())
			}
		})
		t.Run(name+"/409 first time is a plain conflict", func(t *testing.T) {
			t.Parallel()
			srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
				writeAPIError(w, http.StatusConflict, "DUPLICATE", "already there")
			})
			c := newTestClient(t, srv.URL, nil)
			err := tc.call(c)
			if !IsConflict(err) || MayHaveHappened(err) {
				t.Fatalf("error = %v; want a conflict that proves this request did nothing", err)
			}
		})
	}
}

// Role and membership changes end in the same state when repeated, so a
// failure after which Atlas may have carried them out is retried, not
// reported as ambiguous.
func TestPeople_roleAndMembershipChangesAreRetried(t *testing.T) {
	t.Parallel()
	tests := map[string]func(c *Client) error{
		"AddOrgUserRole": func(c *Client) error {
			_, err := c.AddOrgUserRole(context.Background(), testOrgID, testUserID, "ORG_MEMBER")
			return err
		},
		"RemoveOrgUserRole": func(c *Client) error {
			_, err := c.RemoveOrgUserRole(context.Background(), testOrgID, testUserID, "ORG_MEMBER")
			return err
		},
		"AddTeamUser": func(c *Client) error {
			_, err := c.AddTeamUser(context.Background(), testOrgID, testTeamID, testUserID)
			return err
		},
		"RemoveTeamUser": func(c *Client) error {
			_, err := c.RemoveTeamUser(context.Background(), testOrgID, testTeamID, testUserID)
			return err
		},
	}
	for name, call := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var n atomic.Int32
			srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
				if n.Add(1) == 1 {
					writeAPIError(w, http.StatusInternalServerError, "UNEXPECTED_ERROR", "oops")
					return
				}
				writeJSON(w, http.StatusOK, orgUserJSON(UserStatusActive))
			})
			c := newTestClient(t, srv.URL, nil)
			if err := call(c); err != nil || n.Load() != 2 {
				t.Fatalf("error = %v after %d requests; want success after 2", err, n.Load())
			}
		})
	}
}
