package databaseuser_test

import (
	"context"
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/acctest"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

const resourceName = acctest.DatabaseUserType + ".test"

// passwordUser is a password user app with the given password, version and
// the rest of its body (roles, scopes, description) as HCL.
func passwordUser(e *acctest.Env, password string, version int, body string) string {
	return e.Config(fmt.Sprintf(`
resource %q "test" {
  project_id          = %q
  username            = "app"
  password_wo         = %q
  password_wo_version = %d
%s
}
`, acctest.DatabaseUserType, e.ProjectID, password, version, body))
}

const ordersRW = `  roles = [{ role_name = "readWrite", database_name = "orders" }]`

func expectPassword(e *acctest.Env, username, password string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		ok, err := e.Sim.DatabaseUserPasswordMatches(e.ProjectID, "admin", username, password)
		if err != nil || !ok {
			return fmt.Errorf("Atlas does not hold the password %q for %s (%v)", password, username, err)
		}
		return nil
	}
}

func getUser(e *acctest.Env, authDB, username string) (*client.DatabaseUser, error) {
	return e.Client.GetDatabaseUser(context.Background(), e.ProjectID, authDB, username)
}

// The life of a password user: created with its id known at plan and no
// password in state; roles, scopes and description changed in place
// without touching the password; the password rotated in place by raising
// password_wo_version; imported by project_id/auth_database/username.
func TestAccDatabaseUser_passwordLifecycle(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.RequireSim(t)
	scoped := ordersRW + "\n  scopes = [{ name = \"Cluster0\", type = \"CLUSTER\" }]\n  description = \"orders service\""
	e.Run(t, resource.TestCase{
		CheckDestroy: func(*terraform.State) error {
			if _, err := getUser(e, "admin", "app"); !client.IsNotFound(err) {
				return fmt.Errorf("after destroy, reading the user answered %v; want 404", err)
			}
			return nil
		},
		Steps: []resource.TestStep{
			{
				Config: passwordUser(e, "first-password", 1, ordersRW),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionCreate),
						plancheck.ExpectKnownValue(resourceName, tfjsonpath.New("id"), knownvalue.StringExact(e.ProjectID+"/admin/app")),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("password_wo"), knownvalue.Null()),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("auth_database"), knownvalue.StringExact("admin")),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("scopes"), knownvalue.SetExact(nil)),
				},
				Check: expectPassword(e, "app", "first-password"),
			},
			{
				Config: passwordUser(e, "first-password", 1, scoped),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("scopes"), knownvalue.SetExact([]knownvalue.Check{
						knownvalue.ObjectExact(map[string]knownvalue.Check{"name": knownvalue.StringExact("Cluster0"), "type": knownvalue.StringExact("CLUSTER")}),
					})),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("description"), knownvalue.StringExact("orders service")),
				},
				Check: expectPassword(e, "app", "first-password"),
			},
			{
				Config: passwordUser(e, "second-password", 2, scoped),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: expectPassword(e, "app", "second-password"),
			},
			{
				// A new password without a new version is not sent: the
				// version says when to send it.
				Config:           passwordUser(e, "third-password", 2, scoped),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				Check:            expectPassword(e, "app", "second-password"),
			},
			{
				ResourceName:                         resourceName,
				ImportState:                          true,
				ImportStateId:                        e.ProjectID + "/admin/app",
				ImportStateVerify:                    true,
				ImportStateVerifyIdentifierAttribute: "id",
				// Neither is ever read from Atlas.
				ImportStateVerifyIgnore: []string{"password_wo", "password_wo_version"},
			},
		},
	})
}

// A scope removed by hand shows in the next plan as an in-place update,
// which puts it back; a description removed in configuration is cleared.
func TestAccDatabaseUser_scopeRemovedByHandIsRestored(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.RequireSim(t)
	scoped := ordersRW + "\n  scopes = [{ name = \"Cluster0\", type = \"CLUSTER\" }, { name = \"Lake0\", type = \"DATA_LAKE\" }]"
	e.Run(t, resource.TestCase{
		Steps: []resource.TestStep{
			{Config: passwordUser(e, "first-password", 1, scoped)},
			{
				PreConfig: func() {
					only := []client.DatabaseUserScope{{Name: "Cluster0", Type: "CLUSTER"}}
					if _, err := e.Client.UpdateDatabaseUser(context.Background(), e.ProjectID, "admin", "app", client.UpdateDatabaseUserRequest{Scopes: &only}); err != nil {
						t.Fatal(err)
					}
				},
				Config: passwordUser(e, "first-password", 1, scoped),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: func(*terraform.State) error {
					u, err := getUser(e, "admin", "app")
					if err != nil || len(u.Scopes) != 2 {
						return fmt.Errorf("after apply Atlas holds scopes %+v (%v); want Cluster0 and Lake0 back", u, err)
					}
					return nil
				},
			},
		},
	})
}

// A user deleted outside Terraform is a warning and a removal from state;
// the next apply creates it again.
func TestAccDatabaseUser_deletedOutsideIsCreatedAgain(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.RequireSim(t)
	config := passwordUser(e, "first-password", 1, ordersRW)
	e.Run(t, resource.TestCase{
		Steps: []resource.TestStep{
			{Config: config},
			{
				PreConfig: func() {
					if err := e.Client.DeleteDatabaseUser(context.Background(), e.ProjectID, "admin", "app"); err != nil {
						t.Fatal(err)
					}
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionCreate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: expectPassword(e, "app", "first-password"),
			},
		},
	})
}

// An AWS IAM role user on $external: its ARN holds "/", and it imports by
// project_id/$external/<ARN>. Changing the username replaces the user.
func TestAccDatabaseUser_awsIAMRoleWithSlashImports(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.RequireSim(t)
	iam := func(arn string) string {
		return e.Config(fmt.Sprintf(`
resource %q "test" {
  project_id    = %q
  username      = %q
  auth_database = "$external"
  aws_iam_type  = "ROLE"
  roles         = [{ role_name = "read", database_name = "orders", collection_name = "events" }]
}
`, acctest.DatabaseUserType, e.ProjectID, arn))
	}
	const arn = "arn:aws:iam::123456789012:role/service-role/orders"
	e.Run(t, resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config: iam(arn),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("id"), knownvalue.StringExact(e.ProjectID+"/$external/"+arn)),
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("x509_type"), knownvalue.Null()),
				},
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{ResourceName: resourceName, ImportState: true, ImportStateId: e.ProjectID + "/$external/" + arn, ImportStateVerify: true},
			{
				Config: iam("arn:aws:iam::123456789012:role/other"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionDestroyBeforeCreate)},
				},
			},
		},
	})
}

// A user that exists already is never taken over: the apply fails with
// the import command, and Atlas's user keeps its password.
func TestAccDatabaseUser_existingUserIsNotTakenOver(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.RequireSim(t)
	if _, err := e.Client.CreateDatabaseUser(context.Background(), e.ProjectID, client.CreateDatabaseUserRequest{
		DatabaseName: "admin", Username: "app", Password: "someone-elses", Roles: []client.DatabaseUserRole{{RoleName: "read", DatabaseName: "orders"}},
	}); err != nil {
		t.Fatal(err)
	}
	e.Run(t, resource.TestCase{
		Steps: []resource.TestStep{{
			Config:      passwordUser(e, "first-password", 1, ordersRW),
			ExpectError: acctest.Diagnostic("Database User Already Exists", "read@orders", "terraform import", e.ProjectID+"/admin/app"),
		}},
	})
	if ok, err := e.Sim.DatabaseUserPasswordMatches(e.ProjectID, "admin", "app", "someone-elses"); err != nil || !ok {
		t.Fatalf("the existing user's password changed (%v)", err)
	}
}

// A password user made outside Terraform is adopted with a configuration
// that names no authentication kind (as terraform plan
// -generate-config-out and terraform query write it): the import plans no
// change, later applies leave its password alone, and adding password_wo
// with password_wo_version sets a new one in place.
func TestAccDatabaseUser_importedPasswordUserNeedsNoPassword(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.RequireSim(t)
	if _, err := e.Client.CreateDatabaseUser(context.Background(), e.ProjectID, client.CreateDatabaseUserRequest{
		DatabaseName: "admin", Username: "app", Password: "made-by-hand", Roles: []client.DatabaseUserRole{{RoleName: "readWrite", DatabaseName: "orders"}},
	}); err != nil {
		t.Fatal(err)
	}
	noKind := func(body string) string {
		return e.Config(fmt.Sprintf("resource %q \"test\" {\n  project_id = %q\n  username = \"app\"\n%s\n}\n", acctest.DatabaseUserType, e.ProjectID, body))
	}
	importID := e.ProjectID + "/admin/app"
	importBlock := fmt.Sprintf("import {\n  to = %s\n  id = %q\n}\n", resourceName, importID)
	e.Run(t, resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config: noKind(ordersRW) + importBlock,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionNoop)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("password_wo_version"), knownvalue.Null()),
				},
			},
			{
				// terraform plan -generate-config-out writes password_wo = null
				// and password_wo_version = null: the plan is the import only.
				Config:          e.Config(""),
				ResourceName:    resourceName,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
				ImportStateId:   importID,
				GenerateConfig:  true,
			},
			{
				Config:        noKind(ordersRW),
				ResourceName:  resourceName,
				ImportState:   true,
				ImportStateId: importID,
			},
			{
				Config:           noKind(ordersRW),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				Config: noKind(`  roles = [{ role_name = "read", database_name = "orders" }]`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: expectPassword(e, "app", "made-by-hand"),
			},
			{
				Config: passwordUser(e, "set-by-terraform", 1, `  roles = [{ role_name = "read", database_name = "orders" }]`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: expectPassword(e, "app", "set-by-terraform"),
			},
		},
	})
}

// A configuration without a kind describes a password user: for an
// imported user of another kind the plan replaces it, and since a new user
// needs a kind, that plan fails naming the attributes.
func TestAccDatabaseUser_noKindForAnExternalUserFails(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.RequireSim(t)
	const dn = "CN=orders,OU=apps,O=example"
	if _, err := e.Client.CreateDatabaseUser(context.Background(), e.ProjectID, client.CreateDatabaseUserRequest{
		DatabaseName: "$external", Username: dn, X509Type: "CUSTOMER", Roles: []client.DatabaseUserRole{{RoleName: "read", DatabaseName: "orders"}},
	}); err != nil {
		t.Fatal(err)
	}
	e.Run(t, resource.TestCase{
		Steps: []resource.TestStep{{
			Config: e.Config(fmt.Sprintf("resource %q \"test\" {\n  project_id = %q\n  username = %q\n  auth_database = \"$external\"\n%s\n}\n",
				acctest.DatabaseUserType, e.ProjectID, dn, `  roles = [{ role_name = "read", database_name = "orders" }]`)) +
				fmt.Sprintf("import {\n  to = %s\n  id = %q\n}\n", resourceName, e.ProjectID+"/$external/"+dn),
			ExpectError: acctest.Diagnostic("Missing Authentication Kind", "replaces it"),
		}},
	})
}

// Every bad input is refused at plan, before any request: each attribute
// alone, and the combinations of authentication kind, database and
// username.
func TestAccDatabaseUser_badInputs(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.RequireSim(t)
	e.TestInvalidInputs(t, acctest.DatabaseUserInvalidInputs)
	e.TestInvalidInputs(t, acctest.DatabaseUserX509InvalidInputs)
	e.TestInvalidInputs(t, acctest.DatabaseUserLDAPInvalidInputs)
	f := acctest.New(t)
	block := func(body string) string {
		return f.Config(fmt.Sprintf("resource %q \"test\" {\n  project_id = %q\n%s\n  roles = [{ role_name = \"read\", database_name = \"orders\" }]\n}\n", acctest.DatabaseUserType, f.ProjectID, body))
	}
	f.TestPlanFailures(t, map[string]acctest.PlanFailure{
		"two kinds": {Config: block(`  username = "app"
  password_wo = "correct-horse"
  x509_type = "CUSTOMER"`), Want: regexp.MustCompile(`(?s)Invalid Attribute Combination.*password_wo.*x509_type`)},
		"no kind for a new user": {Config: block(`  username = "app"`), Want: acctest.Diagnostic("Missing Authentication Kind", "does not exist yet", "password_wo", "x509_type")},
		"x509 on admin": {Config: block(`  username = "CN=app"
  x509_type = "MANAGED"`), Want: acctest.Diagnostic("auth_database", "X.509 user (x509_type)", `auth_database = "$external"`)},
		"ldap group on $external": {Config: block(`  username = "CN=dbas,DC=example,DC=com"
  auth_database = "$external"
  ldap_auth_type = "GROUP"`), Want: acctest.Diagnostic("auth_database", "LDAP group", `auth_database = "admin"`)},
		"aws iam user with a role ARN": {Config: block(`  username = "arn:aws:iam::123456789012:role/app"
  auth_database = "$external"
  aws_iam_type = "USER"`), Want: acctest.Diagnostic("username", "ARN of an IAM user")},
		"oidc without an IdP ID": {Config: block(`  username = "analysts"
  oidc_auth_type = "IDP_GROUP"`), Want: acctest.Diagnostic("username", "<identity provider ID>/<name>")},
		"managed x509 with more than a CN": {Config: block(`  username = "CN=app,O=example"
  auth_database = "$external"
  x509_type = "MANAGED"`), Want: acctest.Diagnostic("username", "CN=<name>")},
		"password version without a password": {Config: block(`  username = "arn:aws:iam::123456789012:role/app"
  auth_database = "$external"
  aws_iam_type = "ROLE"
  password_wo_version = 1`), Want: regexp.MustCompile(`(?s)password_wo_version.*password_wo`)},
	})
}

// The identity of a user is project_id, auth_database and username, and an
// import block naming it adopts the user with an empty plan.
func TestAccDatabaseUser_identity(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.RequireSim(t)
	// Without password_wo_version: after an import the state has none, and
	// a configured version would (rightly) send the password once more.
	config := e.Config(fmt.Sprintf("resource %q \"test\" {\n  project_id = %q\n  username = \"app\"\n  password_wo = \"first-password\"\n%s\n}\n",
		acctest.DatabaseUserType, e.ProjectID, ordersRW))
	e.Run(t, acctest.IdentityTestCase(config, acctest.IdentityWant{
		resourceName: {"project_id": knownvalue.StringExact(e.ProjectID), "auth_database": knownvalue.StringExact("admin"), "username": knownvalue.StringExact("app")},
	}))
}

// terraform query finds the project's database users.
func TestAccDatabaseUser_query(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.RequireSim(t)
	for _, name := range []string{"a", "b"} {
		if _, err := e.Client.CreateDatabaseUser(context.Background(), e.ProjectID, client.CreateDatabaseUserRequest{
			DatabaseName: "admin", Username: name, Password: "password-" + name, Roles: []client.DatabaseUserRole{{RoleName: "read", DatabaseName: "orders"}},
		}); err != nil {
			t.Fatal(err)
		}
	}
	const addr = acctest.DatabaseUserType + ".all"
	userA := queryfilter.ByResourceIdentity(map[string]knownvalue.Check{
		"project_id": knownvalue.StringExact(e.ProjectID), "auth_database": knownvalue.StringExact("admin"), "username": knownvalue.StringExact("a"),
	})
	e.Run(t, acctest.QueryTestCase(resource.TestStep{
		Config: e.Config(acctest.ListBlock(acctest.DatabaseUserType, "all", acctest.Attrs{"project_id": e.ProjectID}, map[string]string{"include_resource": "true"})),
		QueryResultChecks: []querycheck.QueryResultCheck{
			querycheck.ExpectLength(addr, 2),
			querycheck.ExpectResourceDisplayName(addr, userA, knownvalue.StringExact("admin/a")),
		},
	}))
}

// The data source lists the project's users, sorted, without passwords.
func TestAccDatabaseUsersDataSource(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.RequireSim(t)
	config := passwordUser(e, "first-password", 1, ordersRW) + fmt.Sprintf(`
data "atlasaccess_database_users" "all" {
  project_id = %q
  depends_on = [%s]
}
`, e.ProjectID, resourceName)
	e.Run(t, resource.TestCase{Steps: []resource.TestStep{{
		Config: config,
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue("data.atlasaccess_database_users.all", tfjsonpath.New("users").AtSliceIndex(0).AtMapKey("username"), knownvalue.StringExact("app")),
			statecheck.ExpectKnownValue("data.atlasaccess_database_users.all", tfjsonpath.New("users").AtSliceIndex(0).AtMapKey("roles"), knownvalue.SetExact([]knownvalue.Check{
				knownvalue.ObjectExact(map[string]knownvalue.Check{"role_name": knownvalue.StringExact("readWrite"), "database_name": knownvalue.StringExact("orders"), "collection_name": knownvalue.Null()}),
			})),
		},
	}}})
}
