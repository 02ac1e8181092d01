package atlassim

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// createOrgSA creates an organization service account and returns its
// decoded body.
func (e *env) createOrgSA(name string, roles ...string) map[string]any {
	e.t.Helper()
	if len(roles) == 0 {
		roles = []string{"ORG_MEMBER"}
	}
	r := e.call("POST", "/orgs/"+e.fx.OrgID+"/serviceAccounts", sa, map[string]any{
		"name": name, "description": "made by a test", "roles": roles, "secretExpiresAfterHours": 24,
	})
	mustStatus(e.t, r, http.StatusCreated)
	return r.json(e.t)
}

// An organization service account is created with organization roles and
// its first secret, shown once; it is in no project; PATCH changes its
// name, description and roles, each optional.
func TestOrgServiceAccount_createAndUpdate(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{Seed: 71})
	org := e.fx.OrgID

	created := e.createOrgSA("org bot", "ORG_READ_ONLY", "ORG_GROUP_CREATOR")
	id := created["clientId"].(string)
	if !clientIDRe.MatchString(id) || fmt.Sprint(created["roles"]) != "[ORG_READ_ONLY ORG_GROUP_CREATOR]" || created["name"] != "org bot" {
		t.Fatalf("create answer %v", created)
	}
	plain := firstSecret(created)
	if !secretRe.MatchString(plain) {
		t.Fatalf("create answer carries no plaintext secret: %v", created)
	}
	if tok := e.getToken(id, plain); tok == "" {
		t.Fatal("no token for the new account")
	}

	r := e.call("GET", "/orgs/"+org+"/serviceAccounts/"+id, sa, nil)
	mustStatus(t, r, http.StatusOK)
	if strings.Contains(string(r.body), plain) || strings.Contains(string(r.body), `"secret"`) {
		t.Fatalf("a read shows the plaintext: %s", r.body)
	}
	r = e.call("GET", "/orgs/"+org+"/serviceAccounts/"+id+"/groups", sa, nil)
	mustStatus(t, r, http.StatusOK)
	if n := len(r.json(t)["results"].([]any)); n != 0 {
		t.Fatalf("a new organization account is in %d projects: %s", n, r.body)
	}
	mustStatus(t, e.call("GET", "/groups/"+e.fx.ProjectID+"/serviceAccounts/"+id, sa, nil), http.StatusNotFound)
	r = e.call("GET", "/orgs/"+org+"/serviceAccounts", sa, nil)
	mustStatus(t, r, http.StatusOK)
	if !strings.Contains(string(r.body), id) {
		t.Fatalf("the organization list lacks the account: %s", r.body)
	}

	// PATCH: name only keeps the rest; roles replace.
	r = e.call("PATCH", "/orgs/"+org+"/serviceAccounts/"+id, sa, map[string]any{"name": "renamed"})
	mustStatus(t, r, http.StatusOK)
	if m := r.json(t); m["name"] != "renamed" || m["description"] != "made by a test" || len(m["roles"].([]any)) != 2 {
		t.Fatalf("patch name: %v", m)
	}
	r = e.call("PATCH", "/orgs/"+org+"/serviceAccounts/"+id, sa, map[string]any{"description": "new words", "roles": []string{"ORG_OWNER"}})
	mustStatus(t, r, http.StatusOK)
	if m := r.json(t); m["description"] != "new words" || fmt.Sprint(m["roles"]) != "[ORG_OWNER]" || m["name"] != "renamed" {
		t.Fatalf("patch roles: %v", m)
	}
	r = e.call("GET", "/orgs/"+org+"/serviceAccounts/"+id, sa, nil)
	if m := r.json(t); fmt.Sprint(m["roles"]) != "[ORG_OWNER]" || m["name"] != "renamed" {
		t.Fatalf("read after patch: %v", m)
	}
	mustStatus(t, e.call("PATCH", "/orgs/"+org+"/serviceAccounts/mdb_sa_id_0123456789abcdef01234567", sa, map[string]any{"name": "n"}), http.StatusNotFound)
	mustStatus(t, e.call("POST", "/orgs/0123456789abcdef01234567/serviceAccounts", sa, map[string]any{
		"name": "n", "description": "d", "roles": []string{"ORG_MEMBER"}, "secretExpiresAfterHours": 24,
	}), http.StatusNotFound)
}

// Organization roles come from the spec's enum: a project role, an unknown
// role, no role, a duplicate, or a missing field is a 400 naming it.
func TestOrgServiceAccount_validation(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{Seed: 72})
	path := "/orgs/" + e.fx.OrgID + "/serviceAccounts"
	id := e.createOrgSA("target")["clientId"].(string)
	valid := func(change map[string]any) map[string]any {
		body := map[string]any{"name": "n", "description": "d", "roles": []string{"ORG_MEMBER"}, "secretExpiresAfterHours": 24}
		for k, v := range change {
			if v == nil {
				delete(body, k)
			} else {
				body[k] = v
			}
		}
		return body
	}
	cases := map[string]struct {
		method, path string
		body         map[string]any
		field, code  string
	}{
		"project role":       {"POST", path, valid(map[string]any{"roles": []string{"GROUP_OWNER"}}), "roles[0]", "INVALID_ATTRIBUTE"},
		"unknown role":       {"POST", path, valid(map[string]any{"roles": []string{"ORG_MEMBER", "ORG_KING"}}), "roles[1]", "INVALID_ATTRIBUTE"},
		"no role":            {"POST", path, valid(map[string]any{"roles": []string{}}), "roles", "INVALID_ATTRIBUTE"},
		"duplicate role":     {"POST", path, valid(map[string]any{"roles": []string{"ORG_MEMBER", "ORG_MEMBER"}}), "roles[1]", "INVALID_ATTRIBUTE"},
		"roles missing":      {"POST", path, valid(map[string]any{"roles": nil}), "roles", "MISSING_ATTRIBUTE"},
		"name missing":       {"POST", path, valid(map[string]any{"name": nil}), "name", "MISSING_ATTRIBUTE"},
		"hours too few":      {"POST", path, valid(map[string]any{"secretExpiresAfterHours": 7}), "secretExpiresAfterHours", "INVALID_ATTRIBUTE"},
		"bad name":           {"POST", path, valid(map[string]any{"name": "no/slash"}), "name", "INVALID_ATTRIBUTE"},
		"patch project role": {"PATCH", path + "/" + id, map[string]any{"roles": []string{"GROUP_READ_ONLY"}}, "roles[0]", "INVALID_ATTRIBUTE"},
		"patch no role":      {"PATCH", path + "/" + id, map[string]any{"roles": []string{}}, "roles", "INVALID_ATTRIBUTE"},
		"patch unknown":      {"PATCH", path + "/" + id, map[string]any{"secretExpiresAfterHours": 24}, "secretExpiresAfterHours", "INVALID_ATTRIBUTE"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			r := e.call(tc.method, tc.path, sa, tc.body)
			mustStatus(t, r, http.StatusBadRequest)
			if r.errorCode(t) != tc.code || !strings.Contains(string(r.body), `"field":"`+tc.field+`"`) {
				t.Fatalf("want %s naming %s: %s", tc.code, tc.field, r.body)
			}
		})
	}
	r := e.call("GET", path+"/"+id, sa, nil)
	if fmt.Sprint(r.json(t)["roles"]) != "[ORG_MEMBER]" {
		t.Fatalf("a refused PATCH changed the account: %s", r.body)
	}
}

// Creating and updating organization accounts needs Organization Owner; an
// account created through the API signs in with its organization roles.
func TestOrgServiceAccount_permissions(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{Seed: 73})
	org := e.fx.OrgID
	owner := e.createOrgSA("owner", "ORG_OWNER")
	reader := e.createOrgSA("reader", "ORG_READ_ONLY")
	projectOwner := e.createSA(e.fx.ProjectID, "project owner", "GROUP_OWNER")
	auth := func(m map[string]any) string { return "Bearer " + e.getToken(m["clientId"].(string), firstSecret(m)) }
	target := e.createOrgSA("target")["clientId"].(string)
	body := map[string]any{"name": "n", "description": "d", "roles": []string{"ORG_MEMBER"}, "secretExpiresAfterHours": 24}

	cases := map[string]struct {
		auth, method, path string
		body               any
		want               int
	}{
		"owner creates":          {auth(owner), "POST", "/orgs/" + org + "/serviceAccounts", body, http.StatusCreated},
		"owner updates":          {auth(owner), "PATCH", "/orgs/" + org + "/serviceAccounts/" + target, map[string]any{"name": "x"}, http.StatusOK},
		"reader lists":           {auth(reader), "GET", "/orgs/" + org + "/serviceAccounts", nil, http.StatusOK},
		"reader creates":         {auth(reader), "POST", "/orgs/" + org + "/serviceAccounts", body, http.StatusUnauthorized},
		"reader updates":         {auth(reader), "PATCH", "/orgs/" + org + "/serviceAccounts/" + target, map[string]any{"name": "x"}, http.StatusUnauthorized},
		"project owner creates":  {auth(projectOwner), "POST", "/orgs/" + org + "/serviceAccounts", body, http.StatusUnauthorized},
		"project owner updates":  {auth(projectOwner), "PATCH", "/orgs/" + org + "/serviceAccounts/" + target, map[string]any{"name": "x"}, http.StatusUnauthorized},
		"project owner reads it": {auth(projectOwner), "GET", "/orgs/" + org + "/serviceAccounts/" + target, nil, http.StatusUnauthorized},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			r := e.callWith(e.client, tc.auth, tc.method, tc.path, sa, tc.body)
			mustStatus(t, r, tc.want)
			if tc.want == http.StatusUnauthorized && (r.errorCode(t) != "USER_UNAUTHORIZED" || r.json(t)["detail"] != permissionDeniedDetail) {
				t.Fatalf("want 401 USER_UNAUTHORIZED: %s", r.body)
			}
		})
	}
}
