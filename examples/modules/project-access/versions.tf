terraform {
  required_version = ">= 1.5"
  required_providers {
    atlasaccess = {
      source = "atlasaccess/atlasaccess"
    }
  }
}
