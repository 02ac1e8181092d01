package orguser_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/knownvalue"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/acctest"
)

// An organization user is named by organization ID and username, the
// import ID org_id/username, and an import block with that identity adopts
// the membership with an empty plan.
func TestAccOrgUser_identity(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.Run(t, acctest.IdentityTestCase(orgUserConfig(e, "identity@example.com", "ORG_MEMBER"), acctest.IdentityWant{
		resourceName: {"org_id": knownvalue.StringExact(e.OrgID), "username": knownvalue.StringExact("identity@example.com")},
	}))
}
