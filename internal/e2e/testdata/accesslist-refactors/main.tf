# One account's access list, declared through project 1, project 2 or the
# organization (var.owner): the refactors of TestAccessListRefactorsKeepTheFence.
terraform {
  required_providers { atlasaccess = { source = "atlasaccess/atlasaccess" } }
}
provider "atlasaccess" {}
variable "org" {}
variable "p1" {}
variable "p2" {}
variable "owner" { default = "project1" }

resource "atlasaccess_service_account" "ci" {
  org_id                     = var.org
  name                       = "ci"
  description                = "fenced CI account"
  roles                      = ["ORG_MEMBER"]
  secret_expires_after_hours = 720
}
resource "atlasaccess_project_service_account_assignment" "p1" {
  project_id = var.p1
  client_id  = atlasaccess_service_account.ci.client_id
  roles      = ["GROUP_READ_ONLY"]
}
resource "atlasaccess_project_service_account_assignment" "p2" {
  project_id = var.p2
  client_id  = atlasaccess_service_account.ci.client_id
  roles      = ["GROUP_READ_ONLY"]
}
resource "atlasaccess_project_service_account_access_list" "fence" {
  count       = var.owner == "org" ? 0 : 1
  project_id  = var.owner == "project1" ? var.p1 : var.p2
  client_id   = atlasaccess_service_account.ci.client_id
  cidr_blocks = ["10.0.0.0/8", "192.0.2.10"]
  depends_on  = [atlasaccess_project_service_account_assignment.p1, atlasaccess_project_service_account_assignment.p2]
  lifecycle { create_before_destroy = true }
}
resource "atlasaccess_service_account_access_list" "fence" {
  count       = var.owner == "org" ? 1 : 0
  org_id      = var.org
  client_id   = atlasaccess_service_account.ci.client_id
  cidr_blocks = ["10.0.0.0/8", "192.0.2.10"]
}
output "cid" { value = atlasaccess_service_account.ci.client_id }
