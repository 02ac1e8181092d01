resource "atlasaccess_project_service_account" "ci" {
  project_id                 = "32b6e34b3d91647abb20e7b8"
  name                       = "ci-deployer"
  description                = "Deploys application releases from CI"
  roles                      = ["GROUP_READ_ONLY", "GROUP_CLUSTER_MANAGER"]
  secret_expires_after_hours = 720
}

output "ci_client_id" {
  value = atlasaccess_project_service_account.ci.client_id
}

# The plaintext secret is returned by Atlas once, at creation, and kept in state.
output "ci_client_secret" {
  value     = atlasaccess_project_service_account.ci.secret
  sensitive = true
}
