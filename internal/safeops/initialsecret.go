package safeops

import (
	"context"
	"slices"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

// InitialSecretOutcome is what DeleteInitialSecret did.
type InitialSecretOutcome int

const (
	// InitialSecretDeleted: the initial secret was deleted (or was gone by
	// the time the DELETE arrived).
	InitialSecretDeleted InitialSecretOutcome = iota
	// InitialSecretAlreadyGone: the recorded initial secret is not among the
	// account's secrets; nothing was sent.
	InitialSecretAlreadyGone
	// InitialSecretNotIdentified: no ID was recorded at create (an import,
	// or state written by an older version), so which secret is the initial
	// one is unknown; nothing was sent.
	InitialSecretNotIdentified
)

// InitialSecretID is the ID of the secret Atlas issued with an account: the
// first secret of the answer that created it, "" when that answer has none.
// It is the only proof of which secret that is: after the create it is
// known only by this ID, recorded by the caller, and never guessed from
// creation times, since a secret someone issued in the same second as the
// account looks just like it, and deleting it would cut its holder off.
func InitialSecretID(created []client.ServiceAccountSecret) string {
	if len(created) == 0 {
		return ""
	}
	return created[0].ID
}

// DeleteInitialSecret deletes the initial secret of an account of owner
// (1 DELETE, or none): recorded is its ID as kept at create
// (InitialSecretID), "" without that record, and secrets are the account's
// secrets as just read (or as the create answered). Only the recorded secret
// is ever deleted, and only while the account still has it.
func (s *Service) DeleteInitialSecret(ctx context.Context, owner client.Owner, clientID, recorded string, secrets []client.ServiceAccountSecret) (InitialSecretOutcome, error) {
	switch {
	case recorded == "":
		return InitialSecretNotIdentified, nil
	case !slices.ContainsFunc(secrets, func(sec client.ServiceAccountSecret) bool { return sec.ID == recorded }):
		return InitialSecretAlreadyGone, nil
	}
	if err := s.DeleteServiceAccountSecret(ctx, owner, clientID, recorded); err != nil && !client.IsNotFound(err) {
		return InitialSecretDeleted, err
	}
	return InitialSecretDeleted, nil
}
