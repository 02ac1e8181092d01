package projectserviceaccountassignment_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/knownvalue"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/acctest"
)

// An assignment is named by project ID and client ID, the parts of its
// import ID, and an import block with that identity adopts it with an
// empty plan.
func TestAccProjectServiceAccountAssignment_identity(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	sa := createAccount(t, e, "identity-shared", "GROUP_READ_ONLY")
	e.Run(t, acctest.IdentityTestCase(assignmentConfig(e, e.Project2ID, sa.ClientID, []string{"GROUP_DATA_ACCESS_READ_ONLY"}), acctest.IdentityWant{
		resourceName: {"project_id": knownvalue.StringExact(e.Project2ID), "client_id": knownvalue.StringExact(sa.ClientID)},
	}))
}
