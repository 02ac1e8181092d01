package atlassim

import (
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"
)

var (
	clientIDRe = regexp.MustCompile(`^mdb_sa_id_[a-f0-9]{24}$`)
	secretRe   = regexp.MustCompile(`^mdb_sa_sk_[a-z0-9]{40}$`)
)

func TestProjectServiceAccount_lifecycle(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{Seed: 1})
	g := e.fx.ProjectID

	created := e.createSA(g, "ci bot", "GROUP_OWNER", "GROUP_READ_ONLY")
	id := created["clientId"].(string)
	if !clientIDRe.MatchString(id) {
		t.Fatalf("clientId %q", id)
	}
	secrets := created["secrets"].([]any)
	first := secrets[0].(map[string]any)
	plain, _ := first["secret"].(string)
	if _, masked := first["maskedSecretValue"]; !secretRe.MatchString(plain) || masked {
		t.Fatalf("the answer to a create carries the plaintext secret and no masked value: %v", first)
	}

	// Reads never show the plaintext.
	got := e.call("GET", "/groups/"+g+"/serviceAccounts/"+id, sa, nil)
	mustStatus(t, got, 200)
	if strings.Contains(string(got.body), `"secret"`) || strings.Contains(string(got.body), plain) {
		t.Fatalf("read leaks secret: %s", got.body)
	}
	if ct := got.header.Get("Content-Type"); ct != sa {
		t.Fatalf("content type %q", ct)
	}
	if got.header.Get("RateLimit-Limit") == "" || got.header.Get("RateLimit-Remaining") == "" {
		t.Fatal("missing RateLimit headers")
	}

	// The new account can get a token with its secret.
	if tok := e.getToken(id, plain); tok == "" {
		t.Fatal("no token for created account")
	}

	// PATCH: name only keeps roles; roles replace.
	r := e.call("PATCH", "/groups/"+g+"/serviceAccounts/"+id, sa, map[string]any{"name": "renamed"})
	mustStatus(t, r, 200)
	if m := r.json(t); m["name"] != "renamed" || len(m["roles"].([]any)) != 2 {
		t.Fatalf("patch name: %v", m)
	}
	r = e.call("PATCH", "/groups/"+g+"/serviceAccounts/"+id, sa, map[string]any{"roles": []string{"GROUP_CLUSTER_MANAGER"}, "description": "new words"})
	mustStatus(t, r, 200)
	if m := r.json(t); m["description"] != "new words" || fmt.Sprint(m["roles"]) != "[GROUP_CLUSTER_MANAGER]" {
		t.Fatalf("patch roles: %v", m)
	}

	// Secrets: add, oldest first, delete.
	r = e.call("POST", "/groups/"+g+"/serviceAccounts/"+id+"/secrets", sa, map[string]any{"secretExpiresAfterHours": 8})
	mustStatus(t, r, 201)
	sec := r.json(t)
	if !secretRe.MatchString(sec["secret"].(string)) {
		t.Fatalf("new secret %v", sec)
	}
	m := e.call("GET", "/groups/"+g+"/serviceAccounts/"+id, sa, nil).json(t)
	list := m["secrets"].([]any)
	if len(list) != 2 || list[1].(map[string]any)["id"] != sec["id"] {
		t.Fatalf("secrets not oldest first: %v", list)
	}
	mustStatus(t, e.call("DELETE", "/groups/"+g+"/serviceAccounts/"+id+"/secrets/"+sec["id"].(string), sa, nil), 204)
	r = e.call("DELETE", "/groups/"+g+"/serviceAccounts/"+id+"/secrets/"+sec["id"].(string), sa, nil)
	mustStatus(t, r, 404)
	if r.errorCode(t) != "SERVICE_ACCOUNT_SECRET_NOT_FOUND" {
		t.Fatal(r.errorCode(t))
	}

	// The org sees it with ORG_MEMBER and its project assignment.
	r = e.call("GET", "/orgs/"+e.fx.OrgID+"/serviceAccounts/"+id, sa, nil)
	mustStatus(t, r, 200)
	if fmt.Sprint(r.json(t)["roles"]) != "[ORG_MEMBER]" {
		t.Fatalf("org roles %s", r.body)
	}
	r = e.call("GET", "/orgs/"+e.fx.OrgID+"/serviceAccounts/"+id+"/groups", sa, nil)
	mustStatus(t, r, 200)
	res := r.json(t)["results"].([]any)
	if len(res) != 1 || res[0].(map[string]any)["groupId"] != g {
		t.Fatalf("groups %s", r.body)
	}

	// Invite into the second project; twice is a conflict.
	g2 := e.fx.Project2ID
	r = e.call("POST", "/groups/"+g2+"/serviceAccounts/"+id+":invite", latest, map[string]any{"roles": []string{"GROUP_READ_ONLY"}})
	mustStatus(t, r, 200)
	if r.header.Get("Content-Type") != sa {
		t.Fatalf("2025-03-12 not served as 2024-08-05: %q", r.header.Get("Content-Type"))
	}
	r = e.call("POST", "/groups/"+g2+"/serviceAccounts/"+id+":invite", sa, map[string]any{"roles": []string{"GROUP_READ_ONLY"}})
	mustStatus(t, r, 409)
	if r.errorCode(t) != "SERVICE_ACCOUNT_ALREADY_IN_GROUP" {
		t.Fatal(r.errorCode(t))
	}

	// Project delete only unassigns.
	mustStatus(t, e.call("DELETE", "/groups/"+g+"/serviceAccounts/"+id, sa, nil), 204)
	mustStatus(t, e.call("GET", "/groups/"+g+"/serviceAccounts/"+id, sa, nil), 404)
	mustStatus(t, e.call("GET", "/orgs/"+e.fx.OrgID+"/serviceAccounts/"+id, sa, nil), 200)
	mustStatus(t, e.call("GET", "/groups/"+g2+"/serviceAccounts/"+id, sa, nil), 200)

	// Org delete removes it everywhere.
	mustStatus(t, e.call("DELETE", "/orgs/"+e.fx.OrgID+"/serviceAccounts/"+id, sa, nil), 204)
	mustStatus(t, e.call("GET", "/groups/"+g2+"/serviceAccounts/"+id, sa, nil), 404)
	r = e.call("DELETE", "/orgs/"+e.fx.OrgID+"/serviceAccounts/"+id, sa, nil)
	mustStatus(t, r, 404)
	if r.errorCode(t) != "SERVICE_ACCOUNT_NOT_FOUND" {
		t.Fatal(r.errorCode(t))
	}
	if e.validated.Load() == 0 {
		t.Fatal("no response was validated against the contract")
	}
}

func TestProjectServiceAccount_fixtureAccountInvisible(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{Seed: 2})
	e.createSA(e.fx.ProjectID, "visible")
	for _, path := range []string{"/groups/" + e.fx.ProjectID + "/serviceAccounts", "/orgs/" + e.fx.OrgID + "/serviceAccounts"} {
		r := e.call("GET", path, sa, nil)
		mustStatus(t, r, 200)
		if strings.Contains(string(r.body), e.fx.ClientID) {
			t.Fatalf("%s lists the fixture account", path)
		}
	}
	r := e.call("POST", "/groups/"+e.fx.ProjectID+"/serviceAccounts/"+e.fx.ClientID+":invite", sa, map[string]any{"roles": []string{"GROUP_OWNER"}})
	mustStatus(t, r, 404)
	mustStatus(t, e.call("DELETE", "/orgs/"+e.fx.OrgID+"/serviceAccounts/"+e.fx.ClientID, sa, nil), 404)
}

func TestProjectServiceAccount_validation(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{Seed: 3})
	g := e.fx.ProjectID
	id := e.createSA(g, "target")["clientId"].(string)
	long := strings.Repeat("a", 65)
	tests := map[string]struct {
		method, path string
		body         any
		status       int
		code         string
		fields       []string
	}{
		"create empty body":       {"POST", "/groups/" + g + "/serviceAccounts", "", 400, "MISSING_ATTRIBUTE", []string{"name", "description", "roles", "secretExpiresAfterHours"}},
		"create malformed json":   {"POST", "/groups/" + g + "/serviceAccounts", "{", 400, "INVALID_JSON", nil},
		"create not an object":    {"POST", "/groups/" + g + "/serviceAccounts", "[1]", 400, "INVALID_JSON", nil},
		"create every bad field":  {"POST", "/groups/" + g + "/serviceAccounts", map[string]any{"name": long, "description": "bad<>", "roles": []string{}, "secretExpiresAfterHours": 7, "extra": true}, 400, "INVALID_ATTRIBUTE", []string{"name", "description", "roles", "secretExpiresAfterHours", "extra"}},
		"create unknown role":     {"POST", "/groups/" + g + "/serviceAccounts", map[string]any{"name": "n", "description": "d", "roles": []string{"ORG_OWNER"}, "secretExpiresAfterHours": 8}, 400, "INVALID_ATTRIBUTE", []string{"roles[0]"}},
		"create duplicate roles":  {"POST", "/groups/" + g + "/serviceAccounts", map[string]any{"name": "n", "description": "d", "roles": []string{"GROUP_OWNER", "GROUP_OWNER"}, "secretExpiresAfterHours": 8}, 400, "INVALID_ATTRIBUTE", []string{"roles[1]"}},
		"create hours too big":    {"POST", "/groups/" + g + "/serviceAccounts", map[string]any{"name": "n", "description": "d", "roles": []string{"GROUP_OWNER"}, "secretExpiresAfterHours": 8761}, 400, "INVALID_ATTRIBUTE", []string{"secretExpiresAfterHours"}},
		"create hours fractional": {"POST", "/groups/" + g + "/serviceAccounts", map[string]any{"name": "n", "description": "d", "roles": []string{"GROUP_OWNER"}, "secretExpiresAfterHours": 8.5}, 400, "INVALID_JSON_ATTRIBUTE", []string{"secretExpiresAfterHours"}},
		"create wrong types":      {"POST", "/groups/" + g + "/serviceAccounts", map[string]any{"name": 1, "description": true, "roles": "GROUP_OWNER", "secretExpiresAfterHours": "8"}, 400, "INVALID_JSON_ATTRIBUTE", []string{"name", "description", "roles", "secretExpiresAfterHours"}},
		"create unicode ok":       {"POST", "/groups/" + g + "/serviceAccounts", map[string]any{"name": "Zoë's bot-1.0", "description": "服务账号, ok", "roles": []string{"GROUP_OWNER"}, "secretExpiresAfterHours": 8760}, 201, "", nil},
		"create unknown group":    {"POST", "/groups/0123456789abcdef01234567/serviceAccounts", map[string]any{"name": "n", "description": "d", "roles": []string{"GROUP_OWNER"}, "secretExpiresAfterHours": 8}, 404, "GROUP_NOT_FOUND", nil},
		"bad group id":            {"GET", "/groups/XYZ/serviceAccounts", nil, 400, "INVALID_PATH_PARAMETER", []string{"groupId"}},
		"bad group and client":    {"GET", "/groups/XYZ/serviceAccounts/nope", nil, 400, "INVALID_PATH_PARAMETER", []string{"clientId", "groupId"}},
		"bad secret id":           {"DELETE", "/groups/" + g + "/serviceAccounts/" + id + "/secrets/123", nil, 400, "INVALID_PATH_PARAMETER", []string{"secretId"}},
		"bad org id":              {"GET", "/orgs/ABC/serviceAccounts", nil, 400, "INVALID_PATH_PARAMETER", []string{"orgId"}},
		"unknown org":             {"GET", "/orgs/0123456789abcdef01234567/serviceAccounts", nil, 404, "ORG_NOT_FOUND", nil},
		"unknown account":         {"GET", "/groups/" + g + "/serviceAccounts/mdb_sa_id_0123456789abcdef01234567", nil, 404, "SERVICE_ACCOUNT_NOT_FOUND", nil},
		"patch empty roles":       {"PATCH", "/groups/" + g + "/serviceAccounts/" + id, map[string]any{"roles": []string{}}, 400, "INVALID_ATTRIBUTE", []string{"roles"}},
		"patch bad name":          {"PATCH", "/groups/" + g + "/serviceAccounts/" + id, map[string]any{"name": "", "description": strings.Repeat("d", 251)}, 400, "INVALID_ATTRIBUTE", []string{"name", "description"}},
		"patch null is absent":    {"PATCH", "/groups/" + g + "/serviceAccounts/" + id, map[string]any{"name": nil}, 200, "", nil},
		"patch unknown field":     {"PATCH", "/groups/" + g + "/serviceAccounts/" + id, map[string]any{"secretExpiresAfterHours": 8}, 400, "INVALID_ATTRIBUTE", []string{"secretExpiresAfterHours"}},
		"invite no roles":         {"POST", "/groups/" + e.fx.Project2ID + "/serviceAccounts/" + id + ":invite", map[string]any{}, 400, "MISSING_ATTRIBUTE", []string{"roles"}},
		"invite unknown account":  {"POST", "/groups/" + g + "/serviceAccounts/mdb_sa_id_0123456789abcdef01234567:invite", map[string]any{"roles": []string{"GROUP_OWNER"}}, 404, "SERVICE_ACCOUNT_NOT_FOUND", nil},
		"secret bad hours":        {"POST", "/groups/" + g + "/serviceAccounts/" + id + "/secrets", map[string]any{"secretExpiresAfterHours": 0}, 400, "INVALID_ATTRIBUTE", []string{"secretExpiresAfterHours"}},
		"org secret ok":           {"POST", "/orgs/" + e.fx.OrgID + "/serviceAccounts/" + id + "/secrets", map[string]any{"secretExpiresAfterHours": 8}, 201, "", nil},
		"unknown path":            {"GET", "/groups/" + g + "/nothing", nil, 404, "RESOURCE_NOT_FOUND", nil},
		"wrong method":            {"PUT", "/groups/" + g + "/serviceAccounts", nil, 405, "METHOD_NOT_ALLOWED", nil},
		"wrong method on invite":  {"GET", "/groups/" + g + "/serviceAccounts/" + id + ":invite", nil, 405, "METHOD_NOT_ALLOWED", nil},
		"bad itemsPerPage":        {"GET", "/groups/" + g + "/serviceAccounts?itemsPerPage=-1", nil, 400, "INVALID_QUERY_PARAMETER", []string{"itemsPerPage"}},
		"get group":               {"GET", "/groups/" + g, nil, 200, "", nil},
		"get unknown group":       {"GET", "/groups/0123456789abcdef01234567", nil, 404, "GROUP_NOT_FOUND", nil},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			accept := latest
			r := e.call(tc.method, tc.path, accept, tc.body)
			mustStatus(t, r, tc.status)
			if tc.code == "" {
				return
			}
			if ct := r.header.Get("Content-Type"); ct != "application/json" {
				t.Errorf("error content type %q", ct)
			}
			m := r.json(t)
			if m["errorCode"] != tc.code || m["error"] != float64(tc.status) || m["reason"] != http.StatusText(tc.status) {
				t.Fatalf("error body %s", r.body)
			}
			var fields []string
			if brd, ok := m["badRequestDetail"].(map[string]any); ok {
				for _, f := range brd["fields"].([]any) {
					fields = append(fields, strings.SplitN(f.(map[string]any)["field"].(string), "[", 2)[0])
				}
			}
			for _, want := range tc.fields {
				found := false
				for _, f := range fields {
					found = found || f == strings.SplitN(want, "[", 2)[0]
				}
				if !found {
					t.Errorf("field %s not reported in %s", want, r.body)
				}
			}
		})
	}
}

func TestServiceAccounts_pagination(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{Seed: 4})
	g := e.fx.ProjectID
	for i := range 250 {
		e.createSA(g, fmt.Sprintf("sa %03d", i))
	}
	type link struct{ rel, href string }
	pageOf := func(q string) (names []string, links []link, total float64) {
		r := e.call("GET", "/groups/"+g+"/serviceAccounts"+q, sa, nil)
		mustStatus(t, r, 200)
		m := r.json(t)
		for _, x := range m["results"].([]any) {
			names = append(names, x.(map[string]any)["name"].(string))
		}
		for _, l := range m["links"].([]any) {
			lm := l.(map[string]any)
			links = append(links, link{lm["rel"].(string), lm["href"].(string)})
		}
		return names, links, m["totalCount"].(float64)
	}
	hasNext := func(ls []link) bool {
		for _, l := range ls {
			if l.rel == "next" {
				return true
			}
		}
		return false
	}
	tests := map[string]struct {
		query      string
		n          int
		first      string
		next, self bool
	}{
		"defaults":         {"", 100, "sa 000", true, true},
		"one per page":     {"?itemsPerPage=1&pageNum=1", 1, "sa 000", true, true},
		"page 3 of 100":    {"?pageNum=3", 50, "sa 200", false, true},
		"maximum 500":      {"?itemsPerPage=500", 250, "sa 000", false, true},
		"exact last page":  {"?itemsPerPage=125&pageNum=2", 125, "sa 125", false, true},
		"past the end":     {"?pageNum=9", 0, "", false, true},
		"small page":       {"?itemsPerPage=7&pageNum=2", 7, "sa 007", true, true},
		"org list default": {"", 100, "sa 000", true, true},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			names, links, total := pageOf(tc.query)
			if len(names) != tc.n || total != 250 || hasNext(links) != tc.next || links[0].rel != "self" {
				t.Fatalf("got %d names, total %v, links %v", len(names), total, links)
			}
			if tc.n > 0 && names[0] != tc.first {
				t.Fatalf("first %q, want %q", names[0], tc.first)
			}
		})
	}
	// Following next links visits every account once.
	seen := map[string]bool{}
	next := e.ts.URL + apiPrefix + "/groups/" + g + "/serviceAccounts?itemsPerPage=100"
	for next != "" {
		r := e.callWith(e.client, "Bearer "+e.token, "GET", strings.TrimPrefix(next, e.ts.URL+apiPrefix), sa, nil)
		m := r.json(t)
		for _, x := range m["results"].([]any) {
			seen[x.(map[string]any)["clientId"].(string)] = true
		}
		next = ""
		for _, l := range m["links"].([]any) {
			if l.(map[string]any)["rel"] == "next" {
				next = l.(map[string]any)["href"].(string)
			}
		}
	}
	if len(seen) != 250 {
		t.Fatalf("walked %d accounts", len(seen))
	}
	r := e.call("GET", "/orgs/"+e.fx.OrgID+"/serviceAccounts?itemsPerPage=500", sa, nil)
	if m := r.json(t); m["totalCount"] != float64(250) || len(m["results"].([]any)) != 250 {
		t.Fatalf("org list: total %v", m["totalCount"])
	}
}

func TestResponses_envelopeAndPretty(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{Seed: 5})
	g := e.fx.ProjectID
	id := e.createSA(g, "env")["clientId"].(string)

	r := e.call("GET", "/groups/"+g+"/serviceAccounts/"+id+"?envelope=true", sa, nil)
	mustStatus(t, r, 200)
	m := r.json(t)
	if m["status"] != float64(200) || m["content"].(map[string]any)["clientId"] != id {
		t.Fatalf("single envelope %s", r.body)
	}
	r = e.call("GET", "/groups/"+g+"/serviceAccounts?envelope=true", sa, nil)
	m = r.json(t)
	if m["status"] != float64(200) || len(m["results"].([]any)) != 1 {
		t.Fatalf("list envelope %s", r.body)
	}
	r = e.call("POST", "/groups/"+g+"/serviceAccounts?envelope=true", sa, map[string]any{"name": "n", "description": "d", "roles": []string{"GROUP_OWNER"}, "secretExpiresAfterHours": 8})
	mustStatus(t, r, 201)
	if r.json(t)["status"] != float64(201) {
		t.Fatalf("create envelope %s", r.body)
	}
	r = e.call("GET", "/groups/"+g+"/serviceAccounts/"+id+"?pretty=true", sa, nil)
	if !strings.Contains(string(r.body), "\n  \"clientId\"") {
		t.Fatalf("not pretty: %s", r.body)
	}
	r = e.call("GET", "/groups/"+g+"/serviceAccounts/"+id, sa, nil)
	if strings.Count(string(r.body), "\n") != 1 {
		t.Fatalf("compact body has newlines: %s", r.body)
	}
}

func TestVersions_negotiation(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{Seed: 6})
	g := e.fx.ProjectID
	tests := map[string]struct {
		path, accept string
		status       int
		served       string
	}{
		"exact":                {"/groups/" + g + "/serviceAccounts", sa, 200, sa},
		"seed 2025-03-12":      {"/groups/" + g + "/serviceAccounts", latest, 200, sa},
		"seed 2024-11-13":      {"/groups/" + g + "/serviceAccounts", "application/vnd.atlas.2024-11-13+json", 200, sa},
		"with charset":         {"/groups/" + g + "/serviceAccounts", sa + "; charset=utf-8", 200, sa},
		"in a list":            {"/groups/" + g + "/serviceAccounts", "text/html, " + latest, 200, sa},
		"too old":              {"/groups/" + g + "/serviceAccounts", "application/vnd.atlas.2020-01-01+json", 406, ""},
		"just before":          {"/groups/" + g + "/serviceAccounts", "application/vnd.atlas.2024-08-04+json", 406, ""},
		"garbage":              {"/groups/" + g + "/serviceAccounts", "application/vnd.atlas.garbage+json", 406, ""},
		"impossible date":      {"/groups/" + g + "/serviceAccounts", "application/vnd.atlas.2024-13-45+json", 406, ""},
		"plain json":           {"/groups/" + g + "/serviceAccounts", "application/json", 406, ""},
		"absent":               {"/groups/" + g + "/serviceAccounts", "", 406, ""},
		"users 2025-03-12":     {"/groups/" + g + "/users", latest, 200, users},
		"users 2024-08-05":     {"/groups/" + g + "/users", sa, 406, ""},
		"group 2025-03-12":     {"/groups/" + g, latest, 200, v0101},
		"org 2024-08-05 exact": {"/orgs/" + e.fx.OrgID + "/serviceAccounts", sa, 200, sa},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			r := e.call("GET", tc.path, tc.accept, nil)
			mustStatus(t, r, tc.status)
			if tc.status == 406 {
				if r.errorCode(t) != "INVALID_VERSION_DATE" || r.header.Get("Content-Type") != "application/json" {
					t.Fatalf("406 body %s", r.body)
				}
				return
			}
			if ct := r.header.Get("Content-Type"); ct != tc.served {
				t.Fatalf("served %q, want %q", ct, tc.served)
			}
		})
	}
}

// TestPagination_boundsFollowTheSpec: the spec defines itemsPerPage as an
// integer from 1 to 500 and pageNum as an integer from 1
// (#/components/parameters); a value outside is a 400 naming the parameter,
// on every list operation.
func TestPagination_boundsFollowTheSpec(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{Seed: 41})
	lists := []string{
		"/groups/" + e.fx.ProjectID + "/serviceAccounts",
		"/orgs/" + e.fx.OrgID + "/serviceAccounts",
		"/groups/" + e.fx.ProjectID + "/users",
	}
	tests := map[string]struct {
		query  string
		status int
		field  string
	}{
		"itemsPerPage 1":      {"?itemsPerPage=1", 200, ""},
		"itemsPerPage 500":    {"?itemsPerPage=500", 200, ""},
		"itemsPerPage 0":      {"?itemsPerPage=0", 400, "itemsPerPage"},
		"itemsPerPage 501":    {"?itemsPerPage=501", 400, "itemsPerPage"},
		"itemsPerPage -1":     {"?itemsPerPage=-1", 400, "itemsPerPage"},
		"itemsPerPage word":   {"?itemsPerPage=ten", 400, "itemsPerPage"},
		"pageNum 1":           {"?pageNum=1", 200, ""},
		"pageNum 0":           {"?pageNum=0", 400, "pageNum"},
		"both bad, first won": {"?itemsPerPage=0&pageNum=0", 400, "itemsPerPage"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			for _, path := range lists {
				accept := sa
				if strings.HasSuffix(path, "/users") {
					accept = users
				}
				r := e.call("GET", path+tc.query, accept, nil)
				mustStatus(t, r, tc.status)
				if tc.status == 200 {
					continue
				}
				m := r.json(t)
				if m["errorCode"] != "INVALID_QUERY_PARAMETER" || fmt.Sprint(m["parameters"]) != "["+tc.field+"]" ||
					!strings.Contains(m["detail"].(string), tc.field) {
					t.Fatalf("%s: %s", path, r.body)
				}
			}
		})
	}
}

// TestErrors_asAtlasSendsThem pins the error bodies doc.go describes:
// parameters always present, a bad body answered with the code and detail of
// its first violation, 406 and 429 as Atlas words them.
func TestErrors_asAtlasSendsThem(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{Seed: 42})
	g := e.fx.ProjectID
	create := "/groups/" + g + "/serviceAccounts"
	tests := map[string]struct {
		method, path, accept string
		body                 any
		status               int
		code, detail         string
		params               string
	}{
		"no parameters": {"GET", "/groups/" + g + "/nothing", sa, nil, 404, "RESOURCE_NOT_FOUND", "", "[]"},
		"missing first": {"POST", create, sa, map[string]any{"description": "d", "roles": []string{"GROUP_OWNER"}, "secretExpiresAfterHours": 8}, 400,
			"MISSING_ATTRIBUTE", "The required attribute name was not specified.", "[name]"},
		"invalid first": {"POST", create, sa, map[string]any{"name": "bad<>", "roles": []string{"GROUP_OWNER"}}, 400,
			"INVALID_ATTRIBUTE", "Invalid attribute name specified.", "[name]"},
		"unknown attribute": {"POST", create, sa, map[string]any{"name": "n", "description": "d", "roles": []string{"GROUP_OWNER"}, "secretExpiresAfterHours": 8, "extra": 1}, 400,
			"INVALID_ATTRIBUTE", "Invalid attribute extra specified.", "[extra]"},
		"wrong JSON type": {"POST", create, sa, map[string]any{"name": "n", "description": "d", "roles": "GROUP_OWNER", "secretExpiresAfterHours": 8}, 400,
			"INVALID_JSON_ATTRIBUTE", "Received JSON for the roles attribute does not match expected format.", "[roles]"},
		"bad role names the attribute": {"POST", create, sa, map[string]any{"name": "n", "description": "d", "roles": []string{"GROUP_GOD"}, "secretExpiresAfterHours": 8}, 400,
			"INVALID_ATTRIBUTE", "Invalid attribute roles specified.", "[roles]"},
		"bad accept":     {"GET", create, "application/json", nil, 406, "INVALID_VERSION_DATE", "Invalid accept header or version date.", "[]"},
		"no accept":      {"GET", create, "", nil, 406, "INVALID_VERSION_DATE", "Invalid accept header or version date.", "[]"},
		"accept too old": {"GET", create, v0101, nil, 406, "INVALID_VERSION_DATE", "Invalid accept header or version date.", "[]"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			r := e.call(tc.method, tc.path, tc.accept, tc.body)
			mustStatus(t, r, tc.status)
			m := r.json(t)
			if m["errorCode"] != tc.code || (tc.detail != "" && m["detail"] != tc.detail) || fmt.Sprint(m["parameters"]) != tc.params {
				t.Fatalf("body %s; want %s %q parameters %s", r.body, tc.code, tc.detail, tc.params)
			}
			if _, ok := m["parameters"].([]any); !ok {
				t.Fatalf("parameters is not an array: %s", r.body)
			}
		})
	}
	// Every violation is still listed, the first one first.
	r := e.call("POST", create, sa, map[string]any{"name": "bad<>", "extra": 1})
	fields := r.json(t)["badRequestDetail"].(map[string]any)["fields"].([]any)
	if len(fields) != 5 || fields[0].(map[string]any)["field"] != "name" {
		t.Fatalf("fields %v", fields)
	}
}

// TestErrors_rateLimitedLikeTheTokenBucket: an injected 429 carries the body
// and headers of Atlas's rate-limit documentation.
func TestErrors_rateLimitedLikeTheTokenBucket(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{Seed: 43, Faults: "429=1#1"})
	path := "/groups/" + e.fx.ProjectID + "/serviceAccounts"
	r := e.call("GET", path, sa, nil)
	mustStatus(t, r, 429)
	m := r.json(t)
	endpoint := strings.TrimPrefix(apiPrefix+path, "/")
	want := fmt.Sprintf("Rate limit exceeded for %s. Please retry after 1 seconds. Request capacity: 100. Refill rate: 100 per 60 seconds.", endpoint)
	if m["errorCode"] != "RATE_LIMITED_TOKEN_BUCKET" || m["detail"] != want || m["reason"] != "Too Many Requests" ||
		fmt.Sprint(m["parameters"]) != fmt.Sprintf("[%s 1 100 100 60]", endpoint) {
		t.Fatalf("body %s", r.body)
	}
	if h := r.header; h.Get("Retry-After") != "1" || h.Get("RateLimit-Limit") != "100" || h.Get("RateLimit-Remaining") != "0" {
		t.Fatalf("headers %v", h)
	}
	ok := e.call("GET", path, sa, nil)
	mustStatus(t, ok, 200)
	if h := ok.header; h.Get("Retry-After") != "" || h.Get("RateLimit-Limit") != "100" || h.Get("RateLimit-Remaining") != "99" {
		t.Fatalf("2xx headers %v", h)
	}
}

// TestInviteExistingAccount_everyBehaviour: :invite of an account already in
// the project answers as Options.InviteExistingAccount says.
func TestInviteExistingAccount_everyBehaviour(t *testing.T) {
	t.Parallel()
	tests := map[InviteExistingAccount]struct {
		status int
		roles  string
	}{
		"":                         {409, "[GROUP_READ_ONLY]"},
		InviteExistingConflict:     {409, "[GROUP_READ_ONLY]"},
		InviteExistingUpdatesRoles: {200, "[GROUP_OWNER]"},
	}
	for behaviour, tc := range tests {
		t.Run(string(behaviour), func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, Options{Seed: 44, InviteExistingAccount: behaviour})
			id := e.createSA(e.fx.ProjectID, "member")["clientId"].(string)
			r := e.call("POST", "/groups/"+e.fx.ProjectID+"/serviceAccounts/"+id+":invite", sa, map[string]any{"roles": []string{"GROUP_OWNER"}})
			mustStatus(t, r, tc.status)
			if tc.status == 409 && r.errorCode(t) != "SERVICE_ACCOUNT_ALREADY_IN_GROUP" {
				t.Fatal(string(r.body))
			}
			got := e.call("GET", "/groups/"+e.fx.ProjectID+"/serviceAccounts/"+id, sa, nil)
			if fmt.Sprint(got.json(t)["roles"]) != tc.roles {
				t.Fatalf("roles after :invite: %s", got.body)
			}
		})
	}
	if _, err := New(Options{InviteExistingAccount: "201"}); err == nil {
		t.Fatal("an unknown behaviour was accepted")
	}
}
