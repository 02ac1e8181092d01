package serviceaccount

import (
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/attrs"
)

// serviceAccountModel is the state of atlasaccess_service_account.
type serviceAccountModel struct {
	ID                      types.String `tfsdk:"id"`
	OrgID                   types.String `tfsdk:"org_id"`
	Name                    types.String `tfsdk:"name"`
	Description             types.String `tfsdk:"description"`
	Roles                   types.Set    `tfsdk:"roles"`
	SecretExpiresAfterHours types.Number `tfsdk:"secret_expires_after_hours"`
	KeepInitialSecret       types.Bool   `tfsdk:"keep_initial_secret"`
	ClientID                types.String `tfsdk:"client_id"`
	CreatedAt               types.String `tfsdk:"created_at"`
	Secret                  types.String `tfsdk:"secret"`
	Secrets                 types.List   `tfsdk:"secrets"`
}

func importID(orgID, clientID string) string { return orgID + "/" + clientID }

// setFromAPI copies what Atlas reports into m. It keeps the plaintext secret
// and the configured secret lifetime, which Atlas never returns again.
func (m *serviceAccountModel) setFromAPI(orgID string, sa *client.OrgServiceAccount) {
	m.ID = types.StringValue(importID(orgID, sa.ClientID))
	m.OrgID = types.StringValue(orgID)
	m.ClientID = types.StringValue(sa.ClientID)
	m.Name = types.StringValue(sa.Name)
	m.Description = types.StringValue(sa.Description)
	m.Roles = attrs.RolesToSet(sa.Roles)
	m.CreatedAt = types.StringValue(sa.CreatedAt)
	m.firstSecret().SetFromAPI(sa.Secrets)
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

// updateFields are the attributes of m that an update changes in place.
func (m *serviceAccountModel) updateFields() attrs.AccountFields {
	return attrs.AccountFields{Name: m.Name, Description: m.Description, Roles: m.Roles}
}

// firstSecret points at the attributes that record the account's first secret.
func (m *serviceAccountModel) firstSecret() attrs.FirstSecretState {
	return attrs.FirstSecretState{Secret: &m.Secret, Keep: &m.KeepInitialSecret, Secrets: &m.Secrets, Hours: &m.SecretExpiresAfterHours}
}
