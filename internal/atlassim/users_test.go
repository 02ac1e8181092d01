package atlassim

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestProjectUsers_invitationLifecycle(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{Seed: 10})
	g, g2 := e.fx.ProjectID, e.fx.Project2ID

	// A stranger is invited: PENDING with invitation fields.
	r := e.call("POST", "/groups/"+g+"/users", users, map[string]any{"username": "Jane.Doe@example.com", "roles": []string{"GROUP_READ_ONLY"}})
	mustStatus(t, r, 201)
	u := r.json(t)
	id := u["id"].(string)
	if u["orgMembershipStatus"] != "PENDING" || u["invitationCreatedAt"] == nil || u["invitationExpiresAt"] == nil || u["inviterUsername"] != adminUsername || u["firstName"] != nil {
		t.Fatalf("pending user %s", r.body)
	}
	created, _ := time.Parse(time.RFC3339, u["invitationCreatedAt"].(string))
	expires, _ := time.Parse(time.RFC3339, u["invitationExpiresAt"].(string))
	if expires.Sub(created) != 30*24*time.Hour {
		t.Fatalf("expiry %v after creation", expires.Sub(created))
	}

	// Same username, any case: conflict.
	r = e.call("POST", "/groups/"+g+"/users", users, map[string]any{"username": "jane.doe@EXAMPLE.com", "roles": []string{"GROUP_OWNER"}})
	mustStatus(t, r, 409)
	if r.errorCode(t) != "USER_ALREADY_IN_GROUP" {
		t.Fatal(r.errorCode(t))
	}

	// Roles: add, remove, last one stays.
	r = e.call("POST", "/groups/"+g+"/users/"+id+":addRole", users, map[string]any{"groupRole": "GROUP_OWNER"})
	mustStatus(t, r, 200)
	if fmt.Sprint(r.json(t)["roles"]) != "[GROUP_READ_ONLY GROUP_OWNER]" {
		t.Fatalf("addRole %s", r.body)
	}
	mustStatus(t, e.call("POST", "/groups/"+g+"/users/"+id+":removeRole", users, map[string]any{"groupRole": "GROUP_READ_ONLY"}), 200)
	r = e.call("POST", "/groups/"+g+"/users/"+id+":removeRole", users, map[string]any{"groupRole": "GROUP_OWNER"})
	mustStatus(t, r, 400)
	if r.errorCode(t) != "CANNOT_REMOVE_LAST_ROLE" {
		t.Fatal(r.errorCode(t))
	}
	r = e.call("POST", "/groups/"+g+"/users/"+id+":addRole", users, map[string]any{"groupRole": "GROUP_GOD"})
	mustStatus(t, r, 400)
	if r.errorCode(t) != "INVALID_ATTRIBUTE" {
		t.Fatal(r.errorCode(t))
	}

	// Filters.
	list := func(q string) []any {
		r := e.call("GET", "/groups/"+g+"/users"+q, users, nil)
		mustStatus(t, r, 200)
		return r.json(t)["results"].([]any)
	}
	if n := len(list("")); n != 1 {
		t.Fatalf("default list has %d", n)
	}
	if n := len(list(query("username", "JANE.DOE@example.com"))); n != 1 {
		t.Fatalf("username filter has %d", n)
	}
	if n := len(list(query("orgMembershipStatuses", "ACTIVE"))); n != 0 {
		t.Fatalf("ACTIVE filter has %d", n)
	}
	mustStatus(t, e.call("GET", "/groups/"+g+"/users"+query("orgMembershipStatus", "ACTIVE", "orgMembershipStatuses", "PENDING"), users, nil), 400)
	mustStatus(t, e.call("GET", "/groups/"+g+"/users"+query("orgMembershipStatuses", "BOGUS"), users, nil), 400)
	r = e.call("GET", "/groups/"+g+"/users?includeCount=false", users, nil)
	if _, ok := r.json(t)["totalCount"]; ok {
		t.Fatalf("includeCount=false still counts: %s", r.body)
	}

	// Accepting makes them ACTIVE with names, same ID; then adding to another
	// project is immediate and not an invitation.
	if err := e.srv.AcceptInvitation("jane.doe@example.com"); err != nil {
		t.Fatal(err)
	}
	r = e.call("GET", "/groups/"+g+"/users/"+id, users, nil)
	mustStatus(t, r, 200)
	u = r.json(t)
	if u["orgMembershipStatus"] != "ACTIVE" || u["firstName"] != "Jane" || u["lastName"] != "Doe" || u["createdAt"] == nil || u["inviterUsername"] != nil {
		t.Fatalf("active user %s", r.body)
	}
	r = e.call("POST", "/groups/"+g2+"/users", users, map[string]any{"username": "jane.doe@example.com", "roles": []string{"GROUP_OWNER"}})
	mustStatus(t, r, 201)
	if m := r.json(t); m["orgMembershipStatus"] != "ACTIVE" || m["id"] != id {
		t.Fatalf("second project %s", r.body)
	}
	if err := e.srv.AcceptInvitation("jane.doe@example.com"); !errors.Is(err, ErrNotPending) {
		t.Fatalf("accept twice: %v", err)
	}

	// Removing an active user leaves them in the org.
	mustStatus(t, e.call("DELETE", "/groups/"+g+"/users/"+id, users, nil), 204)
	r = e.call("GET", "/groups/"+g+"/users/"+id, users, nil)
	mustStatus(t, r, 404)
	if r.errorCode(t) != "USER_NOT_FOUND" {
		t.Fatal(r.errorCode(t))
	}
	mustStatus(t, e.call("GET", "/groups/"+g2+"/users/"+id, users, nil), 200)
}

func TestProjectUsers_orgMemberAndExpiry(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{Seed: 11, InviteRateLimit: 1})
	g := e.fx.ProjectID

	// The org member is added at once and does not consume the rate limit.
	r := e.call("POST", "/groups/"+g+"/users", users, map[string]any{"username": e.fx.OrgMember, "roles": []string{"GROUP_OWNER"}})
	mustStatus(t, r, 201)
	if r.json(t)["orgMembershipStatus"] != "ACTIVE" {
		t.Fatalf("org member %s", r.body)
	}

	r = e.call("POST", "/groups/"+g+"/users", users, map[string]any{"username": "late@example.com", "roles": []string{"GROUP_OWNER"}})
	mustStatus(t, r, 201)
	oldID := r.json(t)["id"].(string)
	if err := e.srv.ExpireInvitation("late@example.com"); err != nil {
		t.Fatal(err)
	}
	r = e.call("GET", "/groups/"+g+"/users/"+oldID, users, nil)
	mustStatus(t, r, 200)
	m := r.json(t)
	exp, _ := time.Parse(time.RFC3339, m["invitationExpiresAt"].(string))
	if m["orgMembershipStatus"] != "INVITATION_EXPIRED" || !exp.Before(time.Now()) {
		t.Fatalf("expired user %s", r.body)
	}
	// Hidden from the default list, shown on request.
	r = e.call("GET", "/groups/"+g+"/users", users, nil)
	if strings.Contains(string(r.body), oldID) {
		t.Fatal("expired user in default list")
	}
	r = e.call("GET", "/groups/"+g+"/users"+query("orgMembershipStatuses", "INVITATION_EXPIRED"), users, nil)
	if !strings.Contains(string(r.body), oldID) {
		t.Fatal("expired user not listed by status")
	}
	if err := e.srv.ExpireInvitation("nobody@example.com"); !errors.Is(err, ErrUserNotFound) {
		t.Fatalf("expire unknown: %v", err)
	}
	// The rate limit (1 per minute) is used up by the first invitation, so
	// re-inviting is refused with Atlas's 400, not a 429.
	r = e.call("POST", "/groups/"+g+"/users", users, map[string]any{"username": "late@example.com", "roles": []string{"GROUP_OWNER"}})
	mustStatus(t, r, 400)
	if r.errorCode(t) != "INVITATIONS_RATE_LIMITED_IP" || r.header.Get("Retry-After") != "" {
		t.Fatalf("rate limit %s", r.body)
	}
}

func TestProjectUsers_inviteRateLimitWindow(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{Seed: 12, InviteRateLimit: 3, InviteRateWindow: 300 * time.Millisecond})
	g := e.fx.ProjectID
	invite := func(i int) response {
		return e.call("POST", "/groups/"+g+"/users", users, map[string]any{"username": fmt.Sprintf("u%d@example.com", i), "roles": []string{"GROUP_READ_ONLY"}})
	}
	for i := range 3 {
		mustStatus(t, invite(i), 201)
	}
	r := invite(3)
	mustStatus(t, r, 400)
	if r.errorCode(t) != "INVITATIONS_RATE_LIMITED_IP" {
		t.Fatal(r.errorCode(t))
	}
	time.Sleep(350 * time.Millisecond)
	mustStatus(t, invite(4), 201)

	// Negative disables the limit.
	e2 := newEnv(t, Options{Seed: 12, InviteRateLimit: -1})
	for i := range 15 {
		r := e2.call("POST", "/groups/"+e2.fx.ProjectID+"/users", users, map[string]any{"username": fmt.Sprintf("v%d@example.com", i), "roles": []string{"GROUP_READ_ONLY"}})
		mustStatus(t, r, 201)
	}
}

func TestProjectUsers_validation(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{Seed: 13})
	g := e.fx.ProjectID
	tests := map[string]struct {
		method, path string
		body         any
		status       int
		code         string
	}{
		"no body":           {"POST", "/groups/" + g + "/users", "", 400, "MISSING_ATTRIBUTE"},
		"bad email":         {"POST", "/groups/" + g + "/users", map[string]any{"username": "not-an-email", "roles": []string{"GROUP_OWNER"}}, 400, "INVALID_ATTRIBUTE"},
		"no roles":          {"POST", "/groups/" + g + "/users", map[string]any{"username": "a@example.com", "roles": []string{}}, 400, "INVALID_ATTRIBUTE"},
		"unknown field":     {"POST", "/groups/" + g + "/users", map[string]any{"username": "a@example.com", "roles": []string{"GROUP_OWNER"}, "teamIds": []string{}}, 400, "INVALID_ATTRIBUTE"},
		"bad user id":       {"GET", "/groups/" + g + "/users/nope", nil, 400, "INVALID_PATH_PARAMETER"},
		"unknown user":      {"GET", "/groups/" + g + "/users/0123456789abcdef01234567", nil, 404, "USER_NOT_FOUND"},
		"unknown group":     {"GET", "/groups/0123456789abcdef01234567/users", nil, 404, "GROUP_NOT_FOUND"},
		"delete unknown":    {"DELETE", "/groups/" + g + "/users/0123456789abcdef01234567", nil, 404, "USER_NOT_FOUND"},
		"role no body":      {"POST", "/groups/" + g + "/users/0123456789abcdef01234567:addRole", "{}", 400, "MISSING_ATTRIBUTE"},
		"role unknown user": {"POST", "/groups/" + g + "/users/0123456789abcdef01234567:removeRole", map[string]any{"groupRole": "GROUP_OWNER"}, 404, "USER_NOT_FOUND"},
		"bad username qry":  {"GET", "/groups/" + g + "/users?username=nope", nil, 400, "INVALID_QUERY_PARAMETER"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			r := e.call(tc.method, tc.path, users, tc.body)
			mustStatus(t, r, tc.status)
			if got := r.errorCode(t); got != tc.code {
				t.Fatalf("errorCode %s, want %s: %s", got, tc.code, r.body)
			}
		})
	}
}

func TestProjectAccess_deprecatedInvite(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{Seed: 14})
	g := e.fx.ProjectID

	// The seed document sends 2025-03-12: served as 2023-02-01.
	r := e.call("POST", "/groups/"+g+"/access", latest, map[string]any{"username": "new@example.com", "roles": []string{"GROUP_READ_ONLY"}})
	mustStatus(t, r, 200)
	if r.header.Get("Content-Type") != v0201 {
		t.Fatalf("content type %q", r.header.Get("Content-Type"))
	}
	inv := r.json(t)
	invID := inv["id"].(string)
	if inv["orgId"] != e.fx.OrgID || inv["orgName"] != e.fx.OrgName || fmt.Sprint(inv["roles"]) != "[ORG_MEMBER]" ||
		fmt.Sprint(inv["groupRoleAssignments"]) != fmt.Sprintf("[map[groupId:%s groupRole:GROUP_READ_ONLY]]", g) {
		t.Fatalf("invitation %s", r.body)
	}
	// The invited user is PENDING in the project.
	r = e.call("GET", "/groups/"+g+"/users"+query("username", "new@example.com"), users, nil)
	res := r.json(t)["results"].([]any)
	if len(res) != 1 || res[0].(map[string]any)["orgMembershipStatus"] != "PENDING" {
		t.Fatalf("pending via /access: %s", r.body)
	}
	// Read and cancel through the org invitation.
	r = e.call("GET", "/orgs/"+e.fx.OrgID+"/invites/"+invID, v0101, nil)
	mustStatus(t, r, 200)
	if r.json(t)["username"] != "new@example.com" {
		t.Fatalf("invite %s", r.body)
	}
	mustStatus(t, e.call("DELETE", "/orgs/"+e.fx.OrgID+"/invites/"+invID, v0101, nil), 204)
	r = e.call("GET", "/orgs/"+e.fx.OrgID+"/invites/"+invID, v0101, nil)
	mustStatus(t, r, 404)
	if r.errorCode(t) != "INVITATION_NOT_FOUND" {
		t.Fatal(r.errorCode(t))
	}
	r = e.call("GET", "/groups/"+g+"/users"+query("username", "new@example.com"), users, nil)
	if len(r.json(t)["results"].([]any)) != 0 {
		t.Fatalf("cancelled invitation still listed: %s", r.body)
	}

	// An active org member is added directly: 204, no body.
	r = e.call("POST", "/groups/"+g+"/access", v0201, map[string]any{"username": e.fx.OrgMember, "roles": []string{"GROUP_OWNER"}})
	mustStatus(t, r, http.StatusNoContent)
	if len(r.body) != 0 {
		t.Fatalf("204 with body %s", r.body)
	}
	r = e.call("GET", "/groups/"+g+"/users"+query("username", e.fx.OrgMember), users, nil)
	if res := r.json(t)["results"].([]any); len(res) != 1 || res[0].(map[string]any)["orgMembershipStatus"] != "ACTIVE" {
		t.Fatalf("org member via /access: %s", r.body)
	}
	// /access exists only from 2023-02-01.
	mustStatus(t, e.call("POST", "/groups/"+g+"/access", v0101, map[string]any{"username": "x@example.com", "roles": []string{"GROUP_OWNER"}}), 406)
}

// TestRemoveLastRole_everyBehaviour: :removeRole of a user's last role
// answers as Options.RemoveLastRole says.
func TestRemoveLastRole_everyBehaviour(t *testing.T) {
	t.Parallel()
	tests := map[RemoveLastRole]struct {
		status   int
		code     string
		inGroup  bool
		answered string
	}{
		"":                        {400, "CANNOT_REMOVE_LAST_ROLE", true, ""},
		RemoveLastRole400:         {400, "CANNOT_REMOVE_LAST_ROLE", true, ""},
		RemoveLastRole409:         {409, "CANNOT_REMOVE_LAST_ROLE", true, ""},
		RemoveLastRoleRemovesUser: {200, "", false, "[]"},
	}
	for behaviour, tc := range tests {
		t.Run(string(behaviour), func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, Options{Seed: 45, RemoveLastRole: behaviour})
			g := e.fx.ProjectID
			u := e.call("POST", "/groups/"+g+"/users", users, map[string]any{"username": "last@example.com", "roles": []string{"GROUP_READ_ONLY"}})
			mustStatus(t, u, 201)
			id := u.json(t)["id"].(string)
			r := e.call("POST", "/groups/"+g+"/users/"+id+":removeRole", users, map[string]any{"groupRole": "GROUP_READ_ONLY"})
			mustStatus(t, r, tc.status)
			if r.errorCode(t) != tc.code || (tc.answered != "" && fmt.Sprint(r.json(t)["roles"]) != tc.answered) {
				t.Fatalf("answer %s", r.body)
			}
			after := e.call("GET", "/groups/"+g+"/users/"+id, users, nil)
			if (after.status == 200) != tc.inGroup {
				t.Fatalf("after :removeRole: %d %s", after.status, after.body)
			}
		})
	}
	if _, err := New(Options{RemoveLastRole: "keep"}); err == nil {
		t.Fatal("an unknown behaviour was accepted")
	}
}

// TestInvitationLimit_everyBehaviour: a new invitation over the limit is
// answered as Options.InvitationLimit says.
func TestInvitationLimit_everyBehaviour(t *testing.T) {
	t.Parallel()
	tests := map[InvitationLimit]struct {
		status     int
		code       string
		retryAfter bool
	}{
		"":                         {400, "INVITATIONS_RATE_LIMITED_IP", false},
		InvitationLimit400:         {400, "INVITATIONS_RATE_LIMITED_IP", false},
		InvitationLimit429:         {429, "INVITATIONS_RATE_LIMITED_IP", true},
		InvitationLimitTokenBucket: {429, "RATE_LIMITED_TOKEN_BUCKET", true},
	}
	for behaviour, tc := range tests {
		t.Run(string(behaviour), func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, Options{Seed: 46, InviteRateLimit: 1, InviteRateWindow: time.Hour, InvitationLimit: behaviour})
			g := e.fx.ProjectID
			mustStatus(t, e.call("POST", "/groups/"+g+"/users", users, map[string]any{"username": "one@example.com", "roles": []string{"GROUP_READ_ONLY"}}), 201)
			r := e.call("POST", "/groups/"+g+"/users", users, map[string]any{"username": "two@example.com", "roles": []string{"GROUP_READ_ONLY"}})
			mustStatus(t, r, tc.status)
			if r.errorCode(t) != tc.code || (r.header.Get("Retry-After") != "") != tc.retryAfter {
				t.Fatalf("answer %s, Retry-After %q", r.body, r.header.Get("Retry-After"))
			}
			if tc.retryAfter && r.header.Get("Retry-After") != "3600" {
				t.Fatalf("Retry-After %q, want the rest of the window", r.header.Get("Retry-After"))
			}
		})
	}
	if _, err := New(Options{InvitationLimit: "503"}); err == nil {
		t.Fatal("an unknown behaviour was accepted")
	}
}
