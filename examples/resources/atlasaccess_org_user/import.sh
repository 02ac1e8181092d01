# Import by organization ID and email address (the username).
terraform import atlasaccess_org_user.ann 5f1e2d3c4b5a69788796a5b4/ann@example.com

# A for_each instance: quote the address for the shell.
terraform import 'atlasaccess_org_user.people["bob@example.com"]' 5f1e2d3c4b5a69788796a5b4/bob@example.com
