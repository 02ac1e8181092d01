# Every team of the organization, as a map of name to team ID.
data "atlasaccess_teams" "all" {
  org_id = "5f1e2d3c4b5a69788796a5b4"
}

output "team_ids" {
  value = { for t in data.atlasaccess_teams.all.teams : t.name => t.team_id }
}
