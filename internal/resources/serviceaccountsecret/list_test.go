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
// back.
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
					acctest.ListBlock(orgType, "all", acctest.Attrs{"org_id": e.OrgID, "name_regex": "^rotated$"}, nil)),
			QueryResultChecks: []querycheck.QueryResultCheck{
				querycheck.ExpectLength(projectAddr, 2),
				querycheck.ExpectResourceKnownValues(projectAddr, queryfilter.ByResourceIdentity(map[string]knownvalue.Check{
					"project_id": knownvalue.StringExact(e.ProjectID), "client_id": knownvalue.StringExact(p.clientID),
					"secret_id": knownvalue.StringExact(extra.ID),
				}), []querycheck.KnownValueCheck{
					{Path: tfjsonpath.New("expires_after_hours"), KnownValue: knownvalue.Int64Exact(48)},
				}),
				// The organization's accounts include the project's: both are named "rotated".
				querycheck.ExpectLength(orgAddr, 3),
				querycheck.ExpectIdentity(orgAddr, map[string]knownvalue.Check{
					"org_id": knownvalue.StringExact(e.OrgID), "client_id": knownvalue.StringExact(o.clientID),
					"secret_id": knownvalue.StringRegexp(secretIDRegexp),
				}),
			},
		},
	))
}
