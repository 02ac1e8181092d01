# One organization service account...
resource "atlasaccess_service_account" "deployer" {
  org_id                     = "5f1e2d3c4b5a69788796a5b4"
  name                       = "deployer"
  description                = "Deploys application releases from CI"
  roles                      = ["ORG_MEMBER"]
  secret_expires_after_hours = 720
}

# ...assigned to several projects, each with its own roles. Destroying an
# assignment removes the account from that project only.
variable "deployer_projects" {
  type = map(list(string))
  default = {
    "32b6e34b3d91647abb20e7b8" = ["GROUP_READ_ONLY"]                          # production
    "6a7b8c9d0e1f2a3b4c5d6e7f" = ["GROUP_CLUSTER_MANAGER", "GROUP_READ_ONLY"] # staging
    "7b8c9d0e1f2a3b4c5d6e7f8a" = ["GROUP_OWNER"]                              # development
  }
}

resource "atlasaccess_project_service_account_assignment" "deployer" {
  for_each   = var.deployer_projects
  project_id = each.key
  client_id  = atlasaccess_service_account.deployer.client_id
  roles      = each.value
}
