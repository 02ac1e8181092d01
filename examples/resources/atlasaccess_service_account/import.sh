# Import by organization ID and client ID.
terraform import atlasaccess_service_account.deployer 5f1e2d3c4b5a69788796a5b4/mdb_sa_id_1234567890abcdef12345678
