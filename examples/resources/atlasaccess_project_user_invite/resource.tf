# One person: invited to the organization if they are not a member yet.
resource "atlasaccess_project_user_invite" "ann" {
  project_id = "32b6e34b3d91647abb20e7b8"
  username   = "ann@example.com"
  roles      = ["GROUP_READ_ONLY"]
}

# A team, from a map of email addresses to project roles. Atlas limits
# invitations (about 10 a minute); the provider waits for the limit, so
# one apply can invite the whole team.
variable "team" {
  type = map(set(string))
  default = {
    "bob@example.com"   = ["GROUP_OWNER"]
    "carol@example.com" = ["GROUP_CLUSTER_MANAGER", "GROUP_DATA_ACCESS_READ_WRITE"]
    "dave@example.com"  = ["GROUP_READ_ONLY"]
  }
}

# Keys are lower-cased: Atlas compares addresses without regard to case,
# so a key that changes only in case would replace the invitation.
resource "atlasaccess_project_user_invite" "team" {
  for_each = { for email, roles in var.team : lower(email) => roles }

  project_id = "32b6e34b3d91647abb20e7b8"
  username   = each.key
  roles      = each.value
}

# PENDING until each person accepts, then ACTIVE.
output "team_status" {
  value = { for email, invite in atlasaccess_project_user_invite.team : email => invite.status }
}
