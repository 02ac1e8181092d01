package safeops

import (
	"context"
	"errors"
	"testing"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

func customRole(name string) client.CustomDBRole {
	return client.CustomDBRole{RoleName: name,
		Actions: []client.CustomDBRoleAction{
			{Action: "INSERT", Resources: []client.CustomDBRoleResource{{DB: "orders", Collection: "new"}, {DB: "logs"}}},
			{Action: "FIND", Resources: []client.CustomDBRoleResource{{DB: "orders"}}},
		},
		InheritedRoles: []client.CustomDBInheritedRole{{Role: "read", DB: "audit"}}}
}

func (e *simEnv) countRoles(t *testing.T) int {
	t.Helper()
	roles, err := e.c.ListCustomDBRoles(context.Background(), e.fx.ProjectID)
	if err != nil {
		t.Fatal(err)
	}
	return len(roles)
}

// Whatever happens to the POST's answer, one role exists afterwards,
// granting what was asked (Atlas answers actions in its own order).
func TestCreateCustomDBRole_createsOneRole(t *testing.T) {
	t.Parallel()
	for name, spec := range map[string]string{"no fault": "", "lost answer": "lost@POST=1#1", "dropped request": "reset@POST=1#1", "server error": "500@POST=1#1"} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			e := newSimEnv(t)
			e.faults(t, spec)
			got, err := e.s.CreateCustomDBRole(context.Background(), e.fx.ProjectID, customRole("orders-writer"))
			if err != nil || !CustomDBRoleMatches(*got, customRole("orders-writer")) {
				t.Fatalf("create: %+v, %v; want the requested role", got, err)
			}
			e.faults(t, "")
			if n := e.countRoles(t); n != 1 {
				t.Fatalf("project has %d custom roles, want 1", n)
			}
		})
	}
}

// A role of the same name that exists before the create is never taken
// over, even if it grants the same: the error names what it grants.
func TestCreateCustomDBRole_existingRoleIsNeverTakenOver(t *testing.T) {
	t.Parallel()
	e := newSimEnv(t)
	ctx := context.Background()
	theirs := client.CustomDBRole{RoleName: "orders-writer", InheritedRoles: []client.CustomDBInheritedRole{{Role: "readWrite", DB: "orders"}}}
	if _, err := e.newClient(t).CreateCustomDBRole(ctx, e.fx.ProjectID, theirs); err != nil {
		t.Fatal(err)
	}
	for name, spec := range map[string]string{"no fault": "", "lost answer": "lost@POST=1#1"} {
		e.faults(t, spec)
		_, err := e.s.CreateCustomDBRole(ctx, e.fx.ProjectID, customRole("orders-writer"))
		var existing *ExistingError
		if !errors.As(err, &existing) || existing.ID != "orders-writer" || existing.RolesText() != "inherits readWrite@orders" {
			t.Fatalf("%s: err = %v; want an ExistingError naming what the role grants", name, err)
		}
	}
	e.faults(t, "")
	got, err := e.c.GetCustomDBRole(ctx, e.fx.ProjectID, "orders-writer")
	if err != nil || !CustomDBRoleMatches(*got, theirs) {
		t.Fatalf("the existing role became %+v (%v)", got, err)
	}
}

// A lost answer to a change is settled by reading the role.
func TestUpdateCustomDBRole_lostAnswer(t *testing.T) {
	t.Parallel()
	e := newSimEnv(t)
	ctx := context.Background()
	if _, err := e.s.CreateCustomDBRole(ctx, e.fx.ProjectID, customRole("orders-writer")); err != nil {
		t.Fatal(err)
	}
	only := client.CustomDBRole{RoleName: "orders-writer", InheritedRoles: []client.CustomDBInheritedRole{{Role: "read", DB: "orders"}}}
	e.faults(t, "lost@PATCH=1")
	got, err := e.s.UpdateCustomDBRole(ctx, e.fx.ProjectID, only)
	if err != nil || !CustomDBRoleMatches(*got, only) {
		t.Fatalf("update: %+v, %v; want the role with only read@orders", got, err)
	}
}

// Deleting a role that a user holds as its only role is refused by Atlas,
// and the refusal comes back as it is.
func TestDeleteCustomDBRole_heldByUserIsRefused(t *testing.T) {
	t.Parallel()
	e := newSimEnv(t)
	ctx := context.Background()
	if _, err := e.s.CreateCustomDBRole(ctx, e.fx.ProjectID, customRole("orders-writer")); err != nil {
		t.Fatal(err)
	}
	req := dbUserRequest("app")
	req.Roles = []client.DatabaseUserRole{{RoleName: "orders-writer", DatabaseName: "admin"}}
	if _, err := e.s.CreateDatabaseUser(ctx, e.fx.ProjectID, req); err != nil {
		t.Fatal(err)
	}
	if err := e.s.DeleteCustomDBRole(ctx, e.fx.ProjectID, "orders-writer"); !client.IsCustomDBRoleInUseByUsers(err) {
		t.Fatalf("delete: %v; want Atlas's ATLAS_CUSTOM_ROLE_IN_USE_BY_USERS", err)
	}
}

func TestCustomDBRoleMatches(t *testing.T) {
	t.Parallel()
	want := customRole("r")
	for name, tc := range map[string]struct {
		got   client.CustomDBRole
		match bool
	}{
		"actions and resources in another order": {client.CustomDBRole{RoleName: "r",
			Actions: []client.CustomDBRoleAction{
				{Action: "FIND", Resources: []client.CustomDBRoleResource{{DB: "orders"}}},
				{Action: "INSERT", Resources: []client.CustomDBRoleResource{{DB: "logs"}, {DB: "orders", Collection: "new"}}},
			}, InheritedRoles: want.InheritedRoles}, true},
		"one resource fewer": {client.CustomDBRole{RoleName: "r",
			Actions: []client.CustomDBRoleAction{
				{Action: "FIND", Resources: []client.CustomDBRoleResource{{DB: "orders"}}},
				{Action: "INSERT", Resources: []client.CustomDBRoleResource{{DB: "logs"}}},
			}, InheritedRoles: want.InheritedRoles}, false},
		"no inherited roles": {client.CustomDBRole{RoleName: "r", Actions: want.Actions}, false},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if got := CustomDBRoleMatches(tc.got, want); got != tc.match {
				t.Fatalf("CustomDBRoleMatches = %v, want %v", got, tc.match)
			}
		})
	}
}

// Two writes to custom roles of one project never reach Atlas at once,
// whichever roles they change: the second waits for the first, so Atlas
// never refuses it (it answers a concurrent one 500).
func TestCustomDBRoleWrites_ofOneProjectAreSerialized(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		second func(ctx context.Context, e *simEnv) error
		want   int // roles afterwards
	}{
		"create": {func(ctx context.Context, e *simEnv) error {
			_, err := e.s.CreateCustomDBRole(ctx, e.fx.ProjectID, customRole("second"))
			return err
		}, 3},
		"update": {func(ctx context.Context, e *simEnv) error {
			r := customRole("existing")
			r.InheritedRoles = nil
			_, err := e.s.UpdateCustomDBRole(ctx, e.fx.ProjectID, r)
			return err
		}, 2},
		"delete": {func(ctx context.Context, e *simEnv) error {
			return e.s.DeleteCustomDBRole(ctx, e.fx.ProjectID, "existing")
		}, 1},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			e := newSimEnv(t)
			ctx := context.Background()
			if _, err := e.s.CreateCustomDBRole(ctx, e.fx.ProjectID, customRole("existing")); err != nil {
				t.Fatal(err)
			}
			queued := make(chan struct{})
			e.s.locks.waiting = func(k objectKey) {
				if k == objectKey("customrole-writes/"+e.fx.ProjectID) {
					close(queued)
				}
			}
			second := make(chan error, 1)
			e.sim.SetCustomRoleWriteHook(func(string) {
				e.sim.SetCustomRoleWriteHook(nil)
				go func() { second <- tc.second(ctx, e) }()
				// Hold the first write in flight until the second is queued
				// behind it; had the second not waited, it would have ended
				// (refused by Atlas) instead.
				select {
				case <-queued:
				case err := <-second:
					t.Errorf("the second write ran while the first was in flight: %v", err)
					second <- err
				}
			})
			if _, err := e.s.CreateCustomDBRole(ctx, e.fx.ProjectID, customRole("first")); err != nil {
				t.Fatal(err)
			}
			if err := <-second; err != nil {
				t.Fatalf("second write: %v", err)
			}
			if n := e.countRoles(t); n != tc.want {
				t.Errorf("project has %d custom roles, want %d", n, tc.want)
			}
		})
	}
}
