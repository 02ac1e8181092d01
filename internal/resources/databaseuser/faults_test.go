package databaseuser_test

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/acctest"
)

// The examples of both database-access resources, applied together with
// every create's answer lost, converge: the users and roles are adopted
// with proof, the next plan is empty, and each object exists once.
func TestAccDatabaseAccess_examplesConvergeAfterLostAnswers(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.RequireSim(t)
	var config string
	for _, f := range []string{"../../../examples/resources/atlasaccess_database_user/resource.tf", "../../../examples/resources/atlasaccess_custom_db_role/resource.tf"} {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		config += string(b)
	}
	// Both examples declare project_id: declare it once, with a default,
	// and give the ephemeral password a default too.
	config = strings.ReplaceAll(config, "variable \"project_id\" {\n  type = string\n}\n", "")
	config = strings.Replace(config, "  sensitive = true\n}", "  sensitive = true\n  default   = \"example-Passw0rd\"\n}", 1)
	config = fmt.Sprintf("variable \"project_id\" {\n  default = %q\n}\n", e.ProjectID) + config
	e.Run(t, resource.TestCase{Steps: []resource.TestStep{{
		PreConfig: func() {
			if err := e.Sim.SetFaults("lost@POST=1"); err != nil {
				t.Fatal(err)
			}
		},
		Config:           e.Config(config),
		ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
		Check: func(*terraform.State) error {
			if err := e.Sim.SetFaults(""); err != nil {
				return err
			}
			lost := 0
			for _, r := range e.Sim.Requests() {
				if r.Method == http.MethodPost && r.Fault == "lost" && (strings.HasSuffix(r.Path, "/databaseUsers") || strings.HasSuffix(r.Path, "/customDBRoles/roles")) {
					lost++
				}
			}
			if lost < 4 {
				return fmt.Errorf("%d creates lost their answer, want all 4: the test would prove nothing", lost)
			}
			users, err := e.Client.ListDatabaseUsers(context.Background(), e.ProjectID)
			if err != nil || len(users) != 2 {
				return fmt.Errorf("project has %d database users (%v), want the 2 of the example", len(users), err)
			}
			roles, err := e.Client.ListCustomDBRoles(context.Background(), e.ProjectID)
			if err != nil || len(roles) != 2 {
				return fmt.Errorf("project has %d custom roles (%v), want the 2 of the example", len(roles), err)
			}
			return nil
		},
	}}})
}
