# One person in the organization, invited by email. status is PENDING until
# they accept, then ACTIVE, without a plan diff.
resource "atlasaccess_org_user" "ann" {
  org_id   = "5f1e2d3c4b5a69788796a5b4"
  username = "ann@example.com"
  roles    = ["ORG_MEMBER"]
}

# Several people, from a map of email addresses to organization roles.
# Keys are lower-cased: Atlas compares addresses without regard to case.
variable "people" {
  type = map(set(string))
  default = {
    "bob@example.com"   = ["ORG_OWNER"]
    "carol@example.com" = ["ORG_MEMBER", "ORG_BILLING_ADMIN"]
  }
}

resource "atlasaccess_org_user" "people" {
  for_each = { for email, roles in var.people : lower(email) => roles }

  org_id   = "5f1e2d3c4b5a69788796a5b4"
  username = each.key
  roles    = each.value
}
