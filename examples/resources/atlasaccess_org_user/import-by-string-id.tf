# Adopt a person who is already a member of the organization (or has a
# pending invitation), by organization ID and email address.
import {
  to = atlasaccess_org_user.ann
  id = "5f1e2d3c4b5a69788796a5b4/ann@example.com"
}
