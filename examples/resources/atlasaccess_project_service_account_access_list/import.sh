# Import by project ID and client ID: the list the account has now becomes
# the resource's state, and the next plan shows any difference from cidr_blocks.
terraform import atlasaccess_project_service_account_access_list.ci 32b6e34b3d91647abb20e7b8/mdb_sa_id_1234567890abcdef12345678
