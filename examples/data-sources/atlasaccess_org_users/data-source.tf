# Everyone in the organization who has or may soon have access.
data "atlasaccess_org_users" "all" {
  org_id = "5f1e2d3c4b5a69788796a5b4"
}

# Invitations nobody accepted.
data "atlasaccess_org_users" "stale" {
  org_id   = "5f1e2d3c4b5a69788796a5b4"
  statuses = ["INVITATION_EXPIRED", "INVITATION_REJECTED"]
}

output "organization_owners" {
  value = [for u in data.atlasaccess_org_users.all.users : u.username if contains(u.roles, "ORG_OWNER")]
}
