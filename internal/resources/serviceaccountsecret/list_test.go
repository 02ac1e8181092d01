package serviceaccountsecret_test

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/acctest"
)

// terraform query finds every secret of the accounts of a project and of an
// organization, by account when asked, with the lifetime an import reads
// back; the organization's list leaves out accounts made in a project
// unless asked for them.
func TestAccSecrets_query(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	p, o := newProjectFixture(t, e), newOrgFixture(t, e)
	extra, err := e.Client.CreateServiceAccountSecret(context.Background(), p.owner, p.clientID, 48)
	if err != nil {
		t.Fatal(err)
	}
	projectAddr, orgAddr := projectType+".all", orgType+".all"
	e.Run(t, acctest.QueryTestCase(
		resource.TestStep{
			Config: e.Config(
				acctest.ListBlock(projectType, "all", acctest.Attrs{"project_id": e.ProjectID, "client_id": p.clientID}, map[string]string{"include_resource": "true"}) +
					acctest.ListBlock(orgType, "all", acctest.Attrs{"org_id": e.OrgID, "name_regex": "^rotated$", "include_project_accounts": true}, nil) +
					acctest.ListBlock(orgType, "org_made", acctest.Attrs{"org_id": e.OrgID}, nil)),
			QueryResultChecks: []querycheck.QueryResultCheck{
				querycheck.ExpectLength(projectAddr, 2),
				querycheck.ExpectResourceKnownValues(projectAddr, queryfilter.ByResourceIdentity(map[string]knownvalue.Check{
					"project_id": knownvalue.StringExact(e.ProjectID), "client_id": knownvalue.StringExact(p.clientID),
					"secret_id": knownvalue.StringExact(extra.ID),
				}), []querycheck.KnownValueCheck{
					{Path: tfjsonpath.New("expires_after_hours"), KnownValue: knownvalue.Int64Exact(48)},
				}),
				// With include_project_accounts, the organization's accounts include the project's: both are named "rotated".
				querycheck.ExpectLength(orgAddr, 3),
				// By default only the secrets of accounts made for the organization (an organization role
				// besides ORG_MEMBER), which the project list leaves out: here none.
				querycheck.ExpectLength(orgType+".org_made", 0),
				querycheck.ExpectIdentity(orgAddr, map[string]knownvalue.Check{
					"org_id": knownvalue.StringExact(e.OrgID), "client_id": knownvalue.StringExact(o.clientID),
					"secret_id": knownvalue.StringRegexp(secretIDRegexp),
				}),
			},
		},
	))
}
