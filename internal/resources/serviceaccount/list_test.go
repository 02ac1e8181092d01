package serviceaccount_test

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/acctest"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

// terraform query finds the accounts made by hand: project accounts in the
// project (not the organization account assigned to it), organization
// accounts in the organization, filtered by name, limited, with full
// objects when asked, from list calls only.
func TestAccServiceAccounts_query(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.RequireSim(t)
	ctx := context.Background()
	project := map[string]string{} // name -> client ID
	for _, name := range []string{"ci-deploy", "ci-backup", "ops-audit"} {
		sa, err := e.Client.CreateProjectServiceAccount(ctx, e.ProjectID, client.CreateServiceAccountRequest{
			Name: name, Description: "Made by hand", Roles: []string{"GROUP_READ_ONLY"}, SecretExpiresAfterHours: 720,
		})
		if err != nil {
			t.Fatal(err)
		}
		project[name] = sa.ClientID
	}
	org, err := e.Client.CreateOrgServiceAccount(ctx, e.OrgID, client.CreateServiceAccountRequest{
		Name: "org-wide", Description: "Made for the organization", Roles: []string{"ORG_READ_ONLY"}, SecretExpiresAfterHours: 720,
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.Client.InviteProjectServiceAccount(ctx, e.ProjectID, org.ClientID, []string{"GROUP_READ_ONLY"}); err != nil {
		t.Fatal(err)
	}
	before := len(e.Sim.Requests())

	const projectList, orgList = acctest.ServiceAccountType + ".all", accountType + ".all"
	projectBlock := func(config acctest.Attrs, extra map[string]string) string {
		config["project_id"] = e.ProjectID
		return acctest.ListBlock(acctest.ServiceAccountType, "all", config, extra)
	}
	e.Run(t, acctest.QueryTestCase(
		resource.TestStep{
			Config: e.Config(projectBlock(acctest.Attrs{}, nil) +
				acctest.ListBlock(accountType, "all", acctest.Attrs{"org_id": e.OrgID}, nil)),
			QueryResultChecks: []querycheck.QueryResultCheck{
				querycheck.ExpectLength(projectList, 3),
				querycheck.ExpectIdentity(projectList, map[string]knownvalue.Check{
					"project_id": knownvalue.StringExact(e.ProjectID), "client_id": knownvalue.StringExact(project["ops-audit"]),
				}),
				querycheck.ExpectResourceDisplayName(projectList, queryfilter.ByResourceIdentity(map[string]knownvalue.Check{
					"project_id": knownvalue.StringExact(e.ProjectID), "client_id": knownvalue.StringExact(project["ci-deploy"]),
				}), knownvalue.StringExact("ci-deploy ("+project["ci-deploy"]+")")),
				// Only the account made for the organization, not those made in the project.
				querycheck.ExpectLength(orgList, 1),
				querycheck.ExpectIdentity(orgList, map[string]knownvalue.Check{
					"org_id": knownvalue.StringExact(e.OrgID), "client_id": knownvalue.StringExact(org.ClientID),
				}),
			},
		},
		resource.TestStep{
			Config: e.Config(projectBlock(acctest.Attrs{"name_regex": "^ci-"}, map[string]string{"include_resource": "true"}) +
				acctest.ListBlock(accountType, "all", acctest.Attrs{"org_id": e.OrgID, "include_project_accounts": true}, map[string]string{"limit": "2"})),
			QueryResultChecks: []querycheck.QueryResultCheck{
				querycheck.ExpectLength(projectList, 2),
				querycheck.ExpectResourceKnownValues(projectList, queryfilter.ByResourceIdentity(map[string]knownvalue.Check{
					"project_id": knownvalue.StringExact(e.ProjectID), "client_id": knownvalue.StringExact(project["ci-backup"]),
				}), []querycheck.KnownValueCheck{
					{Path: tfjsonpath.New("name"), KnownValue: knownvalue.StringExact("ci-backup")},
					{Path: tfjsonpath.New("description"), KnownValue: knownvalue.StringExact("Made by hand")},
					{Path: tfjsonpath.New("roles"), KnownValue: acctest.StringSet("GROUP_READ_ONLY")},
					{Path: tfjsonpath.New("secret_expires_after_hours"), KnownValue: knownvalue.Int64Exact(720)},
				}),
				// Four accounts in the organization, two asked for.
				querycheck.ExpectLength(orgList, 2),
			},
		},
	))
	// Nothing per account: only the accounts lists (and the project, for its organization).
	for _, r := range e.Sim.Requests()[before:] {
		if strings.Contains(r.Path, "/serviceAccounts/") {
			t.Errorf("the query read %s %s; want list calls only", r.Method, r.Path)
		}
	}
}
