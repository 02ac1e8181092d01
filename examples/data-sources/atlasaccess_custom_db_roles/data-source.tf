variable "project_id" {
  type = string
}

data "atlasaccess_custom_db_roles" "all" {
  project_id = var.project_id
}

output "custom_role_names" {
  value = data.atlasaccess_custom_db_roles.all.roles[*].role_name
}
