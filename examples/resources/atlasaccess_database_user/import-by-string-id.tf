# Adopt an existing database user by project ID, authentication database and username.
import {
  to = atlasaccess_database_user.orders_app
  id = "32b6e34b3d91647abb20e7b8/admin/orders-app"
}
