data "atlasaccess_service_account" "deployer" {
  org_id    = "5f1e2d3c4b5a69788796a5b4"
  client_id = "mdb_sa_id_1234567890abcdef12345678"
}

# Secrets carry masked values only; the last expiry tells when to rotate.
output "deployer_secret_expiries" {
  value = [for s in data.atlasaccess_service_account.deployer.secrets : s.expires_at]
}
