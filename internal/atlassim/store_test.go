package atlassim

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
)

func TestFixtures_validAndDeterministic(t *testing.T) {
	t.Parallel()
	a, _ := New(Options{Seed: 99})
	b, _ := New(Options{Seed: 99})
	c, _ := New(Options{Seed: 100})
	fa := a.Fixtures()
	if fa != b.Fixtures() {
		t.Fatal("same seed, different fixtures")
	}
	if fa == c.Fixtures() || fa.ClientSecret == c.Fixtures().ClientSecret {
		t.Fatal("different seeds, same fixtures")
	}
	for name, id := range map[string]string{"org": fa.OrgID, "project": fa.ProjectID, "project2": fa.Project2ID} {
		if !hex24Pattern.MatchString(id) {
			t.Errorf("%s ID %q", name, id)
		}
	}
	if !clientIDPattern.MatchString(fa.ClientID) || !secretRe.MatchString(fa.ClientSecret) || !isEmail(fa.OrgMember) {
		t.Errorf("fixtures %+v", fa)
	}
	if !regexp.MustCompile(`^[\p{L}\p{N}\-_.(),:&@+']{1,64}$`).MatchString(fa.OrgName) {
		t.Errorf("org name %q breaks the orgName pattern", fa.OrgName)
	}
	out := ExportLines("http://127.0.0.1:1", fa)
	if !strings.HasPrefix(out, "export MONGODB_ATLAS_BASE_URL=http://127.0.0.1:1\n") || strings.Count(out, "\n") != 9 {
		t.Fatalf("export lines:\n%s", out)
	}
	if got := shellQuote("it's"); got != `'it'\''s'` {
		t.Fatalf("shellQuote: %s", got)
	}
}

func TestStateFile_survivesRestart(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "state.json")
	var log bytes.Buffer
	e := newEnv(t, Options{Seed: 50, StateFile: path, RequestsLog: &log})
	created := e.createSA(e.fx.ProjectID, "persisted")
	id := created["clientId"].(string)
	plain := created["secrets"].([]any)[0].(map[string]any)["secret"].(string)
	mustStatus(t, e.call("POST", "/groups/"+e.fx.ProjectID+"/users", users, map[string]any{"username": "kept@example.com", "roles": []string{"GROUP_OWNER"}}), 201)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(data, []byte(plain)) {
		t.Fatal("state file holds a plaintext secret")
	}

	// A new server with a different seed still has the same fixtures and data.
	e2 := newEnv(t, Options{Seed: 51, StateFile: path})
	if e2.fx != e.fx {
		t.Fatalf("fixtures changed: %+v vs %+v", e2.fx, e.fx)
	}
	r := e2.call("GET", "/groups/"+e.fx.ProjectID+"/serviceAccounts/"+id, sa, nil)
	mustStatus(t, r, 200)
	if tok := e2.getToken(id, plain); tok == "" {
		t.Fatal("secret lost in restart")
	}
	// The old token is still valid too.
	mustStatus(t, e2.callWith(e2.client, "Bearer "+e.token, "GET", "/groups/"+e.fx.ProjectID+"/users", users, nil), 200)
	// New IDs do not collide with persisted ones.
	id2 := e2.createSA(e.fx.ProjectID, "after restart")["clientId"].(string)
	if id2 == id {
		t.Fatal("ID reused after restart")
	}
	e3 := newEnv(t, Options{StateFile: path})
	r = e3.call("GET", "/groups/"+e.fx.ProjectID+"/serviceAccounts", sa, nil)
	if r.json(t)["totalCount"] != float64(2) {
		t.Fatalf("after second restart: %s", r.body)
	}

	// The requests log is one JSON object per line, without credentials.
	sc := bufio.NewScanner(&log)
	lines := 0
	for sc.Scan() {
		var rec RequestRecord
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatalf("log line %q: %v", sc.Text(), err)
		}
		if strings.Contains(sc.Text(), e.token) || strings.Contains(sc.Text(), plain) || strings.Contains(sc.Text(), e.fx.ClientSecret) {
			t.Fatalf("log leaks: %s", sc.Text())
		}
		lines++
	}
	if lines < 3 {
		t.Fatalf("%d log lines", lines)
	}

	// A corrupt state file is an error, not a silent reset.
	bad := filepath.Join(t.TempDir(), "bad.json")
	_ = os.WriteFile(bad, []byte("{"), 0o600)
	if _, err := New(Options{StateFile: bad}); err == nil {
		t.Fatal("corrupt state accepted")
	}
}

func TestStore_concurrentCreateDelete(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "state.json")
	e := newEnv(t, Options{Seed: 60, StateFile: path, InviteRateLimit: -1})
	g := e.fx.ProjectID
	var wg sync.WaitGroup
	kept := make([]string, 64)
	for i := range 64 {
		wg.Go(func() {
			a := e.createSA(g, fmt.Sprintf("c%d", i))["clientId"].(string)
			b := e.createSA(g, fmt.Sprintf("d%d", i))["clientId"].(string)
			r := e.call("DELETE", "/orgs/"+e.fx.OrgID+"/serviceAccounts/"+b, sa, nil)
			if r.status != http.StatusNoContent {
				t.Errorf("delete %d", r.status)
			}
			r = e.call("POST", "/groups/"+g+"/users", users, map[string]any{"username": fmt.Sprintf("u%d@example.com", i), "roles": []string{"GROUP_OWNER"}})
			if r.status != http.StatusCreated {
				t.Errorf("invite %d %s", r.status, r.body)
			}
			kept[i] = a
		})
	}
	wg.Wait()
	r := e.call("GET", "/groups/"+g+"/serviceAccounts?itemsPerPage=500", sa, nil)
	m := r.json(t)
	if m["totalCount"] != float64(64) || len(m["results"].([]any)) != 64 {
		t.Fatalf("after concurrency: %v accounts", m["totalCount"])
	}
	for _, x := range m["results"].([]any) {
		id := x.(map[string]any)["clientId"].(string)
		found := false
		for _, k := range kept {
			found = found || k == id
		}
		if !found {
			t.Fatalf("unexpected account %s", id)
		}
	}
	r = e.call("GET", "/groups/"+g+"/users?itemsPerPage=500", users, nil)
	if r.json(t)["totalCount"] != float64(64) {
		t.Fatalf("users: %s", r.body)
	}
	// The state file agrees with memory.
	e2 := newEnv(t, Options{StateFile: path})
	r = e2.call("GET", "/groups/"+g+"/serviceAccounts?itemsPerPage=500", sa, nil)
	if r.json(t)["totalCount"] != float64(64) {
		t.Fatalf("state file: %v", r.json(t)["totalCount"])
	}
}
