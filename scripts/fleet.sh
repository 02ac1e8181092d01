# shellcheck shell=bash
# Sourced by scale.sh, scale-ratelimited.sh and scale-compare.sh, so that
# every scale figure measures the same configuration.

# write_fleet FILE N A: the measured fleet, N project service accounts in
# ATLASSIM_PROJECT_ID, the first A of them assigned to ATLASSIM_PROJECT2_ID,
# and A people invited to ATLASSIM_PROJECT_ID. The provider requirement is
# the caller's (write_atlasaccess_provider, or scale.sh's write_provider).
write_fleet() {
	cat >"$1" <<HCL
resource "atlasaccess_project_service_account" "sa" {
  count                      = $2
  project_id                 = "$ATLASSIM_PROJECT_ID"
  name                       = "scale \${count.index}"
  description                = "Scale test account"
  roles                      = ["GROUP_READ_ONLY"]
  secret_expires_after_hours = 720
}

resource "atlasaccess_project_service_account_assignment" "as" {
  count      = $3
  project_id = "$ATLASSIM_PROJECT2_ID"
  client_id  = atlasaccess_project_service_account.sa[count.index].client_id
  roles      = ["GROUP_READ_ONLY"]
}

resource "atlasaccess_project_user_invite" "inv" {
  count      = $3
  project_id = "$ATLASSIM_PROJECT_ID"
  username   = "scale-user-\${count.index}@example.com"
  roles      = ["GROUP_READ_ONLY"]
}
HCL
}

# write_atlasaccess_provider FILE: the provider requirement and a provider
# block with default settings.
write_atlasaccess_provider() {
	cat >"$1" <<HCL
terraform {
  required_providers {
    atlasaccess = { source = "atlasaccess/atlasaccess" }
  }
}

provider "atlasaccess" {}
HCL
}
