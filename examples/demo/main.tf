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

output "masked_secret" {
  value = atlasaccess_project_service_account.ci.secrets[0].masked_secret_value
}

output "secret" {
  value     = atlasaccess_project_service_account.ci.secret
  sensitive = true
}
