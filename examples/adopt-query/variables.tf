variable "project_id" {
  type        = string
  description = "ID of the Atlas project whose service accounts, secrets, access lists and people are adopted."
}

variable "org_id" {
  type        = string
  description = "ID of the project's organization, for the organization accounts assigned to the project, their secrets and access lists."
}
