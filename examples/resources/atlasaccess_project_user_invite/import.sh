# Import by project ID and email address (the username).
terraform import atlasaccess_project_user_invite.ann 32b6e34b3d91647abb20e7b8/ann@example.com

# Import by project ID and Atlas user ID.
terraform import atlasaccess_project_user_invite.ann 32b6e34b3d91647abb20e7b8/5f0c1e2d3a4b5c6d7e8f9a0b

# A for_each instance: quote the address for the shell.
terraform import 'atlasaccess_project_user_invite.team["bob@example.com"]' 32b6e34b3d91647abb20e7b8/bob@example.com
