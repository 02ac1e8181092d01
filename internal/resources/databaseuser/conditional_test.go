package databaseuser_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/acctest"
)

// conditionalUsers is a user whose roles and scopes are each one whole
// element chosen by var.admin (Terraform validates with the variable not
// yet known, so each element is unknown then), and a user whose elements
// are chosen by a value known only after apply (terraform_data's output),
// so that they are unknown at plan too.
func conditionalUsers(e *acctest.Env, admin bool) string {
	return e.Config(fmt.Sprintf(`
variable "admin" {
  type    = bool
  default = %t
}

resource "terraform_data" "database" {
  input = "orders"
}

resource %[2]q "test" {
  project_id          = %[3]q
  username            = "app"
  password_wo         = %[4]q
  password_wo_version = 1
  roles  = var.admin ? [{ role_name = "readWrite", database_name = "orders" }] : [{ role_name = "read", database_name = "orders" }]
  scopes = var.admin ? [{ name = "Cluster1", type = "CLUSTER" }] : [{ name = "Cluster2", type = "CLUSTER" }]
}

resource %[2]q "later" {
  project_id          = %[3]q
  username            = "later"
  password_wo         = %[4]q
  password_wo_version = 1
  roles  = terraform_data.database.output == "orders" ? [{ role_name = "read", database_name = "orders" }] : [{ role_name = "read", database_name = "other" }]
  scopes = [terraform_data.database.output == "orders" ? { name = "Cluster1", type = "CLUSTER" } : { name = "Cluster2", type = "CLUSTER" }]
}
`, admin, acctest.DatabaseUserType, e.ProjectID, acctest.GoodDBPassword))
}

func roleAndScope(role, cluster string) []statecheck.StateCheck {
	return []statecheck.StateCheck{
		statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("roles"), knownvalue.SetExact([]knownvalue.Check{knownvalue.ObjectExact(map[string]knownvalue.Check{
			"role_name": knownvalue.StringExact(role), "database_name": knownvalue.StringExact("orders"), "collection_name": knownvalue.Null()})})),
		statecheck.ExpectKnownValue(resourceName, tfjsonpath.New("scopes"), knownvalue.SetExact([]knownvalue.Check{knownvalue.ObjectExact(map[string]knownvalue.Check{
			"name": knownvalue.StringExact(cluster), "type": knownvalue.StringExact("CLUSTER")})})),
	}
}

// A conditional that chooses a whole element of roles or scopes validates,
// plans and applies, on a variable (unknown while Terraform validates) and
// on a value known only after apply; changing the variable updates the
// user in place, and the next plan is empty each time.
func TestAccDatabaseUser_conditionalElementsPlanAndApply(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.RequireSim(t)
	e.Run(t, resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config: conditionalUsers(e, false),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionCreate),
						plancheck.ExpectUnknownValue(acctest.DatabaseUserType+".later", tfjsonpath.New("roles").AtSliceIndex(0).AtMapKey("role_name")),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: append(roleAndScope("read", "Cluster2"),
					statecheck.ExpectKnownValue(acctest.DatabaseUserType+".later", tfjsonpath.New("scopes"), knownvalue.SetExact([]knownvalue.Check{
						knownvalue.ObjectExact(map[string]knownvalue.Check{"name": knownvalue.StringExact("Cluster1"), "type": knownvalue.StringExact("CLUSTER")})}))),
				Check: func(*terraform.State) error {
					u, err := getUser(e, "admin", "later")
					if err != nil || len(u.Roles) != 1 || u.Roles[0].DatabaseName != "orders" {
						return fmt.Errorf("Atlas holds %+v (%v); want user later with read on orders", u, err)
					}
					return nil
				},
			},
			{
				Config: conditionalUsers(e, true),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: roleAndScope("readWrite", "Cluster1"),
			},
		},
	})
}
