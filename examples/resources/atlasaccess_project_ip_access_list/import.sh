# Import by project ID: the list the project has now becomes the resource's
# state, and the next plan shows any difference from entries.
terraform import atlasaccess_project_ip_access_list.app 32b6e34b3d91647abb20e7b8
