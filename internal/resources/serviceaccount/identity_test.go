package serviceaccount_test

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/knownvalue"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/acctest"
)

var identityClientID = knownvalue.StringRegexp(regexp.MustCompile(`^mdb_sa_id_[a-f0-9]{24}$`))

// Both account types are named by owner ID and client ID, the parts of
// their import IDs, and an import block with that identity adopts them with
// an empty plan.
func TestAccServiceAccounts_identity(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	config := e.Config(
		acctest.Resource(acctest.ServiceAccountType, "test", acctest.Attrs{
			"project_id": e.ProjectID, "name": "identity-project", "description": "Deploys from CI",
			"roles": []string{"GROUP_READ_ONLY"}, "secret_expires_after_hours": 24,
		}) +
			acctest.Resource(accountType, "test", accountAttrs(e, "identity-org", "ORG_MEMBER")))
	e.Run(t, acctest.IdentityTestCase(config, acctest.IdentityWant{
		acctest.ServiceAccountType + ".test": {"project_id": knownvalue.StringExact(e.ProjectID), "client_id": identityClientID},
		resourceName:                         {"org_id": knownvalue.StringExact(e.OrgID), "client_id": identityClientID},
	}))
}
