terraform {
  # terraform query and list blocks need Terraform 1.14 or later.
  required_version = ">= 1.14"
  required_providers {
    atlasaccess = { source = "atlasaccess/atlasaccess" }
  }
}

provider "atlasaccess" {}
