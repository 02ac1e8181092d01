package atlassim

import (
	"maps"
	"slices"
	"testing"
	"time"
)

// peopleOperations are the organization-user, team, team-member and team
// project-role operations (issue 26), by spec path.
var peopleOperations = []string{
	"GET " + apiPrefix + "/orgs/{orgId}/users",
	"POST " + apiPrefix + "/orgs/{orgId}/users",
	"GET " + apiPrefix + "/orgs/{orgId}/users/{userId}",
	"PATCH " + apiPrefix + "/orgs/{orgId}/users/{userId}",
	"DELETE " + apiPrefix + "/orgs/{orgId}/users/{userId}",
	"POST " + apiPrefix + "/orgs/{orgId}/users/{userId}:addRole",
	"POST " + apiPrefix + "/orgs/{orgId}/users/{userId}:removeRole",
	"GET " + apiPrefix + "/orgs/{orgId}/teams",
	"POST " + apiPrefix + "/orgs/{orgId}/teams",
	"GET " + apiPrefix + "/orgs/{orgId}/teams/{teamId}",
	"PATCH " + apiPrefix + "/orgs/{orgId}/teams/{teamId}",
	"DELETE " + apiPrefix + "/orgs/{orgId}/teams/{teamId}",
	"GET " + apiPrefix + "/orgs/{orgId}/teams/byName/{teamName}",
	"GET " + apiPrefix + "/orgs/{orgId}/teams/{teamId}/users",
	"POST " + apiPrefix + "/orgs/{orgId}/teams/{teamId}:addUser",
	"POST " + apiPrefix + "/orgs/{orgId}/teams/{teamId}:removeUser",
	"GET " + apiPrefix + "/groups/{groupId}/teams",
	"POST " + apiPrefix + "/groups/{groupId}/teams",
	"GET " + apiPrefix + "/groups/{groupId}/teams/{teamId}",
	"PATCH " + apiPrefix + "/groups/{groupId}/teams/{teamId}",
	"DELETE " + apiPrefix + "/groups/{groupId}/teams/{teamId}",
}

// TestContract_everyPeopleOperation sends every people operation in success
// and in its own errors, then with a bad Accept, a rate limit, a server
// error and rejected credentials, and checks each answer against the
// contract (see TestContract_everyProviderOperation).
func TestContract_everyPeopleOperation(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{Seed: 52, InviteRateLimit: 1, InviteRateWindow: time.Hour})
	g, org := e.fx.ProjectID, e.fx.OrgID
	const none = "0123456789abcdef01234567"
	created := e.call("POST", "/orgs/"+org+"/users", users, map[string]any{
		"username": "contract.person@example.com",
		"roles":    map[string]any{"orgRoles": []string{"ORG_MEMBER"}, "groupRoleAssignments": []map[string]any{{"groupId": g, "groupRoles": []string{"GROUP_READ_ONLY"}}}},
	})
	mustStatus(t, created, 201)
	uid := created.json(t)["id"].(string)
	team := e.call("POST", "/orgs/"+org+"/teams", v0101, map[string]any{"name": "contract", "usernames": []string{e.fx.OrgMember}})
	mustStatus(t, team, 200)
	tid := team.json(t)["id"].(string)
	doomed := e.call("POST", "/orgs/"+org+"/teams", v0101, map[string]any{"name": "doomed", "usernames": []string{}})
	mustStatus(t, doomed, 200)
	doomedID := doomed.json(t)["id"].(string)
	orgRole := map[string]any{"orgRole": "ORG_READ_ONLY"}
	member := map[string]any{"id": uid}
	teamRoles := []map[string]any{{"teamId": tid, "roleNames": []string{"GROUP_READ_ONLY"}}}

	type call struct {
		method, path, accept string
		body                 any
		status               int
	}
	calls := []call{
		{"GET", "/orgs/" + org + "/users", users, nil, 200},
		{"GET", "/orgs/" + org + "/users?orgMembershipStatuses=NOPE", users, nil, 400},
		{"GET", "/orgs/" + none + "/users", users, nil, 404},
		{"POST", "/orgs/" + org + "/users", users, map[string]any{"username": "contract.person@example.com", "roles": map[string]any{"orgRoles": []string{"ORG_MEMBER"}}}, 409},
		{"POST", "/orgs/" + org + "/users", users, map[string]any{"username": "x@example.com", "roles": map[string]any{"orgRoles": []string{}}}, 400},
		{"POST", "/orgs/" + org + "/users", users, map[string]any{"username": "x@example.com", "roles": map[string]any{"orgRoles": []string{"ORG_MEMBER"}}, "teamIds": []string{none}}, 404},
		{"GET", "/orgs/" + org + "/users/" + uid, users, nil, 200},
		{"GET", "/orgs/" + org + "/users/" + none, users, nil, 404},
		{"PATCH", "/orgs/" + org + "/users/" + uid, users, map[string]any{"teamIds": []string{tid}}, 200},
		{"PATCH", "/orgs/" + org + "/users/" + uid, users, map[string]any{"roles": map[string]any{}}, 400},
		{"PATCH", "/orgs/" + org + "/users/" + none, users, map[string]any{"teamIds": []string{}}, 404},
		{"POST", "/orgs/" + org + "/users/" + uid + ":addRole", users, orgRole, 200},
		{"POST", "/orgs/" + org + "/users/" + uid + ":addRole", users, map[string]any{"orgRole": "GROUP_OWNER"}, 400},
		{"POST", "/orgs/" + org + "/users/" + none + ":addRole", users, orgRole, 404},
		{"POST", "/orgs/" + org + "/users/" + uid + ":removeRole", users, orgRole, 200},
		{"POST", "/orgs/" + org + "/users/" + uid + ":removeRole", users, map[string]any{"orgRole": "ORG_MEMBER"}, 400},
		{"POST", "/orgs/" + org + "/users/" + none + ":removeRole", users, orgRole, 404},
		{"GET", "/orgs/" + org + "/teams", v0101, nil, 200},
		{"GET", "/orgs/" + org + "/teams?itemsPerPage=0", v0101, nil, 400},
		{"GET", "/orgs/" + none + "/teams", v0101, nil, 404},
		{"POST", "/orgs/" + org + "/teams", v0101, map[string]any{"name": "contract", "usernames": []string{}}, 409},
		{"POST", "/orgs/" + org + "/teams", v0101, map[string]any{"name": "no usernames"}, 400},
		{"POST", "/orgs/" + none + "/teams", v0101, map[string]any{"name": "n", "usernames": []string{}}, 404},
		{"GET", "/orgs/" + org + "/teams/" + tid, v0101, nil, 200},
		{"GET", "/orgs/" + org + "/teams/" + none, v0101, nil, 404},
		{"GET", "/orgs/" + org + "/teams/byName/contract", v0101, nil, 200},
		{"GET", "/orgs/" + org + "/teams/byName/nobody", v0101, nil, 404},
		{"PATCH", "/orgs/" + org + "/teams/" + tid, v0101, map[string]any{"name": "contract"}, 200},
		{"PATCH", "/orgs/" + org + "/teams/" + tid, v0101, map[string]any{"name": "doomed"}, 409},
		{"PATCH", "/orgs/" + org + "/teams/" + tid, v0101, map[string]any{}, 400},
		{"PATCH", "/orgs/" + org + "/teams/" + none, v0101, map[string]any{"name": "x"}, 404},
		{"GET", "/orgs/" + org + "/teams/" + tid + "/users", users, nil, 200},
		{"GET", "/orgs/" + org + "/teams/" + tid + "/users", v0101, nil, 200},
		{"GET", "/orgs/" + org + "/teams/" + none + "/users", v0101, nil, 404},
		{"GET", "/orgs/" + org + "/teams/" + tid + "/users?pageNum=0", users, nil, 400},
		{"GET", "/orgs/" + org + "/teams/" + none + "/users", users, nil, 404},
		{"POST", "/orgs/" + org + "/teams/" + tid + ":addUser", users, member, 200},
		{"POST", "/orgs/" + org + "/teams/" + tid + ":addUser", users, map[string]any{"id": "x"}, 400},
		{"POST", "/orgs/" + org + "/teams/" + none + ":addUser", users, member, 404},
		{"POST", "/orgs/" + org + "/teams/" + tid + ":removeUser", users, member, 200},
		{"POST", "/orgs/" + org + "/teams/" + tid + ":removeUser", users, map[string]any{}, 400},
		{"POST", "/orgs/" + org + "/teams/" + tid + ":removeUser", users, map[string]any{"id": none}, 404},
		{"POST", "/groups/" + g + "/teams", v0101, teamRoles, 200},
		{"POST", "/groups/" + g + "/teams", v0101, []map[string]any{{"teamId": tid}}, 400},
		{"POST", "/groups/" + g + "/teams", v0101, []map[string]any{{"teamId": none, "roleNames": []string{"GROUP_OWNER"}}}, 404},
		{"GET", "/groups/" + g + "/teams", v0101, nil, 200},
		{"GET", "/groups/" + g + "/teams?itemsPerPage=501", v0101, nil, 400},
		{"GET", "/groups/" + none + "/teams", v0101, nil, 404},
		{"GET", "/groups/" + g + "/teams/" + tid, v0101, nil, 200},
		{"GET", "/groups/" + g + "/teams/" + doomedID, v0101, nil, 404},
		{"PATCH", "/groups/" + g + "/teams/" + tid, v0101, map[string]any{"roleNames": []string{"GROUP_OWNER"}}, 200},
		{"PATCH", "/groups/" + g + "/teams/" + tid, v0101, map[string]any{"roleNames": []string{"NOPE"}}, 400},
		{"PATCH", "/groups/" + g + "/teams/" + doomedID, v0101, map[string]any{"roleNames": []string{"GROUP_OWNER"}}, 404},
		{"DELETE", "/orgs/" + org + "/teams/" + tid, v0101, nil, 400},
		{"DELETE", "/groups/" + g + "/teams/" + tid, v0101, nil, 204},
		{"DELETE", "/groups/" + g + "/teams/" + tid, v0101, nil, 404},
		{"DELETE", "/orgs/" + org + "/teams/" + doomedID, v0101, nil, 204},
		{"DELETE", "/orgs/" + org + "/teams/" + doomedID, v0101, nil, 404},
		{"DELETE", "/orgs/" + org + "/users/" + uid, users, nil, 204},
		{"DELETE", "/orgs/" + org + "/users/" + uid, users, nil, 404},
	}
	for _, c := range calls {
		mustStatus(t, e.call(c.method, c.path, c.accept, c.body), c.status)
	}
	for _, fault := range []string{"429=1", "500=1"} {
		if err := e.srv.SetFaults(fault); err != nil {
			t.Fatal(err)
		}
		want := map[string]int{"429=1": 429, "500=1": 500}[fault]
		for _, c := range calls {
			mustStatus(t, e.call(c.method, c.path, c.accept, c.body), want)
		}
	}
	if err := e.srv.SetFaults(""); err != nil {
		t.Fatal(err)
	}
	for _, c := range calls {
		mustStatus(t, e.call(c.method, c.path, "application/json", c.body), 406)
		mustStatus(t, e.callWith(e.client, "Bearer nope", c.method, c.path, c.accept, c.body), 401)
	}
	for _, op := range peopleOperations {
		seen := e.seen.statuses(op)
		var ok, failed bool
		for s := range seen {
			ok = ok || s < 300
			failed = failed || (s >= 400 && s != 401 && s != 406 && s != 429 && s != 500)
		}
		if !ok || !failed || !seen[401] || !seen[406] || !seen[429] || !seen[500] {
			t.Errorf("%s: checked statuses %v; want a success, its own errors and 401, 406, 429, 500", op, slices.Sorted(maps.Keys(seen)))
		}
	}
}
