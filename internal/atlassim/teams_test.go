package atlassim

import (
	"fmt"
	"net/url"
	"slices"
	"testing"
)

func TestTeams_create(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{Seed: 70})
	org := e.fx.OrgID
	e.createOrgUser("pending.member@example.com", nil)
	e.createOrgUser("expired.member@example.com", nil)
	e.admin("POST", "/__atlassim/users/expire", `{"username":"expired.member@example.com"}`)
	tests := []struct {
		name   string
		body   any
		status int
		code   string
	}{
		{"active and pending members", map[string]any{"name": "Platform team", "usernames": []string{e.fx.OrgMember, "pending.member@example.com"}}, 200, ""},
		{"no members", map[string]any{"name": "empty", "usernames": []string{}}, 200, ""},
		{"same name", map[string]any{"name": "Platform team", "usernames": []string{}}, 409, "DUPLICATE_TEAM_NAME"},
		{"no usernames", map[string]any{"name": "x"}, 400, "MISSING_ATTRIBUTE"},
		{"no name", map[string]any{"usernames": []string{}}, 400, "MISSING_ATTRIBUTE"},
		{"blank name", map[string]any{"name": "  ", "usernames": []string{}}, 400, "INVALID_ATTRIBUTE"},
		{"name not a string", map[string]any{"name": 7, "usernames": []string{}}, 400, "INVALID_JSON_ATTRIBUTE"},
		{"username not an email", map[string]any{"name": "x", "usernames": []string{"bob"}}, 400, "INVALID_ATTRIBUTE"},
		{"username twice", map[string]any{"name": "x", "usernames": []string{e.fx.OrgMember, e.fx.OrgMember}}, 400, "INVALID_ATTRIBUTE"},
		{"stranger", map[string]any{"name": "x", "usernames": []string{"stranger@example.com"}}, 400, "USER_NOT_IN_ORG"},
		{"expired invitee", map[string]any{"name": "x", "usernames": []string{"expired.member@example.com"}}, 400, "USER_NOT_IN_ORG"},
		{"not JSON", "{", 400, "INVALID_JSON"},
	}
	for _, tc := range tests {
		r := e.call("POST", "/orgs/"+org+"/teams", v0101, tc.body)
		if r.status != tc.status || (tc.code != "" && r.errorCode(t) != tc.code) {
			t.Errorf("%s: %d %s, want %d %s", tc.name, r.status, r.body, tc.status, tc.code)
		}
		if tc.status == 200 {
			m := r.json(t)
			if m["name"] != tc.body.(map[string]any)["name"] || !slices.Equal(strs(m["usernames"]), tc.body.(map[string]any)["usernames"].([]string)) {
				t.Errorf("%s: answer %v", tc.name, m)
			}
		}
	}
	// The failed creates made nothing.
	if got := field(e.call("GET", "/orgs/"+org+"/teams", v0101, nil).results(t), "name"); !slices.Equal(got, []string{"Platform team", "empty"}) {
		t.Fatalf("teams: %v", got)
	}
}

func TestTeams_orgLimit(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{Seed: 71})
	for i := range maxTeamsPerOrg {
		e.createTeam(fmt.Sprintf("team-%03d", i))
	}
	r := e.call("POST", "/orgs/"+e.fx.OrgID+"/teams", v0101, map[string]any{"name": "one too many", "usernames": []string{}})
	if r.status != 400 || r.errorCode(t) != "MAX_TEAMS_PER_ORG_EXCEEDED" {
		t.Fatalf("team 251: %d %s", r.status, r.body)
	}
	// Paging through the 250 teams.
	page := e.call("GET", "/orgs/"+e.fx.OrgID+"/teams"+query("itemsPerPage", "100", "pageNum", "3"), v0101, nil)
	if rs := page.results(t); len(rs) != 50 || rs[0]["name"] != "team-200" || page.json(t)["totalCount"] != float64(250) {
		t.Fatalf("page 3: %d results, %v", len(rs), page.json(t)["totalCount"])
	}
	// Room again after a delete.
	id := e.call("GET", "/orgs/"+e.fx.OrgID+"/teams/byName/team-000", v0101, nil).json(t)["id"].(string)
	mustStatus(t, e.call("DELETE", "/orgs/"+e.fx.OrgID+"/teams/"+id, v0101, nil), 204)
	e.createTeam("one too many")
}

func TestTeams_readRenameDelete(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{Seed: 72})
	org := e.fx.OrgID
	const none = "0123456789abcdef01234567"
	id := e.createTeam("Blue / Green")
	e.createTeam("red")
	tests := []struct {
		method, path string
		body         any
		status       int
		code, name   string
	}{
		{"GET", "/orgs/" + org + "/teams/" + id, nil, 200, "", "Blue / Green"},
		{"GET", "/orgs/" + org + "/teams/byName/" + url.PathEscape("Blue / Green"), nil, 200, "", "Blue / Green"},
		{"GET", "/orgs/" + org + "/teams/byName/blue%20%2F%20green", nil, 404, "TEAM_NOT_FOUND", ""},
		{"GET", "/orgs/" + org + "/teams/" + none, nil, 404, "TEAM_NOT_FOUND", ""},
		{"GET", "/orgs/" + org + "/teams/nope", nil, 400, "INVALID_PATH_PARAMETER", ""},
		{"PATCH", "/orgs/" + org + "/teams/" + id, map[string]any{"name": "red"}, 409, "DUPLICATE_TEAM_NAME", ""},
		{"PATCH", "/orgs/" + org + "/teams/" + id, map[string]any{"name": ""}, 400, "INVALID_ATTRIBUTE", ""},
		{"PATCH", "/orgs/" + org + "/teams/" + id, map[string]any{"name": "blue", "usernames": []string{}}, 400, "INVALID_ATTRIBUTE", ""},
		{"PATCH", "/orgs/" + org + "/teams/" + none, map[string]any{"name": "x"}, 404, "TEAM_NOT_FOUND", ""},
		{"PATCH", "/orgs/" + org + "/teams/" + id, map[string]any{"name": "Blue / Green"}, 200, "", "Blue / Green"},
		{"PATCH", "/orgs/" + org + "/teams/" + id, map[string]any{"name": "blue"}, 200, "", "blue"},
		{"GET", "/orgs/" + org + "/teams/byName/blue", nil, 200, "", "blue"},
		{"GET", "/orgs/" + org + "/teams/byName/" + url.PathEscape("Blue / Green"), nil, 404, "TEAM_NOT_FOUND", ""},
		{"DELETE", "/orgs/" + org + "/teams/" + id, nil, 204, "", ""},
		{"DELETE", "/orgs/" + org + "/teams/" + id, nil, 404, "TEAM_NOT_FOUND", ""},
		{"GET", "/orgs/" + org + "/teams/byName/blue", nil, 404, "TEAM_NOT_FOUND", ""},
	}
	for i, tc := range tests {
		r := e.call(tc.method, tc.path, v0101, tc.body)
		if r.status != tc.status || (tc.code != "" && r.errorCode(t) != tc.code) || (tc.name != "" && r.json(t)["name"] != tc.name) {
			t.Fatalf("%d %s %s: %d %s", i, tc.method, tc.path, r.status, r.body)
		}
	}
}

func TestTeams_members(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{Seed: 73})
	org := e.fx.OrgID
	const none = "0123456789abcdef01234567"
	team := e.createTeam("members")
	pending := e.createOrgUser("pending@example.com", nil)["id"].(string)
	expired := e.createOrgUser("expired@example.com", nil)["id"].(string)
	e.admin("POST", "/__atlassim/users/expire", `{"username":"expired@example.com"}`)
	tests := []struct {
		op      string
		team    string
		body    any
		status  int
		code    string
		members []string
	}{
		{":addUser", team, map[string]any{"id": pending}, 200, "", []string{"pending@example.com"}},
		{":addUser", team, map[string]any{"id": pending}, 200, "", []string{"pending@example.com"}},
		{":addUser", team, map[string]any{"id": expired}, 400, "USER_NOT_IN_ORG", []string{"pending@example.com"}},
		{":addUser", team, map[string]any{"id": none}, 404, "USER_NOT_FOUND", nil},
		{":addUser", none, map[string]any{"id": pending}, 404, "TEAM_NOT_FOUND", nil},
		{":addUser", team, map[string]any{"id": "x"}, 400, "INVALID_ATTRIBUTE", nil},
		{":addUser", team, map[string]any{"username": "pending@example.com"}, 400, "MISSING_ATTRIBUTE", nil},
		{":removeUser", team, map[string]any{"id": pending}, 200, "", []string{}},
		{":removeUser", team, map[string]any{"id": pending}, 200, "", []string{}},
	}
	for i, tc := range tests {
		r := e.call("POST", "/orgs/"+org+"/teams/"+tc.team+tc.op, users, tc.body)
		if r.status != tc.status || (tc.code != "" && r.errorCode(t) != tc.code) {
			t.Fatalf("%d %s: %d %s", i, tc.op, r.status, r.body)
		}
		if tc.members != nil {
			got := field(e.call("GET", "/orgs/"+org+"/teams/"+team+"/users", users, nil).results(t), "username")
			if !slices.Equal(got, tc.members) {
				t.Errorf("%d: members %v, want %v", i, got, tc.members)
			}
		}
	}
	// The member list pages and filters like the organization's.
	for _, u := range []string{"m1@example.com", "m2@example.com", "m3@example.com"} {
		id := e.createOrgUser(u, nil)["id"].(string)
		mustStatus(t, e.call("POST", "/orgs/"+org+"/teams/"+team+":addUser", users, map[string]any{"id": id}), 200)
	}
	e.admin("POST", "/__atlassim/users/accept", `{"username":"m2@example.com"}`)
	p2 := e.call("GET", "/orgs/"+org+"/teams/"+team+"/users"+query("itemsPerPage", "2", "pageNum", "2"), users, nil)
	if got := field(p2.results(t), "username"); !slices.Equal(got, []string{"m3@example.com"}) {
		t.Errorf("page 2: %v", got)
	}
	active := e.call("GET", "/orgs/"+org+"/teams/"+team+"/users"+query("orgMembershipStatuses", "ACTIVE"), users, nil)
	if got := field(active.results(t), "username"); !slices.Equal(got, []string{"m2@example.com"}) {
		t.Errorf("active members: %v", got)
	}
	// userId, a query parameter of this list in the spec, keeps one member.
	m1 := e.createOrgUser("m4@example.com", nil)["id"].(string)
	mustStatus(t, e.call("POST", "/orgs/"+org+"/teams/"+team+":addUser", users, map[string]any{"id": m1}), 200)
	one := e.call("GET", "/orgs/"+org+"/teams/"+team+"/users"+query("userId", m1), users, nil)
	if got := field(one.results(t), "username"); !slices.Equal(got, []string{"m4@example.com"}) {
		t.Errorf("members with userId %s: %v", m1, got)
	}
	if got := field(e.call("GET", "/orgs/"+org+"/teams/"+team+"/users"+query("userId", none), users, nil).results(t), "username"); len(got) != 0 {
		t.Errorf("members with an unknown userId: %v", got)
	}
	bad := e.call("GET", "/orgs/"+org+"/teams/"+team+"/users"+query("userId", "x"), users, nil)
	if bad.status != 400 || bad.errorCode(t) != "INVALID_QUERY_PARAMETER" {
		t.Errorf("malformed userId: %d %s", bad.status, bad.body)
	}
}

// Version 2023-01-01 of a team's member list, deprecated but served until
// its sunset, lists only the active members, as CloudAppUser: what the
// official provider reads on every refresh of a team.
func TestTeams_membersInTheDeprecatedVersion(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{Seed: 75})
	org := e.fx.OrgID
	team := e.createTeam("old readers")
	for _, u := range []string{"active@example.com", "pending@example.com"} {
		id := e.createOrgUser(u, nil)["id"].(string)
		mustStatus(t, e.call("POST", "/orgs/"+org+"/teams/"+team+":addUser", users, map[string]any{"id": id}), 200)
	}
	e.admin("POST", "/__atlassim/users/accept", `{"username":"active@example.com"}`)
	current := e.call("GET", "/orgs/"+org+"/teams/"+team+"/users", users, nil)
	if got := field(current.results(t), "username"); !slices.Equal(got, []string{"active@example.com", "pending@example.com"}) {
		t.Errorf("2025-02-19 members: %v", got)
	}
	old := e.call("GET", "/orgs/"+org+"/teams/"+team+"/users", v0101, nil)
	mustStatus(t, old, 200)
	results := old.results(t)
	if got := field(results, "username"); !slices.Equal(got, []string{"active@example.com"}) {
		t.Fatalf("2023-01-01 members: %v, want the active member only", got)
	}
	u := results[0]
	if u["emailAddress"] != "active@example.com" || u["orgMembershipStatus"] != nil {
		t.Errorf("2023-01-01 member %v: want a CloudAppUser (emailAddress, no orgMembershipStatus)", u)
	}
	roles, _ := u["roles"].([]any)
	if len(roles) != 1 || roles[0].(map[string]any)["orgId"] != org || roles[0].(map[string]any)["roleName"] != "ORG_MEMBER" {
		t.Errorf("2023-01-01 member roles %v, want ORG_MEMBER in %s", roles, org)
	}
}

func TestProjectTeams(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{Seed: 74})
	g, g2 := e.fx.ProjectID, e.fx.Project2ID
	const none = "0123456789abcdef01234567"
	a, b := e.createTeam("a"), e.createTeam("b")
	tests := []struct {
		method, path string
		body         any
		status       int
		code         string
		teams        []string // the project's teams afterwards, in creation order
	}{
		{"POST", "/groups/" + g + "/teams", []map[string]any{{"teamId": b, "roleNames": []string{"GROUP_READ_ONLY"}}}, 200, "", []string{b}},
		{"POST", "/groups/" + g + "/teams", []map[string]any{{"teamId": a, "roleNames": []string{"GROUP_OWNER", "GROUP_READ_ONLY"}}, {"teamId": b, "roleNames": []string{"GROUP_DATA_ACCESS_READ_ONLY"}}}, 200, "", []string{a, b}},
		{"POST", "/groups/" + g + "/teams", []map[string]any{}, 200, "", []string{a, b}},
		{"POST", "/groups/" + g + "/teams", []map[string]any{{"teamId": a, "roleNames": []string{}}}, 400, "INVALID_ATTRIBUTE", []string{a, b}},
		{"POST", "/groups/" + g + "/teams", []map[string]any{{"teamId": a, "roleNames": []string{"ORG_OWNER"}}}, 400, "INVALID_ATTRIBUTE", nil},
		{"POST", "/groups/" + g + "/teams", []map[string]any{{"roleNames": []string{"GROUP_OWNER"}}}, 400, "MISSING_ATTRIBUTE", nil},
		{"POST", "/groups/" + g + "/teams", []map[string]any{{"teamId": a, "roleNames": []string{"GROUP_OWNER"}}, {"teamId": a, "roleNames": []string{"GROUP_OWNER"}}}, 400, "INVALID_ATTRIBUTE", nil},
		{"POST", "/groups/" + g + "/teams", map[string]any{"teamId": a, "roleNames": []string{"GROUP_OWNER"}}, 400, "INVALID_JSON", nil},
		{"POST", "/groups/" + g + "/teams", []map[string]any{{"teamId": none, "roleNames": []string{"GROUP_OWNER"}}}, 404, "TEAM_NOT_FOUND", []string{a, b}},
		{"POST", "/groups/" + none + "/teams", []map[string]any{{"teamId": a, "roleNames": []string{"GROUP_OWNER"}}}, 404, "GROUP_NOT_FOUND", nil},
		{"PATCH", "/groups/" + g + "/teams/" + a, map[string]any{"roleNames": []string{"GROUP_READ_ONLY"}}, 200, "", []string{a, b}},
		{"PATCH", "/groups/" + g + "/teams/" + a, map[string]any{"teamId": a, "roleNames": []string{"GROUP_READ_ONLY"}}, 200, "", nil},
		{"PATCH", "/groups/" + g + "/teams/" + a, map[string]any{"teamId": b, "roleNames": []string{"GROUP_READ_ONLY"}}, 400, "INVALID_ATTRIBUTE", nil},
		{"PATCH", "/groups/" + g + "/teams/" + a, map[string]any{}, 400, "MISSING_ATTRIBUTE", nil},
		{"PATCH", "/groups/" + g2 + "/teams/" + a, map[string]any{"roleNames": []string{"GROUP_READ_ONLY"}}, 404, "TEAM_NOT_FOUND", nil},
		{"GET", "/groups/" + g + "/teams/" + a, nil, 200, "", nil},
		{"GET", "/groups/" + g2 + "/teams/" + a, nil, 404, "TEAM_NOT_FOUND", nil},
		{"GET", "/groups/" + g + "/teams/" + none, nil, 404, "TEAM_NOT_FOUND", nil},
		{"DELETE", "/groups/" + g + "/teams/" + b, nil, 204, "", []string{a}},
		{"DELETE", "/groups/" + g + "/teams/" + b, nil, 404, "TEAM_NOT_FOUND", []string{a}},
	}
	for i, tc := range tests {
		r := e.call(tc.method, tc.path, v0101, tc.body)
		if r.status != tc.status || (tc.code != "" && r.errorCode(t) != tc.code) {
			t.Fatalf("%d %s %s: %d %s", i, tc.method, tc.path, r.status, r.body)
		}
		if tc.teams != nil {
			if got := field(e.call("GET", "/groups/"+g+"/teams", v0101, nil).results(t), "teamId"); !slices.Equal(got, tc.teams) {
				t.Errorf("%d: project teams %v, want %v", i, got, tc.teams)
			}
		}
	}
	got := e.call("GET", "/groups/"+g+"/teams/"+a, v0101, nil).json(t)
	if !slices.Equal(strs(got["roleNames"]), []string{"GROUP_READ_ONLY"}) {
		t.Fatalf("team a after PATCH: %v", got)
	}
	// The team still exists in the organization after leaving a project.
	mustStatus(t, e.call("GET", "/orgs/"+e.fx.OrgID+"/teams/"+b, v0101, nil), 200)
}

func TestProjectTeams_limit(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{Seed: 75})
	g := e.fx.ProjectID
	var body []map[string]any
	for i := range maxTeamsPerProject {
		body = append(body, map[string]any{"teamId": e.createTeam(fmt.Sprintf("t%d", i)), "roleNames": []string{"GROUP_READ_ONLY"}})
	}
	extra := e.createTeam("extra")
	// 101 at once: refused whole.
	over := append(slices.Clone(body), map[string]any{"teamId": extra, "roleNames": []string{"GROUP_READ_ONLY"}})
	if r := e.call("POST", "/groups/"+g+"/teams", v0101, over); r.status != 400 || r.errorCode(t) != "MAX_TEAMS_PER_GROUP_EXCEEDED" {
		t.Fatalf("101 teams: %d %s", r.status, r.body)
	}
	if n := e.call("GET", "/groups/"+g+"/teams", v0101, nil).json(t)["totalCount"]; n != float64(0) {
		t.Fatalf("a refused POST assigned %v teams", n)
	}
	mustStatus(t, e.call("POST", "/groups/"+g+"/teams", v0101, body), 200)
	// Re-assigning a team already there does not count twice.
	mustStatus(t, e.call("POST", "/groups/"+g+"/teams", v0101, body[:1]), 200)
	if r := e.call("POST", "/groups/"+g+"/teams", v0101, over[100:]); r.status != 400 || r.errorCode(t) != "MAX_TEAMS_PER_GROUP_EXCEEDED" {
		t.Fatalf("team 101: %d %s", r.status, r.body)
	}
	p := e.call("GET", "/groups/"+g+"/teams"+query("itemsPerPage", "30", "pageNum", "4"), v0101, nil)
	if rs := p.results(t); len(rs) != 10 || p.json(t)["totalCount"] != float64(100) {
		t.Fatalf("page 4: %d results", len(rs))
	}
	// The other project has room of its own.
	mustStatus(t, e.call("POST", "/groups/"+e.fx.Project2ID+"/teams", v0101, over[100:]), 200)
}

// TestTeams_deleteAssigned: Atlas refuses to delete a team still assigned to
// a project; -delete-assigned-team unassign deletes it with its roles.
func TestTeams_deleteAssigned(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		opt    DeleteAssignedTeam
		status int
		code   string
		left   float64
	}{
		{"", 400, "CANNOT_DELETE_TEAM_ASSIGNED_TO_PROJECT", 1},
		{DeleteAssignedTeamUnassigns, 204, "", 0},
	} {
		e := newEnv(t, Options{Seed: 76, DeleteAssignedTeam: tc.opt})
		team := e.createTeam("assigned", e.fx.OrgMember)
		mustStatus(t, e.call("POST", "/groups/"+e.fx.ProjectID+"/teams", v0101, []map[string]any{{"teamId": team, "roleNames": []string{"GROUP_OWNER"}}}), 200)
		r := e.call("DELETE", "/orgs/"+e.fx.OrgID+"/teams/"+team, v0101, nil)
		if r.status != tc.status || (tc.code != "" && r.errorCode(t) != tc.code) {
			t.Fatalf("%q: %d %s", tc.opt, r.status, r.body)
		}
		if n := e.call("GET", "/groups/"+e.fx.ProjectID+"/teams", v0101, nil).json(t)["totalCount"]; n != tc.left {
			t.Errorf("%q: %v teams left in the project", tc.opt, n)
		}
	}
	if _, err := New(Options{DeleteAssignedTeam: "maybe"}); err == nil {
		t.Fatal("unknown DeleteAssignedTeam accepted")
	}
}

// TestPeople_directAndTeamRolesStayApart: a person's direct project roles
// (/groups/{groupId}/users) and the roles a team grants
// (/groups/{groupId}/teams) are separate grants: the default answers never
// mix them, removing one leaves the other, and flattenTeams=true shows both.
func TestPeople_directAndTeamRolesStayApart(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{Seed: 77})
	org, g := e.fx.OrgID, e.fx.ProjectID
	both := e.createOrgUser("both@example.com", map[string]any{"roles": map[string]any{"orgRoles": []string{"ORG_MEMBER"},
		"groupRoleAssignments": []map[string]any{{"groupId": g, "groupRoles": []string{"GROUP_READ_ONLY"}}}}})["id"].(string)
	e.createOrgUser("teamonly@example.com", nil)
	team := e.createTeam("granting", "both@example.com", "teamonly@example.com")
	mustStatus(t, e.call("POST", "/groups/"+g+"/teams", v0101, []map[string]any{{"teamId": team, "roleNames": []string{"GROUP_OWNER"}}}), 200)

	roles := func(q string) map[string][]string {
		out := map[string][]string{}
		for _, u := range e.call("GET", "/groups/"+g+"/users"+q, users, nil).results(t) {
			out[u["username"].(string)] = strs(u["roles"])
		}
		return out
	}
	if got := roles(""); len(got) != 1 || !slices.Equal(got["both@example.com"], []string{"GROUP_READ_ONLY"}) {
		t.Fatalf("default project users: %v", got)
	}
	if got := roles(query("flattenTeams", "true")); len(got) != 2 || !slices.Equal(got["both@example.com"], []string{"GROUP_READ_ONLY", "GROUP_OWNER"}) ||
		!slices.Equal(got["teamonly@example.com"], []string{"GROUP_OWNER"}) {
		t.Fatalf("flattened project users: %v", got)
	}
	if u := e.call("GET", "/groups/"+g+"/users/"+both, users, nil).json(t); !slices.Equal(strs(u["roles"]), []string{"GROUP_READ_ONLY"}) {
		t.Fatalf("project user: %v", u)
	}
	ou := e.call("GET", "/orgs/"+org+"/users/"+both, users, nil).json(t)
	gra := ou["roles"].(map[string]any)["groupRoleAssignments"].([]any)
	if len(gra) != 1 || !slices.Equal(strs(gra[0].(map[string]any)["groupRoles"]), []string{"GROUP_READ_ONLY"}) || !slices.Equal(strs(ou["teamIds"]), []string{team}) {
		t.Fatalf("org user: %v", ou)
	}
	// Removing the direct grant leaves the team's, and the other way round.
	mustStatus(t, e.call("DELETE", "/groups/"+g+"/users/"+both, users, nil), 204)
	if got := roles(query("flattenTeams", "true")); !slices.Equal(got["both@example.com"], []string{"GROUP_OWNER"}) {
		t.Fatalf("after the direct grant went: %v", got)
	}
	if ou := e.call("GET", "/orgs/"+org+"/users/"+both, users, nil); ou.status != 200 || !slices.Equal(strs(ou.json(t)["teamIds"]), []string{team}) {
		t.Fatalf("a pending org invitee left the organization with their last project: %d %s", ou.status, ou.body)
	}
	mustStatus(t, e.call("POST", "/groups/"+g+"/users", users, map[string]any{"username": "both@example.com", "roles": []string{"GROUP_READ_ONLY"}}), 201)
	mustStatus(t, e.call("DELETE", "/groups/"+g+"/teams/"+team, v0101, nil), 204)
	if got := roles(query("flattenTeams", "true")); len(got) != 1 || !slices.Equal(got["both@example.com"], []string{"GROUP_READ_ONLY"}) {
		t.Fatalf("after the team grant went: %v", got)
	}
}
