# The teams that hold roles in a project, with their roles.
data "atlasaccess_project_teams" "home" {
  project_id = "32b6e34b3d91647abb20e7b8"
}

# Adopt every team's grant in one plan.
import {
  for_each = { for t in data.atlasaccess_project_teams.home.teams : t.team_id => t }
  to       = atlasaccess_project_team.adopted[each.key]
  id       = "32b6e34b3d91647abb20e7b8/${each.key}"
}

resource "atlasaccess_project_team" "adopted" {
  for_each = { for t in data.atlasaccess_project_teams.home.teams : t.team_id => t }

  project_id = "32b6e34b3d91647abb20e7b8"
  team_id    = each.key
  roles      = each.value.roles
}
