# Moves a project's service accounts and people from the official
# mongodbatlas provider to atlasaccess without writing to Atlas: each removed
# block makes Terraform forget an old resource (destroy = false leaves the
# Atlas object alone), and each import block adopts the same object under an
# atlasaccess resource. Apply this once; then delete the removed blocks, the
# import blocks and the mongodbatlas provider.

# 1. Forget the old resources.

removed {
  from = mongodbatlas_project_service_account.ci
  lifecycle {
    destroy = false
  }
}

removed {
  from = mongodbatlas_service_account_project_assignment.shared
  lifecycle {
    destroy = false
  }
}

removed {
  from = mongodbatlas_cloud_user_project_assignment.ann
  lifecycle {
    destroy = false
  }
}

# The deprecated invitation resource: see the guide about invitations that
# are still pending.
removed {
  from = mongodbatlas_project_invitation.bob
  lifecycle {
    destroy = false
  }
}

# 2. Adopt the same objects. The import IDs are the official provider's, except
# that the invitation's project_id-username becomes project_id/username.

import {
  to = atlasaccess_project_service_account.ci
  id = "${var.project_id}/${var.ci_client_id}"
}

resource "atlasaccess_project_service_account" "ci" {
  project_id  = var.project_id
  name        = "ci"
  description = "Deploys from CI"
  roles       = ["GROUP_READ_ONLY"]
  # Optional in mongodbatlas, required here: the lifetime the account's first
  # secret was created with, which the import reads back from that secret.
  secret_expires_after_hours = 720
}

import {
  to = atlasaccess_project_service_account_assignment.shared
  id = "${var.project_id}/${var.shared_client_id}"
}

resource "atlasaccess_project_service_account_assignment" "shared" {
  project_id = var.project_id
  client_id  = var.shared_client_id
  roles      = ["GROUP_OWNER"]
}

import {
  to = atlasaccess_project_user_invite.ann
  id = "${var.project_id}/ann@example.com"
}

resource "atlasaccess_project_user_invite" "ann" {
  project_id = var.project_id
  username   = "ann@example.com"
  roles      = ["GROUP_READ_ONLY"]
}

import {
  to = atlasaccess_project_user_invite.bob
  id = "${var.project_id}/bob@example.com"
}

resource "atlasaccess_project_user_invite" "bob" {
  project_id = var.project_id
  username   = "bob@example.com"
  roles      = ["GROUP_CLUSTER_MANAGER"]
}
