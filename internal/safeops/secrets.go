package safeops

import (
	"context"
	"fmt"
	"slices"
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
// could use it. Such a secret is harmless (it only fills one of the
// account's secret slots until it expires or is deleted), while deleting a
// secret that someone holds cuts them off. So after an unknown outcome the
// account is read once and a secret is deleted only when it is provably the
// lost request's work (provenLostSecret); then the create is sent again, a
// bounded number of times. Every other secret that may be that work is
// returned in leftovers, for a warning that names it, also with an error.
func (s *Service) CreateServiceAccountSecret(ctx context.Context, owner client.Owner, clientID string, expiresAfterHours int) (sec *client.ServiceAccountSecret, leftovers []client.ServiceAccountSecret, err error) {
	unlock, err := s.locks.lock(ctx, secretIssueKey(clientID))
	if err != nil {
		return nil, nil, err
	}
	defer unlock()
	// Issuing a secret changes the account (and may shorten older secrets).
	defer s.touchAccount(clientID)
	named := map[string]bool{}
	for attempt := 1; ; attempt++ {
		sent := s.clock.Now()
		sec, err := s.c.CreateServiceAccountSecret(ctx, owner, clientID, expiresAfterHours)
		if err == nil {
			s.held.hold(secretKey(clientID, sec.ID))
			return sec, leftovers, nil
		}
		if !client.MayHaveHappened(err) {
			return nil, leftovers, err
		}
		left, cerr := s.cleanUpLostSecret(ctx, owner, clientID, expiresAfterHours, sent, err)
		for _, l := range left {
			if !named[l.ID] {
				named[l.ID] = true
				leftovers = append(leftovers, l)
			}
		}
		if cerr != nil {
			return nil, leftovers, fmt.Errorf("%w (%w)", err, cerr)
		}
		if attempt >= createTries {
			return nil, leftovers, fmt.Errorf("%w (after %d attempts; no secret these attempts may have issued was deleted unless it was provably theirs, and the plaintext of none was received, so applying again is safe)", err, attempt)
		}
	}
}

// cleanUpLostSecret runs after a secret create that was sent at local time
// sent and failed with lost, an error that leaves its outcome unknown. It
// deletes the secret the request issued when that is proven, and returns
// the secrets it may have issued that were left alone.
//
// A secret is a possible leftover when it has the requested lifetime, no
// resource of this process holds it, and Atlas created it no earlier than
// the second in which the request may first have been sent (by the early
// estimate of Atlas's clock: anything it issued was created later). It is
// deleted only when, besides, it was created strictly after the latest time
// the request can have reached Atlas, and it is the only secret held by
// nobody that was created after that time.
//
// A possible leftover may still be someone else's: a secret the same
// configuration holds in state (an apply runs in a fresh process, which
// holds nothing yet), or one another team issued a second earlier. Its
// consumers would be cut off, so it is only named.
func (s *Service) cleanUpLostSecret(ctx context.Context, owner client.Owner, clientID string, hours int, sent time.Time, lost error) ([]client.ServiceAccountSecret, error) {
	secrets, err := s.c.ServiceAccountSecrets(ctx, owner, clientID)
	if err != nil {
		return nil, fmt.Errorf("reading service account %s of %s to find a secret the request may have issued failed: %w; "+
			"a secret whose plaintext nobody has may exist: it has a lifetime of %d hours and was created at or after %s, and no configuration manages it; "+
			"once you have checked that, delete it",
			clientID, owner, err, hours, s.atlasTimeText(sent))
	}
	earliest, _ := s.c.AtlasTime(sent)
	earliest = earliest.Truncate(time.Second)
	latestSend, provable := s.c.LatestSendTime(lost)
	var possible, proven []client.ServiceAccountSecret
	// later counts every secret created after the request, whatever its
	// lifetime: issuing a secret shortens the older ones, so the lost
	// request's secret no longer looks like its work once someone has
	// issued another since, and that other secret then would.
	later := 0
	for _, sec := range secrets {
		if s.held.held(secretKey(clientID, sec.ID)) {
			continue
		}
		created, matches := secretLifetime(sec, hours)
		after := provable && !created.IsZero() && provenLostSecret(created, latestSend)
		if after {
			later++
		}
		if !matches || created.Before(earliest) {
			continue
		}
		possible = append(possible, sec)
		if after {
			proven = append(proven, sec)
		}
	}
	if len(proven) != 1 || later != 1 {
		return possible, nil
	}
	lostSecret := proven[0]
	if err := s.c.DeleteServiceAccountSecret(ctx, owner, clientID, lostSecret.ID); err != nil && !client.IsNotFound(err) {
		return possible, nil
	}
	return slices.DeleteFunc(possible, func(sec client.ServiceAccountSecret) bool { return sec.ID == lostSecret.ID }), nil
}

// provenLostSecret reports whether a secret Atlas stamped created was
// created strictly after latestSend, the latest time by Atlas's clock at
// which a request can have reached Atlas (client.Client.LatestSendTime).
//
// Atlas stamps createdAt in whole seconds, truncated, so a secret stamped in
// the second in which the request arrived may have been created before it:
// only a later second proves anything. And the client knows Atlas's time
// only from the Date headers of its answers, also whole seconds; latestSend
// already adds that uncertainty (and the round trip of the answer it was
// read from) instead of subtracting it, so an error in the estimate can only
// leave a secret alone, never delete one. There is no allowance backwards:
// a secret that may predate the request is never taken for its work.
func provenLostSecret(created, latestSend time.Time) bool {
	return created.After(latestSend)
}

// secretLifetime reports whether sec was created with a lifetime of hours
// (expiry minus creation, as Atlas reports it), and when it was created.
func secretLifetime(sec client.ServiceAccountSecret, hours int) (created time.Time, ok bool) {
	created, err1 := time.Parse(time.RFC3339, sec.CreatedAt)
	expires, err2 := time.Parse(time.RFC3339, sec.ExpiresAt)
	if err1 != nil || err2 != nil {
		return time.Time{}, false
	}
	return created, expires.Sub(created) == time.Duration(hours)*time.Hour
}

// atlasTimeText is a local instant on Atlas's clock, for messages.
func (s *Service) atlasTimeText(local time.Time) string {
	t, _ := s.c.AtlasTime(local)
	return t.UTC().Truncate(time.Second).Format(time.RFC3339)
}

// ServiceAccountSecrets reads the secrets of an account of owner (1 GET of
// the account, or a share of a listing of the owner's accounts: see
// coalesce.go) for the resource that manages secretID, which then holds that
// secret if the account still has it. secretID may be empty when the
// resource only needs Atlas's clock.
func (s *Service) ServiceAccountSecrets(ctx context.Context, owner client.Owner, clientID, secretID string) ([]client.ServiceAccountSecret, error) {
	secrets, err := s.readAccountSecrets(ctx, owner, clientID)
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
		defer s.touchAccount(clientID)
		return s.c.DeleteServiceAccountSecret(ctx, owner, clientID, secretID)
	})
}
