# The client secret as an ephemeral input variable (Terraform 1.10+): Terraform
# keeps it in memory only, so it is written to neither the state nor a saved
# plan file. Set it on every run that configures the provider, plan and apply
# alike, for example from a secret store through the environment:
#   export TF_VAR_atlas_client_secret="$(vault kv get -field=secret kv/atlas/ci)"
#   terraform plan -out=tfplan && terraform apply tfplan
provider "atlasaccess" {
  client_id     = var.atlas_client_id
  client_secret = var.atlas_client_secret
}

variable "atlas_client_id" {
  type = string
}

variable "atlas_client_secret" {
  type      = string
  sensitive = true
  ephemeral = true
}
