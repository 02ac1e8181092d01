# A service account for CI, in one project...
resource "atlasaccess_project_service_account" "ci" {
  project_id                 = "32b6e34b3d91647abb20e7b8"
  name                       = "ci-deployer"
  description                = "Deploys from the CI runners"
  roles                      = ["GROUP_CLUSTER_MANAGER"]
  secret_expires_after_hours = 720
}

# ...that may call the Atlas Admin API only from the CI runners' networks.
# The list is authoritative: an entry added by hand is removed at the next
# apply. A bare address means that address alone (/32 or /128).
resource "atlasaccess_project_service_account_access_list" "ci" {
  project_id = atlasaccess_project_service_account.ci.project_id
  client_id  = atlasaccess_project_service_account.ci.client_id
  cidr_blocks = [
    "203.0.113.0/24",     # runners in the office
    "198.51.100.17",      # the release runner
    "2001:db8:4000::/48", # runners on IPv6
  ]
}
