package safeops

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

func dbUserRequest(username string) client.CreateDatabaseUserRequest {
	return client.CreateDatabaseUserRequest{DatabaseName: client.AuthDatabaseAdmin, Username: username, Password: "correct-horse-battery",
		Roles:  []client.DatabaseUserRole{{RoleName: "readWrite", DatabaseName: "orders"}},
		Scopes: []client.DatabaseUserScope{{Name: "Cluster0", Type: "CLUSTER"}}}
}

// countUsers is how many database users the fixture project has.
func (e *simEnv) countUsers(t *testing.T) int {
	t.Helper()
	users, err := e.c.ListDatabaseUsers(context.Background(), e.fx.ProjectID)
	if err != nil {
		t.Fatal(err)
	}
	return len(users)
}

// Whatever happens to the POST's answer, one user exists afterwards, with
// the requested password and roles, and it is the create's result.
func TestCreateDatabaseUser_createsOneUser(t *testing.T) {
	t.Parallel()
	for name, spec := range map[string]string{"no fault": "", "lost answer": "lost@POST=1#1", "dropped request": "reset@POST=1#1", "server error": "500@POST=1#1"} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			e := newSimEnv(t)
			e.faults(t, spec)
			req := dbUserRequest("app")
			got, err := e.s.CreateDatabaseUser(context.Background(), e.fx.ProjectID, req)
			if err != nil || got.Username != "app" || !DatabaseUserMatches(got, req) {
				t.Fatalf("create: %+v, %v; want user app as requested", got, err)
			}
			e.faults(t, "")
			if n := e.countUsers(t); n != 1 {
				t.Fatalf("project has %d database users, want 1", n)
			}
			if ok, err := e.sim.DatabaseUserPasswordMatches(e.fx.ProjectID, "admin", "app", req.Password); err != nil || !ok {
				t.Fatal("the user's password is not the requested one")
			}
		})
	}
}

// A user that exists before the create is never taken over, even when it
// matches the request and the create's own answer is lost: the error names
// it, and the user is left as it was.
func TestCreateDatabaseUser_existingUserIsNeverTakenOver(t *testing.T) {
	t.Parallel()
	e := newSimEnv(t)
	ctx := context.Background()
	other := dbUserRequest("app")
	other.Password = "someone-elses-password"
	if _, err := e.newClient(t).CreateDatabaseUser(ctx, e.fx.ProjectID, other); err != nil {
		t.Fatal(err)
	}
	for name, spec := range map[string]string{"no fault": "", "lost answer": "lost@POST=1#1"} {
		e.faults(t, spec)
		_, err := e.s.CreateDatabaseUser(ctx, e.fx.ProjectID, dbUserRequest("app"))
		var existing *ExistingError
		if !errors.As(err, &existing) || existing.ID != "app" || existing.HeldHere || existing.AfterLostAnswer {
			t.Fatalf("%s: err = %v; want an ExistingError naming app", name, err)
		}
	}
	e.faults(t, "")
	if ok, err := e.sim.DatabaseUserPasswordMatches(e.fx.ProjectID, "admin", "app", "someone-elses-password"); err != nil || !ok {
		t.Fatal("the existing user's password was changed")
	}
}

// After a lost answer, a user that no longer matches the request (someone
// changed its roles in between) cannot be proven ours: it is reported with
// its roles, not adopted, and not deleted.
func TestCreateDatabaseUser_lostAnswerWithOtherRolesIsNotAdopted(t *testing.T) {
	t.Parallel()
	e := newSimEnv(t)
	ctx := context.Background()
	other := e.newClient(t)
	readOnly := []client.DatabaseUserRole{{RoleName: "read", DatabaseName: "orders"}}
	// The second GET of the user is the check after the lost answer; just
	// before it, someone else changes the user's roles.
	gets := 0
	e.hook.mu.Lock()
	e.hook.match = func(r *http.Request) bool {
		if r.Method == http.MethodGet && strings.HasSuffix(r.URL.Path, "/databaseUsers/admin/app") {
			gets++
		}
		return gets == 2
	}
	e.hook.action = func() {
		if _, err := other.UpdateDatabaseUser(ctx, e.fx.ProjectID, "admin", "app", client.UpdateDatabaseUserRequest{Roles: readOnly}); err != nil {
			t.Error(err)
		}
	}
	e.hook.mu.Unlock()
	e.faults(t, "lost@POST=1#1")
	_, err := e.s.CreateDatabaseUser(ctx, e.fx.ProjectID, dbUserRequest("app"))
	var existing *ExistingError
	if !errors.As(err, &existing) || !existing.AfterLostAnswer || existing.RolesText() != "read@orders" {
		t.Fatalf("err = %v; want an ExistingError after the lost answer naming read@orders", err)
	}
	e.faults(t, "")
	if n := e.countUsers(t); n != 1 {
		t.Fatalf("project has %d database users, want the 1 left alone", n)
	}
}

// The same user declared by two resources: the second create meets the
// first's user, held in this process, and says so.
func TestCreateDatabaseUser_declaredTwice(t *testing.T) {
	t.Parallel()
	e := newSimEnv(t)
	ctx := context.Background()
	if _, err := e.s.CreateDatabaseUser(ctx, e.fx.ProjectID, dbUserRequest("app")); err != nil {
		t.Fatal(err)
	}
	_, err := e.s.CreateDatabaseUser(ctx, e.fx.ProjectID, dbUserRequest("app"))
	var existing *ExistingError
	if !errors.As(err, &existing) || !existing.HeldHere {
		t.Fatalf("err = %v; want an ExistingError held here", err)
	}
}

// A lost answer to a role or scope change is settled by reading the user;
// a lost password rotation cannot be, and is reported failed so that it is
// sent again.
func TestUpdateDatabaseUser_lostAnswer(t *testing.T) {
	t.Parallel()
	e := newSimEnv(t)
	ctx := context.Background()
	if _, err := e.s.CreateDatabaseUser(ctx, e.fx.ProjectID, dbUserRequest("app")); err != nil {
		t.Fatal(err)
	}
	none := []client.DatabaseUserScope{}
	e.faults(t, "lost@PATCH=1")
	got, err := e.s.UpdateDatabaseUser(ctx, e.fx.ProjectID, "admin", "app", client.UpdateDatabaseUserRequest{Scopes: &none})
	if err != nil || len(got.Scopes) != 0 {
		t.Fatalf("scope removal after lost answers: %+v, %v; want the user without scopes", got, err)
	}
	password := "a-new-password-1"
	if _, err := e.s.UpdateDatabaseUser(ctx, e.fx.ProjectID, "admin", "app", client.UpdateDatabaseUserRequest{Password: &password}); err == nil {
		t.Fatal("a password rotation whose answers were all lost was reported done")
	}
}

func TestDatabaseUserMatches(t *testing.T) {
	t.Parallel()
	req := dbUserRequest("app")
	req.Roles = append(req.Roles, client.DatabaseUserRole{RoleName: "read", DatabaseName: "logs", CollectionName: "events"})
	same := client.DatabaseUser{DatabaseName: "admin", Username: "app", X509Type: "NONE", AWSIAMType: "NONE", LDAPAuthType: "NONE", OIDCAuthType: "NONE",
		Roles: []client.DatabaseUserRole{req.Roles[1], req.Roles[0]}, Scopes: req.Scopes}
	for name, tc := range map[string]struct {
		change func(u *client.DatabaseUser)
		want   bool
	}{
		"same, roles in another order": {func(*client.DatabaseUser) {}, true},
		"another auth kind":            {func(u *client.DatabaseUser) { u.AWSIAMType = "USER" }, false},
		"a role fewer":                 {func(u *client.DatabaseUser) { u.Roles = u.Roles[:1] }, false},
		"other collection":             {func(u *client.DatabaseUser) { u.Roles[0].CollectionName = "other" }, false},
		"no scopes":                    {func(u *client.DatabaseUser) { u.Scopes = nil }, false},
		"other description":            {func(u *client.DatabaseUser) { u.Description = "x" }, false},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			u := same
			u.Roles = append([]client.DatabaseUserRole(nil), same.Roles...)
			tc.change(&u)
			if got := DatabaseUserMatches(&u, req); got != tc.want {
				t.Fatalf("DatabaseUserMatches = %v, want %v", got, tc.want)
			}
		})
	}
}
