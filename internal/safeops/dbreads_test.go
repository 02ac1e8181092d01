package safeops

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

// A refresh of many database users and custom roles of one project reads
// one listing of each after one direct read; what this process wrote since
// is read from Atlas, and a role it deleted (which Atlas takes out of every
// user holding it) sends every user and role read to Atlas.
func TestService_readsOfDatabaseUsersAndRolesShareListings(t *testing.T) {
	t.Parallel()
	e := newSimEnv(t)
	e.s.reads.window = time.Hour // every read after the first is close
	ctx := context.Background()
	other := e.newClient(t)
	var roles []string
	for i := range 3 {
		r, err := other.CreateCustomDBRole(ctx, e.fx.ProjectID, customRole(fmt.Sprintf("role%d", i)))
		if err != nil {
			t.Fatal(err)
		}
		roles = append(roles, r.RoleName)
	}
	var users []string
	for i := range 5 {
		req := dbUserRequest(fmt.Sprintf("app%d", i))
		req.Roles = append(req.Roles, client.DatabaseUserRole{RoleName: roles[0], DatabaseName: client.AuthDatabaseAdmin})
		if _, err := other.CreateDatabaseUser(ctx, e.fx.ProjectID, req); err != nil {
			t.Fatal(err)
		}
		users = append(users, req.Username)
	}
	before := len(e.sim.Requests())
	for _, name := range users {
		u, err := e.s.GetDatabaseUser(ctx, e.fx.ProjectID, client.AuthDatabaseAdmin, name)
		if err != nil || u.Username != name || len(u.Roles) != 2 {
			t.Fatalf("read user %s = %+v, %v; want two roles", name, u, err)
		}
		if !e.s.held.held(dbUserKey(e.fx.ProjectID, client.AuthDatabaseAdmin, name)) {
			t.Fatalf("user %s read from a listing is not held", name)
		}
	}
	for _, name := range roles {
		r, err := e.s.GetCustomDBRole(ctx, e.fx.ProjectID, name)
		if err != nil || !CustomDBRoleMatches(*r, customRole(name)) {
			t.Fatalf("read role %s = %+v, %v", name, r, err)
		}
		if !e.s.held.held(customRoleKey(e.fx.ProjectID, name)) {
			t.Fatalf("role %s read from a listing is not held", name)
		}
	}
	if got := len(apiRequests(e.sim.Requests()[before:])); got != 4 {
		t.Fatalf("8 reads made %d requests, want 4 (a direct read and a listing of each kind)", got)
	}

	// A user of the same name in another authentication database is not
	// the listed one: it is read from Atlas, and is not found.
	before = len(e.sim.Requests())
	if _, err := e.s.GetDatabaseUser(ctx, e.fx.ProjectID, "$external", users[1]); !client.IsNotFound(err) {
		t.Fatalf("read of %s in $external: %v, want not found", users[1], err)
	}
	if got := len(apiRequests(e.sim.Requests()[before:])); got != 1 {
		t.Fatalf("a user missing from the listing made %d requests, want 1", got)
	}

	// A user this process changed is read from Atlas; the others are not.
	description := "changed"
	if _, err := e.s.UpdateDatabaseUser(ctx, e.fx.ProjectID, client.AuthDatabaseAdmin, users[0], client.UpdateDatabaseUserRequest{Description: &description}); err != nil {
		t.Fatal(err)
	}
	before = len(e.sim.Requests())
	u, err := e.s.GetDatabaseUser(ctx, e.fx.ProjectID, client.AuthDatabaseAdmin, users[0])
	if err != nil || u.Description != description {
		t.Fatalf("read after this process's change = %+v, %v; want description %q", u, err, description)
	}
	if _, err := e.s.GetDatabaseUser(ctx, e.fx.ProjectID, client.AuthDatabaseAdmin, users[1]); err != nil {
		t.Fatal(err)
	}
	if got := len(apiRequests(e.sim.Requests()[before:])); got != 1 {
		t.Fatalf("reads after the change made %d requests, want 1 (the changed user)", got)
	}

	// Deleting role0 takes it out of every user: none is answered from the
	// listing, which still shows it.
	if err := e.s.DeleteCustomDBRole(ctx, e.fx.ProjectID, roles[0]); err != nil {
		t.Fatal(err)
	}
	before = len(e.sim.Requests())
	u, err = e.s.GetDatabaseUser(ctx, e.fx.ProjectID, client.AuthDatabaseAdmin, users[2])
	if err != nil || slices.ContainsFunc(u.Roles, func(r client.DatabaseUserRole) bool { return r.RoleName == roles[0] }) {
		t.Fatalf("read after the role's delete = %+v, %v; want no %s", u, err, roles[0])
	}
	if _, err := e.s.GetCustomDBRole(ctx, e.fx.ProjectID, roles[0]); !client.IsNotFound(err) {
		t.Fatalf("read of the role this process deleted: %v, want not found", err)
	}
	if got := len(apiRequests(e.sim.Requests()[before:])); got != 2 {
		t.Fatalf("reads after the role's delete made %d requests, want 2 (both from Atlas)", got)
	}
}
