# A bearer access token obtained elsewhere, for example by a CI job that
# exchanged its own service account credentials. It is not refreshed.
provider "atlasaccess" {
  access_token = var.atlas_access_token
}

variable "atlas_access_token" {
  type      = string
  sensitive = true
}
