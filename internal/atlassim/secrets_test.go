package atlassim

import (
	"fmt"
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

// secretExpiresAfterHours must lie between 8 and 8760 hours, on the account
// create and on a new secret, project or organization.
func TestSecrets_expiryRange(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{Seed: 81})
	g, org := e.fx.ProjectID, e.fx.OrgID
	id := e.createSA(g, "ranged")["clientId"].(string)
	paths := map[string]string{
		"project secret": "/groups/" + g + "/serviceAccounts/" + id + "/secrets",
		"org secret":     "/orgs/" + org + "/serviceAccounts/" + id + "/secrets",
	}
	for name, path := range paths {
		for hours, want := range map[int]int{0: 400, 7: 400, 8: 201, 8760: 201, 8761: 400, -8: 400} {
			r := e.call("POST", path, sa, map[string]any{"secretExpiresAfterHours": hours})
			mustStatus(t, r, want)
			if want == 400 && (r.errorCode(t) != "INVALID_ATTRIBUTE" || !strings.Contains(string(r.body), "between 8 and 8760 hours")) {
				t.Errorf("%s, %d hours: %s", name, hours, r.body)
			}
			if want == 201 {
				sec := r.json(t)
				created, _ := time.Parse(time.RFC3339, sec["createdAt"].(string))
				if got := expiresAt(t, sec).Sub(created); got != time.Duration(hours)*time.Hour {
					t.Errorf("%s: a %d-hour secret lasts %s", name, hours, got)
				}
			}
			// Keep under the secret limit.
			for len(e.secretsOf(g, id)) > 1 {
				mustStatus(t, e.call("DELETE", path+"/"+e.secretsOf(g, id)[0]["id"].(string), sa, nil), 204)
			}
		}
	}
	for _, hours := range []int{7, 8761} {
		mustStatus(t, e.call("POST", "/groups/"+g+"/serviceAccounts", sa, map[string]any{
			"name": "n", "description": "d", "roles": []string{"GROUP_READ_ONLY"}, "secretExpiresAfterHours": hours,
		}), 400)
		mustStatus(t, e.call("POST", "/orgs/"+org+"/serviceAccounts", sa, map[string]any{
			"name": "n", "description": "d", "roles": []string{"ORG_MEMBER"}, "secretExpiresAfterHours": hours,
		}), 400)
	}
}

// An account holds at most MaxSecrets secrets, expired ones included; one
// more is a 400 naming the account and the limit, and deleting a secret
// makes room.
func TestSecrets_limit(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		opts  Options
		limit int
	}{
		"default":  {Options{Seed: 82}, DefaultMaxSecrets},
		"option 3": {Options{Seed: 83, MaxSecrets: 3}, 3},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, tc.opts)
			g := e.fx.ProjectID
			id := e.createSA(g, "limited")["clientId"].(string) // holds one secret
			path := "/groups/" + g + "/serviceAccounts/" + id + "/secrets"
			orgPath := "/orgs/" + e.fx.OrgID + "/serviceAccounts/" + id + "/secrets"
			for i := 1; i < tc.limit; i++ {
				mustStatus(t, e.call("POST", path, sa, map[string]any{"secretExpiresAfterHours": 8}), 201)
			}
			// Expired secrets still count: they are still held and listed.
			e.srv.SetClockOffset(48 * time.Hour)
			e.token = e.getToken(e.fx.ClientID, e.fx.ClientSecret)
			for _, p := range []string{path, orgPath} {
				r := e.call("POST", p, sa, map[string]any{"secretExpiresAfterHours": 8})
				mustStatus(t, r, http.StatusBadRequest)
				if r.errorCode(t) != "SERVICE_ACCOUNT_SECRET_LIMIT_EXCEEDED" || !strings.Contains(string(r.body), id) ||
					!strings.Contains(string(r.body), fmt.Sprintf("maximum of %d secrets", tc.limit)) {
					t.Fatalf("over the limit: %s", r.body)
				}
			}
			if n := len(e.secretsOf(g, id)); n != tc.limit {
				t.Fatalf("a refused create changed the secrets: %d held, want %d", n, tc.limit)
			}
			mustStatus(t, e.call("DELETE", path+"/"+e.secretsOf(g, id)[0]["id"].(string), sa, nil), 204)
			mustStatus(t, e.call("POST", orgPath, sa, map[string]any{"secretExpiresAfterHours": 8}), 201)
		})
	}
	e := newEnv(t, Options{Seed: 84, MaxSecrets: -1})
	id := e.createSA(e.fx.ProjectID, "unlimited")["clientId"].(string)
	for range DefaultMaxSecrets + 2 {
		mustStatus(t, e.call("POST", "/groups/"+e.fx.ProjectID+"/serviceAccounts/"+id+"/secrets", sa, map[string]any{"secretExpiresAfterHours": 8}), 201)
	}
}

// The token endpoint refuses an expired secret with 401 invalid_client: the
// account's own expiry, and the 7-day expiry of an older secret shortened
// by a new one, both by the simulator's clock.
func TestSecrets_expiredSecretRejectedAtTokenEndpoint(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{Seed: 85, TokenRateLimit: -1})
	g := e.fx.ProjectID
	r := e.call("POST", "/groups/"+g+"/serviceAccounts", sa, map[string]any{
		"name": "rotating", "description": "d", "roles": []string{"GROUP_READ_ONLY"}, "secretExpiresAfterHours": 720,
	})
	mustStatus(t, r, http.StatusCreated)
	created := r.json(t)
	id, old := created["clientId"].(string), firstSecret(created)
	r = e.call("POST", "/groups/"+g+"/serviceAccounts/"+id+"/secrets", sa, map[string]any{"secretExpiresAfterHours": 8760})
	mustStatus(t, r, http.StatusCreated)
	fresh := r.json(t)["secret"].(string)

	signsIn := func(secret string) bool {
		status, _, body := e.tokenRequest(id, secret)
		if status != http.StatusOK && (status != http.StatusUnauthorized || body["error"] != "invalid_client") {
			t.Fatalf("token endpoint: %d %v, want 200 or 401 invalid_client", status, body)
		}
		return status == http.StatusOK
	}
	day := 24 * time.Hour
	e.srv.SetClockOffset(6 * day)
	if !signsIn(old) || !signsIn(fresh) {
		t.Fatal("6 days after rotation both secrets should sign in")
	}
	e.srv.SetClockOffset(8 * day) // past the 7 days left to the old secret, within its 720 hours
	if signsIn(old) {
		t.Fatal("the shortened old secret still signs in 8 days after rotation")
	}
	if !signsIn(fresh) {
		t.Fatal("the new secret no longer signs in")
	}
	e.srv.SetClockOffset(366 * day)
	if signsIn(fresh) {
		t.Fatal("the one-year secret signs in after a year")
	}
}
