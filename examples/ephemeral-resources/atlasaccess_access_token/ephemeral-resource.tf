variable "project_id" {
  type = string
}

variable "deployer_client_id" {
  type = string
}

# An ephemeral input variable (Terraform 1.10 and later) keeps the secret out
# of the state and of saved plans too; pass it with TF_VAR_deployer_client_secret.
variable "deployer_client_secret" {
  type      = string
  sensitive = true
  ephemeral = true
}

# The default provider block signs in with your own credentials; its base_url
# is where the token is requested.
provider "atlasaccess" {}

# A token for the deployer service account, opened in every plan and apply
# that needs it, never stored, and revoked when Terraform is done with it.
ephemeral "atlasaccess_access_token" "deployer" {
  client_id     = var.deployer_client_id
  client_secret = var.deployer_client_secret
}

# A second provider block that acts as the deployer account.
provider "atlasaccess" {
  alias        = "deployer"
  access_token = ephemeral.atlasaccess_access_token.deployer.access_token
}

# Created by the deployer account, which needs the Project Owner role.
resource "atlasaccess_project_user_invite" "analyst" {
  provider   = atlasaccess.deployer
  project_id = var.project_id
  username   = "analyst@example.com"
  roles      = ["GROUP_READ_ONLY"]
}
