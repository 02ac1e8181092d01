variable "project_id" {
  type = string
}

# The password comes from an ephemeral input variable (Terraform 1.10 or
# later), for example TF_VAR_orders_db_password from a secret store in CI:
# it is never written to state or to a plan file.
variable "orders_db_password" {
  type      = string
  ephemeral = true
  sensitive = true
}

# A custom role of the project, granted below by reference.
resource "atlasaccess_custom_db_role" "orders_auditor" {
  project_id      = var.project_id
  role_name       = "orders-auditor"
  inherited_roles = [{ role_name = "read", database_name = "orders" }]
}

# A password (SCRAM) user on the admin database. password_wo is write-only
# (Terraform 1.11 or later); raise password_wo_version to send a new one.
resource "atlasaccess_database_user" "orders_app" {
  project_id          = var.project_id
  username            = "orders-app"
  password_wo         = var.orders_db_password
  password_wo_version = 1
  description         = "orders service"

  roles = [
    { role_name = "readWrite", database_name = "orders" },
    { role_name = "read", database_name = "catalog", collection_name = "products" },
    # A custom role: refer to its role_name (not "orders-auditor" as a
    # string), so that Terraform creates the role before the user and
    # destroys the user before the role. Custom roles are granted on admin.
    { role_name = atlasaccess_custom_db_role.orders_auditor.role_name, database_name = "admin" },
  ]

  # Only this cluster; omit scopes to reach every cluster of the project.
  scopes = [{ name = "Cluster0", type = "CLUSTER" }]
}

# An AWS IAM role user: the username is the role's ARN, on $external.
resource "atlasaccess_database_user" "reporting_lambda" {
  project_id    = var.project_id
  username      = "arn:aws:iam::123456789012:role/reporting-lambda"
  auth_database = "$external"
  aws_iam_type  = "ROLE"

  roles = [{ role_name = "read", database_name = "reporting" }]
}
