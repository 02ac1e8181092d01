# Everyone who has access to the project or a pending invitation to it.
data "atlasaccess_project_users" "team" {
  project_id = "32b6e34b3d91647abb20e7b8"
}

output "project_roles_by_person" {
  value = { for u in data.atlasaccess_project_users.team.users : u.username => u.roles }
}

# Invitations that expired or were declined, to follow up on.
data "atlasaccess_project_users" "lapsed" {
  project_id = "32b6e34b3d91647abb20e7b8"
  statuses   = ["INVITATION_EXPIRED", "INVITATION_REJECTED"]
}
