data "atlasaccess_project_ip_access_list" "current" {
  project_id = "32b6e34b3d91647abb20e7b8"
}

output "pending_entries" {
  value = [for e in data.atlasaccess_project_ip_access_list.current.entries : e.cidr_block if e.status != "ACTIVE"]
}
