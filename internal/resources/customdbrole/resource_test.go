package customdbrole_test

import (
	"context"
	"fmt"
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

const resourceName = acctest.CustomDBRoleType + ".test"

func roleConfig(e *acctest.Env, body string) string {
	return e.Config(fmt.Sprintf("\nresource %q \"test\" {\n  project_id = %q\n  role_name  = \"orders-writer\"\n%s\n}\n", acctest.CustomDBRoleType, e.ProjectID, body))
}

// Actions written in an order other than Atlas's (which sorts them) plan
// no change after apply; they change in place; the role imports by
// project_id/role_name with an empty plan.
func TestAccCustomDBRole_lifecycle(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.RequireSim(t)
	unordered := `  actions = [
    { action = "UPDATE", resources = [{ database_name = "orders", collection_name = "z" }, { database_name = "orders", collection_name = "a" }] },
    { action = "FIND", resources = [{ database_name = "orders" }] },
    { action = "LIST_DATABASES", resources = [{ cluster = true }] },
  ]`
	changed := `  actions = [{ action = "FIND", resources = [{ database_name = "logs" }] }]
  inherited_roles = [{ role_name = "read", database_name = "orders" }]`
	e.Run(t, resource.TestCase{
		CheckDestroy: func(*terraform.State) error {
			if _, err := e.Client.GetCustomDBRole(context.Background(), e.ProjectID, "orders-writer"); !client.IsNotFound(err) {
				return fmt.Errorf("after destroy, reading the role answered %v; want 404", err)
			}
			return nil
		},
		Steps: []resource.TestStep{
			{
				Config: roleConfig(e, unordered),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionCreate),
						plancheck.ExpectKnownValue(resourceName, tfjsonpath.New("id"), knownvalue.StringExact(e.ProjectID+"/orders-writer")),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("actions"), knownvalue.SetSizeExact(3)),
				},
			},
			{
				Config: roleConfig(e, changed),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: func(*terraform.State) error {
					r, err := e.Client.GetCustomDBRole(context.Background(), e.ProjectID, "orders-writer")
					if err != nil || len(r.Actions) != 1 || len(r.InheritedRoles) != 1 {
						return fmt.Errorf("Atlas holds %+v (%v); want one action and one inherited role", r, err)
					}
					return nil
				},
			},
			{ResourceName: resourceName, ImportState: true, ImportStateId: e.ProjectID + "/orders-writer", ImportStateVerify: true},
		},
	})
}

// A role with only inherited roles works, and a role that inherits it
// refers to it.
func TestAccCustomDBRole_onlyInheritedRoles(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.RequireSim(t)
	config := roleConfig(e, `  inherited_roles = [{ role_name = "read", database_name = "orders" }, { role_name = "readWrite", database_name = "logs" }]`) +
		fmt.Sprintf(`
resource %q "auditor" {
  project_id      = %q
  role_name       = "auditor"
  inherited_roles = [{ role_name = %s.test.role_name, database_name = "admin" }]
}
`, acctest.CustomDBRoleType, e.ProjectID, acctest.CustomDBRoleType)
	e.Run(t, resource.TestCase{Steps: []resource.TestStep{{
		Config: config,
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("actions"), knownvalue.SetExact(nil)),
			statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("inherited_roles"), knownvalue.SetSizeExact(2)),
		},
		ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
	}}})
}

// Destroying a role that a database user holds as its only role gets
// Atlas's refusal, explained; removing the role from the user first lets
// the destroy through.
func TestAccCustomDBRole_deleteWhileHeldIsExplained(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.RequireSim(t)
	role := roleConfig(e, `  actions = [{ action = "FIND", resources = [{ database_name = "orders" }] }]`)
	user := func(roleRef, extra string) string {
		return fmt.Sprintf(`
resource "atlasaccess_database_user" "app" {
  project_id  = %q
  username    = "app"
  password_wo = "correct-horse-battery"
  roles       = [{ role_name = %s, database_name = "admin" }]
  %s
}
`, e.ProjectID, roleRef, extra)
	}
	e.Run(t, resource.TestCase{Steps: []resource.TestStep{
		{Config: role + user(`"orders-writer"`, "depends_on = ["+resourceName+"]")},
		{
			// The role leaves the configuration while the user still
			// holds it as its only role.
			Config:      e.Config(user(`"orders-writer"`, "")),
			ExpectError: acctest.Diagnostic("Custom Database Role In Use", "ATLAS_CUSTOM_ROLE_IN_USE_BY_USERS", "take role orders-writer off those users"),
		},
		{Config: e.Config(fmt.Sprintf(`
resource %q "test" {
  project_id = %q
  role_name  = "orders-writer"
  actions    = [{ action = "FIND", resources = [{ database_name = "orders" }] }]
}
`, acctest.CustomDBRoleType, e.ProjectID)) + user(`"read"`, "")},
	}})
}

// A role deleted outside Terraform is a warning and a removal; the next
// apply creates it again.
func TestAccCustomDBRole_deletedOutsideIsCreatedAgain(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.RequireSim(t)
	config := roleConfig(e, `  actions = [{ action = "FIND", resources = [{ database_name = "orders" }] }]`)
	e.Run(t, resource.TestCase{Steps: []resource.TestStep{
		{Config: config},
		{
			PreConfig: func() {
				if err := e.Client.DeleteCustomDBRole(context.Background(), e.ProjectID, "orders-writer"); err != nil {
					t.Fatal(err)
				}
			},
			Config: config,
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionCreate)},
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
		},
	}})
}

func TestAccCustomDBRole_badInputs(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.RequireSim(t)
	e.TestInvalidInputs(t, acctest.CustomDBRoleInvalidInputs)
	f := acctest.New(t)
	f.TestPlanFailures(t, map[string]acctest.PlanFailure{
		"no privileges": {Config: f.Config(fmt.Sprintf("resource %q \"test\" {\n  project_id = %q\n  role_name = \"empty\"\n}\n", acctest.CustomDBRoleType, f.ProjectID)),
			Want: acctest.Diagnostic("Role Without Privileges", "at least one element of actions or of inherited_roles")},
	})
}

func TestAccCustomDBRole_identity(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.RequireSim(t)
	e.Run(t, acctest.IdentityTestCase(roleConfig(e, `  inherited_roles = [{ role_name = "read", database_name = "orders" }]`), acctest.IdentityWant{
		resourceName: {"project_id": knownvalue.StringExact(e.ProjectID), "role_name": knownvalue.StringExact("orders-writer")},
	}))
}

func TestAccCustomDBRole_query(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.RequireSim(t)
	for _, name := range []string{"a", "b"} {
		if _, err := e.Client.CreateCustomDBRole(context.Background(), e.ProjectID, client.CustomDBRole{RoleName: name,
			InheritedRoles: []client.CustomDBInheritedRole{{Role: "read", DB: "orders"}}}); err != nil {
			t.Fatal(err)
		}
	}
	const addr = acctest.CustomDBRoleType + ".all"
	roleA := queryfilter.ByResourceIdentity(map[string]knownvalue.Check{"project_id": knownvalue.StringExact(e.ProjectID), "role_name": knownvalue.StringExact("a")})
	e.Run(t, acctest.QueryTestCase(resource.TestStep{
		Config: e.Config(acctest.ListBlock(acctest.CustomDBRoleType, "all", acctest.Attrs{"project_id": e.ProjectID}, map[string]string{"include_resource": "true"})),
		QueryResultChecks: []querycheck.QueryResultCheck{
			querycheck.ExpectLength(addr, 2),
			querycheck.ExpectResourceDisplayName(addr, roleA, knownvalue.StringExact("a")),
		},
	}))
}

func TestAccCustomDBRolesDataSource(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.RequireSim(t)
	config := roleConfig(e, `  actions = [{ action = "LIST_DATABASES", resources = [{ cluster = true }] }]`) + fmt.Sprintf(`
data "atlasaccess_custom_db_roles" "all" {
  project_id = %q
  depends_on = [%s]
}
`, e.ProjectID, resourceName)
	e.Run(t, resource.TestCase{Steps: []resource.TestStep{{
		Config: config,
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue("data.atlasaccess_custom_db_roles.all", tfjsonpath.New("roles").AtSliceIndex(0).AtMapKey("role_name"), knownvalue.StringExact("orders-writer")),
			statecheck.ExpectKnownValue("data.atlasaccess_custom_db_roles.all", tfjsonpath.New("roles").AtSliceIndex(0).AtMapKey("actions"), knownvalue.SetExact([]knownvalue.Check{
				knownvalue.ObjectExact(map[string]knownvalue.Check{
					"action": knownvalue.StringExact("LIST_DATABASES"),
					"resources": knownvalue.SetExact([]knownvalue.Check{knownvalue.ObjectExact(map[string]knownvalue.Check{
						"cluster": knownvalue.Bool(true), "database_name": knownvalue.Null(), "collection_name": knownvalue.Null()})}),
				}),
			})),
		},
	}}})
}
