# Adopt an existing custom role by project ID and role name.
import {
  to = atlasaccess_custom_db_role.orders_writer
  id = "32b6e34b3d91647abb20e7b8/orders-writer"
}
