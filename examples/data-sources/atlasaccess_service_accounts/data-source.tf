data "atlasaccess_service_accounts" "all" {
  org_id = "5f1e2d3c4b5a69788796a5b4"
}

# Every account of the organization, across all pages of Atlas's answer.
output "organization_owners" {
  value = [for sa in data.atlasaccess_service_accounts.all.service_accounts : sa.client_id if contains(sa.roles, "ORG_OWNER")]
}
