# An organization service account for the platform team's automation...
resource "atlasaccess_service_account" "platform" {
  org_id                     = "5f1e2d3c4b5a69788796a5b4"
  name                       = "platform-automation"
  description                = "Manages projects from the platform network"
  roles                      = ["ORG_MEMBER"]
  secret_expires_after_hours = 720
}

# ...fenced to the platform network and its NAT gateways. One resource
# holds the account's whole list; more than 200 entries are fine (they are
# added 200 per request).
variable "platform_networks" {
  type    = set(string)
  default = ["10.20.0.0/16", "192.0.2.10", "192.0.2.11", "2001:db8:20::/48"]
}

resource "atlasaccess_service_account_access_list" "platform" {
  org_id      = atlasaccess_service_account.platform.org_id
  client_id   = atlasaccess_service_account.platform.client_id
  cidr_blocks = var.platform_networks
}
