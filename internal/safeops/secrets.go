package safeops

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

// secretKey is one secret of a service account (client IDs are unique in
// Atlas, and secret IDs within an account).
func secretKey(clientID, secretID string) objectKey {
	return objectKey("secret/" + clientID + "/" + secretID)
}

// secretIssueKey serializes the creates of one account's secrets in this
// process, so that a lost create is resolved while no sibling create of the
// same account is in flight: a sibling's new secret, not yet held, would
// otherwise look like the work of the lost request.
func secretIssueKey(clientID string) objectKey { return objectKey("secret-issue/" + clientID) }

// CreateServiceAccountSecret issues a secret for an account of owner (1
// POST). Atlas returns the plaintext only in the answer to that POST, so a
// secret created by a request whose answer was lost is never adopted: nobody
// could use it. Instead the account is read once, every secret that appeared
// since the request (by Atlas's clock) and that no other resource of this
// process holds is deleted, and the create is sent again, a bounded number of
// times. A secret that could not be deleted is named in the error.
func (s *Service) CreateServiceAccountSecret(ctx context.Context, owner client.Owner, clientID string, expiresAfterHours int) (*client.ServiceAccountSecret, error) {
	unlock, err := s.locks.lock(ctx, secretIssueKey(clientID))
	if err != nil {
		return nil, err
	}
	defer unlock()
	for attempt := 1; ; attempt++ {
		sent := timeNow()
		sec, err := s.c.CreateServiceAccountSecret(ctx, owner, clientID, expiresAfterHours)
		if err == nil {
			s.held.hold(secretKey(clientID, sec.ID))
			return sec, nil
		}
		if !client.MayHaveHappened(err) {
			return nil, err
		}
		if cerr := s.deleteUnansweredSecrets(ctx, owner, clientID, sent); cerr != nil {
			return nil, fmt.Errorf("%w (%w)", err, cerr)
		}
		if attempt >= createTries {
			return nil, fmt.Errorf("%w (after %d attempts; any secret these attempts issued was deleted, so applying again is safe)", err, attempt)
		}
	}
}

// deleteUnansweredSecrets deletes the secrets of an account that appeared
// since sent and that no resource of this process holds: the work of a create
// whose answer, and with it the only copy of the plaintext, was lost.
//
// One exception: for an account this process did not create, a secret
// issued within the skew allowance of the account's own creation may be the
// account's first secret, whose plaintext another configuration keeps.
// Deleting it could cut off a working consumer, so it is left alone and named
// in the error instead. (The first secret of an account this process created
// is held, so it is never in doubt.)
func (s *Service) deleteUnansweredSecrets(ctx context.Context, owner client.Owner, clientID string, sent time.Time) error {
	accountCreated, secrets, err := s.c.AccountSecrets(ctx, owner, clientID)
	if err != nil {
		return fmt.Errorf("reading service account %s of %s to find a secret the request may have issued failed: %w; "+
			"a secret whose plaintext nobody has may exist: delete any secret of the account created at or after %s that no configuration manages",
			clientID, owner, err, s.atlasTimeText(sent))
	}
	// An account this process created or adopted holds its first secret
	// (holdSecrets), so the exception below is only for the others.
	ownAccount := s.held.held(accountKey(clientID))
	var left, unsure []string
	for _, sec := range secrets {
		if !s.appearedSince(sec.CreatedAt, sent) || s.held.held(secretKey(clientID, sec.ID)) {
			continue
		}
		if !ownAccount && s.sameMoment(sec.CreatedAt, accountCreated) {
			unsure = append(unsure, fmt.Sprintf("%s (created %s, expires %s)", sec.ID, sec.CreatedAt, sec.ExpiresAt))
			continue
		}
		derr := s.c.DeleteServiceAccountSecret(ctx, owner, clientID, sec.ID)
		if derr != nil && !client.IsNotFound(derr) {
			left = append(left, fmt.Sprintf("%s (created %s, expires %s: %v)", sec.ID, sec.CreatedAt, sec.ExpiresAt, derr))
		}
	}
	switch {
	case len(left) > 0:
		return fmt.Errorf("service account %s of %s holds secrets issued by requests whose answers were lost, whose plaintext nobody has, "+
			"and deleting them failed: %s; delete them in Atlas", clientID, owner, strings.Join(left, "; "))
	case len(unsure) > 0:
		return fmt.Errorf("service account %s of %s was created moments before, so its secret %s may be its first secret or the one this request issued; "+
			"it was not deleted. If no configuration uses it (the account's own secret attribute shows which secret it holds), delete it in Atlas, then apply again",
			clientID, owner, strings.Join(unsure, ", "))
	}
	return nil
}

// sameMoment reports whether two Atlas timestamps (RFC 3339) are within the
// skew allowance of each other.
func (s *Service) sameMoment(a, b string) bool {
	ta, err1 := time.Parse(time.RFC3339, a)
	tb, err2 := time.Parse(time.RFC3339, b)
	if err1 != nil || err2 != nil {
		return false
	}
	d := ta.Sub(tb)
	return d <= s.skew && d >= -s.skew
}

// atlasTimeText is a local instant on Atlas's clock, for messages.
func (s *Service) atlasTimeText(local time.Time) string {
	t, _ := s.c.AtlasTime(local)
	return t.UTC().Truncate(time.Second).Format(time.RFC3339)
}

// ServiceAccountSecrets reads the secrets of an account of owner (1 GET of
// the account) for the resource that manages secretID, which then holds that
// secret if the account still has it. secretID may be empty when the
// resource only needs Atlas's clock.
func (s *Service) ServiceAccountSecrets(ctx context.Context, owner client.Owner, clientID, secretID string) ([]client.ServiceAccountSecret, error) {
	secrets, err := s.c.ServiceAccountSecrets(ctx, owner, clientID)
	if err != nil {
		return nil, err
	}
	if secretID != "" {
		for _, sec := range secrets {
			if sec.ID == secretID {
				s.held.hold(secretKey(clientID, secretID))
				break
			}
		}
	}
	return secrets, nil
}

// DeleteServiceAccountSecret deletes one secret of an account of owner (1
// DELETE). A secret already gone is reported as client.IsNotFound, which
// callers treat as done.
func (s *Service) DeleteServiceAccountSecret(ctx context.Context, owner client.Owner, clientID, secretID string) error {
	return s.deleteObject(ctx, secretKey(clientID, secretID), func() error {
		return s.c.DeleteServiceAccountSecret(ctx, owner, clientID, secretID)
	})
}
