# Credentials come from the environment (MONGODB_ATLAS_CLIENT_ID and
# MONGODB_ATLAS_CLIENT_SECRET for a service account), so the block can stay empty.
provider "atlasaccess" {}

# Or explicitly, with variables kept out of version control:
# provider "atlasaccess" {
#   client_id     = var.atlas_client_id
#   client_secret = var.atlas_client_secret
# }
