# Import by project ID and role name.
terraform import atlasaccess_custom_db_role.orders_writer 32b6e34b3d91647abb20e7b8/orders-writer
