# One application's database user. Its password comes from an ephemeral
# input variable (make demo sets TF_VAR_orders_db_password to a random value
# it never prints) into the write-only password_wo: it reaches Atlas and is
# never written to state or to a plan file. Raise password_wo_version, with a
# new value, to rotate it.
variable "orders_db_password" {
  type        = string
  ephemeral   = true
  sensitive   = true
  description = "Password of the orders application's database user."
}

resource "atlasaccess_database_user" "orders_app" {
  project_id          = var.project_id
  username            = "orders-app"
  password_wo         = var.orders_db_password
  password_wo_version = 1
  description         = "orders service"

  roles = [{ role_name = "readWrite", database_name = "orders" }]
}
