package e2e

import (
	"fmt"
	"slices"
	"strings"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

// Database access in the fault campaign.
//
// The configuration declares, in the first project, a password database
// user (password_wo from an ephemeral variable, password_wo_version), an
// AWS IAM role user and a custom role the password user holds; their
// writes meet the round's faults like every other write. The edit may
// rotate the password, change roles and scopes, and change the role's
// actions.
//
// Look-alikes made outside Terraform, which must not change: in the first
// project a password user and a custom role of other names; in the second
// project a user and a custom role with the very names of ours (a lost
// answer must never adopt them). After every converged apply the first
// project holds exactly the look-alikes and what the configuration
// declares, and Atlas accepts the current password; after the last destroy
// both projects hold what they held before. The database-access objects
// are kept out of the snapshot that the "nothing changed" rule compares
// (its orphan rule knows only accounts and people), and checked here.

// chaosDBConfig is the database access one configuration declares.
type chaosDBConfig struct {
	appRoles        []string // the password user's built-in roles: "role@db" or "role@db.collection"
	appScopes       []string // cluster names
	iamRoles        []string
	roleActions     []string // the custom role's actions: "ACTION@db" or "ACTION@db.collection", each action once (Atlas refuses one twice)
	passwordVersion int
}

// chaosDB is the round's record of database access.
type chaosDB struct {
	before   map[string][]string // project ID -> databaseAccess lines, without the IP access list, before the first apply
	want     []string            // the declared objects' lines
	password string              // the password the configuration sends
}

const (
	chaosDBUser   = "chaos-db-app"
	chaosIAMUser  = "arn:aws:iam::123456789012:role/chaos-reporting"
	chaosRoleName = "chaos-role"
)

var (
	chaosDBRoles      = []string{"read@catalog", "readWrite@orders", "read@reporting.events", "dbAdmin@orders"}
	chaosDBScopes     = []string{"Cluster0", "Cluster1", "Analytics"}
	chaosIAMRoles     = []string{"readAnyDatabase@admin", "read@reporting", "readWrite@exports"}
	chaosRoleActions  = []string{"FIND@orders", "INSERT@orders.events", "UPDATE@orders", "REMOVE@orders.events", "LIST_COLLECTIONS@catalog"}
	chaosHandPassword = "hand-made-Passw0rd"
)

// pickDatabaseAccess is a first configuration's database access, with a
// new password.
func (r *chaosRound) pickDatabaseAccess() chaosDBConfig {
	c := chaosDBConfig{passwordVersion: 1}
	r.pickDatabaseGrants(&c)
	r.newDatabasePassword(c.passwordVersion)
	return c
}

func (r *chaosRound) pickDatabaseGrants(c *chaosDBConfig) {
	c.appRoles = r.pick(chaosDBRoles, 1+r.rng.Intn(2))
	c.appScopes = r.pick(chaosDBScopes, r.rng.Intn(3))
	c.iamRoles = r.pick(chaosIAMRoles, 1+r.rng.Intn(2))
	c.roleActions = r.pick(chaosRoleActions, 1+r.rng.Intn(3))
}

// newDatabasePassword is the password the configuration sends from now on,
// given to Terraform as a user would, through the environment.
func (r *chaosRound) newDatabasePassword(version int) {
	r.db.password = fmt.Sprintf("chaos-Passw0rd-%d-v%d-%d", r.seed, version, r.rng.Intn(1<<30))
	r.w.setenv("TF_VAR_chaos_db_password", r.db.password) // the last setting wins
}

// editDatabaseAccess changes the database access at random: a password
// rotation, or new roles, scopes and actions.
func (r *chaosRound) editDatabaseAccess(c *chaosDBConfig) string {
	if r.rng.Intn(2) == 0 {
		c.passwordVersion++
		r.newDatabasePassword(c.passwordVersion)
		return "password rotation"
	}
	r.pickDatabaseGrants(c)
	return "database roles, scopes and actions"
}

func splitRole(s string) (name, db, collection string) {
	name, rest, _ := strings.Cut(s, "@")
	db, collection, _ = strings.Cut(rest, ".")
	return name, db, collection
}

func hclDBRoles(roles []string, extra ...string) string {
	var parts []string
	for _, x := range roles {
		name, db, coll := splitRole(x)
		p := fmt.Sprintf("{ role_name = %q, database_name = %q", name, db)
		if coll != "" {
			p += fmt.Sprintf(", collection_name = %q", coll)
		}
		parts = append(parts, p+" }")
	}
	return "[\n    " + strings.Join(append(parts, extra...), ",\n    ") + ",\n  ]"
}

// renderDatabaseAccess is the database users and custom role; it records
// the lines Atlas must hold for them.
func (r *chaosRound) renderDatabaseAccess(c chaosDBConfig) string {
	project := r.w.fx.ProjectID
	var scopes, actions []string
	app := client.DatabaseUser{DatabaseName: "admin", Username: chaosDBUser, X509Type: "NONE", AWSIAMType: "NONE", LDAPAuthType: "NONE", OIDCAuthType: "NONE",
		Roles: []client.DatabaseUserRole{{RoleName: chaosRoleName, DatabaseName: "admin"}}, Description: "Chaos campaign"}
	for _, x := range c.appRoles {
		name, db, coll := splitRole(x)
		app.Roles = append(app.Roles, client.DatabaseUserRole{RoleName: name, DatabaseName: db, CollectionName: coll})
	}
	for _, s := range c.appScopes {
		scopes = append(scopes, fmt.Sprintf("{ name = %q, type = \"CLUSTER\" }", s))
		app.Scopes = append(app.Scopes, client.DatabaseUserScope{Name: s, Type: "CLUSTER"})
	}
	iam := client.DatabaseUser{DatabaseName: "$external", Username: chaosIAMUser, X509Type: "NONE", AWSIAMType: "ROLE", LDAPAuthType: "NONE", OIDCAuthType: "NONE"}
	for _, x := range c.iamRoles {
		name, db, coll := splitRole(x)
		iam.Roles = append(iam.Roles, client.DatabaseUserRole{RoleName: name, DatabaseName: db, CollectionName: coll})
	}
	role := client.CustomDBRole{RoleName: chaosRoleName}
	for _, x := range c.roleActions {
		action, db, coll := splitRole(x)
		p := fmt.Sprintf("{ action = %q, resources = [{ database_name = %q", action, db)
		if coll != "" {
			p += fmt.Sprintf(", collection_name = %q", coll)
		}
		actions = append(actions, p+" }] }")
		role.Actions = append(role.Actions, client.CustomDBRoleAction{Action: action, Resources: []client.CustomDBRoleResource{{DB: db, Collection: coll}}})
	}
	r.db.want = []string{describeDatabaseUser(app), describeDatabaseUser(iam), describeCustomDBRole(role)}
	return fmt.Sprintf(`
variable "chaos_db_password" {
  type      = string
  ephemeral = true
  sensitive = true
}

resource "atlasaccess_custom_db_role" "chaos" {
  project_id = %[1]q
  role_name  = %[2]q
  actions = [
    %[3]s,
  ]
}

resource "atlasaccess_database_user" "app" {
  project_id          = %[1]q
  username            = %[4]q
  password_wo         = var.chaos_db_password
  password_wo_version = %[5]d
  description         = "Chaos campaign"
  roles               = %[6]s
  scopes              = [%[7]s]
}

resource "atlasaccess_database_user" "iam" {
  project_id    = %[1]q
  username      = %[8]q
  auth_database = "$external"
  aws_iam_type  = "ROLE"
  roles         = %[9]s
}
`, project, chaosRoleName, strings.Join(actions, ",\n    "), chaosDBUser, c.passwordVersion,
		hclDBRoles(c.appRoles, "{ role_name = atlasaccess_custom_db_role.chaos.role_name, database_name = \"admin\" }"),
		strings.Join(scopes, ", "), chaosIAMUser, hclDBRoles(c.iamRoles))
}

// seedDatabaseLookAlikes makes the database-access look-alikes outside
// Terraform and records both projects' database access.
func (r *chaosRound) seedDatabaseLookAlikes() {
	fx := r.w.fx
	for _, l := range []struct{ project, user, role string }{
		{fx.ProjectID, "chaos-db-hand", "chaos-hand-role"},
		{fx.Project2ID, chaosDBUser, chaosRoleName},
	} {
		_, err := r.c.CreateCustomDBRole(r.ctx, l.project, client.CustomDBRole{
			RoleName: l.role, Actions: []client.CustomDBRoleAction{{Action: "FIND", Resources: []client.CustomDBRoleResource{{DB: "orders"}}}},
		})
		r.check(err, "creating the look-alike custom role")
		_, err = r.c.CreateDatabaseUser(r.ctx, l.project, client.CreateDatabaseUserRequest{
			DatabaseName: client.AuthDatabaseAdmin, Username: l.user, Password: chaosHandPassword, Description: "Made by hand",
			Roles: []client.DatabaseUserRole{{RoleName: l.role, DatabaseName: "admin"}, {RoleName: "read", DatabaseName: "catalog"}},
		})
		r.check(err, "creating the look-alike database user")
	}
	r.db.before = map[string][]string{fx.ProjectID: r.databaseAccessLines(fx.ProjectID), fx.Project2ID: r.databaseAccessLines(fx.Project2ID)}
}

// databaseAccessLines is databaseAccess without the IP access list (which
// chaos_projectaccesslist_test.go checks).
func (r *chaosRound) databaseAccessLines(projectID string) []string {
	return slices.DeleteFunc(databaseAccess(r.t, r.c, projectID), func(line string) bool { return strings.HasPrefix(line, "ip access list ") })
}

// databaseAccessInvariants: after a converged apply, the first project
// holds its look-alikes and exactly the declared objects, Atlas accepts
// the declared password and the look-alikes' password, and the second
// project is untouched.
func (r *chaosRound) databaseAccessInvariants(after string) {
	r.t.Helper()
	fx := r.w.fx
	want := slices.Sorted(slices.Values(append(slices.Clone(r.db.before[fx.ProjectID]), r.db.want...)))
	if got := r.databaseAccessLines(fx.ProjectID); !slices.Equal(got, want) {
		r.fatalf("after %s, project %s's database access is\n  %s\nwant\n  %s", after, fx.ProjectID, strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
	if got := r.databaseAccessLines(fx.Project2ID); !slices.Equal(got, r.db.before[fx.Project2ID]) {
		r.fatalf("after %s, the database access made by hand in project %s changed:\n  %s\nwas\n  %s", after, fx.Project2ID, strings.Join(got, "\n  "), strings.Join(r.db.before[fx.Project2ID], "\n  "))
	}
	ok, err := r.sim.DatabaseUserPasswordMatches(fx.ProjectID, "admin", chaosDBUser, r.db.password)
	r.check(err, "checking the database user's password")
	if !ok {
		r.fatalf("after %s, Atlas does not accept the password the configuration sends to %s", after, chaosDBUser)
	}
	for _, p := range []string{fx.ProjectID, fx.Project2ID} {
		user := "chaos-db-hand"
		if p == fx.Project2ID {
			user = chaosDBUser
		}
		if ok, err := r.sim.DatabaseUserPasswordMatches(p, "admin", user, chaosHandPassword); err != nil || !ok {
			r.fatalf("after %s, the password of %s made by hand in project %s changed (%v)", after, user, p, err)
		}
	}
}

// databaseAccessAfterDestroy: both projects hold what they held before.
func (r *chaosRound) databaseAccessAfterDestroy() {
	r.t.Helper()
	for p, before := range r.db.before {
		if got := r.databaseAccessLines(p); !slices.Equal(got, before) {
			r.fatalf("after the last destroy, project %s's database access is\n  %s\nwant what it was before\n  %s", p, strings.Join(got, "\n  "), strings.Join(before, "\n  "))
		}
	}
}
