package atlassim

import (
	"net/http"
	"testing"
)

// TestAccess_serviceAccountsSignInWithTheirOwnRoles checks that a service
// account created through the API is limited to its roles: Project Owner of
// one project may manage that project's accounts and users, but nothing in
// another project and nothing that needs the organization.
func TestAccess_serviceAccountsSignInWithTheirOwnRoles(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{Seed: 31})
	p1, p2, org := e.fx.ProjectID, e.fx.Project2ID, e.fx.OrgID
	owner := e.createSA(p1, "project owner", "GROUP_OWNER")
	reader := e.createSA(p1, "project reader", "GROUP_READ_ONLY")
	manager := e.createSA(p1, "access manager", "GROUP_ACCESS_MANAGER")
	secretOf := func(m map[string]any) string {
		return m["secrets"].([]any)[0].(map[string]any)["secret"].(string)
	}
	ownerAuth := "Bearer " + e.getToken(owner["clientId"].(string), secretOf(owner))
	readerAuth := "Bearer " + e.getToken(reader["clientId"].(string), secretOf(reader))
	managerAuth := "Bearer " + e.getToken(manager["clientId"].(string), secretOf(manager))
	other := e.createSA(p1, "someone else")["clientId"].(string)
	body := map[string]any{"name": "n", "description": "d", "roles": []string{"GROUP_READ_ONLY"}, "secretExpiresAfterHours": 24}

	cases := map[string]struct {
		auth, method, path, accept string
		body                       any
		want                       int
	}{
		"owner lists its project":           {ownerAuth, "GET", "/groups/" + p1 + "/serviceAccounts", sa, nil, http.StatusOK},
		"owner creates in its project":      {ownerAuth, "POST", "/groups/" + p1 + "/serviceAccounts", sa, body, http.StatusCreated},
		"owner reads its project":           {ownerAuth, "GET", "/groups/" + p1, v0101, nil, http.StatusOK},
		"owner creates in another project":  {ownerAuth, "POST", "/groups/" + p2 + "/serviceAccounts", sa, body, http.StatusUnauthorized},
		"owner lists another project":       {ownerAuth, "GET", "/groups/" + p2 + "/serviceAccounts", sa, nil, http.StatusUnauthorized},
		"owner reads an account's projects": {ownerAuth, "GET", "/orgs/" + org + "/serviceAccounts/" + other + "/groups", sa, nil, http.StatusUnauthorized},
		"owner deletes from organization":   {ownerAuth, "DELETE", "/orgs/" + org + "/serviceAccounts/" + other, sa, nil, http.StatusUnauthorized},
		"owner assigns to a project":        {ownerAuth, "POST", "/groups/" + p2 + "/serviceAccounts/" + other + ":invite", sa, map[string]any{"roles": []string{"GROUP_READ_ONLY"}}, http.StatusUnauthorized},
		"owner invites a person":            {ownerAuth, "POST", "/groups/" + p1 + "/users", users, map[string]any{"username": "ann@example.com", "roles": []string{"GROUP_READ_ONLY"}}, http.StatusCreated},
		"reader lists its project":          {readerAuth, "GET", "/groups/" + p1 + "/serviceAccounts", sa, nil, http.StatusOK},
		"reader creates":                    {readerAuth, "POST", "/groups/" + p1 + "/serviceAccounts", sa, body, http.StatusUnauthorized},
		"reader removes an account":         {readerAuth, "DELETE", "/groups/" + p1 + "/serviceAccounts/" + other, sa, nil, http.StatusUnauthorized},
		"reader issues a secret":            {readerAuth, "POST", "/groups/" + p1 + "/serviceAccounts/" + other + "/secrets", sa, map[string]any{"secretExpiresAfterHours": 24}, http.StatusUnauthorized},
		// The spec names Project Access Manager for issuing a secret.
		"access manager issues a secret":  {managerAuth, "POST", "/groups/" + p1 + "/serviceAccounts/" + other + "/secrets", sa, map[string]any{"secretExpiresAfterHours": 24}, http.StatusCreated},
		"access manager creates accounts": {managerAuth, "POST", "/groups/" + p1 + "/serviceAccounts", sa, body, http.StatusUnauthorized},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			r := e.callWith(e.client, tc.auth, tc.method, tc.path, tc.accept, tc.body)
			mustStatus(t, r, tc.want)
			// Atlas answers a missing role with 401 USER_UNAUTHORIZED and
			// one fixed detail, not with 403.
			if tc.want == http.StatusUnauthorized && r.errorCode(t) != "USER_UNAUTHORIZED" {
				t.Fatalf("errorCode %q, want USER_UNAUTHORIZED", r.errorCode(t))
			}
			if tc.want == http.StatusUnauthorized && r.json(t)["detail"] != permissionDeniedDetail {
				t.Fatalf("detail %v, want %q", r.json(t)["detail"], permissionDeniedDetail)
			}
		})
	}
	// The fixture credentials (an Organization Owner) may do all of it.
	mustStatus(t, e.call("DELETE", "/orgs/"+org+"/serviceAccounts/"+other, sa, nil), http.StatusNoContent)
}
