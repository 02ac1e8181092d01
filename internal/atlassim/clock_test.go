package atlassim

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"
)

// within reports whether got is want give or take slack.
func within(got, want time.Time, slack time.Duration) bool {
	d := got.Sub(want)
	return d > -slack && d < slack
}

// clockOf decodes the {"now": ...} answer of /__atlassim/clock.
func clockOf(t *testing.T, body string) time.Time {
	t.Helper()
	var out struct {
		Now string `json:"now"`
	}
	if err := json.Unmarshal([]byte(body), &out); err != nil {
		t.Fatalf("clock answer %q: %v", body, err)
	}
	at, err := time.Parse(time.RFC3339Nano, out.Now)
	if err != nil {
		t.Fatalf("clock answer %q: %v", body, err)
	}
	return at
}

// PUT /__atlassim/clock moves Atlas's clock by an offset or to an instant,
// an empty body resets it, GET reads it, and every answer's Date header
// carries it.
func TestClock_adminEndpoint(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{Seed: 61})
	const slack = 5 * time.Second
	dateOf := func() time.Time {
		// A moved clock may have expired the token, as Atlas would.
		e.token = e.getToken(e.fx.ClientID, e.fx.ClientSecret)
		r := e.call("GET", "/groups/"+e.fx.ProjectID+"/serviceAccounts", sa, nil)
		mustStatus(t, r, http.StatusOK)
		at, err := http.ParseTime(r.header.Get("Date"))
		if err != nil {
			t.Fatalf("Date header %q: %v", r.header.Get("Date"), err)
		}
		return at
	}

	status, body := e.admin("PUT", "/__atlassim/clock", `{"offset": "72h"}`)
	if status != http.StatusOK || !within(clockOf(t, body), time.Now().Add(72*time.Hour), slack) {
		t.Fatalf("offset 72h: %d %s", status, body)
	}
	if !within(dateOf(), time.Now().Add(72*time.Hour), slack) || !within(e.srv.Now(), time.Now().Add(72*time.Hour), slack) {
		t.Fatalf("after +72h the Date header says %s and Now %s", dateOf(), e.srv.Now())
	}
	status, body = e.admin("GET", "/__atlassim/clock", "")
	if status != http.StatusOK || !within(clockOf(t, body), time.Now().Add(72*time.Hour), slack) {
		t.Fatalf("GET clock: %d %s", status, body)
	}

	status, body = e.admin("PUT", "/__atlassim/clock", `{"offset": "-36h"}`)
	if status != http.StatusOK || !within(dateOf(), time.Now().Add(-36*time.Hour), slack) {
		t.Fatalf("offset -36h: %d %s, Date %s", status, body, dateOf())
	}

	at := time.Date(2031, time.March, 4, 5, 6, 7, 0, time.UTC)
	status, body = e.admin("PUT", "/__atlassim/clock", `{"now": "2031-03-04T05:06:07Z"}`)
	if status != http.StatusOK || !within(clockOf(t, body), at, slack) || !within(dateOf(), at, slack) {
		t.Fatalf("now 2031-03-04: %d %s, Date %s", status, body, dateOf())
	}

	for _, reset := range []string{"", "{}"} {
		e.srv.SetClockOffset(1000 * time.Hour)
		status, body = e.admin("PUT", "/__atlassim/clock", reset)
		if status != http.StatusOK || !within(clockOf(t, body), time.Now(), slack) || !within(dateOf(), time.Now(), slack) {
			t.Fatalf("reset with %q: %d %s", reset, status, body)
		}
	}

	e.srv.SetClockOffset(time.Hour)
	for name, bad := range map[string]string{
		"not JSON":      `72h`,
		"bad duration":  `{"offset": "three days"}`,
		"number offset": `{"offset": 72}`,
		"bad time":      `{"now": "tomorrow"}`,
		"both":          `{"offset": "1h", "now": "2031-03-04T05:06:07Z"}`,
		"unknown field": `{"offest": "1h"}`,
	} {
		status, body := e.admin("PUT", "/__atlassim/clock", bad)
		if status != http.StatusBadRequest || !strings.Contains(body, "error") {
			t.Errorf("%s: %d %s, want 400 with a message", name, status, body)
		}
	}
	if !within(e.srv.Now(), time.Now().Add(time.Hour), slack) {
		t.Errorf("a refused body moved the clock to %s", e.srv.Now())
	}
	if status, _ := e.admin("POST", "/__atlassim/clock", "{}"); status != http.StatusMethodNotAllowed {
		t.Errorf("POST clock: %d, want 405", status)
	}
	e.srv.ResetClock()
	if !within(e.srv.Now(), time.Now(), slack) {
		t.Errorf("ResetClock left %s", e.srv.Now())
	}
}

// Everything Atlas computes from its time follows the moved clock: secret
// dates, the expiry of secrets at the token endpoint and of access tokens,
// and invitations. The fixture credentials keep working decades ahead.
func TestClock_expiryFollowsTheClock(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{Seed: 62})
	g := e.fx.ProjectID
	const slack = 5 * time.Second

	future := time.Now().Add(400 * 24 * time.Hour)
	e.srv.SetClockNow(future)
	e.token = e.getToken(e.fx.ClientID, e.fx.ClientSecret) // the old one expired with the move
	created := e.createSA(g, "dated")                      // its secret lasts 24 hours
	id := created["clientId"].(string)
	plain := firstSecret(created)
	sec := created["secrets"].([]any)[0].(map[string]any)
	createdAt, _ := time.Parse(time.RFC3339, sec["createdAt"].(string))
	if !within(createdAt, future, slack) || !expiresAt(t, sec).Equal(createdAt.Add(24*time.Hour)) {
		t.Fatalf("secret created at %v expiring %v, want the moved clock %v and 24 hours later", createdAt, expiresAt(t, sec), future)
	}
	tok := e.getToken(id, plain)
	if last := e.secretsOf(g, id)[0]["lastUsedAt"]; last == nil {
		t.Fatal("lastUsedAt not set by a token request")
	} else if at, _ := time.Parse(time.RFC3339, last.(string)); !within(at, future, slack) {
		t.Fatalf("lastUsedAt %v, want the moved clock %v", at, future)
	}
	mustStatus(t, e.callWith(e.client, "Bearer "+tok, "GET", "/groups/"+g+"/serviceAccounts", sa, nil), http.StatusOK)

	// Two hours on, the one-hour token has expired.
	e.srv.SetClockOffset(time.Until(future) + 2*time.Hour)
	r := e.callWith(e.client, "Bearer "+tok, "GET", "/groups/"+g+"/serviceAccounts", sa, nil)
	mustStatus(t, r, http.StatusUnauthorized)
	if r.errorCode(t) != "TOKEN_EXPIRED" {
		t.Fatalf("errorCode %q, want TOKEN_EXPIRED", r.errorCode(t))
	}
	// A day on, the 24-hour secret has expired: the token endpoint refuses it.
	e.srv.SetClockOffset(time.Until(future) + 25*time.Hour)
	if status, _, body := e.tokenRequest(id, plain); status != http.StatusUnauthorized || body["error"] != "invalid_client" {
		t.Fatalf("expired secret: %d %v, want 401 invalid_client", status, body)
	}
	// Back in time, it works again: expiry is a comparison with the clock.
	e.srv.SetClockNow(future)
	if status, _, _ := e.tokenRequest(id, plain); status != http.StatusOK {
		t.Fatalf("unexpired secret: %d", status)
	}

	// An invitation runs out 30 days after it is sent, by the clock.
	r = e.call("POST", "/groups/"+g+"/users", users, map[string]any{"username": "later@example.com", "roles": []string{"GROUP_READ_ONLY"}})
	mustStatus(t, r, http.StatusCreated)
	uid := r.json(t)["id"].(string)
	// The access token of the fixture credentials expires with the move too.
	e.srv.SetClockOffset(time.Until(future) + 31*24*time.Hour)
	fresh := e.getToken(e.fx.ClientID, e.fx.ClientSecret)
	r = e.callWith(e.client, "Bearer "+fresh, "GET", "/groups/"+g+"/users/"+uid, users, nil)
	mustStatus(t, r, http.StatusOK)
	if r.json(t)["orgMembershipStatus"] != "INVITATION_EXPIRED" {
		t.Fatalf("invitation 31 days on: %s", r.body)
	}

	// The fixture credentials have no practical expiry.
	e.srv.SetClockOffset(50 * 365 * 24 * time.Hour)
	if status, _, _ := e.tokenRequest(e.fx.ClientID, e.fx.ClientSecret); status != http.StatusOK {
		t.Fatalf("fixture credentials 50 years on: %d", status)
	}
}
