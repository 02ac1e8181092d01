resource "atlasaccess_service_account" "deployer" {
  org_id                     = "5f1e2d3c4b5a69788796a5b4"
  name                       = "deployer"
  description                = "Deploys application releases from CI"
  roles                      = ["ORG_MEMBER"]
  secret_expires_after_hours = 720
}

output "deployer_client_id" {
  value = atlasaccess_service_account.deployer.client_id
}

# The plaintext secret is returned by Atlas once, at creation, and kept in state.
output "deployer_client_secret" {
  value     = atlasaccess_service_account.deployer.secret
  sensitive = true
}

# An account without the secret Atlas issues at creation: its secrets come
# only from atlasaccess_service_account_secret resources, which can rotate.
resource "atlasaccess_service_account" "reporting" {
  org_id                     = "5f1e2d3c4b5a69788796a5b4"
  name                       = "reporting"
  description                = "Reads billing for the finance dashboards"
  roles                      = ["ORG_BILLING_READ_ONLY"]
  secret_expires_after_hours = 24
  keep_initial_secret        = false
}
