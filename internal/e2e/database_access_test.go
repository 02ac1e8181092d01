package e2e

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/atlassim"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

// databaseAccessConfig is issue 27's "done when" configuration: database
// users of every authentication kind (a password fed from an ephemeral
// variable into password_wo, X.509, AWS IAM, LDAP, OIDC), a custom role that
// the password user holds, and the project's whole IP access list.
const databaseAccessConfig = cliProvider + projectIDVariable + `
variable "db_password" {
  type      = string
  ephemeral = true
  sensitive = true
}

variable "password_version" { type = number }

resource "atlasaccess_custom_db_role" "orders_writer" {
  project_id = var.project_id
  role_name  = "orders-writer"
  actions = [
    { action = "INSERT", resources = [{ database_name = "orders", collection_name = "events" }] },
    { action = "FIND", resources = [{ database_name = "orders" }] },
  ]
  inherited_roles = [{ role_name = "read", database_name = "catalog" }]
}

resource "atlasaccess_database_user" "password" {
  project_id          = var.project_id
  username            = "orders-app"
  password_wo         = var.db_password
  password_wo_version = var.password_version
  description         = "orders service"
  roles = [
    { role_name = atlasaccess_custom_db_role.orders_writer.role_name, database_name = "admin" },
    { role_name = "read", database_name = "catalog", collection_name = "products" },
  ]
  scopes = [{ name = "Cluster0", type = "CLUSTER" }]
}

resource "atlasaccess_database_user" "x509" {
  project_id    = var.project_id
  username      = "CN=billing-batch,OU=apps,O=Example"
  auth_database = "$external"
  x509_type     = "CUSTOMER"
  roles         = [{ role_name = "readWrite", database_name = "billing" }]
  scopes        = [{ name = "Cluster0", type = "CLUSTER" }]
}

resource "atlasaccess_database_user" "aws_iam" {
  project_id    = var.project_id
  username      = "arn:aws:iam::123456789012:role/reporting-lambda"
  auth_database = "$external"
  aws_iam_type  = "ROLE"
  roles         = [{ role_name = "readAnyDatabase", database_name = "admin" }]
}

resource "atlasaccess_database_user" "ldap" {
  project_id     = var.project_id
  username       = "CN=analysts,OU=groups,DC=example,DC=com"
  ldap_auth_type = "GROUP"
  roles          = [{ role_name = "read", database_name = "analytics" }]
}

resource "atlasaccess_database_user" "oidc" {
  project_id     = var.project_id
  username       = "0123456789abcdef01234567/data-engineers"
  oidc_auth_type = "IDP_GROUP"
  roles          = [{ role_name = "readWrite", database_name = "lake" }]
  scopes         = [{ name = "Lake0", type = "DATA_LAKE" }]
}

resource "atlasaccess_project_ip_access_list" "project" {
  project_id = var.project_id
  entries = [
    { cidr_block = "10.20.0.0/16", comment = "office" },
    { cidr_block = "203.0.113.9" },
    { aws_security_group = "sg-0abc1234", comment = "peered app" },
  ]
}
`

// databaseAccess is what Atlas holds of one project's database access, as a
// user could see it change: every database user (authentication kind, roles,
// scopes, description), every custom role (actions, inherited roles) and
// the IP access list (values and comments), each line sorted.
func databaseAccess(t *testing.T, c *client.Client, projectID string) []string {
	t.Helper()
	ctx := context.Background()
	var out []string
	users, err := c.ListDatabaseUsers(ctx, projectID)
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range users {
		out = append(out, describeDatabaseUser(u))
	}
	roles, err := c.ListCustomDBRoles(ctx, projectID)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range roles {
		out = append(out, describeCustomDBRole(r))
	}
	list, err := c.ListProjectAccessList(ctx, projectID)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range list {
		out = append(out, fmt.Sprintf("ip access list entry %s comment=%q", e.Value(), e.Comment))
	}
	slices.Sort(out)
	return out
}

// describeDatabaseUser is one line of databaseAccess.
func describeDatabaseUser(u client.DatabaseUser) string {
	var roles, scopes []string
	for _, r := range u.Roles {
		roles = append(roles, r.RoleName+"@"+r.DatabaseName+"."+r.CollectionName)
	}
	for _, s := range u.Scopes {
		scopes = append(scopes, s.Type+":"+s.Name)
	}
	slices.Sort(roles)
	slices.Sort(scopes)
	return fmt.Sprintf("user %s/%s x509=%s iam=%s ldap=%s oidc=%s roles=%v scopes=%v description=%q",
		u.DatabaseName, u.Username, u.X509Type, u.AWSIAMType, u.LDAPAuthType, u.OIDCAuthType, roles, scopes, u.Description)
}

// describeCustomDBRole is one line of databaseAccess.
func describeCustomDBRole(r client.CustomDBRole) string {
	var actions, inherited []string
	for _, a := range r.Actions {
		var res []string
		for _, x := range a.Resources {
			res = append(res, fmt.Sprintf("%s.%s cluster=%t", x.DB, x.Collection, x.Cluster))
		}
		slices.Sort(res)
		actions = append(actions, a.Action+fmt.Sprint(res))
	}
	for _, i := range r.InheritedRoles {
		inherited = append(inherited, i.Role+"@"+i.DB)
	}
	slices.Sort(actions)
	slices.Sort(inherited)
	return fmt.Sprintf("custom role %s actions=%v inherited=%v", r.RoleName, actions, inherited)
}

// TestDatabaseAccess_doneWhen is issue 27's "done when", through the CLI:
//   - a configuration with database users of every authentication kind, a
//     custom role one of them holds, and the project IP access list applies,
//     and the next plan is empty;
//   - the password is rotated (a new ephemeral value and a higher
//     password_wo_version) through a saved plan, with TF_LOG=TRACE: Atlas
//     then accepts the new password and not the old one, and neither is in
//     the state file, the plan file (raw and `terraform show -json`), the
//     CLI output or the trace log (TestDatabaseUserPasswordNeverStored
//     proves the same for one user alone; this proves it with every kind
//     beside it);
//   - an entry added by hand to the IP access list and a scope added by
//     hand to a user are both reverted by the next apply;
//   - destroy leaves the project's database users, custom roles and IP
//     access lists exactly as they were, including what was made by hand
//     before the first apply.
//
// What was made by hand beforehand sits where the configuration may leave
// it: a database user and a custom role in the configured project (the
// resources manage only what they declare), and an IP access list entry in
// the second project. The configured project's IP access list is not one
// of them: the resource is authoritative over it, so an entry made there by
// hand is removed by design (proven above, and by
// TestProjectIPAccessList_usersReports), and it starts empty here.
func TestDatabaseAccess_doneWhen(t *testing.T) {
	t.Parallel()
	w := newWorkspace(t, atlassim.Options{Seed: 2727, IPAccessPendingReads: 1})
	w.signInAsOrgOwner()
	w.setProjectVariable()
	c := w.orgOwnerClient()
	ctx := context.Background()
	project, project2 := w.fx.ProjectID, w.fx.Project2ID

	// Made by hand, before Terraform.
	handPassword := "hand-made-Passw0rd"
	if _, err := c.CreateDatabaseUser(ctx, project, client.CreateDatabaseUserRequest{
		DatabaseName: client.AuthDatabaseAdmin, Username: "made-by-hand", Password: handPassword,
		Roles: []client.DatabaseUserRole{{RoleName: "read", DatabaseName: "orders"}},
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.CreateCustomDBRole(ctx, project, client.CustomDBRole{
		RoleName: "hand-made-role", InheritedRoles: []client.CustomDBInheritedRole{{Role: "read", DB: "orders"}},
	}); err != nil {
		t.Fatal(err)
	}
	if err := c.AddProjectAccessListEntries(ctx, project2, []client.ProjectAccessListEntry{{CIDRBlock: "198.51.100.0/24", Comment: "made by hand"}}); err != nil {
		t.Fatal(err)
	}
	before, before2 := databaseAccess(t, c, project), databaseAccess(t, c, project2)

	// Apply, then an empty plan.
	first, second := "first-Passw0rd-of-orders", "second-Passw0rd-of-orders"
	w.setenv("TF_VAR_db_password", first)
	w.write("main.tf", databaseAccessConfig)
	var outs []string
	out, _ := w.terraform(false, "apply", "-auto-approve", "-input=false", "-var", "password_version=1")
	outs = append(outs, out)
	expectOutput(t, "first apply", out, []string{"7 added, 0 changed, 0 destroyed"}, []string{"inconsistent result"})
	out, _ = w.terraform(false, "plan", "-input=false", "-detailed-exitcode", "-var", "password_version=1")
	outs = append(outs, out)
	expectOutput(t, "plan after the first apply", out, []string{"No changes."}, nil)
	applied := databaseAccess(t, c, project)
	for _, want := range []string{
		`user $external/CN=billing-batch,OU=apps,O=Example x509=CUSTOMER iam=NONE ldap=NONE oidc=NONE roles=[readWrite@billing.] scopes=[CLUSTER:Cluster0]`,
		`user $external/arn:aws:iam::123456789012:role/reporting-lambda x509=NONE iam=ROLE ldap=NONE oidc=NONE roles=[readAnyDatabase@admin.] scopes=[]`,
		`user admin/CN=analysts,OU=groups,DC=example,DC=com x509=NONE iam=NONE ldap=GROUP oidc=NONE roles=[read@analytics.] scopes=[]`,
		`user admin/0123456789abcdef01234567/data-engineers x509=NONE iam=NONE ldap=NONE oidc=IDP_GROUP roles=[readWrite@lake.] scopes=[DATA_LAKE:Lake0]`,
		`user admin/orders-app x509=NONE iam=NONE ldap=NONE oidc=NONE roles=[orders-writer@admin. read@catalog.products] scopes=[CLUSTER:Cluster0] description="orders service"`,
		`custom role orders-writer actions=[FIND[orders. cluster=false] INSERT[orders.events cluster=false]] inherited=[read@catalog]`,
		`ip access list entry 10.20.0.0/16 comment="office"`,
		`ip access list entry 203.0.113.9/32 comment=""`,
		`ip access list entry sg-0abc1234 comment="peered app"`,
	} {
		if !slices.ContainsFunc(applied, func(line string) bool { return strings.HasPrefix(line, want) }) {
			t.Errorf("after the first apply Atlas holds no %q; it holds:\n  %s", want, strings.Join(applied, "\n  "))
		}
	}
	if ok, err := w.sim.DatabaseUserPasswordMatches(project, "admin", "orders-app", first); err != nil || !ok {
		t.Fatalf("after the first apply, Atlas does not accept the first password (%v)", err)
	}

	// Rotate the password through a saved plan, tracing the apply.
	w.setenv("TF_VAR_db_password", second) // the last setting wins
	out, _ = w.terraform(false, "plan", "-input=false", "-out=rotate.tfplan", "-var", "password_version=2")
	outs = append(outs, out)
	expectOutput(t, "plan of the rotation", out, []string{"0 to add, 1 to change, 0 to destroy"}, nil)
	planJSON, _ := w.terraform(false, "show", "-json", "rotate.tfplan")
	outs = append(outs, planJSON)
	w.setenv("TF_LOG", "TRACE")
	w.setenv("TF_LOG_PROVIDER", "TRACE")
	w.setenv("TF_LOG_PATH", "trace.log")
	out, _ = w.terraform(false, "apply", "-input=false", "-var", "password_version=2", "rotate.tfplan")
	outs = append(outs, out)
	w.env = filterEnv(w.env, "TF_LOG", "TF_LOG_PROVIDER", "TF_LOG_PATH")
	if ok, err := w.sim.DatabaseUserPasswordMatches(project, "admin", "orders-app", second); err != nil || !ok {
		t.Fatalf("after the rotation, Atlas does not accept the new password (%v)", err)
	}
	if ok, _ := w.sim.DatabaseUserPasswordMatches(project, "admin", "orders-app", first); ok {
		t.Error("after the rotation, Atlas still accepts the old password")
	}
	out, _ = w.terraform(false, "plan", "-input=false", "-detailed-exitcode", "-var", "password_version=2")
	outs = append(outs, out)
	expectOutput(t, "plan after the rotation", out, []string{"No changes."}, nil)
	stateJSON, _ := w.terraform(false, "show", "-json")
	outs = append(outs, stateJSON)
	searched := expectNoSecret(t, w, outs, []string{"terraform.tfstate", "terraform.tfstate.backup", "rotate.tfplan", "trace.log"}, first, second)

	// An entry and a scope added by hand are reverted by the next apply.
	if err := c.AddProjectAccessListEntries(ctx, project, []client.ProjectAccessListEntry{{CIDRBlock: "0.0.0.0/0", Comment: "debugging"}}); err != nil {
		t.Fatal(err)
	}
	scopes := []client.DatabaseUserScope{{Name: "Cluster0", Type: "CLUSTER"}, {Name: "Cluster1", Type: "CLUSTER"}}
	if _, err := c.UpdateDatabaseUser(ctx, project, client.AuthDatabaseExternal, "CN=billing-batch,OU=apps,O=Example", client.UpdateDatabaseUserRequest{Scopes: &scopes}); err != nil {
		t.Fatal(err)
	}
	out, _ = w.terraform(false, "apply", "-auto-approve", "-input=false", "-var", "password_version=2")
	expectOutput(t, "apply after the changes by hand", out, []string{
		`- cidr_block = "0.0.0.0/0" -> null`,
		`- name = "Cluster1" -> null`,
		"Warning: Entries Added Outside Terraform Will Be Removed",
		"0 added, 2 changed, 0 destroyed",
	}, nil)
	if got := databaseAccess(t, c, project); !slices.Equal(got, applied) {
		t.Errorf("the apply did not revert the changes by hand:\n  got  %s\n  want %s", strings.Join(got, "\n       "), strings.Join(applied, "\n       "))
	}
	out, _ = w.terraform(false, "plan", "-input=false", "-detailed-exitcode", "-var", "password_version=2")
	expectOutput(t, "plan after the revert", out, []string{"No changes."}, nil)

	// Destroy: exactly what existed before.
	out, _ = w.terraform(false, "destroy", "-auto-approve", "-input=false", "-var", "password_version=2")
	expectOutput(t, "destroy", out, []string{"7 destroyed"}, nil)
	if got := databaseAccess(t, c, project); !slices.Equal(got, before) {
		t.Errorf("after the destroy project %s holds:\n  %s\nwant what it held before:\n  %s", project, strings.Join(got, "\n  "), strings.Join(before, "\n  "))
	}
	if got := databaseAccess(t, c, project2); !slices.Equal(got, before2) {
		t.Errorf("after the destroy project %s holds:\n  %s\nwant what it held before:\n  %s", project2, strings.Join(got, "\n  "), strings.Join(before2, "\n  "))
	}
	if ok, err := w.sim.DatabaseUserPasswordMatches(project, "admin", "made-by-hand", handPassword); err != nil || !ok {
		t.Errorf("the user made by hand no longer has its password (%v)", err)
	}
	t.Logf("figures: objects before=%d applied=%d after destroy=%d, files searched=%d, trace log bytes=%d",
		len(before)+len(before2), len(applied), len(databaseAccess(t, c, project))+len(databaseAccess(t, c, project2)), len(searched), len(searched["trace.log"]))
}
