import {
  to = atlasaccess_project_service_account_access_list.ci
  id = "32b6e34b3d91647abb20e7b8/mdb_sa_id_1234567890abcdef12345678"
}
