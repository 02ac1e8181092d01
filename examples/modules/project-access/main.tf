resource "atlasaccess_project_service_account" "this" {
  project_id                 = var.home_project_id
  name                       = var.service_account_name
  description                = var.service_account_description
  roles                      = var.service_account_roles
  secret_expires_after_hours = var.secret_expires_after_hours
}

resource "atlasaccess_project_service_account_assignment" "extra" {
  for_each = var.extra_project_ids

  project_id = each.value
  client_id  = atlasaccess_project_service_account.this.client_id
  roles      = var.service_account_roles
}

resource "atlasaccess_project_user_invite" "people" {
  for_each = var.people

  project_id = var.home_project_id
  username   = each.key
  roles      = each.value
}
