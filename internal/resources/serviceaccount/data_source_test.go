package serviceaccount_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/acctest"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

// The natural module: one organization account, assigned to two projects
// with different roles; the data sources read it back.
func TestAccServiceAccount_dataSources(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	config := accountConfig(e, accountAttrs(e, "shared", "ORG_READ_ONLY")) +
		acctest.Resource(acctest.AssignmentType, "first", acctest.Attrs{
			"project_id": e.ProjectID, "client_id": acctest.Expr(resourceName + ".client_id"), "roles": []string{"GROUP_READ_ONLY"},
		}) +
		acctest.Resource(acctest.AssignmentType, "second", acctest.Attrs{
			"project_id": e.Project2ID, "client_id": acctest.Expr(resourceName + ".client_id"), "roles": []string{"GROUP_OWNER", "GROUP_CLUSTER_MANAGER"},
		}) + `
data "atlasaccess_service_account" "one" {
  org_id    = atlasaccess_service_account.test.org_id
  client_id = atlasaccess_service_account.test.client_id
}

data "atlasaccess_service_account_projects" "where" {
  org_id     = atlasaccess_service_account.test.org_id
  client_id  = atlasaccess_service_account.test.client_id
  depends_on = [atlasaccess_project_service_account_assignment.first, atlasaccess_project_service_account_assignment.second]
}
`
	one := "data.atlasaccess_service_account.one"
	where := "data.atlasaccess_service_account_projects.where"
	project := func(id string, roles ...string) knownvalue.Check {
		return knownvalue.ObjectExact(map[string]knownvalue.Check{"project_id": knownvalue.StringExact(id), "roles": acctest.StringSet(roles...)})
	}
	e.Run(t, resource.TestCase{
		Steps: []resource.TestStep{{
			Config: config,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(one, tfjsonpath.New("name"), knownvalue.StringExact("shared")),
				statecheck.ExpectKnownValue(one, tfjsonpath.New("description"), knownvalue.StringExact("Deploys from CI")),
				statecheck.ExpectKnownValue(one, tfjsonpath.New("roles"), acctest.StringSet("ORG_READ_ONLY")),
				statecheck.ExpectKnownValue(one, tfjsonpath.New("created_at"), knownvalue.StringRegexp(acctest.RFC3339Regexp)),
				statecheck.ExpectKnownValue(one, tfjsonpath.New("secrets"), knownvalue.ListSizeExact(1)),
				statecheck.ExpectKnownValue(where, tfjsonpath.New("projects"), knownvalue.SetExact([]knownvalue.Check{
					project(e.ProjectID, "GROUP_READ_ONLY"),
					project(e.Project2ID, "GROUP_CLUSTER_MANAGER", "GROUP_OWNER"),
				})),
			},
			Check: func(s *terraform.State) error {
				// Only the masked value, never the plaintext, is in a data source.
				secret := acctest.Attribute(s, resourceName, "secret")
				masked := acctest.Attribute(s, one, "secrets.0.masked_secret_value")
				if secret == "" || masked == "" || masked == secret {
					return fmt.Errorf("data source secret value %q, resource secret set: %t; want a masked value that is not the secret", masked, secret != "")
				}
				for k, v := range s.RootModule().Resources[one].Primary.Attributes {
					if v == secret {
						return fmt.Errorf("the data source holds the plaintext secret in %s", k)
					}
				}
				return nil
			},
		}},
	})
}

// Atlas serves at most 500 accounts a page: the list reads every page.
func TestAccServiceAccounts_listsEveryPage(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.RequireSim(t)
	const n = 503
	ctx := context.Background()
	for i := range n {
		if _, err := e.Client.CreateOrgServiceAccount(ctx, e.OrgID, client.CreateServiceAccountRequest{
			Name: fmt.Sprintf("bulk-%03d", i), Description: "paged", Roles: []string{"ORG_MEMBER"}, SecretExpiresAfterHours: 24,
		}); err != nil {
			t.Fatal(err)
		}
	}
	all := "data.atlasaccess_service_accounts.all"
	e.Run(t, resource.TestCase{
		Steps: []resource.TestStep{{
			Config: e.Config(fmt.Sprintf(`
data "atlasaccess_service_accounts" "all" {
  org_id = %q
}
`, e.OrgID)),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(all, tfjsonpath.New("service_accounts"), knownvalue.ListSizeExact(n)),
			},
			Check: func(s *terraform.State) error {
				attrs := s.RootModule().Resources[all].Primary.Attributes
				seen := map[string]bool{}
				for i := range n {
					name := attrs[fmt.Sprintf("service_accounts.%d.name", i)]
					if seen[name] {
						return fmt.Errorf("%s listed twice: a page was read twice", name)
					}
					seen[name] = true
					if attrs[fmt.Sprintf("service_accounts.%d.org_id", i)] != e.OrgID {
						return fmt.Errorf("service_accounts.%d.org_id = %q", i, attrs[fmt.Sprintf("service_accounts.%d.org_id", i)])
					}
				}
				pages := 0
				for _, r := range e.Sim.Requests() {
					if r.Method == http.MethodGet && r.Path == "/api/atlas/v2/orgs/"+e.OrgID+"/serviceAccounts" {
						pages++
					}
				}
				if pages < 2 {
					return fmt.Errorf("the list was read in %d requests; %d accounts need 2 pages", pages, n)
				}
				return nil
			},
		}},
	})
}
