package attrs

import (
	"context"
	"encoding/json"
	"math"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

// What an account resource knows of the secret Atlas issued with the
// account (its "initial" secret), for keep_initial_secret and for
// secret_expires_after_hours after an import, shared by the project and the
// organization account resources.

// RotationGrace is how long Atlas lets an older secret live after a new one
// is issued for the same account, at most: the older secret's expiry is cut
// to the new one's creation plus this.
const RotationGrace = 7 * 24 * time.Hour

// rotationSlack absorbs the second-level rounding of Atlas's timestamps
// when telling a shortened expiry from a natural one.
const rotationSlack = time.Minute

// FirstSecretHours recovers secret_expires_after_hours after an import: the
// lifetime of the oldest secret whose expiry no later secret shortened.
// That is the account's first secret unless a rotation cut it to 7 days
// after a later secret's creation, in which case it is the oldest secret
// after it that kept its lifetime (the newest secret always has). A
// secret whose expiry falls exactly on a cut is taken as shortened.
func FirstSecretHours(secrets []client.ServiceAccountSecret) types.Number {
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
			if d := spans[i].expires.Sub(later.created.Add(RotationGrace)); d > -rotationSlack && d < rotationSlack {
				return true
			}
		}
		return false
	}
	for i, s := range spans {
		if !shortened(i) {
			return HoursNumber(int64(math.Round(s.expires.Sub(s.created).Hours())))
		}
	}
	return types.NumberNull()
}

// FirstSecretPlaintext is the plaintext of the first secret in a create's
// answer, null when there is none.
func FirstSecretPlaintext(secrets []client.ServiceAccountSecret) types.String {
	if len(secrets) > 0 && secrets[0].Secret != "" {
		return types.StringValue(secrets[0].Secret)
	}
	return types.StringNull()
}

// WithoutSecret is secrets less the one whose ID is id.
func WithoutSecret(secrets []client.ServiceAccountSecret, id string) []client.ServiceAccountSecret {
	kept := make([]client.ServiceAccountSecret, 0, len(secrets))
	for _, s := range secrets {
		if s.ID != id {
			kept = append(kept, s)
		}
	}
	return kept
}

// initialSecretKey is the private-state key that records the ID of the
// secret Atlas issued with the account.
const initialSecretKey = "initial_secret_id"

// PrivateState is the resource private state of any request or response.
type PrivateState interface {
	GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
	SetKey(ctx context.Context, key string, value []byte) diag.Diagnostics
}

// RecordInitialSecret keeps the ID of the account's initial secret in
// private state, where RecordedInitialSecret finds it later.
func RecordInitialSecret(ctx context.Context, p PrivateState, id string) diag.Diagnostics {
	value, _ := json.Marshal(id)
	return p.SetKey(ctx, initialSecretKey, value)
}

// RecordedInitialSecret is the ID RecordInitialSecret kept, or "".
func RecordedInitialSecret(ctx context.Context, p PrivateState) string {
	raw, d := p.GetKey(ctx, initialSecretKey)
	var id string
	if d.HasError() || len(raw) == 0 || json.Unmarshal(raw, &id) != nil {
		return ""
	}
	return id
}
