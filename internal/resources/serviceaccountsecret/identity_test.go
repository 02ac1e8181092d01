package serviceaccountsecret_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/knownvalue"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/acctest"
)

// Both secret types are named by owner ID, client ID and secret ID, the
// parts of their import IDs, and an import block with that identity adopts
// them with an empty plan.
func TestAccSecrets_identity(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	p, o := newProjectFixture(t, e), newOrgFixture(t, e)
	body := func(f *fixture) string {
		return acctest.Resource(f.typ, "test", acctest.Attrs{f.ownerAttr: f.ownerID, "client_id": f.clientID, "expires_after_hours": 48})
	}
	secretID := knownvalue.StringRegexp(secretIDRegexp)
	e.Run(t, acctest.IdentityTestCase(e.Config(body(p)+body(o)), acctest.IdentityWant{
		p.address(): {"project_id": knownvalue.StringExact(e.ProjectID), "client_id": knownvalue.StringExact(p.clientID), "secret_id": secretID},
		o.address(): {"org_id": knownvalue.StringExact(e.OrgID), "client_id": knownvalue.StringExact(o.clientID), "secret_id": secretID},
	}))
}
