package orguser_test

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/acctest"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

// terraform query finds the people of an organization, filtered by status,
// with their organization roles when asked, named by email and status.
func TestAccOrgUser_query(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.RequireSim(t)
	ctx := context.Background()
	for _, u := range []struct {
		name  string
		roles []string
	}{{"ann.query@example.com", []string{"ORG_READ_ONLY"}}, {"bob.query@example.com", []string{"ORG_MEMBER"}}} {
		if _, err := e.Client.CreateOrgUser(ctx, e.OrgID, client.CreateOrgUserRequest{Username: u.name, Roles: client.OrgUserRoles{OrgRoles: u.roles}}); err != nil {
			t.Fatal(err)
		}
	}
	if err := e.Sim.ExpireInvitation("bob.query@example.com"); err != nil {
		t.Fatal(err)
	}
	// Atlas's default statuses: everyone ACTIVE or PENDING, which excludes bob.
	listed, err := e.Client.ListOrgUsers(ctx, e.OrgID, client.ListOrgUsersOptions{})
	if err != nil {
		t.Fatal(err)
	}
	const addr = resourceType + ".all"
	block := func(config acctest.Attrs, extra map[string]string) string {
		config["org_id"] = e.OrgID
		return e.Config(acctest.ListBlock(resourceType, "all", config, extra))
	}
	byUser := func(username string) queryfilter.QueryFilter {
		return queryfilter.ByResourceIdentity(map[string]knownvalue.Check{
			"org_id": knownvalue.StringExact(e.OrgID), "username": knownvalue.StringExact(username),
		})
	}
	ann := byUser("ann.query@example.com")
	e.Run(t, acctest.QueryTestCase(
		resource.TestStep{
			Config: block(acctest.Attrs{}, map[string]string{"include_resource": "true"}),
			QueryResultChecks: []querycheck.QueryResultCheck{
				querycheck.ExpectLength(addr, len(listed)),
				querycheck.ExpectResourceDisplayName(addr, ann, knownvalue.StringExact("ann.query@example.com (PENDING)")),
				querycheck.ExpectResourceKnownValues(addr, ann, []querycheck.KnownValueCheck{
					{Path: tfjsonpath.New("id"), KnownValue: knownvalue.StringExact(e.OrgID + "/ann.query@example.com")},
					{Path: tfjsonpath.New("roles"), KnownValue: acctest.StringSet("ORG_READ_ONLY")},
					{Path: tfjsonpath.New("status"), KnownValue: knownvalue.StringExact("PENDING")},
					{Path: tfjsonpath.New("user_id"), KnownValue: knownvalue.StringRegexp(userIDRegexp)},
				}),
				querycheck.ExpectResourceDisplayName(addr, byUser(e.OrgMember), knownvalue.StringExact(e.OrgMember+" (ACTIVE)")),
			},
		},
		resource.TestStep{
			Config: block(acctest.Attrs{"statuses": []string{"INVITATION_EXPIRED"}}, nil),
			QueryResultChecks: []querycheck.QueryResultCheck{
				querycheck.ExpectLength(addr, 1),
				querycheck.ExpectIdentity(addr, map[string]knownvalue.Check{
					"org_id": knownvalue.StringExact(e.OrgID), "username": knownvalue.StringExact("bob.query@example.com"),
				}),
			},
		},
		resource.TestStep{
			Config:            block(acctest.Attrs{}, map[string]string{"limit": "1"}),
			QueryResultChecks: []querycheck.QueryResultCheck{querycheck.ExpectLength(addr, 1)},
		},
	))
}
