package client_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/atlassim"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

// newSimClient starts a simulator and returns it with a client of its
// fixture organization owner.
func newSimClient(t *testing.T, opts atlassim.Options) (*atlassim.Server, *client.Client, atlassim.Fixtures) {
	t.Helper()
	sim, err := atlassim.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(sim)
	t.Cleanup(srv.Close)
	fx := sim.Fixtures()
	c, err := client.New(client.Config{BaseURL: srv.URL, ClientID: fx.ClientID, ClientSecret: fx.ClientSecret, MinBackoff: time.Millisecond, MaxBackoff: 5 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	return sim, c, fx
}

// Database users of every authentication kind and a custom role, end to
// end: the client's requests are what the simulator accepts, its answers
// decode into what the calls return, a password rotation reaches Atlas,
// and Atlas's refusals come back as the typed errors.
func TestDatabaseAccessCalls_againstTheSimulator(t *testing.T) {
	t.Parallel()
	sim, c, fx := newSimClient(t, atlassim.Options{Seed: 7})
	ctx := context.Background()
	g := fx.ProjectID
	must := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}

	role, err := c.CreateCustomDBRole(ctx, g, client.CustomDBRole{
		RoleName: "salesReader",
		Actions: []client.CustomDBRoleAction{
			{Action: "LIST_COLLECTIONS", Resources: []client.CustomDBRoleResource{{DB: "sales"}}},
			{Action: "FIND", Resources: []client.CustomDBRoleResource{{DB: "sales", Collection: "orders"}}},
		},
	})
	must("creating a custom role", err)
	if len(role.Actions) != 2 || role.InheritedRoles == nil {
		t.Fatalf("the created role is %+v", role)
	}
	_, err = c.CreateCustomDBRole(ctx, g, client.CustomDBRole{RoleName: "inheritsOnly", InheritedRoles: []client.CustomDBInheritedRole{{Role: "read", DB: "sales"}}})
	must("creating a role with only inherited roles", err)
	_, err = c.CreateCustomDBRole(ctx, g, client.CustomDBRole{RoleName: "salesReader", InheritedRoles: []client.CustomDBInheritedRole{{Role: "read", DB: "sales"}}})
	if !client.IsCustomDBRoleExists(err) {
		t.Fatalf("a second role of the same name: %v, want ATLAS_CUSTOM_ROLE_NAME_ALREADY_EXISTS", err)
	}

	const arn = "arn:aws:iam::123456789012:role/apps/reporting"
	users := map[string]client.CreateDatabaseUserRequest{
		"password": {DatabaseName: client.AuthDatabaseAdmin, Username: "app", Password: "first-password",
			Roles:  []client.DatabaseUserRole{{RoleName: "readWrite", DatabaseName: "sales", CollectionName: "orders"}, {RoleName: "salesReader", DatabaseName: "admin"}},
			Scopes: []client.DatabaseUserScope{{Name: "Cluster0", Type: "CLUSTER"}}, Description: "the app"},
		"x509":     {DatabaseName: client.AuthDatabaseExternal, Username: "CN=app,OU=apps,DC=example,DC=com", X509Type: "CUSTOMER", Roles: []client.DatabaseUserRole{{RoleName: "read", DatabaseName: "sales"}}},
		"aws iam":  {DatabaseName: client.AuthDatabaseExternal, Username: arn, AWSIAMType: "ROLE", Roles: []client.DatabaseUserRole{{RoleName: "salesReader", DatabaseName: "admin"}}},
		"ldap":     {DatabaseName: client.AuthDatabaseExternal, Username: "CN=dana,OU=people,DC=example,DC=com", LDAPAuthType: "USER", Roles: []client.DatabaseUserRole{{RoleName: "read", DatabaseName: "sales"}}},
		"oidc":     {DatabaseName: client.AuthDatabaseExternal, Username: "5dd7496c7a3e5a648454341c/reporting", OIDCAuthType: "USER", Roles: []client.DatabaseUserRole{{RoleName: "read", DatabaseName: "sales"}}},
		"oidc idp": {DatabaseName: client.AuthDatabaseAdmin, Username: "5dd7496c7a3e5a648454341c/analysts", OIDCAuthType: "IDP_GROUP", Roles: []client.DatabaseUserRole{{RoleName: "readAnyDatabase", DatabaseName: "admin"}}},
	}
	for kind, req := range users {
		u, err := c.CreateDatabaseUser(ctx, g, req)
		must("creating the "+kind+" user", err)
		if u.Username != req.Username || u.DatabaseName != req.DatabaseName || u.ProjectID != g || len(u.Roles) != len(req.Roles) {
			t.Fatalf("%s user created as %+v", kind, u)
		}
		got, err := c.GetDatabaseUser(ctx, g, req.DatabaseName, req.Username)
		must("reading the "+kind+" user back", err)
		if got.Username != req.Username {
			t.Fatalf("%s user read back as %+v", kind, got)
		}
	}
	list, err := c.ListDatabaseUsers(ctx, g)
	must("listing database users", err)
	if len(list) != len(users) {
		t.Fatalf("listed %d users, want %d", len(list), len(users))
	}
	_, err = c.CreateDatabaseUser(ctx, g, users["aws iam"])
	if !client.IsDatabaseUserExists(err) {
		t.Fatalf("creating the same user twice: %v, want USER_ALREADY_EXISTS", err)
	}

	second := "second-password"
	u, err := c.UpdateDatabaseUser(ctx, g, "admin", "app", client.UpdateDatabaseUserRequest{Password: &second, Scopes: &[]client.DatabaseUserScope{}})
	must("rotating the password and removing the scopes", err)
	if len(u.Scopes) != 0 || u.Description != "the app" || len(u.Roles) != 2 {
		t.Fatalf("after the update the user is %+v: want no scopes, the description and roles kept", u)
	}
	for pw, want := range map[string]bool{"second-password": true, "first-password": false} {
		ok, err := sim.DatabaseUserPasswordMatches(g, "admin", "app", pw)
		if err != nil || ok != want {
			t.Fatalf("password %q matches = %v (%v), want %v", pw, ok, err, want)
		}
	}

	err = c.DeleteCustomDBRole(ctx, g, "salesReader")
	if !client.IsCustomDBRoleInUseByUsers(err) || !strings.Contains(err.Error(), arn) {
		t.Fatalf("deleting a role the IAM user holds alone: %v, want ATLAS_CUSTOM_ROLE_IN_USE_BY_USERS naming %s", err, arn)
	}
	must("deleting the IAM user", c.DeleteDatabaseUser(ctx, g, client.AuthDatabaseExternal, arn))
	if _, err := c.GetDatabaseUser(ctx, g, client.AuthDatabaseExternal, arn); !client.IsNotFound(err) || client.ErrorCode(err) != client.ErrorCodeDatabaseUserNotFound {
		t.Fatalf("reading a deleted user: %v, want 404 USERNAME_NOT_FOUND", err)
	}
	must("deleting the role once no user holds it alone", c.DeleteCustomDBRole(ctx, g, "salesReader"))
	if _, err := c.GetCustomDBRole(ctx, g, "salesReader"); !client.IsNotFound(err) {
		t.Fatalf("reading a deleted role: %v, want 404", err)
	}
	roles, err := c.ListCustomDBRoles(ctx, g)
	must("listing custom roles", err)
	if len(roles) != 1 || roles[0].RoleName != "inheritsOnly" {
		t.Fatalf("custom roles left: %+v", roles)
	}
	actions := []client.CustomDBRoleAction{{Action: "FIND", Resources: []client.CustomDBRoleResource{{DB: "sales"}}}}
	r, err := c.UpdateCustomDBRole(ctx, g, "inheritsOnly", client.UpdateCustomDBRoleRequest{Actions: &actions})
	must("adding an action to a role", err)
	if len(r.Actions) != 1 || len(r.InheritedRoles) != 1 {
		t.Fatalf("after the update the role is %+v: want the action and the inherited role kept", r)
	}
}

// A create whose answer is lost is ambiguous: the client does not repeat it
// blindly, and the user it created is there to be found.
func TestCreateDatabaseUser_lostAnswerIsAmbiguous(t *testing.T) {
	t.Parallel()
	sim, c, fx := newSimClient(t, atlassim.Options{Seed: 8})
	ctx := context.Background()
	if err := sim.SetFaults("lost@POST=1#1"); err != nil {
		t.Fatal(err)
	}
	req := client.CreateDatabaseUserRequest{DatabaseName: "admin", Username: "app", Password: "a-password", Roles: []client.DatabaseUserRole{{RoleName: "read", DatabaseName: "sales"}}}
	_, err := c.CreateDatabaseUser(ctx, fx.ProjectID, req)
	if !client.IsAmbiguous(err) || !client.MayHaveHappened(err) {
		t.Fatalf("a create whose answer was lost: %v, want an ambiguous outcome", err)
	}
	if _, err := c.GetDatabaseUser(ctx, fx.ProjectID, "admin", "app"); err != nil {
		t.Fatalf("the user the lost create made: %v", err)
	}
	if _, err := c.CreateCustomDBRole(ctx, fx.ProjectID, client.CustomDBRole{RoleName: "r", InheritedRoles: []client.CustomDBInheritedRole{{Role: "read", DB: "x"}}}); err != nil {
		t.Fatalf("the fault was limited to one POST: %v", err)
	}
}

// The 101st database user of a project is refused with Atlas's 403.
func TestCreateDatabaseUser_limitOf100PerProject(t *testing.T) {
	t.Parallel()
	_, c, fx := newSimClient(t, atlassim.Options{Seed: 9})
	ctx := context.Background()
	create := func(i int) error {
		_, err := c.CreateDatabaseUser(ctx, fx.ProjectID, client.CreateDatabaseUserRequest{
			DatabaseName: "admin", Username: fmt.Sprintf("user%03d", i), Password: "a-password",
			Roles: []client.DatabaseUserRole{{RoleName: "read", DatabaseName: "sales"}},
		})
		return err
	}
	for i := range 100 {
		if err := create(i); err != nil {
			t.Fatalf("user %d of 100: %v", i+1, err)
		}
	}
	if err := create(100); !client.IsDatabaseUserLimitExceeded(err) || client.IsPermissionDenied(err) {
		t.Fatalf("user 101: %v, want 403 GROUP_USERS_LIMIT_EXCEEDED, not read as a permission denial", err)
	}
	users, err := c.ListDatabaseUsers(ctx, fx.ProjectID)
	if err != nil || len(users) != 100 || !slices.ContainsFunc(users, func(u client.DatabaseUser) bool { return u.Username == "user099" }) {
		t.Fatalf("listed %d users (%v), want the 100", len(users), err)
	}
}
