variable "project_id" {
  type = string
}

# Actions and their resources are sets: their order never shows as a change.
resource "atlasaccess_custom_db_role" "orders_writer" {
  project_id = var.project_id
  role_name  = "orders-writer"

  actions = [
    { action = "FIND", resources = [{ database_name = "orders" }] },
    { action = "INSERT", resources = [{ database_name = "orders", collection_name = "events" }] },
    { action = "LIST_DATABASES", resources = [{ cluster = true }] },
  ]

  # When this role is later removed in the same apply that takes it off its
  # users, Terraform then updates the users before it destroys the role
  # (Atlas refuses to delete a role that is a user's only role).
  lifecycle {
    create_before_destroy = true
  }
}

# Grant the role by reference, not by its name as a string: Terraform then
# creates the role before the user and destroys the user before the role.
resource "atlasaccess_database_user" "orders_service" {
  project_id    = var.project_id
  username      = "CN=orders-service"
  x509_type     = "MANAGED"
  auth_database = "$external"
  roles         = [{ role_name = atlasaccess_custom_db_role.orders_writer.role_name, database_name = "admin" }]
}

# A role with only inherited roles.
resource "atlasaccess_custom_db_role" "orders_reader" {
  project_id = var.project_id
  role_name  = "orders-reader"

  inherited_roles = [
    { role_name = "read", database_name = "orders" },
    { role_name = "read", database_name = "catalog" },
  ]
}
