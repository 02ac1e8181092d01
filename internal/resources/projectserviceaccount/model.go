package projectserviceaccount

import (
	"math"
	"time"

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
	m.Secrets = attrs.SecretsToList(sa.Secrets)
	if m.SecretExpiresAfterHours.IsNull() || m.SecretExpiresAfterHours.IsUnknown() {
		m.SecretExpiresAfterHours = firstSecretHours(sa.Secrets)
	}
	if m.KeepInOrganization.IsNull() || m.KeepInOrganization.IsUnknown() {
		m.KeepInOrganization = types.BoolValue(false)
	}
	if m.KeepInitialSecret.IsNull() || m.KeepInitialSecret.IsUnknown() {
		m.KeepInitialSecret = types.BoolValue(true)
	}
	if m.Secret.IsUnknown() {
		m.Secret = types.StringNull()
	}
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

// rotationGrace is how long Atlas lets an older secret live after a new one
// is issued for the same account, at most: the older secret's expiry is cut
// to the new one's creation plus this.
const rotationGrace = 7 * 24 * time.Hour

// rotationSlack absorbs the second-level rounding of Atlas's timestamps
// when telling a shortened expiry from a natural one.
const rotationSlack = time.Minute

// firstSecretHours recovers secret_expires_after_hours after an import: the
// lifetime of the oldest secret whose expiry no later secret shortened.
// That is the account's first secret unless a rotation cut it to 7 days
// after a later secret's creation, in which case it is the oldest secret
// after it that kept its lifetime (the newest secret always has). A
// secret whose expiry falls exactly on a cut is taken as shortened.
func firstSecretHours(secrets []client.ServiceAccountSecret) types.Number {
	type span struct{ created, expires time.Time }
	spans := make([]span, 0, len(secrets))
	for _, s := range secrets {
		created, err1 := time.Parse(time.RFC3339, s.CreatedAt)
		expires, err2 := time.Parse(time.RFC3339, s.ExpiresAt)
		if err1 != nil || err2 != nil || !expires.After(created) {
			return types.NumberNull()
		}
		spans = append(spans, span{created, expires})
	}
	shortened := func(i int) bool {
		for _, later := range spans[i+1:] {
			if d := spans[i].expires.Sub(later.created.Add(rotationGrace)); d > -rotationSlack && d < rotationSlack {
				return true
			}
		}
		return false
	}
	for i, s := range spans {
		if !shortened(i) {
			return attrs.HoursNumber(int64(math.Round(s.expires.Sub(s.created).Hours())))
		}
	}
	return types.NumberNull()
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

// firstSecret is the plaintext of the first secret in a create's answer.
func firstSecret(sa *client.ServiceAccount) types.String {
	if len(sa.Secrets) > 0 && sa.Secrets[0].Secret != "" {
		return types.StringValue(sa.Secrets[0].Secret)
	}
	return types.StringNull()
}

// initialSecretID is the ID of the secret Atlas issued with the account, as
// recorded in private state at create. Without that record (an import, or
// state written by an older version) it is the only secret created in the
// same second as the account, if exactly one was: a secret issued later in
// that second would make the guess unsafe, so there is none.
func initialSecretID(recorded, accountCreatedAt string, secrets []client.ServiceAccountSecret) string {
	if recorded != "" {
		return recorded
	}
	created, err := time.Parse(time.RFC3339, accountCreatedAt)
	if err != nil {
		return ""
	}
	found := ""
	for _, s := range secrets {
		at, err := time.Parse(time.RFC3339, s.CreatedAt)
		if err != nil || !at.Truncate(time.Second).Equal(created.Truncate(time.Second)) {
			continue
		}
		if found != "" {
			return ""
		}
		found = s.ID
	}
	return found
}

// withoutSecret is secrets less the one whose ID is id.
func withoutSecret(secrets []client.ServiceAccountSecret, id string) []client.ServiceAccountSecret {
	kept := make([]client.ServiceAccountSecret, 0, len(secrets))
	for _, s := range secrets {
		if s.ID != id {
			kept = append(kept, s)
		}
	}
	return kept
}
