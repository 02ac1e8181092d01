# The project's whole IP access list: entries added by hand (0.0.0.0/0
# included) are removed at the next apply.
resource "atlasaccess_project_ip_access_list" "app" {
  project_id = "32b6e34b3d91647abb20e7b8"

  entries = [
    { cidr_block = "203.0.113.5", comment = "CI runner" }, # the same entry as 203.0.113.5/32
    { cidr_block = "10.8.0.0/16", comment = "Application VPC" },
    { cidr_block = "2001:db8:1::/48", comment = "Office (IPv6)" },
    { aws_security_group = "sg-0123abcd", comment = "Peered workers" },
  ]
}
