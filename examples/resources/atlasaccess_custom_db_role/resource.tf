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
