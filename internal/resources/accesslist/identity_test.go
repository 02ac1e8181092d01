package accesslist_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/knownvalue"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/acctest"
)

// Both access list types are named by owner ID and the account's client
// ID, the parts of their import IDs, and an import block with that identity
// adopts them with an empty plan.
func TestAccAccessLists_identity(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	p, o := createProjectAccount(t, e, "identity-project"), createOrgAccount(t, e, "identity-org")
	config := e.Config(projectBody(e, p.ClientID, "10.0.0.1/32") + orgBody(e, o.ClientID, "10.1.0.0/16"))
	e.Run(t, acctest.IdentityTestCase(config, acctest.IdentityWant{
		projectName: {"project_id": knownvalue.StringExact(e.ProjectID), "client_id": knownvalue.StringExact(p.ClientID)},
		orgName:     {"org_id": knownvalue.StringExact(e.OrgID), "client_id": knownvalue.StringExact(o.ClientID)},
	}))
}
