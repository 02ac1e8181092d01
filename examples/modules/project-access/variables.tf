variable "home_project_id" {
  type        = string
  description = "Project the service account is created in (24 hexadecimal digits)."
}

variable "extra_project_ids" {
  type        = set(string)
  description = "Other projects the service account is assigned to, with the same roles."
  default     = []
}

variable "service_account_name" {
  type        = string
  description = "Name of the service account (1 to 64 letters, digits, spaces and -_.,')."
}

variable "service_account_description" {
  type        = string
  description = "Description of the service account."
  default     = "Managed by Terraform"
}

variable "service_account_roles" {
  type        = set(string)
  description = "Project roles of the service account in every project."
  default     = ["GROUP_READ_ONLY"]
}

variable "secret_expires_after_hours" {
  type        = number
  description = "Lifetime of the first client secret, 8 to 8760 hours."
  default     = 720
}

variable "people" {
  type        = map(set(string))
  description = "People to invite to the home project: email address => project roles."
  default     = {}
}
