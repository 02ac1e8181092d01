package projectteam_test

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/acctest"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

// The data source lists the project's teams with their roles, sorted by
// team ID, and none of another project's.
func TestAccProjectTeamsDataSource_listsTheProjectsTeams(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.RequireSim(t)
	ctx := context.Background()
	a, b, other := newTeam(t, e, "a"), newTeam(t, e, "b"), newTeam(t, e, "elsewhere")
	if _, err := e.Client.AddTeamsToProject(ctx, e.ProjectID, []client.ProjectTeam{
		{TeamID: a, RoleNames: []string{"GROUP_OWNER"}}, {TeamID: b, RoleNames: []string{"GROUP_READ_ONLY", "GROUP_DATA_ACCESS_READ_ONLY"}},
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Client.AddTeamsToProject(ctx, e.Project2ID, []client.ProjectTeam{{TeamID: other, RoleNames: []string{"GROUP_OWNER"}}}); err != nil {
		t.Fatal(err)
	}
	first, second := a, b
	firstRoles, secondRoles := acctest.StringSet("GROUP_OWNER"), acctest.StringSet("GROUP_READ_ONLY", "GROUP_DATA_ACCESS_READ_ONLY")
	if b < a {
		first, second, firstRoles, secondRoles = b, a, secondRoles, firstRoles
	}
	const ds = "data.atlasaccess_project_teams.all"
	e.Run(t, resource.TestCase{
		Steps: []resource.TestStep{{
			Config: e.Config(`
data "atlasaccess_project_teams" "all" {
  project_id = "` + e.ProjectID + `"
}
`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("teams"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectExact(map[string]knownvalue.Check{"team_id": knownvalue.StringExact(first), "roles": firstRoles}),
					knownvalue.ObjectExact(map[string]knownvalue.Check{"team_id": knownvalue.StringExact(second), "roles": secondRoles}),
				})),
			},
		}},
	})
}

// A grant is named by project ID and team ID, the import ID, and an import
// block with that identity adopts it with an empty plan.
func TestAccProjectTeam_identity(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.RequireSim(t)
	teamID := newTeam(t, e, "identity")
	e.Run(t, acctest.IdentityTestCase(projectTeamConfig(e, teamID, "GROUP_READ_ONLY"), acctest.IdentityWant{
		resourceName: {"project_id": knownvalue.StringExact(e.ProjectID), "team_id": knownvalue.StringExact(teamID)},
	}))
}

// terraform query finds the teams of a project, shown by name with their
// roles, and with their roles when asked.
func TestAccProjectTeam_query(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.RequireSim(t)
	a, b := newTeam(t, e, "query-platform"), newTeam(t, e, "query-readers")
	if _, err := e.Client.AddTeamsToProject(context.Background(), e.ProjectID, []client.ProjectTeam{
		{TeamID: a, RoleNames: []string{"GROUP_OWNER"}}, {TeamID: b, RoleNames: []string{"GROUP_READ_ONLY"}},
	}); err != nil {
		t.Fatal(err)
	}
	const addr = acctest.ProjectTeamType + ".all"
	block := func(extra map[string]string) string {
		return e.Config(acctest.ListBlock(acctest.ProjectTeamType, "all", acctest.Attrs{"project_id": e.ProjectID}, extra))
	}
	teamA := queryfilter.ByResourceIdentity(map[string]knownvalue.Check{
		"project_id": knownvalue.StringExact(e.ProjectID), "team_id": knownvalue.StringExact(a),
	})
	e.Run(t, acctest.QueryTestCase(
		resource.TestStep{
			Config: block(map[string]string{"include_resource": "true"}),
			QueryResultChecks: []querycheck.QueryResultCheck{
				querycheck.ExpectLength(addr, 2),
				querycheck.ExpectResourceDisplayName(addr, teamA, knownvalue.StringExact("query-platform (GROUP_OWNER)")),
				querycheck.ExpectResourceKnownValues(addr, teamA, []querycheck.KnownValueCheck{
					{Path: tfjsonpath.New("roles"), KnownValue: acctest.StringSet("GROUP_OWNER")},
				}),
			},
		},
		resource.TestStep{
			Config:            block(map[string]string{"limit": "1"}),
			QueryResultChecks: []querycheck.QueryResultCheck{querycheck.ExpectLength(addr, 1)},
		},
	))
}
