package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/atlassim"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

// TestManyTeamsAndDatabaseUsersRefreshFromListings pins what a no-change
// plan of many teams, their project roles, database users and custom roles
// costs: a listing of each kind (the organization's teams, its people, who
// carry their teams, the project's teams, database users and custom roles)
// after one direct read of each, not a GET per object, with an empty plan.
func TestManyTeamsAndDatabaseUsersRefreshFromListings(t *testing.T) {
	t.Parallel()
	const teams, dbUsers, roles = 10, 20, 2
	w := newWorkspace(t, atlassim.Options{Seed: 26, InviteRateLimit: -1})
	w.signInAsOrgOwner()
	ctx := context.Background()
	c := w.orgOwnerClient()
	var people []string
	for i := range 2 * teams {
		u, err := c.CreateOrgUser(ctx, w.fx.OrgID, client.CreateOrgUserRequest{
			Username: fmt.Sprintf("member-%d@example.com", i), Roles: client.OrgUserRoles{OrgRoles: []string{"ORG_MEMBER"}}})
		if err != nil {
			t.Fatal(err)
		}
		people = append(people, fmt.Sprintf("%q", u.Username))
	}
	config := cliProvider + fmt.Sprintf(`
locals {
  people = [%s]
}

resource "atlasaccess_team" "t" {
  count     = %d
  org_id    = %q
  name      = "team-${count.index}"
  usernames = [local.people[2 * count.index], local.people[2 * count.index + 1]]
}

resource "atlasaccess_project_team" "pt" {
  count      = %d
  project_id = %q
  team_id    = atlasaccess_team.t[count.index].team_id
  roles      = ["GROUP_READ_ONLY"]
}

resource "atlasaccess_custom_db_role" "r" {
  count      = %d
  project_id = %q
  role_name  = "reader-${count.index}"
  actions    = [{ action = "FIND", resources = [{ database_name = "orders" }] }]
}

resource "atlasaccess_database_user" "u" {
  count         = %d
  project_id    = %q
  username      = "CN=app-${count.index},O=Example"
  auth_database = "$external"
  x509_type     = "CUSTOMER"
  roles = [
    { role_name = "readWrite", database_name = "billing" },
    { role_name = atlasaccess_custom_db_role.r[count.index %% %d].role_name, database_name = "admin" },
  ]
}
`, strings.Join(people, ", "), teams, w.fx.OrgID, teams, w.fx.ProjectID, roles, w.fx.ProjectID, dbUsers, w.fx.ProjectID, roles)
	w.write("main.tf", config)
	w.terraform(false, "apply", "-auto-approve", "-input=false")
	// Right after the apply: the people's listing is one page that names
	// every team, so it answers their members though the teams are new.
	plan := apiOnly(requestsOf(w, "plan", "-input=false", "-detailed-exitcode"))
	listings := 0
	for _, r := range plan {
		if strings.HasPrefix(r, "GET ") && (strings.HasSuffix(r, "/teams") || strings.HasSuffix(r, "/users") ||
			strings.HasSuffix(r, "/databaseUsers") || strings.HasSuffix(r, "/customDBRoles/roles")) {
			listings++
		}
	}
	resources := 2*teams + dbUsers + roles
	t.Logf("plan: %d requests for %d resources:\n  %s", len(plan), resources, strings.Join(plan, "\n  "))
	// Five kinds, each one direct read and one listing; a second listing
	// of a kind if the machine is so slow that the first expires.
	if listings < 5 || len(plan) > 16 {
		t.Errorf("a no-change plan of %d resources made %d requests (%d listings); want a listing per kind (5) and a direct read each, at most 16",
			resources, len(plan), listings)
	}
	w.terraform(false, "destroy", "-auto-approve", "-input=false")
}
