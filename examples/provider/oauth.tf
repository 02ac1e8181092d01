# OAuth2 client credentials of an Atlas service account (recommended).
# The provider fetches one access token per run and refreshes it before it expires.
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
}
