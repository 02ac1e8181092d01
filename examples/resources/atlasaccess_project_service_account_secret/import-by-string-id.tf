import {
  to = atlasaccess_project_service_account_secret.ci
  id = "32b6e34b3d91647abb20e7b8/mdb_sa_id_1234567890abcdef12345678/6a1f0c3e9b7d2a4c5e8f0b1d"
}
