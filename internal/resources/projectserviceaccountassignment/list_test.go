package projectserviceaccountassignment_test

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

// terraform query finds the organization accounts assigned to a project,
// not the accounts made in it, with their project roles when asked.
func TestAccProjectServiceAccountAssignment_query(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	ctx := context.Background()
	createAccount(t, e, "made-in-project", "GROUP_READ_ONLY") // listed by the project account type
	org, err := e.Client.CreateOrgServiceAccount(ctx, e.OrgID, client.CreateServiceAccountRequest{
		Name: "org-auditor", Description: "Made for the organization", Roles: []string{"ORG_READ_ONLY"}, SecretExpiresAfterHours: 720,
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = e.Client.DeleteOrgServiceAccount(context.Background(), e.OrgID, org.ClientID) })
	if _, err := e.Client.InviteProjectServiceAccount(ctx, e.ProjectID, org.ClientID, []string{"GROUP_CLUSTER_MANAGER"}); err != nil {
		t.Fatal(err)
	}
	const addr = acctest.AssignmentType + ".all"
	identity := queryfilter.ByResourceIdentity(map[string]knownvalue.Check{
		"project_id": knownvalue.StringExact(e.ProjectID), "client_id": knownvalue.StringExact(org.ClientID),
	})
	e.Run(t, acctest.QueryTestCase(
		resource.TestStep{
			Config: e.Config(acctest.ListBlock(acctest.AssignmentType, "all", acctest.Attrs{"project_id": e.ProjectID}, map[string]string{"include_resource": "true"})),
			QueryResultChecks: []querycheck.QueryResultCheck{
				querycheck.ExpectLength(addr, 1),
				querycheck.ExpectResourceDisplayName(addr, identity, knownvalue.StringExact("org-auditor ("+org.ClientID+")")),
				querycheck.ExpectResourceKnownValues(addr, identity, []querycheck.KnownValueCheck{
					{Path: tfjsonpath.New("roles"), KnownValue: acctest.StringSet("GROUP_CLUSTER_MANAGER")},
				}),
			},
		},
		resource.TestStep{
			Config:            e.Config(acctest.ListBlock(acctest.AssignmentType, "all", acctest.Attrs{"project_id": e.ProjectID, "name_regex": "^ci-"}, nil)),
			QueryResultChecks: []querycheck.QueryResultCheck{querycheck.ExpectLength(addr, 0)},
		},
	))
}
