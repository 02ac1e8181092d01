# terraform test for the project-access module, run against atlassim or a real
# Atlas organization. Credentials and the base URL come from the environment
# (MONGODB_ATLAS_BASE_URL, MONGODB_ATLAS_CLIENT_ID, MONGODB_ATLAS_CLIENT_SECRET),
# the projects from the command line:
#
#   terraform test -var home_project_id="$ATLASSIM_PROJECT_ID" \
#     -var extra_project_ids='["'"$ATLASSIM_PROJECT2_ID"'"]'
#
# When the last run ends, terraform test destroys everything the runs created.

provider "atlasaccess" {}

variables {
  service_account_name        = "module test"
  service_account_description = "Deploys the payments service"
  service_account_roles       = ["GROUP_READ_ONLY", "GROUP_CLUSTER_MANAGER"]
  secret_expires_after_hours  = 240
  people = {
    "ann@example.com" = ["GROUP_OWNER"]
    "bob@example.com" = ["GROUP_READ_ONLY", "GROUP_DATA_ACCESS_READ_ONLY"]
  }
}

run "apply" {
  command = apply

  assert {
    condition     = startswith(output.client_id, "mdb_sa_id_")
    error_message = "client_id is not a service account client ID: ${output.client_id}."
  }

  assert {
    condition     = startswith(nonsensitive(output.client_secret), "mdb_sa_sk_")
    error_message = "client_secret is not the plaintext first secret."
  }

  assert {
    condition     = toset(output.assigned_project_ids) == toset(concat([var.home_project_id], tolist(var.extra_project_ids)))
    error_message = "assigned_project_ids is not the home project and every extra project."
  }

  assert {
    condition     = output.invitation_status == { for email, _ in var.people : email => "PENDING" }
    error_message = "invitation_status is not PENDING for every person."
  }

  assert {
    condition     = timeadd(atlasaccess_project_service_account.this.secrets[0].created_at, "240h") == atlasaccess_project_service_account.this.secrets[0].expires_at
    error_message = "the first secret does not expire secret_expires_after_hours after it was issued."
  }
}

# Refresh only: what Atlas reports now, compared with what the module
# declares. Nothing has drifted, so a normal plan has nothing to change.
run "atlas_matches_the_configuration" {
  command = plan

  plan_options {
    mode = refresh-only
  }

  assert {
    # Atlas masks a secret only when it is read back: a value here proves
    # these are Atlas's answers, not what the apply wrote to state.
    condition     = length(atlasaccess_project_service_account.this.secrets) == 1 && atlasaccess_project_service_account.this.secrets[0].masked_secret_value != null
    error_message = "the account does not hold exactly its first secret, read back masked."
  }

  assert {
    condition = (
      atlasaccess_project_service_account.this.name == var.service_account_name &&
      atlasaccess_project_service_account.this.description == var.service_account_description &&
      atlasaccess_project_service_account.this.roles == var.service_account_roles
    )
    error_message = "Atlas reports another name, description or roles for the service account."
  }

  assert {
    condition     = alltrue([for p, a in atlasaccess_project_service_account_assignment.extra : a.roles == var.service_account_roles && a.client_id == run.apply.client_id])
    error_message = "an extra project holds the account with other roles, or holds another account."
  }

  assert {
    condition     = alltrue([for email, roles in var.people : atlasaccess_project_user_invite.people[email].roles == roles && atlasaccess_project_user_invite.people[email].status == "PENDING"])
    error_message = "a person is in the project with other roles, or is not PENDING."
  }
}

# A normal plan right after the apply: nothing is replaced and every output
# keeps its value. (terraform test cannot assert that a plan is empty; run it
# with -verbose to see "No changes." for this run, as make module-test checks.)
run "no_changes" {
  command = plan

  assert {
    condition     = output.client_id == run.apply.client_id && output.client_secret == run.apply.client_secret
    error_message = "the plan replaces the service account."
  }

  assert {
    condition     = output.assigned_project_ids == run.apply.assigned_project_ids && output.invitation_status == run.apply.invitation_status
    error_message = "the plan changes the assignments or the invitations."
  }
}
