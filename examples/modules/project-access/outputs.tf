output "client_id" {
  description = "Client ID of the service account."
  value       = atlasaccess_project_service_account.this.client_id
}

output "client_secret" {
  description = "Plaintext first secret of the service account (returned by Atlas once; kept in state)."
  value       = atlasaccess_project_service_account.this.secret
  sensitive   = true
}

output "assigned_project_ids" {
  description = "Every project the service account can reach."
  value       = concat([var.home_project_id], [for a in atlasaccess_project_service_account_assignment.extra : a.project_id])
}

output "invitation_status" {
  description = "Email address => PENDING, ACTIVE, INVITATION_EXPIRED or INVITATION_REJECTED."
  value       = { for email, invite in atlasaccess_project_user_invite.people : email => invite.status }
}
