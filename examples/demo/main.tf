# The demo that `make demo` applies against the local atlassim simulator.
# Credentials and the base URL come from the environment atlassim prints.
terraform {
  required_providers {
    atlasaccess = {
      source = "atlasaccess/atlasaccess"
    }
  }
}

provider "atlasaccess" {}

variable "project_id" {
  type        = string
  description = "The Atlas project to manage (atlassim prints ATLASSIM_PROJECT_ID)."
}

variable "org_id" {
  type        = string
  description = "The project's organization, where people and teams live (atlassim prints ATLASSIM_ORG_ID)."
}

# The whole credential lifecycle of one CI account: the account without the
# secret Atlas issues at creation, a secret that Terraform replaces a week
# before it expires (the new one is issued before the old one is deleted),
# and an API access list that fences the account to known networks.
resource "atlasaccess_project_service_account" "ci" {
  project_id                 = var.project_id
  name                       = "ci-deployer"
  description                = "Deploys application releases from CI"
  roles                      = ["GROUP_READ_ONLY", "GROUP_CLUSTER_MANAGER"]
  secret_expires_after_hours = 720
  keep_initial_secret        = false
}

resource "atlasaccess_project_service_account_secret" "ci" {
  project_id          = atlasaccess_project_service_account.ci.project_id
  client_id           = atlasaccess_project_service_account.ci.client_id
  expires_after_hours = 720
  rotate_before_hours = 168

  lifecycle {
    create_before_destroy = true
  }
}

# The account may call the API only from this machine and a private network
# (atlassim enforces the list as Atlas does). Entries added by hand are
# removed at the next apply.
resource "atlasaccess_project_service_account_access_list" "ci" {
  project_id  = atlasaccess_project_service_account.ci.project_id
  client_id   = atlasaccess_project_service_account.ci.client_id
  cidr_blocks = ["127.0.0.1", "10.0.0.0/8"]
}

# People: an engineer joins the organization (PENDING until they accept the
# invitation, then ACTIVE, without a plan diff), the on-call team holds them
# (its whole membership: anyone added by hand is removed at the next apply),
# and the team gets its roles in the project. Offboarding is removing the
# atlasaccess_org_user and their username from the team.
resource "atlasaccess_org_user" "engineer" {
  org_id   = var.org_id
  username = "oncall.engineer@example.com"
  roles    = ["ORG_MEMBER"]
}

resource "atlasaccess_team" "oncall" {
  org_id    = var.org_id
  name      = "oncall"
  usernames = [atlasaccess_org_user.engineer.username]
}

resource "atlasaccess_project_team" "oncall" {
  project_id = var.project_id
  team_id    = atlasaccess_team.oncall.team_id
  roles      = ["GROUP_READ_ONLY", "GROUP_CLUSTER_MANAGER"]
}

output "client_id" {
  value = atlasaccess_project_service_account.ci.client_id
}

output "secret_expires_at" {
  value = atlasaccess_project_service_account_secret.ci.expires_at
}

output "secret" {
  value     = atlasaccess_project_service_account_secret.ci.secret
  sensitive = true
}

output "team_id" {
  value = atlasaccess_team.oncall.team_id
}
