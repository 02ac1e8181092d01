package projectaccesslist_test

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

// terraform query finds a project's list made by hand as one result, the
// whole list, filled as an import would fill it; an empty list is no result.
func TestAccProjectIPAccessList_query(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.RequireSim(t)
	if err := e.Client.AddProjectAccessListEntries(context.Background(), e.ProjectID, []client.ProjectAccessListEntry{
		{CIDRBlock: "10.1.0.0/16", Comment: "office"}, {IPAddress: "192.0.2.7"},
	}); err != nil {
		t.Fatal(err)
	}
	const typ = "atlasaccess_project_ip_access_list"
	const addr = typ + ".all"
	block := func(projectID string, extra map[string]string) string {
		return e.Config(acctest.ListBlock(typ, "all", acctest.Attrs{"project_id": projectID}, extra))
	}
	theList := queryfilter.ByResourceIdentity(map[string]knownvalue.Check{"project_id": knownvalue.StringExact(e.ProjectID)})
	entry := func(cidr, comment string) knownvalue.Check {
		var c knownvalue.Check = knownvalue.Null()
		if comment != "" {
			c = knownvalue.StringExact(comment)
		}
		return knownvalue.ObjectExact(map[string]knownvalue.Check{
			"cidr_block": knownvalue.StringExact(cidr), "aws_security_group": knownvalue.Null(), "comment": c,
		})
	}
	e.Run(t, acctest.QueryTestCase(
		resource.TestStep{
			Config: block(e.ProjectID, map[string]string{"include_resource": "true"}),
			QueryResultChecks: []querycheck.QueryResultCheck{
				querycheck.ExpectLength(addr, 1),
				querycheck.ExpectResourceDisplayName(addr, theList, knownvalue.StringExact("project "+e.ProjectID+" (2 entries)")),
				querycheck.ExpectResourceKnownValues(addr, theList, []querycheck.KnownValueCheck{
					{Path: tfjsonpath.New("entries"), KnownValue: knownvalue.SetExact([]knownvalue.Check{
						entry("10.1.0.0/16", "office"), entry("192.0.2.7/32", ""),
					})},
				}),
			},
		},
		resource.TestStep{
			Config:            block(e.Project2ID, nil),
			QueryResultChecks: []querycheck.QueryResultCheck{querycheck.ExpectLength(addr, 0)},
		},
	))
}
