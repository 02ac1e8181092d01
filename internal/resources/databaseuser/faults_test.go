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
	// What the examples declare, counted from them.
	wantUsers := strings.Count(config, `resource "`+acctest.DatabaseUserType+`"`)
	wantRoles := strings.Count(config, `resource "`+acctest.CustomDBRoleType+`"`)
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
			if lost < wantUsers+wantRoles {
				return fmt.Errorf("%d creates lost their answer, want all %d: the test would prove nothing", lost, wantUsers+wantRoles)
			}
			users, err := e.Client.ListDatabaseUsers(context.Background(), e.ProjectID)
			if err != nil || len(users) != wantUsers {
				return fmt.Errorf("project has %d database users (%v), want the %d of the examples", len(users), err, wantUsers)
			}
			roles, err := e.Client.ListCustomDBRoles(context.Background(), e.ProjectID)
			if err != nil || len(roles) != wantRoles {
				return fmt.Errorf("project has %d custom roles (%v), want the %d of the examples", len(roles), err, wantRoles)
			}
			return nil
		},
	}}})
}
