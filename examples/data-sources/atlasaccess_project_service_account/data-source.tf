data "atlasaccess_project_service_account" "ci" {
  project_id = "32b6e34b3d91647abb20e7b8"
  client_id  = "mdb_sa_id_1234567890abcdef12345678"
}

output "ci_roles" {
  value = data.atlasaccess_project_service_account.ci.roles
}
