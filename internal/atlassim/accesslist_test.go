package atlassim

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// entriesOf decodes the results of an access-list answer.
func entriesOf(t *testing.T, r response) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, x := range r.json(t)["results"].([]any) {
		out = append(out, x.(map[string]any))
	}
	return out
}

// values lists each entry as it reads back: ipAddress, else cidrBlock.
func values(entries []map[string]any) []string {
	var out []string
	for _, e := range entries {
		if ip, ok := e["ipAddress"].(string); ok {
			out = append(out, ip)
		} else {
			out = append(out, e["cidrBlock"].(string))
		}
	}
	return out
}

// An account's API access list: POST adds entries and answers 200 with the
// list, which reads the same through the project and the organization path;
// the list is paginated; DELETE takes an address or a CIDR block with its
// "/" as %2F and answers 204.
func TestAccessList_addListDelete(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{Seed: 91})
	g, org := e.fx.ProjectID, e.fx.OrgID
	id := e.createSA(g, "fenced")["clientId"].(string)
	projectPath := "/groups/" + g + "/serviceAccounts/" + id + "/accessList"
	orgPath := "/orgs/" + org + "/serviceAccounts/" + id + "/accessList"

	r := e.call("GET", projectPath, sa, nil)
	mustStatus(t, r, http.StatusOK)
	if n := len(entriesOf(t, r)); n != 0 || r.json(t)["totalCount"] != float64(0) {
		t.Fatalf("a new account's list: %s", r.body)
	}

	added := []map[string]any{
		{"ipAddress": "10.0.0.1"},
		{"cidrBlock": "192.168.0.0/16"},
		{"cidrBlock": "2001:db8::/32"},
		{"ipAddress": "2001:db8:0:0:0:0:0:7"},
	}
	r = e.call("POST", projectPath, sa, added)
	mustStatus(t, r, http.StatusOK)
	want := "[10.0.0.1 192.168.0.0/16 2001:db8::/32 2001:db8:0:0:0:0:0:7]"
	if got := fmt.Sprint(values(entriesOf(t, r))); got != want || r.json(t)["totalCount"] != float64(4) {
		t.Fatalf("POST answer lists %s, want %s: %s", got, want, r.body)
	}
	for _, x := range entriesOf(t, r) {
		at, err := time.Parse(time.RFC3339, fmt.Sprint(x["createdAt"]))
		if err != nil || !within(at, time.Now(), 5*time.Second) || x["requestCount"] != float64(0) || x["lastUsedAt"] != nil || x["lastUsedAddress"] != nil {
			t.Fatalf("new entry %v: want createdAt now, requestCount 0, never used", x)
		}
		if _, both := x["cidrBlock"]; both && x["ipAddress"] != nil {
			t.Fatalf("entry %v shows both fields; by default it reads as it was added", x)
		}
	}
	// One list per account, whichever path reads it.
	r = e.call("GET", orgPath, sa, nil)
	mustStatus(t, r, http.StatusOK)
	if got := fmt.Sprint(values(entriesOf(t, r))); got != want {
		t.Fatalf("the organization path lists %s, want %s", got, want)
	}
	// Pages.
	r = e.call("GET", projectPath+query("itemsPerPage", "3", "pageNum", "2", "includeCount", "false"), sa, nil)
	mustStatus(t, r, http.StatusOK)
	if got := fmt.Sprint(values(entriesOf(t, r))); got != "[2001:db8:0:0:0:0:0:7]" || r.json(t)["totalCount"] != nil {
		t.Fatalf("page 2 of 3: %s", r.body)
	}
	r = e.call("POST", orgPath+query("itemsPerPage", "1"), sa, []map[string]any{{"cidrBlock": "172.16.0.0/12"}})
	mustStatus(t, r, http.StatusOK)
	if got := fmt.Sprint(values(entriesOf(t, r))); got != "[10.0.0.1]" || r.json(t)["totalCount"] != float64(5) {
		t.Fatalf("POST with itemsPerPage=1: %s", r.body)
	}

	// DELETE: "/" as %2F; an entry added as an address also goes by /32;
	// IPv6 in any form.
	for _, v := range []string{"192.168.0.0%2F16", "10.0.0.1%2F32", url.PathEscape("2001:db8::/32"), "2001:db8::7", "172.16.0.0%2f12"} {
		mustStatus(t, e.call("DELETE", projectPath+"/"+v, sa, nil), http.StatusNoContent)
	}
	r = e.call("GET", projectPath, sa, nil)
	if n := len(entriesOf(t, r)); n != 0 {
		t.Fatalf("after deleting every entry: %s", r.body)
	}
	r = e.call("DELETE", orgPath+"/10.9.9.9", sa, nil)
	mustStatus(t, r, http.StatusNotFound)
	if r.errorCode(t) != "ACCESS_LIST_ENTRY_NOT_FOUND" {
		t.Fatalf("unknown entry: %s", r.body)
	}
	r = e.call("DELETE", orgPath+"/not-an-address", sa, nil)
	mustStatus(t, r, http.StatusBadRequest)
	if r.errorCode(t) != "INVALID_PATH_PARAMETER" {
		t.Fatalf("bad entry path: %s", r.body)
	}

	// The project path needs the account in that project.
	mustStatus(t, e.call("GET", "/groups/"+e.fx.Project2ID+"/serviceAccounts/"+id+"/accessList", sa, nil), http.StatusNotFound)
	mustStatus(t, e.call("POST", "/groups/"+e.fx.Project2ID+"/serviceAccounts/"+id+"/accessList", sa, added), http.StatusNotFound)
}

// The POST body is a JSON array of at most 200 entries, each with exactly
// one valid ipAddress or cidrBlock; every violation is a 400 naming the
// entry, and nothing is added.
func TestAccessList_validation(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{Seed: 92})
	id := e.createSA(e.fx.ProjectID, "fenced")["clientId"].(string)
	path := "/orgs/" + e.fx.OrgID + "/serviceAccounts/" + id + "/accessList"
	many := make([]map[string]any, 201)
	for i := range many {
		many[i] = map[string]any{"ipAddress": fmt.Sprintf("10.0.%d.%d", i/250, i%250+1)}
	}
	cases := map[string]struct {
		body  any
		code  string
		field string
	}{
		"object, not array":   {map[string]any{"ipAddress": "10.0.0.1"}, "INVALID_JSON", ""},
		"empty body":          {"", "INVALID_JSON", ""},
		"201 entries":         {many, "VALIDATION_ERROR", "body"},
		"both fields":         {[]map[string]any{{"ipAddress": "10.0.0.1", "cidrBlock": "10.0.0.0/24"}}, "INVALID_ATTRIBUTE", "[0].ipAddress"},
		"neither field":       {[]map[string]any{{"ipAddress": "10.0.0.1"}, {}}, "MISSING_ATTRIBUTE", "[1].ipAddress"},
		"octet too big":       {[]map[string]any{{"ipAddress": "10.0.0.256"}}, "INVALID_ATTRIBUTE", "[0].ipAddress"},
		"leading zero":        {[]map[string]any{{"ipAddress": "10.0.0.01"}}, "INVALID_ATTRIBUTE", "[0].ipAddress"},
		"address with prefix": {[]map[string]any{{"ipAddress": "10.0.0.0/24"}}, "INVALID_ATTRIBUTE", "[0].ipAddress"},
		"short IPv6 address":  {[]map[string]any{{"ipAddress": "2001:db8::1"}}, "INVALID_ATTRIBUTE", "[0].ipAddress"},
		"uppercase IPv6":      {[]map[string]any{{"cidrBlock": "2001:DB8::/32"}}, "INVALID_ATTRIBUTE", "[0].cidrBlock"},
		"prefix too long":     {[]map[string]any{{"cidrBlock": "10.0.0.0/33"}}, "INVALID_ATTRIBUTE", "[0].cidrBlock"},
		"block without /":     {[]map[string]any{{"cidrBlock": "10.0.0.0"}}, "INVALID_ATTRIBUTE", "[0].cidrBlock"},
		"two prefixes":        {[]map[string]any{{"cidrBlock": "10.0.0.0/24/8"}}, "INVALID_ATTRIBUTE", "[0].cidrBlock"},
		"read-only field":     {[]map[string]any{{"ipAddress": "10.0.0.1", "requestCount": 3}}, "INVALID_ATTRIBUTE", "[0].requestCount"},
		"number address":      {[]map[string]any{{"ipAddress": 10}}, "INVALID_JSON_ATTRIBUTE", "[0].ipAddress"},
		"string entry":        {[]any{"10.0.0.1"}, "INVALID_JSON_ATTRIBUTE", "[0]"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			r := e.call("POST", path, sa, tc.body)
			mustStatus(t, r, http.StatusBadRequest)
			if r.errorCode(t) != tc.code || (tc.field != "" && !strings.Contains(string(r.body), `"field":"`+tc.field+`"`)) {
				t.Fatalf("want %s naming %q: %s", tc.code, tc.field, r.body)
			}
		})
	}
	// Accepted forms: %2F in a block, a block with host bits (it means its
	// network), 200 entries at once.
	mustStatus(t, e.call("POST", path, sa, []map[string]any{{"cidrBlock": "10.1.0.0%2F16"}, {"cidrBlock": "10.2.3.4/16"}}), http.StatusOK)
	mustStatus(t, e.call("POST", path, sa, many[:200]), http.StatusOK)
	r := e.call("GET", path+query("itemsPerPage", "500"), sa, nil)
	if n := len(entriesOf(t, r)); n != 202 {
		t.Fatalf("%d entries, want 202", n)
	}
}

// An entry for a network the list already holds (10.0.0.1 and 10.0.0.1/32
// are one) is answered as Options.AccessListDuplicate says: 409 and
// nothing added, or 200 with the existing entry unchanged.
func TestAccessList_duplicates(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		dup    AccessListDuplicate
		status int
		want   string
	}{
		"409 (default)": {"", http.StatusConflict, "[10.0.0.1]"},
		"200":           {AccessListDuplicateIgnored, http.StatusOK, "[10.0.0.1 10.9.0.0/16]"},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, Options{Seed: 93, AccessListDuplicate: tc.dup})
			id := e.createSA(e.fx.ProjectID, "fenced")["clientId"].(string)
			path := "/groups/" + e.fx.ProjectID + "/serviceAccounts/" + id + "/accessList"
			r := e.call("POST", path, sa, []map[string]any{{"ipAddress": "10.0.0.1"}})
			mustStatus(t, r, http.StatusOK)
			createdAt := entriesOf(t, r)[0]["createdAt"]
			e.srv.SetClockOffset(time.Hour)
			e.token = e.getToken(e.fx.ClientID, e.fx.ClientSecret)
			r = e.call("POST", path, sa, []map[string]any{{"cidrBlock": "10.9.0.0/16"}, {"cidrBlock": "10.0.0.1/32"}})
			mustStatus(t, r, tc.status)
			if tc.status == http.StatusConflict && (r.errorCode(t) != "DUPLICATE_ACCESS_LIST_ENTRY" || !strings.Contains(string(r.body), "10.0.0.1/32")) {
				t.Fatalf("duplicate: %s", r.body)
			}
			r = e.call("GET", path, sa, nil)
			entries := entriesOf(t, r)
			if got := fmt.Sprint(values(entries)); got != tc.want || entries[0]["createdAt"] != createdAt {
				t.Fatalf("list after the duplicate: %s, want %s with the first entry unchanged", r.body, tc.want)
			}
			// Duplicates within one body are duplicates too.
			r = e.call("POST", path, sa, []map[string]any{{"cidrBlock": "10.8.0.0/16"}, {"cidrBlock": "10.8.1.0/16"}})
			mustStatus(t, r, tc.status)
		})
	}
}

// With Options.AccessListForm "both", a single address also reads as its
// /32 or /128 block and a one-address block as its address.
func TestAccessList_bothForms(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{Seed: 94, AccessListForm: AccessListBoth})
	id := e.createSA(e.fx.ProjectID, "fenced")["clientId"].(string)
	path := "/orgs/" + e.fx.OrgID + "/serviceAccounts/" + id + "/accessList"
	r := e.call("POST", path, sa, []map[string]any{{"ipAddress": "10.0.0.1"}, {"cidrBlock": "10.0.0.2/32"}, {"cidrBlock": "10.1.0.0/16"}, {"cidrBlock": "::1/128"}})
	mustStatus(t, r, http.StatusOK)
	var got []string
	for _, x := range entriesOf(t, r) {
		got = append(got, fmt.Sprint(x["ipAddress"], " ", x["cidrBlock"]))
	}
	if want := "[10.0.0.1 10.0.0.1/32 10.0.0.2 10.0.0.2/32 <nil> 10.1.0.0/16 0000:0000:0000:0000:0000:0000:0000:0001 ::1/128]"; fmt.Sprint(got) != want {
		t.Fatalf("entries read %v, want %s", got, want)
	}
}

// A service account with entries may call the API only from a listed
// address (the test's requests come from 127.0.0.1); its token is still
// issued from anywhere. Adding 127.0.0.1 back restores access, and an
// account cannot remove the entry its own request comes through.
func TestAccessList_enforcement(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{Seed: 95, TokenRateLimit: -1})
	g := e.fx.ProjectID
	created := e.createSA(g, "fenced", "GROUP_OWNER")
	id, secret := created["clientId"].(string), firstSecret(created)
	path := "/groups/" + g + "/serviceAccounts/" + id + "/accessList"
	auth := "Bearer " + e.getToken(id, secret)
	asAccount := func(method, p string, body any) response {
		return e.callWith(e.client, auth, method, p, sa, body)
	}
	mustStatus(t, asAccount("GET", "/groups/"+g+"/serviceAccounts", nil), http.StatusOK)

	// A list without the caller's address locks the account out.
	mustStatus(t, e.call("POST", path, sa, []map[string]any{{"cidrBlock": "10.0.0.0/8"}}), http.StatusOK)
	for _, c := range []struct{ method, path string }{
		{"GET", "/groups/" + g + "/serviceAccounts"},
		{"GET", path},
		{"DELETE", path + "/10.0.0.0%2F8"},
	} {
		r := asAccount(c.method, c.path, nil)
		mustStatus(t, r, http.StatusForbidden)
		m := r.json(t)
		if m["errorCode"] != "IP_ADDRESS_NOT_ON_ACCESS_LIST" || m["detail"] != "IP address 127.0.0.1 is not allowed to access this resource." ||
			fmt.Sprint(m["parameters"]) != "[127.0.0.1]" {
			t.Fatalf("%s %s outside the list: %s", c.method, c.path, r.body)
		}
	}
	if status, _, _ := e.tokenRequest(id, secret); status != http.StatusOK {
		t.Fatalf("the token endpoint refused an address outside the list: %d", status)
	}
	// The fixture credentials have no list and are not fenced.
	mustStatus(t, e.call("GET", path, sa, nil), http.StatusOK)

	// Adding the caller's address back restores access, and the entry
	// counts the requests that came through it.
	mustStatus(t, e.call("POST", path, sa, []map[string]any{{"ipAddress": "127.0.0.1"}}), http.StatusOK)
	mustStatus(t, asAccount("GET", "/groups/"+g+"/serviceAccounts", nil), http.StatusOK)
	r := asAccount("GET", path, nil)
	mustStatus(t, r, http.StatusOK)
	local := entriesOf(t, r)[1]
	if local["ipAddress"] != "127.0.0.1" || local["lastUsedAddress"] != "127.0.0.1" || local["requestCount"] != float64(2) || local["lastUsedAt"] == nil {
		t.Fatalf("the entry the account came through: %v", local)
	}
	if other := entriesOf(t, r)[0]; other["requestCount"] != float64(0) || other["lastUsedAt"] != nil {
		t.Fatalf("an entry no request came through: %v", other)
	}

	// The account cannot remove the entry it calls through, but may
	// remove another; the organization owner may remove any.
	r = asAccount("DELETE", path+"/127.0.0.1", nil)
	mustStatus(t, r, http.StatusBadRequest)
	if r.errorCode(t) != "CANNOT_REMOVE_REQUESTING_IP_ADDRESS" || !strings.Contains(string(r.body), "127.0.0.1") {
		t.Fatalf("removing the requesting address: %s", r.body)
	}
	mustStatus(t, asAccount("DELETE", path+"/10.0.0.0%2F8", nil), http.StatusNoContent)
	mustStatus(t, asAccount("POST", path, []map[string]any{{"cidrBlock": "127.0.0.0/8"}}), http.StatusOK)
	mustStatus(t, asAccount("DELETE", path+"/127.0.0.0%2F8", nil), http.StatusBadRequest)
	mustStatus(t, e.call("DELETE", path+"/127.0.0.1", sa, nil), http.StatusNoContent)
	mustStatus(t, asAccount("GET", "/groups/"+g+"/serviceAccounts", nil), http.StatusOK) // 127.0.0.0/8 admits
	mustStatus(t, e.call("DELETE", path+"/127.0.0.0%2F8", sa, nil), http.StatusNoContent)
	// An empty list restricts nothing.
	mustStatus(t, asAccount("GET", "/groups/"+g+"/serviceAccounts", nil), http.StatusOK)
}

// Reading a list needs Project Read Only (or Organization Read Only on the
// organization path); changing it needs Project Access Manager (or
// Organization Owner).
func TestAccessList_permissions(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{Seed: 96, TokenRateLimit: -1})
	g, org := e.fx.ProjectID, e.fx.OrgID
	auth := func(m map[string]any) string { return "Bearer " + e.getToken(m["clientId"].(string), firstSecret(m)) }
	reader := auth(e.createSA(g, "reader", "GROUP_READ_ONLY"))
	manager := auth(e.createSA(g, "manager", "GROUP_ACCESS_MANAGER"))
	orgReader := auth(e.createOrgSA("org reader", "ORG_READ_ONLY"))
	target := e.createSA(g, "target")["clientId"].(string)
	projectPath := "/groups/" + g + "/serviceAccounts/" + target + "/accessList"
	orgPath := "/orgs/" + org + "/serviceAccounts/" + target + "/accessList"
	entry := []map[string]any{{"cidrBlock": "10.0.0.0/8"}}
	mustStatus(t, e.call("POST", projectPath, sa, []map[string]any{{"cidrBlock": "10.1.0.0/16"}}), http.StatusOK)

	cases := []struct {
		name, auth, method, path string
		body                     any
		want                     int
	}{
		{"reader lists", reader, "GET", projectPath, nil, http.StatusOK},
		{"reader adds", reader, "POST", projectPath, entry, http.StatusUnauthorized},
		{"reader removes", reader, "DELETE", projectPath + "/10.1.0.0%2F16", nil, http.StatusUnauthorized},
		{"reader lists by org", reader, "GET", orgPath, nil, http.StatusUnauthorized},
		{"manager adds", manager, "POST", projectPath, entry, http.StatusOK},
		{"manager removes", manager, "DELETE", projectPath + "/10.0.0.0%2F8", nil, http.StatusNoContent},
		{"manager adds by org", manager, "POST", orgPath, entry, http.StatusUnauthorized},
		{"org reader lists", orgReader, "GET", orgPath, nil, http.StatusOK},
		{"org reader adds", orgReader, "POST", orgPath, entry, http.StatusUnauthorized},
		{"org reader removes", orgReader, "DELETE", orgPath + "/10.1.0.0%2F16", nil, http.StatusUnauthorized},
	}
	for _, tc := range cases {
		r := e.callWith(e.client, tc.auth, tc.method, tc.path, sa, tc.body)
		if r.status != tc.want || (tc.want == http.StatusUnauthorized && r.errorCode(t) != "USER_UNAUTHORIZED") {
			t.Errorf("%s: %d %s, want %d", tc.name, r.status, r.body, tc.want)
		}
	}
}
