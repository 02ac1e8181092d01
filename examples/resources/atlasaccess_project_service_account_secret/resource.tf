# An account without the secret Atlas issues at creation: its secrets come
# only from secret resources.
resource "atlasaccess_project_service_account" "ci" {
  project_id                 = "32b6e34b3d91647abb20e7b8"
  name                       = "ci-deployer"
  description                = "Deploys application releases from CI"
  roles                      = ["GROUP_READ_ONLY", "GROUP_CLUSTER_MANAGER"]
  secret_expires_after_hours = 8
  keep_initial_secret        = false
}

# A secret that lives 30 days and is replaced 2 days before it expires. With
# create_before_destroy the new secret is issued before the old one is
# deleted, so the account can always sign in.
resource "atlasaccess_project_service_account_secret" "ci" {
  project_id          = atlasaccess_project_service_account.ci.project_id
  client_id           = atlasaccess_project_service_account.ci.client_id
  expires_after_hours = 720
  rotate_before_hours = 48

  lifecycle {
    create_before_destroy = true
  }
}

output "ci_client_id" {
  value = atlasaccess_project_service_account_secret.ci.client_id
}

# The plaintext is returned by Atlas once, when the secret is issued, and kept in state.
output "ci_client_secret" {
  value     = atlasaccess_project_service_account_secret.ci.secret
  sensitive = true
}
