package atlassim

import (
	"strings"
	"testing"
)

func TestCustomRole_validation(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{Seed: 64})
	roles := "/groups/" + e.fx.ProjectID + "/customDBRoles/roles"
	find := func(res ...map[string]any) []map[string]any {
		return []map[string]any{{"action": "FIND", "resources": res}}
	}
	db := map[string]any{"db": "sales"}
	mustStatus(t, e.call("POST", roles, v0101, map[string]any{"roleName": "base", "actions": find(db)}), 202)
	tests := map[string]struct {
		body   map[string]any
		status int
		code   string
	}{
		"actions only":          {map[string]any{"roleName": "a1", "actions": find(db)}, 202, ""},
		"inherited roles only":  {map[string]any{"roleName": "a2", "inheritedRoles": []map[string]any{{"role": "read", "db": "sales"}}}, 202, ""},
		"inherits a custom one": {map[string]any{"roleName": "a3", "inheritedRoles": []map[string]any{{"role": "base", "db": "admin"}}}, 202, ""},
		"cluster resource":      {map[string]any{"roleName": "a4", "actions": []map[string]any{{"action": "LIST_DATABASES", "resources": []map[string]any{{"cluster": true}}}}}, 202, ""},
		"nothing granted":       {map[string]any{"roleName": "n1"}, 400, "ATLAS_CUSTOM_ROLE_HAS_NO_PERMISSIONS"},
		"bad name":              {map[string]any{"roleName": "has space", "actions": find(db)}, 400, "ATLAS_CUSTOM_ROLE_INVALID_NAME"},
		"reserved prefix":       {map[string]any{"roleName": "xgen-x", "actions": find(db)}, 400, "ATLAS_RESERVED_CUSTOM_ROLE_RESTRICTED"},
		"built-in name":         {map[string]any{"roleName": "readWrite", "actions": find(db)}, 400, "ATLAS_INVALID_CUSTOM_ROLE_RESTRICTED"},
		"unknown action":        {map[string]any{"roleName": "n2", "actions": []map[string]any{{"action": "FLY", "resources": []map[string]any{db}}}}, 400, "INVALID_ENUM_VALUE"},
		"action twice":          {map[string]any{"roleName": "n3", "actions": append(find(db), find(map[string]any{"db": "other"})...)}, 400, "ATLAS_DUPLICATE_CUSTOM_ROLE_ACTION"},
		"resource twice":        {map[string]any{"roleName": "n4", "actions": find(db, db)}, 400, "ATLAS_DUPLICATE_CUSTOM_ROLE_RESOURCE"},
		"resource without db":   {map[string]any{"roleName": "n5", "actions": find(map[string]any{"collection": "c"})}, 400, "ATLAS_INVALID_RESOURCE"},
		"no resources":          {map[string]any{"roleName": "n6", "actions": []map[string]any{{"action": "FIND", "resources": []any{}}}}, 400, "ATLAS_INVALID_RESOURCE"},
		"inherits itself":       {map[string]any{"roleName": "n7", "inheritedRoles": []map[string]any{{"role": "n7", "db": "admin"}}}, 400, "ATLAS_INVALID_CUSTOM_ROLE_SELF_REFERENTIAL"},
		"inherits unknown":      {map[string]any{"roleName": "n8", "inheritedRoles": []map[string]any{{"role": "ghost", "db": "admin"}}}, 400, "ATLAS_INVALID_CUSTOM_ROLE_INHERITANCE"},
		"admin role elsewhere":  {map[string]any{"roleName": "n9", "inheritedRoles": []map[string]any{{"role": "readAnyDatabase", "db": "sales"}}}, 400, "ATLAS_INVALID_CUSTOM_ROLE_INHERITED_SCOPE"},
		"inherited twice":       {map[string]any{"roleName": "n10", "inheritedRoles": []map[string]any{{"role": "read", "db": "s"}, {"role": "read", "db": "s"}}}, 400, "INVALID_ATTRIBUTE"},
		"same name":             {map[string]any{"roleName": "base", "actions": find(db)}, 409, "ATLAS_CUSTOM_ROLE_NAME_ALREADY_EXISTS"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			r := e.call("POST", roles, v0101, tc.body)
			mustStatus(t, r, tc.status)
			if tc.code != "" && r.errorCode(t) != tc.code {
				t.Fatalf("errorCode %s, want %s: %s", r.errorCode(t), tc.code, r.body)
			}
		})
	}
}

// Actions are answered in an order of Atlas's, not the order sent, and a
// circular inheritance made by PATCH is refused.
func TestCustomRole_orderAndCycles(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{Seed: 65})
	roles := "/groups/" + e.fx.ProjectID + "/customDBRoles/roles"
	r := e.call("POST", roles, v0101, map[string]any{"roleName": "a", "actions": []map[string]any{
		{"action": "UPDATE", "resources": []map[string]any{{"db": "z"}, {"db": "b"}}},
		{"action": "FIND", "resources": []map[string]any{{"db": "s"}}},
	}})
	mustStatus(t, r, 202)
	if s := string(r.body); strings.Index(s, "FIND") > strings.Index(s, "UPDATE") || strings.Index(s, `"db":"b"`) > strings.Index(s, `"db":"z"`) {
		t.Fatalf("answer not in Atlas's order: %s", s)
	}
	mustStatus(t, e.call("POST", roles, v0101, map[string]any{"roleName": "b", "inheritedRoles": []map[string]any{{"role": "a", "db": "admin"}}}), 202)
	r = e.call("PATCH", roles+"/a", v0101, map[string]any{"inheritedRoles": []map[string]any{{"role": "b", "db": "admin"}}})
	if r.status != 400 || r.errorCode(t) != "ATLAS_INVALID_CUSTOM_ROLE_CIRCULAR_DEPENDENCY" {
		t.Fatalf("a cycle: %d %s", r.status, r.body)
	}
}

// A role a user holds alone, or a role that is another role's only grant,
// cannot be deleted; a role held beside others is deleted and taken from
// its holders.
func TestCustomRole_deleteWhileInUse(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{Seed: 66})
	g := e.fx.ProjectID
	roles := "/groups/" + g + "/customDBRoles/roles"
	users := "/groups/" + g + "/databaseUsers"
	mustStatus(t, e.call("POST", roles, v0101, map[string]any{"roleName": "held", "actions": []map[string]any{{"action": "FIND", "resources": []map[string]any{{"db": "s"}}}}}), 202)
	heldOnly := []map[string]any{{"roleName": "held", "databaseName": "admin"}}
	mustStatus(t, e.call("POST", users, v0101, dbUser(g, func(m map[string]any) { m["username"] = "alone"; m["roles"] = heldOnly })), 201)
	mustStatus(t, e.call("POST", users, v0101, dbUser(g, func(m map[string]any) {
		m["username"] = "beside"
		m["roles"] = append(heldOnly, map[string]any{"roleName": "read", "databaseName": "s"})
	})), 201)
	r := e.call("DELETE", roles+"/held", v0101, nil)
	if r.status != 409 || r.errorCode(t) != "ATLAS_CUSTOM_ROLE_IN_USE_BY_USERS" || !strings.Contains(r.json(t)["detail"].(string), "alone") || strings.Contains(r.json(t)["detail"].(string), "beside") {
		t.Fatalf("delete of a role a user holds alone: %d %s", r.status, r.body)
	}
	mustStatus(t, e.call("DELETE", users+"/admin/alone", v0101, nil), 204)
	mustStatus(t, e.call("POST", roles, v0101, map[string]any{"roleName": "child", "inheritedRoles": []map[string]any{{"role": "held", "db": "admin"}}}), 202)
	if r := e.call("DELETE", roles+"/held", v0101, nil); r.status != 409 || r.errorCode(t) != "ATLAS_CUSTOM_ROLE_IN_USE_BY_ROLES" {
		t.Fatalf("delete of a role another role only inherits: %d %s", r.status, r.body)
	}
	mustStatus(t, e.call("DELETE", roles+"/child", v0101, nil), 204)
	mustStatus(t, e.call("DELETE", roles+"/held", v0101, nil), 204)
	r = e.call("GET", users+"/admin/beside", v0101, nil)
	mustStatus(t, r, 200)
	if got := r.json(t)["roles"].([]any); len(got) != 1 || got[0].(map[string]any)["roleName"] != "read" {
		t.Fatalf("the user who held the role beside read has roles %v", got)
	}
}

// A custom role write that arrives while another write to the same
// project's roles is in flight is refused with a 500 and changes nothing,
// as Atlas is observed to answer concurrent custom role changes; another
// project is not affected.
func TestCustomRole_concurrentWritesRefused(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{Seed: 66})
	g, g2 := e.fx.ProjectID, e.fx.Project2ID
	roles := func(group string) string { return "/groups/" + group + "/customDBRoles/roles" }
	body := func(name string) map[string]any {
		return map[string]any{"roleName": name, "actions": []map[string]any{{"action": "FIND", "resources": []map[string]any{{"db": "sales"}}}}}
	}
	mustStatus(t, e.call("POST", roles(g), v0101, body("kept")), 202)
	var during []response
	e.srv.SetCustomRoleWriteHook(func(groupID string) {
		if groupID != g || during != nil {
			return
		}
		during = append(during,
			e.call("POST", roles(g), v0101, body("second")),
			e.call("PATCH", roles(g)+"/kept", v0101, map[string]any{"inheritedRoles": []map[string]any{{"role": "read", "db": "x"}}}),
			e.call("DELETE", roles(g)+"/kept", v0101, nil),
			e.call("POST", roles(g2), v0101, body("elsewhere")))
	})
	mustStatus(t, e.call("POST", roles(g), v0101, body("first")), 202)
	e.srv.SetCustomRoleWriteHook(nil)
	if len(during) != 4 {
		t.Fatalf("hook sent %d writes, want 4", len(during))
	}
	for i, what := range []string{"POST", "PATCH", "DELETE"} {
		mustStatus(t, during[i], 500)
		if code := during[i].errorCode(t); code != "UNEXPECTED_ERROR" {
			t.Errorf("concurrent %s errorCode %q, want UNEXPECTED_ERROR", what, code)
		}
	}
	mustStatus(t, during[3], 202) // another project is not affected
	mustStatus(t, e.call("GET", roles(g)+"/second", v0101, nil), 404)
	kept := e.call("GET", roles(g)+"/kept", v0101, nil)
	mustStatus(t, kept, 200)
	if strings.Contains(string(kept.body), `"x"`) {
		t.Errorf("refused PATCH changed the role: %s", kept.body)
	}
	// Once the first write is answered, the same write goes through.
	mustStatus(t, e.call("POST", roles(g), v0101, body("second")), 202)
}
