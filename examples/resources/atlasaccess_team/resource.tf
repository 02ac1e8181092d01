# People join the organization first; the team lists their usernames, so
# Terraform invites them before adding them to the team.
resource "atlasaccess_org_user" "people" {
  for_each = toset(["ann@example.com", "bob@example.com"])

  org_id   = "5f1e2d3c4b5a69788796a5b4"
  username = each.key
  roles    = ["ORG_MEMBER"]
}

# The team and its whole membership: anyone added by hand is removed by the
# next apply, and the plan names them.
resource "atlasaccess_team" "platform" {
  org_id    = "5f1e2d3c4b5a69788796a5b4"
  name      = "Platform"
  usernames = [for u in atlasaccess_org_user.people : u.username]
}
