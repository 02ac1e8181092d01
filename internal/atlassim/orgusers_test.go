package atlassim

import (
	"fmt"
	"net/http"
	"path/filepath"
	"slices"
	"testing"
)

// people helpers: each fails the test on an unexpected status.

func (e *env) createOrgUser(username string, body map[string]any) map[string]any {
	e.t.Helper()
	if body == nil {
		body = map[string]any{}
	}
	body["username"] = username
	if body["roles"] == nil {
		body["roles"] = map[string]any{"orgRoles": []string{"ORG_MEMBER"}}
	}
	r := e.call("POST", "/orgs/"+e.fx.OrgID+"/users", users, body)
	mustStatus(e.t, r, http.StatusCreated)
	return r.json(e.t)
}

func (e *env) createTeam(name string, usernames ...string) string {
	e.t.Helper()
	if usernames == nil {
		usernames = []string{}
	}
	r := e.call("POST", "/orgs/"+e.fx.OrgID+"/teams", v0101, map[string]any{"name": name, "usernames": usernames})
	mustStatus(e.t, r, http.StatusOK)
	return r.json(e.t)["id"].(string)
}

// results returns the results of a list answer.
func (r response) results(t testing.TB) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, x := range r.json(t)["results"].([]any) {
		out = append(out, x.(map[string]any))
	}
	return out
}

// field collects one string field of every result.
func field(rs []map[string]any, name string) []string {
	out := []string{}
	for _, r := range rs {
		out = append(out, r[name].(string))
	}
	return out
}

func strs(v any) []string {
	out := []string{}
	for _, x := range v.([]any) {
		out = append(out, x.(string))
	}
	return out
}

func TestOrgUsers_create(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{Seed: 60})
	org, g := e.fx.OrgID, e.fx.ProjectID
	const none = "0123456789abcdef01234567"
	team := e.createTeam("platform")
	okRoles := map[string]any{"orgRoles": []string{"ORG_MEMBER"}}
	tests := []struct {
		name   string
		body   map[string]any
		status int
		code   string
	}{
		{"only org roles", map[string]any{"username": "a@example.com", "roles": okRoles}, 201, ""},
		{"projects and teams", map[string]any{"username": "b@example.com", "teamIds": []string{team},
			"roles": map[string]any{"orgRoles": []string{"ORG_READ_ONLY", "ORG_GROUP_CREATOR"}, "groupRoleAssignments": []map[string]any{{"groupId": g, "groupRoles": []string{"GROUP_OWNER"}}}}}, 201, ""},
		{"already active", map[string]any{"username": e.fx.OrgMember, "roles": okRoles}, 409, "USER_ALREADY_IN_ORG"},
		{"already pending", map[string]any{"username": "a@example.com", "roles": okRoles}, 409, "USER_ALREADY_IN_ORG"},
		{"no username", map[string]any{"roles": okRoles}, 400, "MISSING_ATTRIBUTE"},
		{"username not an email", map[string]any{"username": "bob", "roles": okRoles}, 400, "INVALID_ATTRIBUTE"},
		{"no roles", map[string]any{"username": "c@example.com"}, 400, "MISSING_ATTRIBUTE"},
		{"no org roles", map[string]any{"username": "c@example.com", "roles": map[string]any{}}, 400, "MISSING_ATTRIBUTE"},
		{"empty org roles", map[string]any{"username": "c@example.com", "roles": map[string]any{"orgRoles": []string{}}}, 400, "INVALID_ATTRIBUTE"},
		{"project role as org role", map[string]any{"username": "c@example.com", "roles": map[string]any{"orgRoles": []string{"GROUP_OWNER"}}}, 400, "INVALID_ATTRIBUTE"},
		{"roles not an object", map[string]any{"username": "c@example.com", "roles": []string{"ORG_MEMBER"}}, 400, "INVALID_JSON_ATTRIBUTE"},
		{"bad project role", map[string]any{"username": "c@example.com", "roles": map[string]any{"orgRoles": []string{"ORG_MEMBER"}, "groupRoleAssignments": []map[string]any{{"groupId": g, "groupRoles": []string{"ORG_OWNER"}}}}}, 400, "INVALID_ATTRIBUTE"},
		{"project twice", map[string]any{"username": "c@example.com", "roles": map[string]any{"orgRoles": []string{"ORG_MEMBER"}, "groupRoleAssignments": []map[string]any{{"groupId": g, "groupRoles": []string{"GROUP_OWNER"}}, {"groupId": g, "groupRoles": []string{"GROUP_READ_ONLY"}}}}}, 400, "INVALID_ATTRIBUTE"},
		{"unknown nested field", map[string]any{"username": "c@example.com", "roles": map[string]any{"orgRoles": []string{"ORG_MEMBER"}, "extra": 1}}, 400, "INVALID_ATTRIBUTE"},
		{"bad team ID", map[string]any{"username": "c@example.com", "roles": okRoles, "teamIds": []string{"nope"}}, 400, "INVALID_ATTRIBUTE"},
		{"unknown team", map[string]any{"username": "c@example.com", "roles": okRoles, "teamIds": []string{none}}, 404, "TEAM_NOT_FOUND"},
		{"unknown project", map[string]any{"username": "c@example.com", "roles": map[string]any{"orgRoles": []string{"ORG_MEMBER"}, "groupRoleAssignments": []map[string]any{{"groupId": none, "groupRoles": []string{"GROUP_OWNER"}}}}}, 404, "GROUP_NOT_FOUND"},
	}
	for _, tc := range tests {
		r := e.call("POST", "/orgs/"+org+"/users", users, tc.body)
		if r.status != tc.status || (tc.code != "" && r.errorCode(t) != tc.code) {
			t.Errorf("%s: %d %s, want %d %s", tc.name, r.status, r.body, tc.status, tc.code)
		}
	}
	if r := e.call("POST", "/orgs/"+none+"/users", users, map[string]any{"username": "d@example.com", "roles": okRoles}); r.status != 404 || r.errorCode(t) != "ORG_NOT_FOUND" {
		t.Errorf("unknown org: %d %s", r.status, r.body)
	}
	// The second user reads back with everything the create gave.
	list := e.call("GET", "/orgs/"+org+"/users"+query("username", "b@example.com"), users, nil)
	mustStatus(t, list, 200)
	rs := list.results(t)
	if len(rs) != 1 {
		t.Fatalf("username filter: %s", list.body)
	}
	b := rs[0]
	roles := b["roles"].(map[string]any)
	gra := roles["groupRoleAssignments"].([]any)
	if b["orgMembershipStatus"] != "PENDING" || !slices.Equal(strs(roles["orgRoles"]), []string{"ORG_READ_ONLY", "ORG_GROUP_CREATOR"}) ||
		len(gra) != 1 || gra[0].(map[string]any)["groupId"] != g || !slices.Equal(strs(b["teamIds"]), []string{team}) {
		t.Fatalf("created user reads back as %v", b)
	}
	// A pending org invitee is in the project already, as pending.
	gu := e.call("GET", "/groups/"+g+"/users"+query("username", "b@example.com"), users, nil)
	if rs := gu.results(t); len(rs) != 1 || rs[0]["orgMembershipStatus"] != "PENDING" || !slices.Equal(strs(rs[0]["roles"]), []string{"GROUP_OWNER"}) {
		t.Fatalf("project view of the invitee: %s", gu.body)
	}
}

// TestOrgUsers_pendingUntilAccepted: a new org user is PENDING with the same
// ID after acceptance, and an expired invitation is replaced by a new user.
func TestOrgUsers_pendingUntilAccepted(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{Seed: 61})
	org := e.fx.OrgID
	id := e.createOrgUser("new.person@example.com", nil)["id"].(string)
	get := func(q string) response { return e.call("GET", "/orgs/"+org+"/users/"+id+q, users, nil) }
	if s := get("").json(t)["orgMembershipStatus"]; s != "PENDING" {
		t.Fatalf("new user is %v", s)
	}
	if code, body := e.admin("POST", "/__atlassim/users/accept", `{"username":"new.person@example.com"}`); code != 204 {
		t.Fatalf("accept: %d %s", code, body)
	}
	u := get("").json(t)
	if u["orgMembershipStatus"] != "ACTIVE" || u["firstName"] != "New" || u["createdAt"] == nil {
		t.Fatalf("accepted user: %v", u)
	}
	if code, _ := e.admin("POST", "/__atlassim/users/accept", `{"username":"new.person@example.com"}`); code != 409 {
		t.Fatalf("second accept: %d", code)
	}

	other := e.createOrgUser("late@example.com", nil)["id"].(string)
	if code, _ := e.admin("POST", "/__atlassim/users/expire", `{"username":"late@example.com"}`); code != 204 {
		t.Fatal("expire")
	}
	if r := e.call("GET", "/orgs/"+org+"/users/"+other, users, nil); r.status != 404 {
		t.Fatalf("expired user without a status filter: %d", r.status)
	}
	if r := e.call("GET", "/orgs/"+org+"/users/"+other+query("orgMembershipStatuses", "INVITATION_EXPIRED"), users, nil); r.status != 200 || r.json(t)["orgMembershipStatus"] != "INVITATION_EXPIRED" {
		t.Fatalf("expired user with the filter: %d %s", r.status, r.body)
	}
	again := e.createOrgUser("late@example.com", nil)["id"].(string)
	if again == other {
		t.Fatal("a re-invitation kept the expired user's ID")
	}
}

func TestOrgUsers_listPagination(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{Seed: 62})
	org := e.fx.OrgID
	for i := range 4 {
		e.createOrgUser(fmt.Sprintf("p%d@example.com", i), nil)
	}
	tests := []struct {
		query  string
		status int
		names  []string
		total  float64
		next   bool
	}{
		{"", 200, []string{e.fx.OrgMember, "p0@example.com", "p1@example.com", "p2@example.com", "p3@example.com"}, 5, false},
		{query("itemsPerPage", "2"), 200, []string{e.fx.OrgMember, "p0@example.com"}, 5, true},
		{query("itemsPerPage", "2", "pageNum", "3"), 200, []string{"p3@example.com"}, 5, false},
		{query("orgMembershipStatuses", "ACTIVE"), 200, []string{e.fx.OrgMember}, 1, false},
		{query("orgMembershipStatuses", "PENDING", "username", "P2@example.com"), 200, []string{"p2@example.com"}, 1, false},
		{query("orgMembershipStatuses", "INVITATION_REJECTED"), 200, []string{}, 0, false},
		{query("orgMembershipStatuses", "GONE"), 400, nil, 0, false},
		{query("username", "not-an-email"), 400, nil, 0, false},
		{query("itemsPerPage", "501"), 400, nil, 0, false},
	}
	for _, tc := range tests {
		r := e.call("GET", "/orgs/"+org+"/users"+tc.query, users, nil)
		if r.status != tc.status {
			t.Errorf("%q: %d %s", tc.query, r.status, r.body)
			continue
		}
		if tc.status != 200 {
			if r.errorCode(t) != "INVALID_QUERY_PARAMETER" {
				t.Errorf("%q: %s", tc.query, r.body)
			}
			continue
		}
		m := r.json(t)
		hasNext := false
		for _, l := range m["links"].([]any) {
			hasNext = hasNext || l.(map[string]any)["rel"] == "next"
		}
		if got := field(r.results(t), "username"); !slices.Equal(got, tc.names) || m["totalCount"] != tc.total || hasNext != tc.next {
			t.Errorf("%q: %v total %v next %v", tc.query, got, m["totalCount"], hasNext)
		}
	}
}

func TestOrgUsers_roles(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{Seed: 63})
	org := e.fx.OrgID
	const none = "0123456789abcdef01234567"
	id := e.createOrgUser("roles@example.com", nil)["id"].(string)
	tests := []struct {
		op, role string
		id       string
		status   int
		code     string
		want     []string
	}{
		{":addRole", "ORG_READ_ONLY", id, 200, "", []string{"ORG_MEMBER", "ORG_READ_ONLY"}},
		{":addRole", "ORG_READ_ONLY", id, 200, "", []string{"ORG_MEMBER", "ORG_READ_ONLY"}},
		{":removeRole", "ORG_MEMBER", id, 200, "", []string{"ORG_READ_ONLY"}},
		{":removeRole", "ORG_OWNER", id, 200, "", []string{"ORG_READ_ONLY"}},
		{":removeRole", "ORG_READ_ONLY", id, 400, "CANNOT_REMOVE_LAST_ROLE", nil},
		{":addRole", "GROUP_OWNER", id, 400, "INVALID_ATTRIBUTE", nil},
		{":addRole", "", id, 400, "INVALID_ATTRIBUTE", nil},
		{":addRole", "ORG_OWNER", none, 404, "USER_NOT_FOUND", nil},
		{":removeRole", "ORG_OWNER", none, 404, "USER_NOT_FOUND", nil},
	}
	for i, tc := range tests {
		r := e.call("POST", "/orgs/"+org+"/users/"+tc.id+tc.op, users, map[string]any{"orgRole": tc.role})
		if r.status != tc.status {
			t.Fatalf("%d %s %s: %d %s", i, tc.op, tc.role, r.status, r.body)
		}
		if tc.code != "" && r.errorCode(t) != tc.code {
			t.Errorf("%d: code %s", i, r.body)
		}
		if tc.want != nil {
			if got := strs(r.json(t)["roles"].(map[string]any)["orgRoles"]); !slices.Equal(got, tc.want) {
				t.Errorf("%d: roles %v, want %v", i, got, tc.want)
			}
		}
	}
}

func TestOrgUsers_patch(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{Seed: 64})
	org, g, g2 := e.fx.OrgID, e.fx.ProjectID, e.fx.Project2ID
	const none = "0123456789abcdef01234567"
	t1, t2 := e.createTeam("one"), e.createTeam("two")
	id := e.createOrgUser("patch@example.com", map[string]any{"teamIds": []string{t1},
		"roles": map[string]any{"orgRoles": []string{"ORG_MEMBER"}, "groupRoleAssignments": []map[string]any{{"groupId": g, "groupRoles": []string{"GROUP_READ_ONLY"}}}}})["id"].(string)
	tests := []struct {
		name     string
		body     map[string]any
		status   int
		orgRoles []string
		groups   []string
		teams    []string
	}{
		{"teams only", map[string]any{"teamIds": []string{t2}}, 200, []string{"ORG_MEMBER"}, []string{g}, []string{t2}},
		{"org roles only", map[string]any{"roles": map[string]any{"orgRoles": []string{"ORG_OWNER"}}}, 200, []string{"ORG_OWNER"}, []string{g}, []string{t2}},
		{"projects replaced", map[string]any{"roles": map[string]any{"orgRoles": []string{"ORG_OWNER"}, "groupRoleAssignments": []map[string]any{{"groupId": g2, "groupRoles": []string{"GROUP_OWNER"}}}}}, 200, []string{"ORG_OWNER"}, []string{g2}, []string{t2}},
		{"empty resets", map[string]any{"teamIds": []string{}, "roles": map[string]any{"orgRoles": []string{"ORG_MEMBER"}, "groupRoleAssignments": []map[string]any{}}}, 200, []string{"ORG_MEMBER"}, []string{}, []string{}},
		{"roles without orgRoles", map[string]any{"roles": map[string]any{}}, 400, nil, nil, nil},
		{"unknown team", map[string]any{"teamIds": []string{none}}, 404, nil, nil, nil},
		{"username is not updatable", map[string]any{"username": "x@example.com"}, 400, nil, nil, nil},
	}
	for _, tc := range tests {
		r := e.call("PATCH", "/orgs/"+org+"/users/"+id, users, tc.body)
		if r.status != tc.status {
			t.Fatalf("%s: %d %s", tc.name, r.status, r.body)
		}
		if tc.status != 200 {
			continue
		}
		u := e.call("GET", "/orgs/"+org+"/users/"+id, users, nil).json(t)
		roles := u["roles"].(map[string]any)
		groups := []string{}
		for _, a := range roles["groupRoleAssignments"].([]any) {
			groups = append(groups, a.(map[string]any)["groupId"].(string))
		}
		if !slices.Equal(strs(roles["orgRoles"]), tc.orgRoles) || !slices.Equal(groups, tc.groups) || !slices.Equal(strs(u["teamIds"]), tc.teams) {
			t.Errorf("%s: reads back %v", tc.name, u)
		}
	}
	if r := e.call("PATCH", "/orgs/"+org+"/users/"+none, users, map[string]any{}); r.status != 404 {
		t.Errorf("unknown user: %d", r.status)
	}
}

// TestOrgUsers_removeLeavesProjectsAndTeams: removing a person from the
// organization removes them from every project and team, and nothing else.
func TestOrgUsers_removeLeavesProjectsAndTeams(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{Seed: 65})
	org, g := e.fx.OrgID, e.fx.ProjectID
	team := e.createTeam("leavers", e.fx.OrgMember)
	for _, name := range []string{"leaver@example.com", "stayer@example.com"} {
		id := e.createOrgUser(name, map[string]any{"teamIds": []string{team},
			"roles": map[string]any{"orgRoles": []string{"ORG_MEMBER"}, "groupRoleAssignments": []map[string]any{{"groupId": g, "groupRoles": []string{"GROUP_READ_ONLY"}}}}})["id"].(string)
		if name == "leaver@example.com" {
			e.admin("POST", "/__atlassim/users/accept", `{"username":"leaver@example.com"}`)
			mustStatus(t, e.call("DELETE", "/orgs/"+org+"/users/"+id, users, nil), 204)
			mustStatus(t, e.call("DELETE", "/orgs/"+org+"/users/"+id, users, nil), 404)
			mustStatus(t, e.call("GET", "/groups/"+g+"/users/"+id, users, nil), 404)
		}
	}
	members := e.call("GET", "/orgs/"+org+"/teams/"+team+"/users", users, nil)
	mustStatus(t, members, 200)
	if got := field(members.results(t), "username"); !slices.Equal(got, []string{e.fx.OrgMember, "stayer@example.com"}) {
		t.Fatalf("team members after one left: %v", got)
	}
	if got := field(e.call("GET", "/groups/"+g+"/users", users, nil).results(t), "username"); !slices.Equal(got, []string{"stayer@example.com"}) {
		t.Fatalf("project users after one left: %v", got)
	}
}

// DELETE of an organization user is served in both versions the spec
// lists; 2023-01-01 removes only active users, so a pending one is not
// found there and is removed with 2025-02-19.
func TestOrgUsers_removeByVersion(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{Seed: 66})
	org := e.fx.OrgID
	active := e.createOrgUser("active@example.com", nil)["id"].(string)
	e.admin("POST", "/__atlassim/users/accept", `{"username":"active@example.com"}`)
	pending := e.createOrgUser("pending@example.com", nil)["id"].(string)
	tests := []struct {
		name, id, accept string
		status           int
	}{
		{"pending user, 2023-01-01", pending, v0101, 404},
		{"active user, 2023-01-01", active, v0101, 204},
		{"pending user, 2025-02-19", pending, users, 204},
	}
	for _, tc := range tests { // in order: each step changes the organization
		r := e.call("DELETE", "/orgs/"+org+"/users/"+tc.id, tc.accept, nil)
		mustStatus(t, r, tc.status)
		if tc.status == 404 && r.errorCode(t) != "USER_NOT_FOUND" {
			t.Errorf("%s: errorCode %s, want USER_NOT_FOUND", tc.name, r.errorCode(t))
		}
	}
	for _, id := range []string{active, pending} {
		mustStatus(t, e.call("GET", "/orgs/"+org+"/users/"+id, users, nil), 404)
	}
}

// TestPeople_stateFileSurvivesRestart: org users, teams, members and team
// project roles are persisted with -state.
func TestPeople_stateFileSurvivesRestart(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "state.json")
	e := newEnv(t, Options{Seed: 66, StateFile: path})
	uid := e.createOrgUser("kept.person@example.com", map[string]any{"roles": map[string]any{"orgRoles": []string{"ORG_READ_ONLY"}}})["id"].(string)
	team := e.createTeam("kept", "kept.person@example.com")
	mustStatus(t, e.call("POST", "/groups/"+e.fx.ProjectID+"/teams", v0101, []map[string]any{{"teamId": team, "roleNames": []string{"GROUP_OWNER"}}}), 200)

	e2 := newEnv(t, Options{Seed: 66, StateFile: path})
	u := e2.call("GET", "/orgs/"+e2.fx.OrgID+"/users/"+uid, users, nil)
	mustStatus(t, u, 200)
	if m := u.json(t); !slices.Equal(strs(m["roles"].(map[string]any)["orgRoles"]), []string{"ORG_READ_ONLY"}) || !slices.Equal(strs(m["teamIds"]), []string{team}) {
		t.Fatalf("restored user %v", m)
	}
	tr := e2.call("GET", "/groups/"+e2.fx.ProjectID+"/teams/"+team, v0101, nil)
	mustStatus(t, tr, 200)
	if got := strs(tr.json(t)["roleNames"]); !slices.Equal(got, []string{"GROUP_OWNER"}) {
		t.Fatalf("restored team roles %v", got)
	}
	if n := e2.call("GET", "/orgs/"+e2.fx.OrgID+"/teams/byName/kept", v0101, nil); n.status != 200 || n.json(t)["id"] != team {
		t.Fatalf("restored team by name: %d %s", n.status, n.body)
	}
}
