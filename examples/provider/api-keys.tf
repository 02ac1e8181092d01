# Programmatic API keys with HTTP digest authentication (legacy).
provider "atlasaccess" {
  public_key  = var.atlas_public_key
  private_key = var.atlas_private_key
}

variable "atlas_public_key" {
  type = string
}

variable "atlas_private_key" {
  type      = string
  sensitive = true
}
