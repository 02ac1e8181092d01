package serviceaccountsecret

import (
	"fmt"
	"math"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/attrs"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/owner"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/validate"
)

// kind is what tells the two secret resources apart: the owner of the
// account, a project or an organization (owner.Kind), and what only a
// secret resource says of it. Everything else is shared.
type kind struct {
	owner.Kind
	// suffix follows the provider type name in the resource type name.
	suffix string
	// accountPhrase names the account in the resource description.
	accountPhrase string
	// newModel returns an empty model of this kind.
	newModel func() model
}

var projectKind = kind{
	Kind:          owner.Project,
	suffix:        "_project_service_account_secret",
	accountPhrase: "a project service account (for example one created by `atlasaccess_project_service_account` with `keep_initial_secret = false`)",
	newModel:      func() model { return &projectSecretModel{} },
}

var orgKind = kind{
	Kind:          owner.Org,
	suffix:        "_service_account_secret",
	accountPhrase: "an organization service account (for example one created by `atlasaccess_service_account`)",
	newModel:      func() model { return &orgSecretModel{} },
}

// typeName is the full resource type name, for messages.
func (k kind) typeName() string { return "atlasaccess" + k.suffix }

// secretModel is the state both secret resources share.
type secretModel struct {
	ID                types.String `tfsdk:"id"`
	ClientID          types.String `tfsdk:"client_id"`
	ExpiresAfterHours types.Number `tfsdk:"expires_after_hours"`
	RotateBeforeHours types.Number `tfsdk:"rotate_before_hours"`
	SecretID          types.String `tfsdk:"secret_id"`
	Secret            types.String `tfsdk:"secret"`
	MaskedSecretValue types.String `tfsdk:"masked_secret_value"`
	CreatedAt         types.String `tfsdk:"created_at"`
	ExpiresAt         types.String `tfsdk:"expires_at"`
	LastUsedAt        types.String `tfsdk:"last_used_at"`
}

// model is the state of one of the two resources: the shared attributes and
// the owner's ID under its own name.
type model interface {
	base() *secretModel
	ownerID() *types.String
}

type projectSecretModel struct {
	ProjectID types.String `tfsdk:"project_id"`
	secretModel
}

func (m *projectSecretModel) base() *secretModel     { return &m.secretModel }
func (m *projectSecretModel) ownerID() *types.String { return &m.ProjectID }

type orgSecretModel struct {
	OrgID types.String `tfsdk:"org_id"`
	secretModel
}

func (m *orgSecretModel) base() *secretModel     { return &m.secretModel }
func (m *orgSecretModel) ownerID() *types.String { return &m.OrgID }

func importID(ownerID, clientID, secretID string) string {
	return ownerID + "/" + clientID + "/" + secretID
}

// setFromAPI copies what Atlas reports of the secret into m. The plaintext
// is taken only from a create's answer: reads never carry it, and the one in
// state must survive them. The configured lifetime is kept; only after an
// import (null) is it read back from the secret.
func (m *secretModel) setFromAPI(ownerID string, sec *client.ServiceAccountSecret, all []client.ServiceAccountSecret) {
	m.ID = types.StringValue(importID(ownerID, m.ClientID.ValueString(), sec.ID))
	m.SecretID = types.StringValue(sec.ID)
	if sec.Secret != "" {
		m.Secret = types.StringValue(sec.Secret)
	} else if m.Secret.IsUnknown() {
		m.Secret = types.StringNull()
	}
	if sec.MaskedSecretValue != "" {
		m.MaskedSecretValue = types.StringValue(sec.MaskedSecretValue)
	} else if m.MaskedSecretValue.IsUnknown() {
		// Atlas's answer to a create carries the plaintext instead; the
		// next refresh brings the masked value.
		m.MaskedSecretValue = types.StringNull()
	}
	m.CreatedAt = types.StringValue(sec.CreatedAt)
	m.ExpiresAt = types.StringValue(sec.ExpiresAt)
	m.LastUsedAt = types.StringPointerValue(sec.LastUsedAt)
	if m.ExpiresAfterHours.IsNull() || m.ExpiresAfterHours.IsUnknown() {
		m.ExpiresAfterHours = issuedHours(sec, all)
	}
}

// findSecret returns the secret with ID id among secrets, or nil.
func findSecret(secrets []client.ServiceAccountSecret, id string) *client.ServiceAccountSecret {
	for i := range secrets {
		if secrets[i].ID == id {
			return &secrets[i]
		}
	}
	return nil
}

// shorteningGrace is how long Atlas lets an older secret live after a newer
// one is issued for the same account, at most.
const shorteningGrace = 7 * 24 * time.Hour

// shorteningSlack absorbs the second-level rounding of Atlas's timestamps
// when telling a shortened expiry from a natural one.
const shorteningSlack = time.Minute

// issuedHours recovers expires_after_hours after an import: the secret's
// lifetime, expiry minus creation, in whole hours. When a newer secret of
// the account shortened it (its expiry falls on that secret's creation plus
// 7 days) the lifetime it was issued with is lost, and the result is null.
func issuedHours(sec *client.ServiceAccountSecret, all []client.ServiceAccountSecret) types.Number {
	created, err1 := time.Parse(time.RFC3339, sec.CreatedAt)
	expires, err2 := time.Parse(time.RFC3339, sec.ExpiresAt)
	if err1 != nil || err2 != nil || !expires.After(created) {
		return types.NumberNull()
	}
	for _, other := range all {
		later, err := time.Parse(time.RFC3339, other.CreatedAt)
		if err != nil || other.ID == sec.ID || !later.After(created) {
			continue
		}
		if d := expires.Sub(later.Add(shorteningGrace)); d > -shorteningSlack && d < shorteningSlack {
			return types.NumberNull()
		}
	}
	hours := int64(math.Round(expires.Sub(created).Hours()))
	if hours < validate.SecretExpiresAfterHoursMin || hours > validate.SecretExpiresAfterHoursMax {
		return types.NumberNull()
	}
	return attrs.HoursNumber(hours)
}

// clockSlack makes the rotation decision a little early rather than late:
// Atlas's Date header is whole seconds, so the time read from it may be up
// to a second behind Atlas's.
const clockSlack = time.Second

// rotation is the plan's verdict on a secret in state.
type rotation int

const (
	keep    rotation = iota // valid beyond the rotation window
	rotate                  // expires within the rotation window
	expired                 // has expired
	unknown                 // its expiry is not a time
)

// rotationDue decides, at now by Atlas's clock, whether a secret expiring at
// expiresAt (RFC 3339) is replaced: it has expired, or expires within
// window. A zero window replaces only expired secrets.
func rotationDue(expiresAt string, now time.Time, window time.Duration) rotation {
	at, err := time.Parse(time.RFC3339, expiresAt)
	switch {
	case err != nil:
		return unknown
	case !at.After(now.Add(clockSlack)):
		return expired
	case window > 0 && !at.After(now.Add(window+clockSlack)):
		return rotate
	}
	return keep
}

// rotationWarning is the warning of a planned replacement: what names the
// account, for example "service account mdb_sa_id_… of project …".
func rotationWarning(verdict rotation, what, secretID, expiresAt string, now time.Time, windowHours int) (summary, detail string) {
	nowText := now.UTC().Truncate(time.Second).Format(time.RFC3339)
	if verdict == expired {
		return "Service Account Secret Expired",
			fmt.Sprintf("Secret %s of %s expired at %s (by Atlas's clock, now %s): nothing can sign in with it. "+
				"The plan replaces it with a new secret.", secretID, what, expiresAt, nowText)
	}
	return "Service Account Secret Rotation Due",
		fmt.Sprintf("Secret %s of %s expires at %s, within rotate_before_hours = %d of now (%s by Atlas's clock). "+
			"The plan replaces it with a new secret; with lifecycle { create_before_destroy = true } the new secret is issued before the old one is deleted.",
			secretID, what, expiresAt, windowHours, nowText)
}
