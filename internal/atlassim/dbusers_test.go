package atlassim

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

// dbUser is a valid password user's create body, changed by edit.
func dbUser(g string, edit func(m map[string]any)) map[string]any {
	m := map[string]any{
		"groupId": g, "databaseName": "admin", "username": "app", "password": "a-password",
		"roles": []map[string]any{{"roleName": "readWrite", "databaseName": "sales"}},
	}
	if edit != nil {
		edit(m)
	}
	return m
}

func TestDatabaseUser_createValidation(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{Seed: 61})
	g := e.fx.ProjectID
	mustStatus(t, e.call("POST", "/groups/"+g+"/customDBRoles/roles", v0101, map[string]any{"roleName": "custom", "inheritedRoles": []map[string]any{{"role": "read", "db": "sales"}}}), 202)
	role := func(name, db string) []map[string]any {
		return []map[string]any{{"roleName": name, "databaseName": db}}
	}
	tests := map[string]struct {
		edit   func(m map[string]any)
		status int
		code   string
	}{
		"password user":              {nil, 201, ""},
		"no groupId":                 {func(m map[string]any) { delete(m, "groupId") }, 400, "MISSING_ATTRIBUTE"},
		"other project in body":      {func(m map[string]any) { m["groupId"] = e.fx.Project2ID }, 400, "GROUP_MISMATCH"},
		"no roles":                   {func(m map[string]any) { delete(m, "roles") }, 400, "MISSING_ATTRIBUTE"},
		"empty roles":                {func(m map[string]any) { m["roles"] = []any{} }, 400, "INVALID_ATTRIBUTE"},
		"short password":             {func(m map[string]any) { m["password"] = "1234567" }, 400, "INVALID_ATTRIBUTE"},
		"no password":                {func(m map[string]any) { delete(m, "password") }, 400, "MISSING_ATTRIBUTE"},
		"username too long":          {func(m map[string]any) { m["username"] = strings.Repeat("u", 1025) }, 400, "INVALID_ATTRIBUTE"},
		"username of 1024":           {func(m map[string]any) { m["username"] = strings.Repeat("u", 1024) }, 201, ""},
		"description of 101":         {func(m map[string]any) { m["description"] = strings.Repeat("d", 101) }, 400, "INVALID_ATTRIBUTE"},
		"password user on $external": {func(m map[string]any) { m["databaseName"] = "$external" }, 400, "DATABASE_NAME_INVALID_ADMIN"},
		"x509 on admin":              {func(m map[string]any) { delete(m, "password"); m["x509Type"] = "MANAGED"; m["username"] = "CN=x" }, 400, "DATABASE_NAME_INVALID_EXTERNAL"},
		"x509 with a password":       {func(m map[string]any) { m["x509Type"] = "MANAGED"; m["databaseName"] = "$external" }, 400, "ATLAS_X509_USER_CANNOT_USE_SCRAM"},
		"aws iam with a password":    {func(m map[string]any) { m["awsIAMType"] = "USER"; m["databaseName"] = "$external" }, 400, "ATLAS_INVALID_AUTH_SETTINGS"},
		"x509 and ldap":              {func(m map[string]any) { delete(m, "password"); m["x509Type"] = "CUSTOMER"; m["ldapAuthType"] = "USER" }, 400, "ATLAS_X509_USER_CANNOT_USE_LDAP"},
		"aws iam and oidc":           {func(m map[string]any) { delete(m, "password"); m["awsIAMType"] = "USER"; m["oidcAuthType"] = "USER" }, 400, "ATLAS_INVALID_AUTH_SETTINGS"},
		"unknown x509Type":           {func(m map[string]any) { m["x509Type"] = "SELF" }, 400, "INVALID_ATTRIBUTE"},
		"aws arn of the wrong kind": {func(m map[string]any) {
			delete(m, "password")
			m["databaseName"] = "$external"
			m["awsIAMType"] = "USER"
			m["username"] = "arn:aws:iam::123456789012:role/r"
		}, 400, "ATLAS_INVALID_USERNAME"},
		"aws user": {func(m map[string]any) {
			delete(m, "password")
			m["databaseName"] = "$external"
			m["awsIAMType"] = "USER"
			m["username"] = "arn:aws:iam::123456789012:user/a/b"
		}, 201, ""},
		"managed x509 with an OU": {func(m map[string]any) {
			delete(m, "password")
			m["databaseName"] = "$external"
			m["x509Type"] = "MANAGED"
			m["username"] = "CN=a,OU=b"
		}, 400, "ATLAS_MANAGED_X509_NAME_INVALID"},
		"customer x509 without CN": {func(m map[string]any) {
			delete(m, "password")
			m["databaseName"] = "$external"
			m["x509Type"] = "CUSTOMER"
			m["username"] = "OU=b,DC=c"
		}, 400, "ATLAS_INVALID_USERNAME"},
		"ldap user not a DN": {func(m map[string]any) {
			delete(m, "password")
			m["databaseName"] = "$external"
			m["ldapAuthType"] = "USER"
			m["username"] = "dana"
		}, 400, "ATLAS_INVALID_LDAP_NAME"},
		"ldap group on admin": {func(m map[string]any) {
			delete(m, "password")
			m["ldapAuthType"] = "GROUP"
			m["username"] = "CN=g,DC=c"
		}, 201, ""},
		"oidc workload bad name": {func(m map[string]any) {
			delete(m, "password")
			m["databaseName"] = "$external"
			m["oidcAuthType"] = "USER"
			m["username"] = "nope"
		}, 400, "ATLAS_INVALID_USERNAME"},
		"admin-only role elsewhere": {func(m map[string]any) { m["roles"] = role("readWriteAnyDatabase", "sales") }, 400, "ATLAS_INVALID_ROLE_DATABASE"},
		"unknown role":              {func(m map[string]any) { m["roles"] = role("superuser", "admin") }, 400, "ATLAS_INVALID_ROLE"},
		"custom role not on admin":  {func(m map[string]any) { m["roles"] = role("custom", "sales") }, 400, "UNSUPPORTED_ROLE"},
		"custom role on admin":      {func(m map[string]any) { m["username"] = "c"; m["roles"] = role("custom", "admin") }, 201, ""},
		"collection on dbAdmin": {func(m map[string]any) {
			m["roles"] = []map[string]any{{"roleName": "dbAdmin", "databaseName": "s", "collectionName": "c"}}
		}, 400, "INVALID_ATTRIBUTE"},
		"same role twice":             {func(m map[string]any) { m["roles"] = append(role("read", "s"), role("read", "s")...) }, 400, "DUPLICATE_DATABASE_ROLES"},
		"scope with a bad name":       {func(m map[string]any) { m["scopes"] = []map[string]any{{"name": "-x", "type": "CLUSTER"}} }, 400, "INVALID_ATTRIBUTE"},
		"scope of unknown type":       {func(m map[string]any) { m["scopes"] = []map[string]any{{"name": "x", "type": "SERVERLESS"}} }, 400, "INVALID_ATTRIBUTE"},
		"deleteAfterDate in the past": {func(m map[string]any) { m["deleteAfterDate"] = "2001-01-01T00:00:00Z" }, 400, "INVALID_ATTRIBUTE"},
		"unknown field":               {func(m map[string]any) { m["mechanism"] = "SCRAM" }, 400, "INVALID_ATTRIBUTE"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			body := dbUser(g, tc.edit)
			if tc.status == 201 && body["username"] == "app" {
				body["username"] = "user-" + strings.ReplaceAll(name, " ", "-")
			}
			r := e.call("POST", "/groups/"+g+"/databaseUsers", v0101, body)
			mustStatus(t, r, tc.status)
			if tc.code != "" && r.errorCode(t) != tc.code {
				t.Fatalf("errorCode %s, want %s: %s", r.errorCode(t), tc.code, r.body)
			}
			if strings.Contains(string(r.body), "a-password") {
				t.Fatalf("the answer holds the password: %s", r.body)
			}
		})
	}
}

func TestDatabaseUser_duplicateNotFoundAndRotation(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{Seed: 62})
	g := e.fx.ProjectID
	users := "/groups/" + g + "/databaseUsers"
	mustStatus(t, e.call("POST", users, v0101, dbUser(g, nil)), 201)
	if r := e.call("POST", users, v0101, dbUser(g, nil)); r.status != http.StatusConflict || r.errorCode(t) != "USER_ALREADY_EXISTS" {
		t.Fatalf("second create: %d %s", r.status, r.body)
	}
	if r := e.call("GET", users+"/$external/app", v0101, nil); r.status != 404 || r.errorCode(t) != "USERNAME_NOT_FOUND" {
		t.Fatalf("the user on the other database: %d %s", r.status, r.body)
	}
	if ok, _ := e.srv.DatabaseUserPasswordMatches(g, "admin", "app", "a-password"); !ok {
		t.Fatal("the first password does not match")
	}
	r := e.call("PATCH", users+"/admin/app", v0101, map[string]any{"password": "b-password", "description": "rotated"})
	mustStatus(t, r, 200)
	if m := r.json(t); m["description"] != "rotated" || len(m["roles"].([]any)) != 1 {
		t.Fatalf("after PATCH: %s", r.body)
	}
	status, body := e.admin("POST", "/__atlassim/databaseUsers/password", `{"groupId":"`+g+`","databaseName":"admin","username":"app","password":"b-password"}`)
	if status != 200 || !strings.Contains(body, `"matches": true`) {
		t.Fatalf("the rotated password through the test hook: %d %s", status, body)
	}
	if ok, _ := e.srv.DatabaseUserPasswordMatches(g, "admin", "app", "a-password"); ok {
		t.Fatal("the old password still matches after the rotation")
	}
	if r := e.call("PATCH", users+"/admin/app", v0101, map[string]any{"username": "other"}); r.status != 409 || r.errorCode(t) != "DATABASE_USERNAME_CANNOT_BE_CHANGED" {
		t.Fatalf("renaming by PATCH: %d %s", r.status, r.body)
	}
}

func TestDatabaseUser_temporaryUserDisappearsAtItsDate(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{Seed: 63, TokenLifetime: 24 * time.Hour})
	g := e.fx.ProjectID
	at := e.srv.Now().Add(time.Hour).UTC().Format(time.RFC3339)
	mustStatus(t, e.call("POST", "/groups/"+g+"/databaseUsers", v0101, dbUser(g, func(m map[string]any) { m["deleteAfterDate"] = at })), 201)
	mustStatus(t, e.call("GET", "/groups/"+g+"/databaseUsers/admin/app", v0101, nil), 200)
	e.srv.SetClockOffset(2 * time.Hour)
	mustStatus(t, e.call("GET", "/groups/"+g+"/databaseUsers/admin/app", v0101, nil), 404)
}
