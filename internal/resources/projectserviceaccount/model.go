package projectserviceaccount

import (
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/attrs"
)

// serviceAccountModel is the state of atlasaccess_project_service_account.
type serviceAccountModel struct {
	ID                      types.String `tfsdk:"id"`
	ProjectID               types.String `tfsdk:"project_id"`
	Name                    types.String `tfsdk:"name"`
	Description             types.String `tfsdk:"description"`
	Roles                   types.Set    `tfsdk:"roles"`
	SecretExpiresAfterHours types.Number `tfsdk:"secret_expires_after_hours"`
	KeepInOrganization      types.Bool   `tfsdk:"keep_in_organization"`
	KeepInitialSecret       types.Bool   `tfsdk:"keep_initial_secret"`
	ClientID                types.String `tfsdk:"client_id"`
	CreatedAt               types.String `tfsdk:"created_at"`
	Secret                  types.String `tfsdk:"secret"`
	Secrets                 types.List   `tfsdk:"secrets"`
}

func importID(projectID, clientID string) string { return projectID + "/" + clientID }

// setFromAPI copies what Atlas reports into m. It keeps the plaintext secret
// and the configured secret lifetime, which Atlas never returns again.
func (m *serviceAccountModel) setFromAPI(projectID string, sa *client.ServiceAccount) {
	m.ID = types.StringValue(importID(projectID, sa.ClientID))
	m.ProjectID = types.StringValue(projectID)
	m.ClientID = types.StringValue(sa.ClientID)
	m.Name = types.StringValue(sa.Name)
	m.Description = types.StringValue(sa.Description)
	m.Roles = attrs.RolesToSet(sa.Roles)
	m.CreatedAt = types.StringValue(sa.CreatedAt)
	m.firstSecret().SetFromAPI(sa.Secrets)
}

// setFromOrgAccount records an account that was removed from the project
// but still exists in the organization: it has no roles in the project,
// which the next plan restores.
func (m *serviceAccountModel) setFromOrgAccount(projectID string, sa *client.OrgServiceAccount) {
	m.setFromAPI(projectID, &client.ServiceAccount{
		ClientID: sa.ClientID, Name: sa.Name, Description: sa.Description, CreatedAt: sa.CreatedAt, Secrets: sa.Secrets,
	})
}

// removedFromProject reports whether the state records an account that was
// removed from its project outside Terraform (see setFromOrgAccount): Atlas
// never lets an account in a project have no roles.
func (m *serviceAccountModel) removedFromProject() bool {
	return !m.Roles.IsNull() && !m.Roles.IsUnknown() && len(m.Roles.Elements()) == 0
}

// createRequest is the body that creates the planned account.
func (m *serviceAccountModel) createRequest(roles []string) client.CreateServiceAccountRequest {
	return client.CreateServiceAccountRequest{
		Name:                    m.Name.ValueString(),
		Description:             m.Description.ValueString(),
		Roles:                   roles,
		SecretExpiresAfterHours: attrs.HoursValue(m.SecretExpiresAfterHours),
	}
}

// accountFields are the attributes an update changes in place.
func (m *serviceAccountModel) accountFields() attrs.AccountFields {
	return attrs.AccountFields{Name: m.Name, Description: m.Description, Roles: m.Roles}
}

// firstSecret points at the attributes that record the account's first secret.
func (m *serviceAccountModel) firstSecret() attrs.FirstSecretState {
	return attrs.FirstSecretState{Secret: &m.Secret, Keep: &m.KeepInitialSecret, Secrets: &m.Secrets, Hours: &m.SecretExpiresAfterHours}
}
