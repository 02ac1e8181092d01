# The demo that `make demo` applies against the local atlassim simulator.
# Credentials and the base URL come from the environment atlassim prints.
terraform {
  required_providers {
    atlasaccess = {
      source = "atlasaccess/atlasaccess"
    }
  }
}

provider "atlasaccess" {}

variable "project_id" {
  type        = string
  description = "The Atlas project to manage (atlassim prints ATLASSIM_PROJECT_ID)."
}

resource "atlasaccess_project_service_account" "ci" {
  project_id                 = var.project_id
  name                       = "ci-deployer"
  description                = "Deploys application releases from CI"
  roles                      = ["GROUP_READ_ONLY", "GROUP_CLUSTER_MANAGER"]
  secret_expires_after_hours = 720
}

output "client_id" {
  value = atlasaccess_project_service_account.ci.client_id
}

# Atlas masks a secret only when the account is read back, so the masked
# value is known from the first refresh on; the expiry is known at once.
output "secret_expires_at" {
  value = atlasaccess_project_service_account.ci.secrets[0].expires_at
}

output "secret" {
  value     = atlasaccess_project_service_account.ci.secret
  sensitive = true
}
