package projectuserinvite_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/knownvalue"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/acctest"
)

// A project user is named by project ID and username, the import ID
// project_id/username, and an import block with that identity adopts the
// invitation with an empty plan.
func TestAccProjectUserInvite_identity(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.Run(t, acctest.IdentityTestCase(inviteConfig(e, "identity@example.com", []string{"GROUP_READ_ONLY"}), acctest.IdentityWant{
		resourceName: {"project_id": knownvalue.StringExact(e.ProjectID), "username": knownvalue.StringExact("identity@example.com")},
	}))
}
