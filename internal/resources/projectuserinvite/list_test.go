package projectuserinvite_test

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

// terraform query finds the people of a project, filtered by status, with
// their roles when asked, named by email and status.
func TestAccProjectUserInvite_query(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.RequireSim(t)
	ctx := context.Background()
	for _, u := range []struct {
		name  string
		roles []string
	}{{"ann@example.com", []string{"GROUP_READ_ONLY"}}, {e.OrgMember, []string{"GROUP_OWNER"}}} {
		if _, err := e.Client.AddProjectUser(ctx, e.ProjectID, client.AddProjectUserRequest{Username: u.name, Roles: u.roles}); err != nil {
			t.Fatal(err)
		}
	}
	const addr = acctest.UserInviteType + ".all"
	block := func(config acctest.Attrs, extra map[string]string) string {
		config["project_id"] = e.ProjectID
		return e.Config(acctest.ListBlock(acctest.UserInviteType, "all", config, extra))
	}
	ann := queryfilter.ByResourceIdentity(map[string]knownvalue.Check{
		"project_id": knownvalue.StringExact(e.ProjectID), "username": knownvalue.StringExact("ann@example.com"),
	})
	e.Run(t, acctest.QueryTestCase(
		resource.TestStep{
			Config: block(acctest.Attrs{}, map[string]string{"include_resource": "true"}),
			QueryResultChecks: []querycheck.QueryResultCheck{
				querycheck.ExpectLength(addr, 2),
				querycheck.ExpectResourceDisplayName(addr, ann, knownvalue.StringExact("ann@example.com (PENDING)")),
				querycheck.ExpectResourceKnownValues(addr, ann, []querycheck.KnownValueCheck{
					{Path: tfjsonpath.New("roles"), KnownValue: acctest.StringSet("GROUP_READ_ONLY")},
				}),
			},
		},
		resource.TestStep{
			Config: block(acctest.Attrs{"statuses": []string{"ACTIVE"}}, nil),
			QueryResultChecks: []querycheck.QueryResultCheck{
				querycheck.ExpectLength(addr, 1),
				querycheck.ExpectIdentity(addr, map[string]knownvalue.Check{
					"project_id": knownvalue.StringExact(e.ProjectID), "username": knownvalue.StringExact(e.OrgMember),
				}),
			},
		},
		resource.TestStep{
			Config:            block(acctest.Attrs{}, map[string]string{"limit": "1"}),
			QueryResultChecks: []querycheck.QueryResultCheck{querycheck.ExpectLength(addr, 1)},
		},
	))
}
