package safeops

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

// What project users and organization users share: the proof rules of a
// create whose answer was lost, the lookup by username, and the check of a
// role change whose answer was lost. Each kind of person supplies its calls.

// personCreate is one create of a person (a project user or an organization
// user) of type U, as createPersonOnce runs it.
type personCreate[U any] struct {
	key objectKey
	// happened completes "to find out whether they were ...", for an error.
	happened string
	// touch, if set, runs when the create is done, before the person's lock
	// is let go (it makes listings stop answering for the person).
	touch    func()
	send     func() (*U, error)
	find     func() (*U, error)
	proven   func(u *U, sent time.Time) bool
	existing func(u *U, heldHere, afterLost bool, cause error) *ExistingError
}

// createPersonOnce sends a create of a person under the person's lock. A
// conflict that did not follow a lost answer is someone else's person
// (after waiting, if mayWait, for a delete of the same person in flight in
// this process: retry is then true). After an unknown outcome the person is
// looked up: when nobody of that username appeared, nothing was created and
// the create is sent again (at most createTries times in all, as for a
// team); the person found is adopted only when op.proven holds, against
// the time the first attempt of unknown outcome was sent, and no other
// resource holds them.
func createPersonOnce[U any](ctx context.Context, s *Service, op personCreate[U], mayWait bool) (*U, bool, error) {
	unlock, err := s.locks.lock(ctx, op.key)
	if err != nil {
		return nil, false, err
	}
	defer unlock()
	if op.touch != nil {
		defer op.touch()
	}
	// firstSent is when the first attempt of unknown outcome was sent: a
	// person that attempt invited appeared no earlier.
	var firstSent time.Time
	var lost error
	for attempt := 1; ; attempt++ {
		sent := s.clock.Now()
		if lost == nil {
			firstSent = sent
		}
		u, err := op.send()
		if err == nil {
			s.held.hold(op.key)
			return u, false, nil
		}
		afterLost := lost != nil || client.IsAfterLostAnswer(err)
		if client.IsConflict(err) && !afterLost {
			// Someone holds this person already. If this process is deleting
			// them (the old instance of a replaced resource), wait and retry.
			if s.deletedMeanwhile(ctx, op.key, unlock, mayWait) {
				return nil, true, nil
			}
			existing, _ := op.find()
			return nil, false, op.existing(existing, s.held.held(op.key), false, err)
		}
		// A conflict after an attempt of unknown outcome may be that
		// attempt's own invitation: it is looked up like a lost answer.
		if !client.MayHaveHappened(err) && (!afterLost || !client.IsConflict(err)) {
			return nil, false, err
		}
		if lost == nil {
			lost = err
		}
		existing, lerr := op.find()
		switch {
		case lerr != nil:
			return nil, false, fmt.Errorf("%w (and looking the user up to find out whether they were %s failed: %w)", err, op.happened, lerr)
		case existing == nil && attempt < createTries:
			continue // nobody appeared, so nothing was created: send again
		case existing == nil:
			return nil, false, fmt.Errorf("%w (nobody of that username appeared, so nobody was %s; applying again is safe)", err, op.happened)
		case op.proven(existing, firstSent) && !s.held.held(op.key):
			s.held.hold(op.key)
			return existing, false, nil
		}
		return nil, false, op.existing(existing, s.held.held(op.key), true, lost)
	}
}

// findPerson picks the user named username, without regard to case, from
// users: an ACTIVE or PENDING one first, else the first stale invitation,
// else nil. status reads a user's membership status, name their username.
func findPerson[U any](users []U, username string, name, status func(*U) string) *U {
	var found *U
	for i := range users {
		u := &users[i]
		if !strings.EqualFold(name(u), username) {
			continue
		}
		if st := status(u); st == client.UserStatusActive || st == client.UserStatusPending {
			return u
		}
		if found == nil {
			found = u
		}
	}
	return found
}

// roleChangeConfirmed finishes the grant (added) or removal of role whose
// answer u, err came back. When the answer was lost, the person is read
// again (read) and their roles tell whether the change happened.
func roleChangeConfirmed[U any](role string, added bool, u *U, err error, read func() (*U, error), roles func(*U) []string) (*U, error) {
	if err == nil || !client.MayHaveHappened(err) {
		return u, err
	}
	got, gerr := read()
	if gerr == nil && slices.Contains(roles(got), role) == added {
		return got, nil
	}
	return nil, err
}
