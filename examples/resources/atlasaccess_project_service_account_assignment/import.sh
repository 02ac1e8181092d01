# Import by project ID and client ID (here into one instance of a for_each).
terraform import 'atlasaccess_project_service_account_assignment.deployer["32b6e34b3d91647abb20e7b8"]' 32b6e34b3d91647abb20e7b8/mdb_sa_id_1234567890abcdef12345678
