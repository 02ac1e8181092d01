package serviceaccount

import (
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/attrs"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/owner"
)

// accountModel is the state both account resources share.
type accountModel struct {
	ID                      types.String `tfsdk:"id"`
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

// model is the state of one of the two resources: the shared attributes,
// the owner's ID under its own name, and what only that kind has.
type model interface {
	base() *accountModel
	ownerID() *types.String
}

// projectAccountModel is the state of atlasaccess_project_service_account.
type projectAccountModel struct {
	ProjectID          types.String `tfsdk:"project_id"`
	KeepInOrganization types.Bool   `tfsdk:"keep_in_organization"`
	accountModel
}

func (m *projectAccountModel) base() *accountModel    { return &m.accountModel }
func (m *projectAccountModel) ownerID() *types.String { return &m.ProjectID }

// orgAccountModel is the state of atlasaccess_service_account.
type orgAccountModel struct {
	OrgID types.String `tfsdk:"org_id"`
	accountModel
}

func (m *orgAccountModel) base() *accountModel    { return &m.accountModel }
func (m *orgAccountModel) ownerID() *types.String { return &m.OrgID }

// setFromAPI copies what Atlas reports into m. It keeps the plaintext secret
// and the configured secret lifetime, which Atlas never returns again.
func (m *accountModel) setFromAPI(ownerID string, sa *client.ServiceAccount) {
	m.ID = types.StringValue(owner.ImportID(ownerID, sa.ClientID))
	m.ClientID = types.StringValue(sa.ClientID)
	m.Name = types.StringValue(sa.Name)
	m.Description = types.StringValue(sa.Description)
	m.Roles = attrs.RolesToSet(sa.Roles)
	m.CreatedAt = types.StringValue(sa.CreatedAt)
	m.firstSecret().SetFromAPI(sa.Secrets)
}

// removedFromOwner reports whether the state records an account that was
// removed from its project outside Terraform (see projectView): Atlas
// never lets an account in a project have no roles.
func (m *accountModel) removedFromOwner() bool {
	return !m.Roles.IsNull() && !m.Roles.IsUnknown() && len(m.Roles.Elements()) == 0
}

// createRequest is the body that creates the planned account.
func (m *accountModel) createRequest(roles []string) client.CreateServiceAccountRequest {
	return client.CreateServiceAccountRequest{
		Name:                    m.Name.ValueString(),
		Description:             m.Description.ValueString(),
		Roles:                   roles,
		SecretExpiresAfterHours: attrs.HoursValue(m.SecretExpiresAfterHours),
	}
}

// accountFields are the attributes an update changes in place.
func (m *accountModel) accountFields() attrs.AccountFields {
	return attrs.AccountFields{Name: m.Name, Description: m.Description, Roles: m.Roles}
}

// firstSecret points at the attributes that record the account's first secret.
func (m *accountModel) firstSecret() attrs.FirstSecretState {
	return attrs.FirstSecretState{Secret: &m.Secret, Keep: &m.KeepInitialSecret, Secrets: &m.Secrets, Hours: &m.SecretExpiresAfterHours}
}
