variable "project_id" {
  type = string
}

data "atlasaccess_database_users" "all" {
  project_id = var.project_id
}

# The import ID of every database user of the project.
output "database_user_import_ids" {
  value = [for u in data.atlasaccess_database_users.all.users : "${var.project_id}/${u.auth_database}/${u.username}"]
}
