terraform {
  # removed blocks need Terraform 1.7 or later.
  required_version = ">= 1.7"
  required_providers {
    atlasaccess = { source = "atlasaccess/atlasaccess" }
    # Keep the official provider until the migration is applied: Terraform
    # needs it to read the state of the resources it forgets.
    mongodbatlas = { source = "mongodb/mongodbatlas" }
  }
}

provider "atlasaccess" {}

provider "mongodbatlas" {}
