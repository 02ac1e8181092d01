import {
  to = atlasaccess_project_ip_access_list.app
  id = "32b6e34b3d91647abb20e7b8"
}
