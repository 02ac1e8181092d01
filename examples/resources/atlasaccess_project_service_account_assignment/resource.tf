# A service account created in the "ci" project...
resource "atlasaccess_project_service_account" "ci" {
  project_id                 = "32b6e34b3d91647abb20e7b8"
  name                       = "ci-deployer"
  description                = "Deploys application releases from CI"
  roles                      = ["GROUP_READ_ONLY", "GROUP_CLUSTER_MANAGER"]
  secret_expires_after_hours = 720
}

# ...and assigned to the "staging" project with other roles. Destroying the
# assignment removes the account from the staging project only.
resource "atlasaccess_project_service_account_assignment" "ci_staging" {
  project_id = "5f1e2d3c4b5a69788796a5b4"
  client_id  = atlasaccess_project_service_account.ci.client_id
  roles      = ["GROUP_OWNER"]
}
