data "atlasaccess_project_service_accounts" "all" {
  project_id = "32b6e34b3d91647abb20e7b8"
}

output "service_account_names" {
  value = [for sa in data.atlasaccess_project_service_accounts.all.service_accounts : sa.name]
}
