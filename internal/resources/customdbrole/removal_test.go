package customdbrole_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/acctest"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

// baseAndUser is role base (with lifecycle, when declared) and user byref,
// which holds base by reference when holds is true, and read on orders
// otherwise.
func baseAndUser(e *acctest.Env, declared, holds bool, lifecycle string) string {
	roles := `[{ role_name = "read", database_name = "orders" }]`
	if holds {
		roles = fmt.Sprintf(`[{ role_name = %s.base.role_name, database_name = "admin" }]`, acctest.CustomDBRoleType)
	}
	role := ""
	if declared {
		role = fmt.Sprintf(`
resource %q "base" {
  project_id = %q
  role_name  = "base"
  actions    = [{ action = "FIND", resources = [{ database_name = "orders" }] }]
  %s
}
`, acctest.CustomDBRoleType, e.ProjectID, lifecycle)
	}
	return e.Config(role + fmt.Sprintf(`
resource %q "byref" {
  project_id          = %q
  username            = "byref"
  password_wo         = %q
  password_wo_version = 1
  roles               = %s
}
`, acctest.DatabaseUserType, e.ProjectID, acctest.GoodDBPassword, roles))
}

// expectRoleGone checks that Atlas no longer holds role base and that user
// byref holds only read on orders.
func expectRoleGone(e *acctest.Env) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if _, err := e.Client.GetCustomDBRole(context.Background(), e.ProjectID, "base"); !client.IsNotFound(err) {
			return fmt.Errorf("reading role base answered %v; want 404", err)
		}
		u, err := e.Client.GetDatabaseUser(context.Background(), e.ProjectID, "admin", "byref")
		if err != nil || len(u.Roles) != 1 || u.Roles[0].RoleName != "read" {
			return fmt.Errorf("user byref is %+v (%v); want read on orders only", u, err)
		}
		return nil
	}
}

// Removing a role from the configuration while taking it off the users
// that refer to it, in one apply: Terraform destroys the role before it
// updates the users, and Atlas refuses, on every apply; the error says the
// two ways out. The second way: the same removal, after an apply that set
// create_before_destroy on the role, goes through in one apply, the users
// updated first.
func TestAccCustomDBRole_removedWhileTakenOffItsUsers(t *testing.T) {
	t.Parallel()
	const cbd = "lifecycle {\n    create_before_destroy = true\n  }"
	t.Run("without create_before_destroy, refused with both ways out", func(t *testing.T) {
		t.Parallel()
		e := acctest.New(t)
		e.RequireSim(t)
		e.Run(t, resource.TestCase{Steps: []resource.TestStep{
			{Config: baseAndUser(e, true, true, "")},
			{
				Config: baseAndUser(e, false, false, ""),
				ExpectError: acctest.Diagnostic("Custom Database Role In Use", "ATLAS_CUSTOM_ROLE_IN_USE_BY_USERS",
					"destroys a removed role before it updates the users", "create_before_destroy = true", "two applies"),
			},
			{
				// Again: the same apply fails the same way every time.
				Config:      baseAndUser(e, false, false, ""),
				ExpectError: acctest.Diagnostic("Custom Database Role In Use", "ATLAS_CUSTOM_ROLE_IN_USE_BY_USERS"),
			},
		}})
	})
	t.Run("with create_before_destroy applied first, one apply", func(t *testing.T) {
		t.Parallel()
		e := acctest.New(t)
		e.RequireSim(t)
		e.Run(t, resource.TestCase{Steps: []resource.TestStep{
			{Config: baseAndUser(e, true, true, cbd)},
			{
				Config: baseAndUser(e, false, false, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(acctest.CustomDBRoleType+".base", plancheck.ResourceActionDestroy),
						plancheck.ExpectResourceAction(acctest.DatabaseUserType+".byref", plancheck.ResourceActionUpdate),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: expectRoleGone(e),
			},
		}})
	})
	t.Run("create_before_destroy added to an existing role, then removed", func(t *testing.T) {
		t.Parallel()
		e := acctest.New(t)
		e.RequireSim(t)
		e.Run(t, resource.TestCase{Steps: []resource.TestStep{
			{Config: baseAndUser(e, true, true, "")},
			{Config: baseAndUser(e, true, true, cbd)},
			{
				Config:           baseAndUser(e, false, false, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				Check:            expectRoleGone(e),
			},
		}})
	})
	t.Run("two applies: the role off the users, then removed", func(t *testing.T) {
		t.Parallel()
		e := acctest.New(t)
		e.RequireSim(t)
		e.Run(t, resource.TestCase{Steps: []resource.TestStep{
			{Config: baseAndUser(e, true, true, "")},
			{Config: baseAndUser(e, true, false, "")},
			{
				Config:           baseAndUser(e, false, false, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				Check:            expectRoleGone(e),
			},
		}})
	})
}
