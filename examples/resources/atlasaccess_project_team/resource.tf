# The team's members hold GROUP_READ_ONLY and GROUP_DATA_ACCESS_READ_ONLY in
# the project. The team itself is managed elsewhere (atlasaccess_team, or
# the Atlas UI); destroying this resource only takes it out of the project.
resource "atlasaccess_project_team" "analysts" {
  project_id = "32b6e34b3d91647abb20e7b8"
  team_id    = "6a0b1c2d3e4f506172839405"
  roles      = ["GROUP_READ_ONLY", "GROUP_DATA_ACCESS_READ_ONLY"]
}

# One team in several projects, with the same roles.
variable "project_ids" {
  type    = set(string)
  default = ["32b6e34b3d91647abb20e7b8", "5e2211c17a3e5a48f5497de3"]
}

resource "atlasaccess_project_team" "oncall" {
  for_each = var.project_ids

  project_id = each.key
  team_id    = "6a0b1c2d3e4f506172839406"
  roles      = ["GROUP_OWNER"]
}
