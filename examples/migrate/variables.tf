variable "project_id" {
  type        = string
  description = "ID of the Atlas project."
}

variable "ci_client_id" {
  type        = string
  description = "Client ID of the account that mongodbatlas_project_service_account.ci manages (its client_id attribute)."
}

variable "shared_client_id" {
  type        = string
  description = "Client ID of the account that mongodbatlas_service_account_project_assignment.shared assigns."
}
