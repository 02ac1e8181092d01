package atlassim

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

// secretsOf reads an account and returns its secrets as Atlas lists them.
func (e *env) secretsOf(groupID, clientID string) []map[string]any {
	e.t.Helper()
	r := e.call("GET", "/groups/"+groupID+"/serviceAccounts/"+clientID, sa, nil)
	mustStatus(e.t, r, http.StatusOK)
	var out []map[string]any
	for _, s := range r.json(e.t)["secrets"].([]any) {
		out = append(out, s.(map[string]any))
	}
	return out
}

func expiresAt(t *testing.T, secret map[string]any) time.Time {
	t.Helper()
	at, err := time.Parse(time.RFC3339, secret["expiresAt"].(string))
	if err != nil {
		t.Fatalf("expiresAt of %v: %v", secret, err)
	}
	return at
}

// The answer that creates a secret carries its plaintext and no masked
// value; every read carries the masked value and never the plaintext.
func TestSecrets_plaintextOnlyInTheCreatingAnswer(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{Seed: 1})
	g := e.fx.ProjectID
	created := e.createSA(g, "rotating")
	id := created["clientId"].(string)
	first := created["secrets"].([]any)[0].(map[string]any)
	if _, masked := first["maskedSecretValue"]; masked || !secretRe.MatchString(first["secret"].(string)) {
		t.Fatalf("create answer: %v; want the plaintext and no maskedSecretValue", first)
	}
	r := e.call("POST", "/groups/"+g+"/serviceAccounts/"+id+"/secrets", sa, map[string]any{"secretExpiresAfterHours": 24})
	mustStatus(t, r, http.StatusCreated)
	second := r.json(t)
	if _, masked := second["maskedSecretValue"]; masked || !secretRe.MatchString(second["secret"].(string)) {
		t.Fatalf("new secret answer: %v; want the plaintext and no maskedSecretValue", second)
	}
	plains := []string{first["secret"].(string), second["secret"].(string)}

	for name, path := range map[string]string{
		"account":         "/groups/" + g + "/serviceAccounts/" + id,
		"project list":    "/groups/" + g + "/serviceAccounts",
		"org account":     "/orgs/" + e.fx.OrgID + "/serviceAccounts/" + id,
		"org list":        "/orgs/" + e.fx.OrgID + "/serviceAccounts",
		"account, pretty": "/groups/" + g + "/serviceAccounts/" + id + "?pretty=true",
	} {
		r := e.call("GET", path, sa, nil)
		mustStatus(t, r, http.StatusOK)
		body := string(r.body)
		if strings.Contains(body, `"secret"`) || strings.Contains(body, plains[0]) || strings.Contains(body, plains[1]) {
			t.Errorf("%s: a read shows a plaintext secret: %s", name, body)
		}
	}
	for i, s := range e.secretsOf(g, id) {
		if want := "mdb_sa_sk_..." + plains[i][len(plains[i])-4:]; s["maskedSecretValue"] != want {
			t.Errorf("secret %d: maskedSecretValue %v, want %s", i, s["maskedSecretValue"], want)
		}
	}
}

// A new secret shortens every older secret of the account to expire at
// most 7 days after the new one's creation; one that expires sooner keeps
// its date, and the new one has the whole lifetime it was asked for.
func TestSecrets_rotationShortensOlderSecrets(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{Seed: 2})
	g := e.fx.ProjectID
	t0 := time.Now().UTC().Truncate(time.Second)
	at := t0
	e.srv.now = func() time.Time { return at }
	week := 7 * 24 * time.Hour

	r := e.call("POST", "/groups/"+g+"/serviceAccounts", sa, map[string]any{
		"name": "long", "description": "d", "roles": []string{"GROUP_READ_ONLY"}, "secretExpiresAfterHours": 720,
	})
	mustStatus(t, r, http.StatusCreated)
	long := r.json(t)["clientId"].(string)
	r = e.call("POST", "/groups/"+g+"/serviceAccounts", sa, map[string]any{
		"name": "short", "description": "d", "roles": []string{"GROUP_READ_ONLY"}, "secretExpiresAfterHours": 48,
	})
	mustStatus(t, r, http.StatusCreated)
	short := r.json(t)["clientId"].(string)

	// A day later, each gets a second secret of a year.
	at = t0.Add(24 * time.Hour)
	for _, id := range []string{long, short} {
		mustStatus(t, e.call("POST", "/groups/"+g+"/serviceAccounts/"+id+"/secrets", sa, map[string]any{"secretExpiresAfterHours": 8760}), http.StatusCreated)
	}
	ls, ss := e.secretsOf(g, long), e.secretsOf(g, short)
	if got, want := expiresAt(t, ls[0]), at.Add(week); !got.Equal(want) {
		t.Errorf("720-hour secret after rotation expires %s, want 7 days after the new secret (%s)", got, want)
	}
	if got, want := expiresAt(t, ss[0]), t0.Add(48*time.Hour); !got.Equal(want) {
		t.Errorf("48-hour secret after rotation expires %s, want its own date %s", got, want)
	}
	for _, s := range [][]map[string]any{ls, ss} {
		if got, want := expiresAt(t, s[1]), at.Add(8760*time.Hour); !got.Equal(want) {
			t.Errorf("new secret expires %s, want %s", got, want)
		}
	}

	// Two days later a third secret: the second is shortened, the first,
	// already due sooner, keeps its date.
	second := at
	at = t0.Add(72 * time.Hour)
	mustStatus(t, e.call("POST", "/groups/"+g+"/serviceAccounts/"+long+"/secrets", sa, map[string]any{"secretExpiresAfterHours": 24}), http.StatusCreated)
	ls = e.secretsOf(g, long)
	if got, want := expiresAt(t, ls[0]), second.Add(week); !got.Equal(want) {
		t.Errorf("first secret after the second rotation expires %s, want %s", got, want)
	}
	if got, want := expiresAt(t, ls[1]), at.Add(week); !got.Equal(want) {
		t.Errorf("second secret after the second rotation expires %s, want %s", got, want)
	}
	if got, want := expiresAt(t, ls[2]), at.Add(24*time.Hour); !got.Equal(want) {
		t.Errorf("third secret expires %s, want %s", got, want)
	}
}

// A project role the simulator does not know is a 400 naming it; the
// Roles option (the -roles and -extra-roles flags) makes it known.
func TestRoles_extraRoles(t *testing.T) {
	t.Parallel()
	const newRole = "GROUP_FUTURE_ROLE"
	body := map[string]any{"name": "n", "description": "d", "roles": []string{newRole}, "secretExpiresAfterHours": 24}

	def := newEnv(t, Options{Seed: 3})
	r := def.call("POST", "/groups/"+def.fx.ProjectID+"/serviceAccounts", sa, body)
	mustStatus(t, r, http.StatusBadRequest)
	if !strings.Contains(string(r.body), newRole) {
		t.Errorf("the 400 does not name the role: %s", r.body)
	}

	extended := newEnv(t, Options{Seed: 3, Roles: append(append([]string(nil), DefaultRoles...), newRole)})
	r = extended.call("POST", "/groups/"+extended.fx.ProjectID+"/serviceAccounts", sa, body)
	mustStatus(t, r, http.StatusCreated)
	if roles := r.json(t)["roles"].([]any); len(roles) != 1 || roles[0] != newRole {
		t.Errorf("roles %v, want [%s]", roles, newRole)
	}
}
