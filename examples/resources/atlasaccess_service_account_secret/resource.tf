resource "atlasaccess_service_account" "reporting" {
  org_id                     = "5f1e2d3c4b5a69788796a5b4"
  name                       = "reporting"
  description                = "Reads billing for the finance dashboards"
  roles                      = ["ORG_BILLING_READ_ONLY"]
  secret_expires_after_hours = 8
  keep_initial_secret        = false
}

# A secret that lives 90 days and is replaced a week before it expires.
resource "atlasaccess_service_account_secret" "reporting" {
  org_id              = atlasaccess_service_account.reporting.org_id
  client_id           = atlasaccess_service_account.reporting.client_id
  expires_after_hours = 2160
  rotate_before_hours = 120

  lifecycle {
    create_before_destroy = true
  }
}

output "reporting_client_secret" {
  value     = atlasaccess_service_account_secret.reporting.secret
  sensitive = true
}
