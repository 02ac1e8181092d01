package customdbrole_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/acctest"
)

// conditionalRoles is a role whose actions, action resources and inherited
// roles are whole elements chosen by var.admin (unknown while Terraform
// validates), and a role whose elements are chosen by a value known only
// after apply (terraform_data's output), so unknown at plan too.
func conditionalRoles(e *acctest.Env, admin bool) string {
	return e.Config(fmt.Sprintf(`
variable "admin" {
  type    = bool
  default = %t
}

resource "terraform_data" "database" {
  input = "orders"
}

resource %[2]q "test" {
  project_id = %[3]q
  role_name  = "orders-writer"
  actions = [
    { action = "FIND", resources = var.admin ? [{ database_name = "orders" }] : [{ database_name = "catalog" }] },
    var.admin ? { action = "INSERT", resources = [{ database_name = "orders" }] } : { action = "UPDATE", resources = [{ database_name = "orders" }] },
  ]
  inherited_roles = var.admin ? [{ role_name = "readWrite", database_name = "orders" }] : [{ role_name = "read", database_name = "orders" }]
}

resource %[2]q "later" {
  project_id = %[3]q
  role_name  = "later"
  actions = terraform_data.database.output == "orders" ? [{ action = "FIND", resources = [{ database_name = "orders" }] }] : [{ action = "FIND", resources = [{ database_name = "other" }] }]
  inherited_roles = [terraform_data.database.output == "orders" ? { role_name = "read", database_name = "orders" } : { role_name = "read", database_name = "other" }]
}
`, admin, acctest.CustomDBRoleType, e.ProjectID))
}

// expectRole checks what Atlas holds for role name: its actions (action on
// database) and inherited roles (role on database).
func expectRole(e *acctest.Env, name string, actions, inherited []string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		r, err := e.Client.GetCustomDBRole(context.Background(), e.ProjectID, name)
		if err != nil {
			return err
		}
		got := map[string]bool{}
		for _, a := range r.Actions {
			for _, res := range a.Resources {
				got[a.Action+" on "+res.DB] = true
			}
		}
		for _, ir := range r.InheritedRoles {
			got[ir.Role+"@"+ir.DB] = true
		}
		want := append(append([]string{}, actions...), inherited...)
		for _, w := range want {
			if !got[w] {
				return fmt.Errorf("role %s in Atlas is %+v; want %v", name, r, want)
			}
		}
		if len(got) != len(want) {
			return fmt.Errorf("role %s in Atlas is %+v; want exactly %v", name, r, want)
		}
		return nil
	}
}

// A conditional that chooses a whole element of actions, of an action's
// resources or of inherited_roles validates, plans and applies, on a
// variable (unknown while Terraform validates) and on a value known only
// after apply; changing the variable updates the role in place, and the
// next plan is empty each time.
func TestAccCustomDBRole_conditionalElementsPlanAndApply(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.RequireSim(t)
	e.Run(t, resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config: conditionalRoles(e, false),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionCreate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: resource.ComposeTestCheckFunc(
					expectRole(e, "orders-writer", []string{"FIND on catalog", "UPDATE on orders"}, []string{"read@orders"}),
					expectRole(e, "later", []string{"FIND on orders"}, []string{"read@orders"}),
				),
			},
			{
				Config: conditionalRoles(e, true),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: expectRole(e, "orders-writer", []string{"FIND on orders", "INSERT on orders"}, []string{"readWrite@orders"}),
			},
		},
	})
}
