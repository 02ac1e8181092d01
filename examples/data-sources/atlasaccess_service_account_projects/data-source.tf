data "atlasaccess_service_account_projects" "deployer" {
  org_id    = "5f1e2d3c4b5a69788796a5b4"
  client_id = "mdb_sa_id_1234567890abcdef12345678"
}

# Project ID => the account's roles in that project.
output "deployer_project_roles" {
  value = { for p in data.atlasaccess_service_account_projects.deployer.projects : p.project_id => p.roles }
}
