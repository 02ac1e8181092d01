package atlassim

import (
	"maps"
	"slices"
	"testing"
)

// databaseAccessOperations are the database-user and custom-role operations
// (issue 27), by spec path.
var databaseAccessOperations = []string{
	"GET " + apiPrefix + "/groups/{groupId}/databaseUsers",
	"POST " + apiPrefix + "/groups/{groupId}/databaseUsers",
	"GET " + apiPrefix + "/groups/{groupId}/databaseUsers/{databaseName}/{username}",
	"PATCH " + apiPrefix + "/groups/{groupId}/databaseUsers/{databaseName}/{username}",
	"DELETE " + apiPrefix + "/groups/{groupId}/databaseUsers/{databaseName}/{username}",
	"GET " + apiPrefix + "/groups/{groupId}/customDBRoles/roles",
	"POST " + apiPrefix + "/groups/{groupId}/customDBRoles/roles",
	"GET " + apiPrefix + "/groups/{groupId}/customDBRoles/roles/{roleName}",
	"PATCH " + apiPrefix + "/groups/{groupId}/customDBRoles/roles/{roleName}",
	"DELETE " + apiPrefix + "/groups/{groupId}/customDBRoles/roles/{roleName}",
}

// TestContract_everyDatabaseAccessOperation sends every database-user and
// custom-role operation in success and in its own errors, then with a bad
// Accept, a rate limit, a server error and rejected credentials, and checks
// each answer against the contract (see TestContract_everyProviderOperation).
func TestContract_everyDatabaseAccessOperation(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{Seed: 53})
	g := e.fx.ProjectID
	const none = "0123456789abcdef01234567"
	const arn = "arn:aws:iam::123456789012:role/app/reader"
	users := "/groups/" + g + "/databaseUsers"
	roles := "/groups/" + g + "/customDBRoles/roles"
	appUser := map[string]any{
		"groupId": g, "databaseName": "admin", "username": "app", "password": "s3cret-pass",
		"roles":       []map[string]any{{"roleName": "readWrite", "databaseName": "sales", "collectionName": "orders"}},
		"scopes":      []map[string]any{{"name": "Cluster0", "type": "CLUSTER"}},
		"labels":      []map[string]any{{"key": "team", "value": "sales"}},
		"description": "the application",
	}
	iamUser := map[string]any{
		"groupId": g, "databaseName": "$external", "username": arn, "awsIAMType": "ROLE",
		"roles": []map[string]any{{"roleName": "reporting", "databaseName": "admin"}},
	}
	reporting := map[string]any{
		"roleName": "reporting",
		"actions":  []map[string]any{{"action": "FIND", "resources": []map[string]any{{"db": "sales", "collection": ""}}}},
	}
	inheritOnly := map[string]any{"roleName": "readers", "inheritedRoles": []map[string]any{{"role": "read", "db": "sales"}}}
	mustStatus(t, e.call("POST", roles, v0101, reporting), 202)
	mustStatus(t, e.call("POST", users, v0101, appUser), 201)
	iamPath := users + "/$external/arn:aws:iam::123456789012:role%2Fapp%2Freader"

	type call struct {
		method, path string
		body         any
		status       int
	}
	calls := []call{
		{"POST", roles, inheritOnly, 202},
		{"POST", roles, reporting, 409},
		{"POST", roles, map[string]any{"roleName": "nothing"}, 400},
		{"POST", "/groups/" + none + "/customDBRoles/roles", reporting, 404},
		{"GET", roles, nil, 200},
		{"GET", "/groups/" + none + "/customDBRoles/roles", nil, 404},
		{"GET", roles + "/reporting", nil, 200},
		{"GET", roles + "/nobody", nil, 404},
		{"PATCH", roles + "/readers", map[string]any{"inheritedRoles": []map[string]any{{"role": "readWrite", "db": "sales"}}}, 200},
		{"PATCH", roles + "/readers", map[string]any{"actions": []map[string]any{{"action": "NOPE", "resources": []map[string]any{{"cluster": true}}}}}, 400},
		{"PATCH", roles + "/nobody", map[string]any{"actions": []map[string]any{}}, 404},
		{"POST", users, iamUser, 201},
		{"POST", users, iamUser, 409},
		{"POST", users, map[string]any{"groupId": g, "databaseName": "admin", "username": "short", "password": "short", "roles": []map[string]any{{"roleName": "read", "databaseName": "x"}}}, 400},
		{"POST", "/groups/" + none + "/databaseUsers", appUser, 404},
		{"GET", users, nil, 200},
		{"GET", users + "?itemsPerPage=0", nil, 400},
		{"GET", "/groups/" + none + "/databaseUsers", nil, 404},
		{"GET", iamPath, nil, 200},
		{"GET", users + "/admin/nobody", nil, 404},
		{"PATCH", users + "/admin/app", map[string]any{"password": "rotated-pass", "scopes": []map[string]any{}}, 200},
		{"PATCH", users + "/admin/app", map[string]any{"password": "short"}, 400},
		{"PATCH", users + "/admin/app", map[string]any{"x509Type": "MANAGED"}, 409},
		{"PATCH", users + "/admin/nobody", map[string]any{"description": "x"}, 404},
		{"DELETE", roles + "/reporting", nil, 409},
		{"DELETE", iamPath, nil, 204},
		{"DELETE", iamPath, nil, 404},
		{"DELETE", roles + "/reporting", nil, 204},
		{"DELETE", roles + "/reporting", nil, 404},
	}
	for _, c := range calls {
		mustStatus(t, e.call(c.method, c.path, v0101, c.body), c.status)
	}
	for fault, want := range map[string]int{"429=1": 429, "500=1": 500} {
		if err := e.srv.SetFaults(fault); err != nil {
			t.Fatal(err)
		}
		for _, c := range calls {
			mustStatus(t, e.call(c.method, c.path, v0101, c.body), want)
		}
	}
	if err := e.srv.SetFaults(""); err != nil {
		t.Fatal(err)
	}
	for _, c := range calls {
		mustStatus(t, e.call(c.method, c.path, "application/json", c.body), 406)
		mustStatus(t, e.callWith(e.client, "Bearer nope", c.method, c.path, v0101, c.body), 401)
	}
	for _, op := range databaseAccessOperations {
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
