package projectserviceaccount

import (
	"math"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/common"
)

// serviceAccountModel is the state of atlasaccess_project_service_account.
type serviceAccountModel struct {
	ID                      types.String `tfsdk:"id"`
	ProjectID               types.String `tfsdk:"project_id"`
	Name                    types.String `tfsdk:"name"`
	Description             types.String `tfsdk:"description"`
	Roles                   types.Set    `tfsdk:"roles"`
	SecretExpiresAfterHours types.Int64  `tfsdk:"secret_expires_after_hours"`
	KeepInOrganization      types.Bool   `tfsdk:"keep_in_organization"`
	ClientID                types.String `tfsdk:"client_id"`
	CreatedAt               types.String `tfsdk:"created_at"`
	Secret                  types.String `tfsdk:"secret"`
	Secrets                 types.List   `tfsdk:"secrets"`
}

var secretAttrTypes = map[string]attr.Type{
	"id":                  types.StringType,
	"created_at":          types.StringType,
	"expires_at":          types.StringType,
	"last_used_at":        types.StringType,
	"masked_secret_value": types.StringType,
}

var secretObjectType = types.ObjectType{AttrTypes: secretAttrTypes}

func importID(projectID, clientID string) string { return projectID + "/" + clientID }

// setFromAPI copies what Atlas reports into m. It keeps the plaintext secret
// and the configured secret lifetime, which Atlas never returns again.
func (m *serviceAccountModel) setFromAPI(projectID string, sa *client.ServiceAccount) {
	m.ID = types.StringValue(importID(projectID, sa.ClientID))
	m.ProjectID = types.StringValue(projectID)
	m.ClientID = types.StringValue(sa.ClientID)
	m.Name = types.StringValue(sa.Name)
	m.Description = types.StringValue(sa.Description)
	m.Roles = common.RolesToSet(sa.Roles)
	m.CreatedAt = types.StringValue(sa.CreatedAt)
	m.Secrets = secretsToList(sa.Secrets)
	if m.SecretExpiresAfterHours.IsNull() || m.SecretExpiresAfterHours.IsUnknown() {
		m.SecretExpiresAfterHours = firstSecretHours(sa.Secrets)
	}
	if m.KeepInOrganization.IsNull() || m.KeepInOrganization.IsUnknown() {
		m.KeepInOrganization = types.BoolValue(false)
	}
	if m.Secret.IsUnknown() {
		m.Secret = types.StringNull()
	}
}

func secretsToList(secrets []client.ServiceAccountSecret) types.List {
	elems := make([]attr.Value, len(secrets))
	for i, s := range secrets {
		lastUsed := types.StringNull()
		if s.LastUsedAt != nil {
			lastUsed = types.StringValue(*s.LastUsedAt)
		}
		elems[i] = types.ObjectValueMust(secretAttrTypes, map[string]attr.Value{
			"id":                  types.StringValue(s.ID),
			"created_at":          types.StringValue(s.CreatedAt),
			"expires_at":          types.StringValue(s.ExpiresAt),
			"last_used_at":        lastUsed,
			"masked_secret_value": types.StringValue(s.MaskedSecretValue),
		})
	}
	return types.ListValueMust(secretObjectType, elems)
}

// firstSecretHours recovers secret_expires_after_hours after an import: the
// first secret's lifetime is what the account was created with.
func firstSecretHours(secrets []client.ServiceAccountSecret) types.Int64 {
	if len(secrets) == 0 {
		return types.Int64Null()
	}
	created, err1 := time.Parse(time.RFC3339, secrets[0].CreatedAt)
	expires, err2 := time.Parse(time.RFC3339, secrets[0].ExpiresAt)
	if err1 != nil || err2 != nil || !expires.After(created) {
		return types.Int64Null()
	}
	return types.Int64Value(int64(math.Round(expires.Sub(created).Hours())))
}
