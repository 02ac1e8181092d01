import {
  to = atlasaccess_service_account_access_list.platform
  id = "5f1e2d3c4b5a69788796a5b4/mdb_sa_id_1234567890abcdef12345678"
}
