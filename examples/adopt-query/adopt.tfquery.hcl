# Finds everything a project set up by hand holds, for
#   terraform query -generate-config-out=adopted.tf
# which writes a resource block and an import block (by identity) for each
# object found. Each account is listed once: accounts made in the project
# (whose only organization role is ORG_MEMBER) by the project_* types,
# accounts made for the organization by the organization types, and their
# secrets and access lists likewise. include_resource gives the generated
# blocks their values; a list block returns at most 100 results unless
# limit says otherwise.

list "atlasaccess_project_service_account" "existing" {
  provider         = atlasaccess
  include_resource = true
  limit            = 1000
  config {
    project_id = var.project_id
  }
}

list "atlasaccess_service_account" "existing" {
  provider         = atlasaccess
  include_resource = true
  limit            = 1000
  config {
    org_id = var.org_id
  }
}

list "atlasaccess_project_service_account_assignment" "existing" {
  provider         = atlasaccess
  include_resource = true
  limit            = 1000
  config {
    project_id = var.project_id
  }
}

list "atlasaccess_project_service_account_secret" "existing" {
  provider         = atlasaccess
  include_resource = true
  limit            = 1000
  config {
    project_id = var.project_id
  }
}

list "atlasaccess_service_account_secret" "existing" {
  provider         = atlasaccess
  include_resource = true
  limit            = 1000
  config {
    org_id = var.org_id
  }
}

# One list call per account: Atlas has no call that returns many accounts'
# lists. Only accounts whose list has an entry are found.
list "atlasaccess_project_service_account_access_list" "existing" {
  provider         = atlasaccess
  include_resource = true
  limit            = 1000
  config {
    project_id = var.project_id
  }
}

list "atlasaccess_service_account_access_list" "existing" {
  provider         = atlasaccess
  include_resource = true
  limit            = 1000
  config {
    org_id = var.org_id
  }
}

# ACTIVE and PENDING people; statuses lists expired and declined invitations too.
list "atlasaccess_project_user_invite" "existing" {
  provider         = atlasaccess
  include_resource = true
  limit            = 1000
  config {
    project_id = var.project_id
  }
}
