# A team by name, with its members.
data "atlasaccess_team" "platform" {
  org_id = "5f1e2d3c4b5a69788796a5b4"
  name   = "Platform"
}

output "platform_members" {
  value = data.atlasaccess_team.platform.usernames
}
