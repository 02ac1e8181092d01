package atlassim

import (
	"maps"
	"slices"
	"strings"
	"testing"
	"time"
)

// ipAccessOperations are the project IP access list operations (issue 27).
var ipAccessOperations = []string{
	"GET " + apiPrefix + "/groups/{groupId}/accessList",
	"POST " + apiPrefix + "/groups/{groupId}/accessList",
	"GET " + apiPrefix + "/groups/{groupId}/accessList/{entryValue}",
	"DELETE " + apiPrefix + "/groups/{groupId}/accessList/{entryValue}",
	"GET " + apiPrefix + "/groups/{groupId}/accessList/{entryValue}/status",
}

// TestContract_everyIPAccessOperation sends every project IP access list
// operation in success and in its own errors, then with a bad Accept, a
// rate limit, a server error and rejected credentials, and checks each
// answer against the contract.
func TestContract_everyIPAccessOperation(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{Seed: 71})
	g := e.fx.ProjectID
	const none = "0123456789abcdef01234567"
	type call struct {
		method, path string
		body         any
		status       int
	}
	one := []map[string]any{{"cidrBlock": "10.1.0.0/16", "comment": "office"}}
	calls := []call{
		{"POST", "/groups/" + g + "/accessList", one, 200},
		{"POST", "/groups/" + g + "/accessList", []map[string]any{{"ipAddress": "2001:db8:0:0:0:0:0:1"}, {"awsSecurityGroup": "sg-0123abcd"}}, 200},
		{"POST", "/groups/" + g + "/accessList", []map[string]any{{"cidrBlock": "10.0.0.0/8", "ipAddress": "10.0.0.1"}}, 400},
		{"POST", "/groups/" + g + "/accessList", []map[string]any{{"cidrBlock": "10.0.0.0/8", "comment": strings.Repeat("x", 81)}}, 400},
		{"POST", "/groups/" + none + "/accessList", one, 404},
		{"GET", "/groups/" + g + "/accessList", nil, 200},
		{"GET", "/groups/" + g + "/accessList?itemsPerPage=0", nil, 400},
		{"GET", "/groups/" + none + "/accessList", nil, 404},
		{"GET", "/groups/" + g + "/accessList/10.1.0.0%2F16", nil, 200},
		{"GET", "/groups/" + g + "/accessList/sg-0123abcd", nil, 200},
		{"GET", "/groups/" + g + "/accessList/10.9.0.0%2F16", nil, 404},
		{"GET", "/groups/" + g + "/accessList/10.1.0.0%2F16/status", nil, 200},
		{"GET", "/groups/" + g + "/accessList/not-an-entry/status", nil, 400},
		{"GET", "/groups/" + g + "/accessList/10.9.0.0%2F16/status", nil, 404},
		{"DELETE", "/groups/" + g + "/accessList/10.1.0.0%2F16", nil, 204},
		{"DELETE", "/groups/" + g + "/accessList/10.1.0.0%2F16", nil, 404},
	}
	for _, c := range calls {
		mustStatus(t, e.call(c.method, c.path, v0101, c.body), c.status)
	}
	for _, fault := range []string{"429=1", "500=1"} {
		if err := e.srv.SetFaults(fault); err != nil {
			t.Fatal(err)
		}
		want := map[string]int{"429=1": 429, "500=1": 500}[fault]
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
	for _, op := range ipAccessOperations {
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

// ipList returns the project's entries by cidrBlock (or security group).
func ipList(t *testing.T, e *env, groupID string) map[string]map[string]any {
	t.Helper()
	r := e.call("GET", "/groups/"+groupID+"/accessList", v0101, nil)
	mustStatus(t, r, 200)
	out := map[string]map[string]any{}
	for _, x := range r.json(t)["results"].([]any) {
		m := x.(map[string]any)
		k, _ := m["cidrBlock"].(string)
		if k == "" {
			k = m["awsSecurityGroup"].(string)
		}
		out[k] = m
	}
	return out
}

func TestIPAccessList_addressAndItsBlockAreOneEntryUpdatedByRepost(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{Seed: 72})
	g := e.fx.ProjectID
	mustStatus(t, e.call("POST", "/groups/"+g+"/accessList", v0101, []map[string]any{{"ipAddress": "203.0.113.7", "comment": "first"}}), 200)
	mustStatus(t, e.call("POST", "/groups/"+g+"/accessList", v0101, []map[string]any{{"cidrBlock": "203.0.113.7/32", "comment": "second"}}), 200)
	list := ipList(t, e, g)
	if len(list) != 1 {
		t.Fatalf("list %v, want one entry for 203.0.113.7", list)
	}
	got := list["203.0.113.7/32"]
	if got["ipAddress"] != "203.0.113.7" || got["comment"] != "second" || got["groupId"] != g {
		t.Errorf("entry %v, want ipAddress 203.0.113.7, cidrBlock 203.0.113.7/32 and the second comment", got)
	}
	// The entry's self link is the URL that reads it, with the block's
	// slash encoded.
	one := e.call("GET", "/groups/"+g+"/accessList/203.0.113.7%2F32", v0101, nil)
	mustStatus(t, one, 200)
	links := one.json(t)["links"].([]any)
	if href := links[0].(map[string]any)["href"].(string); !strings.HasSuffix(href, "/api/atlas/v2/groups/"+g+"/accessList/203.0.113.7%2F32") || strings.Count(href, "/api/atlas/v2") != 1 {
		t.Errorf("self link %q, want .../api/atlas/v2/groups/%s/accessList/203.0.113.7%%2F32", href, g)
	}
	// The bare address deletes the entry too.
	mustStatus(t, e.call("DELETE", "/groups/"+g+"/accessList/203.0.113.7", v0101, nil), 204)
	if list := ipList(t, e, g); len(list) != 0 {
		t.Errorf("after DELETE: %v", list)
	}
}

func TestIPAccessList_statusPendingThenActive(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		reads int
		want  []string
	}{
		"default one pending read": {0, []string{"PENDING", "ACTIVE", "ACTIVE"}},
		"three pending reads":      {3, []string{"PENDING", "PENDING", "PENDING", "ACTIVE"}},
		"active at once":           {-1, []string{"ACTIVE"}},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, Options{Seed: 73, IPAccessPendingReads: tc.reads})
			g := e.fx.ProjectID
			mustStatus(t, e.call("POST", "/groups/"+g+"/accessList", v0101, []map[string]any{{"cidrBlock": "10.2.0.0/16"}}), 200)
			var got []string
			for range tc.want {
				r := e.call("GET", "/groups/"+g+"/accessList/10.2.0.0%2F16/status", v0101, nil)
				mustStatus(t, r, 200)
				got = append(got, r.json(t)["STATUS"].(string))
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("statuses %v, want %v", got, tc.want)
			}
		})
	}
}

func TestIPAccessList_pendingEntryActiveOnceAtlasClockMoves(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{Seed: 74, IPAccessPendingReads: 100})
	g := e.fx.ProjectID
	mustStatus(t, e.call("POST", "/groups/"+g+"/accessList", v0101, []map[string]any{{"cidrBlock": "10.3.0.0/16"}}), 200)
	e.srv.SetClockOffset(2 * time.Minute)
	r := e.call("GET", "/groups/"+g+"/accessList/10.3.0.0%2F16/status", v0101, nil)
	mustStatus(t, r, 200)
	if s := r.json(t)["STATUS"]; s != "ACTIVE" {
		t.Errorf("status %v two minutes later, want ACTIVE", s)
	}
}

func TestIPAccessList_concurrentPostRefused(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{Seed: 75})
	g, g2 := e.fx.ProjectID, e.fx.Project2ID
	var during []response
	e.srv.SetIPAccessPostHook(func(groupID string) {
		if groupID != g || during != nil {
			return
		}
		during = append(during,
			e.call("POST", "/groups/"+g+"/accessList", v0101, []map[string]any{{"cidrBlock": "10.5.0.0/16"}}),
			e.call("POST", "/groups/"+g2+"/accessList", v0101, []map[string]any{{"cidrBlock": "10.6.0.0/16"}}))
	})
	mustStatus(t, e.call("POST", "/groups/"+g+"/accessList", v0101, []map[string]any{{"cidrBlock": "10.4.0.0/16"}}), 200)
	if len(during) != 2 {
		t.Fatalf("hook ran %d POSTs", len(during))
	}
	mustStatus(t, during[0], 500)
	if code := during[0].errorCode(t); code != "UNEXPECTED_ERROR" {
		t.Errorf("concurrent POST errorCode %q, want UNEXPECTED_ERROR", code)
	}
	mustStatus(t, during[1], 200) // another project is not affected
	if list := ipList(t, e, g); list["10.5.0.0/16"] != nil || list["10.4.0.0/16"] == nil {
		t.Errorf("list %v: want 10.4.0.0/16 only (the refused POST changes nothing)", list)
	}
	// Once the first POST is answered, the same POST goes through.
	e.srv.SetIPAccessPostHook(nil)
	mustStatus(t, e.call("POST", "/groups/"+g+"/accessList", v0101, []map[string]any{{"cidrBlock": "10.5.0.0/16"}}), 200)
}

func TestIPAccessList_temporaryEntryDisappearsAfterItsDate(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{Seed: 76, TokenLifetime: 24 * time.Hour})
	g := e.fx.ProjectID
	after := e.srv.Now().Add(time.Hour).UTC().Format(time.RFC3339)
	mustStatus(t, e.call("POST", "/groups/"+g+"/accessList", v0101, []map[string]any{{"cidrBlock": "10.7.0.0/16", "deleteAfterDate": after}, {"cidrBlock": "10.8.0.0/16"}}), 200)
	if got := ipList(t, e, g)["10.7.0.0/16"]; got == nil || got["deleteAfterDate"] != after {
		t.Fatalf("entry %v, want deleteAfterDate %s", got, after)
	}
	e.srv.SetClockOffset(2 * time.Hour)
	list := ipList(t, e, g)
	if list["10.7.0.0/16"] != nil || list["10.8.0.0/16"] == nil {
		t.Errorf("two hours later: %v, want only the permanent entry", list)
	}
	mustStatus(t, e.call("GET", "/groups/"+g+"/accessList/10.7.0.0%2F16", v0101, nil), 404)
}

func TestIPAccessList_refusals(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{Seed: 77})
	noPeering := newEnv(t, Options{Seed: 78, IPAccessNoAWSPeering: true})
	g := e.fx.ProjectID
	week := e.srv.Now().Add(8 * 24 * time.Hour).UTC().Format(time.RFC3339)
	soon := e.srv.Now().Add(time.Hour).UTC().Format(time.RFC3339)
	for name, tc := range map[string]struct {
		env   *env
		body  any
		code  string
		field string
	}{
		"not an array":              {e, map[string]any{"cidrBlock": "10.0.0.0/8"}, "INVALID_JSON", ""},
		"none of the three":         {e, []map[string]any{{"comment": "x"}}, "MISSING_ATTRIBUTE", "[0].ipAddress"},
		"two of the three":          {e, []map[string]any{{"cidrBlock": "10.0.0.0/8", "awsSecurityGroup": "sg-0123abcd"}}, "INVALID_ATTRIBUTE", "[0].ipAddress"},
		"bad block":                 {e, []map[string]any{{"cidrBlock": "10.0.0.0/33"}}, "INVALID_ATTRIBUTE", "[0].cidrBlock"},
		"shortened IPv6 ipAddress":  {e, []map[string]any{{"ipAddress": "2001:db8::1"}}, "INVALID_ATTRIBUTE", "[0].ipAddress"},
		"bad security group":        {e, []map[string]any{{"awsSecurityGroup": "sg-xyz"}}, "INVALID_ATTRIBUTE", "[0].awsSecurityGroup"},
		"comment of 81 characters":  {e, []map[string]any{{"cidrBlock": "10.0.0.0/8", "comment": strings.Repeat("é", 81)}}, "INVALID_ATTRIBUTE", "[0].comment"},
		"deleteAfterDate too late":  {e, []map[string]any{{"cidrBlock": "10.0.0.0/8", "deleteAfterDate": week}}, "INVALID_ATTRIBUTE", "[0].deleteAfterDate"},
		"temporary security group":  {e, []map[string]any{{"awsSecurityGroup": "sg-0123abcd", "deleteAfterDate": soon}}, "INVALID_ATTRIBUTE", "[0].deleteAfterDate"},
		"security group no peering": {noPeering, []map[string]any{{"awsSecurityGroup": "sg-0123abcd"}}, "NO_AWS_NETWORK_PEERING", ""},
	} {
		t.Run(name, func(t *testing.T) {
			r := tc.env.call("POST", "/groups/"+tc.env.fx.ProjectID+"/accessList", v0101, tc.body)
			mustStatus(t, r, 400)
			if code := r.errorCode(t); code != tc.code {
				t.Errorf("errorCode %q, want %q; body %s", code, tc.code, r.body)
			}
			if tc.field != "" && !strings.Contains(string(r.body), tc.field) {
				t.Errorf("body %s does not name %s", r.body, tc.field)
			}
		})
	}
	if list := ipList(t, e, g); len(list) != 0 {
		t.Errorf("refused POSTs added %v", list)
	}
	// A comment of 80 characters (not bytes) is accepted.
	mustStatus(t, e.call("POST", "/groups/"+g+"/accessList", v0101, []map[string]any{{"cidrBlock": "10.0.0.0/8", "comment": strings.Repeat("é", 80)}}), 200)
}

func TestIPAccessList_writesNeedNetworkAccessManager(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{Seed: 79})
	g := e.fx.ProjectID
	for role, want := range map[string]int{"GROUP_READ_ONLY": 401, "GROUP_NETWORK_ACCESS_MANAGER": 200} {
		created := e.createSA(g, "net-"+strings.ToLower(role[6:10]), role)
		tok := e.getToken(created["clientId"].(string), firstSecret(created))
		r := e.callWith(e.client, "Bearer "+tok, "POST", "/groups/"+g+"/accessList", v0101, []map[string]any{{"cidrBlock": "10.9.0.0/16"}})
		mustStatus(t, r, want)
		mustStatus(t, e.callWith(e.client, "Bearer "+tok, "GET", "/groups/"+g+"/accessList", v0101, nil), 200)
	}
}
