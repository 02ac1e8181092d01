package team_test

import (
	"context"
	"fmt"
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

// The atlasaccess_team data source finds a team by name and by ID, with its
// members; atlasaccess_teams lists every team of the organization.
func TestAccTeamDataSources(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.RequireSim(t)
	ctx := context.Background()
	invite(t, e, "pending.member@example.com")
	platform, err := e.Client.CreateTeam(ctx, e.OrgID, client.CreateTeamRequest{Name: "platform", Usernames: []string{e.OrgMember, "pending.member@example.com"}})
	if err != nil {
		t.Fatal(err)
	}
	empty, err := e.Client.CreateTeam(ctx, e.OrgID, client.CreateTeamRequest{Name: "empty"})
	if err != nil {
		t.Fatal(err)
	}
	config := e.Config(fmt.Sprintf(`
data "atlasaccess_team" "by_name" {
  org_id = %[1]q
  name   = "platform"
}
data "atlasaccess_team" "by_id" {
  org_id  = %[1]q
  team_id = %[2]q
}
data "atlasaccess_teams" "all" {
  org_id = %[1]q
}
`, e.OrgID, empty.ID))
	e.Run(t, resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config:      e.Config(fmt.Sprintf("data \"atlasaccess_team\" \"none\" {\n  org_id = %q\n  name = \"nobody\"\n}\n", e.OrgID)),
				ExpectError: acctest.Diagnostic("Team Not Found", `team "nobody"`),
			},
			{
				Config:      e.Config(fmt.Sprintf("data \"atlasaccess_team\" \"both\" {\n  org_id = %q\n  name = \"platform\"\n  team_id = %q\n}\n", e.OrgID, platform.ID)),
				ExpectError: acctest.Diagnostic("team_id", "name"),
			},
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.atlasaccess_team.by_name", tfjsonpath.New("team_id"), knownvalue.StringExact(platform.ID)),
					statecheck.ExpectKnownValue("data.atlasaccess_team.by_name", tfjsonpath.New("usernames"), acctest.StringSet(e.OrgMember, "pending.member@example.com")),
					statecheck.ExpectKnownValue("data.atlasaccess_team.by_id", tfjsonpath.New("name"), knownvalue.StringExact("empty")),
					statecheck.ExpectKnownValue("data.atlasaccess_team.by_id", tfjsonpath.New("usernames"), acctest.StringSet()),
					statecheck.ExpectKnownValue("data.atlasaccess_teams.all", tfjsonpath.New("teams"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.ObjectExact(map[string]knownvalue.Check{"team_id": knownvalue.StringExact(platform.ID), "name": knownvalue.StringExact("platform")}),
						knownvalue.ObjectExact(map[string]knownvalue.Check{"team_id": knownvalue.StringExact(empty.ID), "name": knownvalue.StringExact("empty")}),
					})),
				},
			},
		},
	})
}

// A team is named by organization ID and team ID, and an import block with
// that identity adopts it with an empty plan.
func TestAccTeam_identity(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.Run(t, acctest.IdentityTestCase(teamConfig(e, "identity", e.OrgMember), acctest.IdentityWant{
		resourceName: {"org_id": knownvalue.StringExact(e.OrgID), "team_id": knownvalue.StringRegexp(teamIDRegexp)},
	}))
}

// terraform query finds the teams of an organization, filtered by name,
// with their members when asked.
func TestAccTeam_query(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.RequireSim(t)
	ctx := context.Background()
	platform, err := e.Client.CreateTeam(ctx, e.OrgID, client.CreateTeamRequest{Name: "platform", Usernames: []string{e.OrgMember}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.Client.CreateTeam(ctx, e.OrgID, client.CreateTeamRequest{Name: "data"}); err != nil {
		t.Fatal(err)
	}
	const addr = resourceType + ".all"
	block := func(config acctest.Attrs, extra map[string]string) string {
		config["org_id"] = e.OrgID
		return e.Config(acctest.ListBlock(resourceType, "all", config, extra))
	}
	byID := queryfilter.ByResourceIdentity(map[string]knownvalue.Check{
		"org_id": knownvalue.StringExact(e.OrgID), "team_id": knownvalue.StringExact(platform.ID),
	})
	e.Run(t, acctest.QueryTestCase(
		resource.TestStep{
			Config: block(acctest.Attrs{}, map[string]string{"include_resource": "true"}),
			QueryResultChecks: []querycheck.QueryResultCheck{
				querycheck.ExpectLength(addr, 2),
				querycheck.ExpectResourceDisplayName(addr, byID, knownvalue.StringExact("platform")),
				querycheck.ExpectResourceKnownValues(addr, byID, []querycheck.KnownValueCheck{
					{Path: tfjsonpath.New("usernames"), KnownValue: acctest.StringSet(e.OrgMember)},
				}),
			},
		},
		resource.TestStep{
			Config:            block(acctest.Attrs{"name_regex": "^plat"}, nil),
			QueryResultChecks: []querycheck.QueryResultCheck{querycheck.ExpectLength(addr, 1)},
		},
	))
}
