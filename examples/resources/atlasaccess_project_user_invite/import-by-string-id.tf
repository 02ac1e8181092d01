# Adopt a person who already has access to the project (or a pending
# invitation), by project ID and email address or by project ID and user ID.
import {
  to = atlasaccess_project_user_invite.ann
  id = "32b6e34b3d91647abb20e7b8/ann@example.com"
}
