import {
  to = atlasaccess_service_account_secret.reporting
  id = "5f1e2d3c4b5a69788796a5b4/mdb_sa_id_1234567890abcdef12345678/6a1f0c3e9b7d2a4c5e8f0b1d"
}
