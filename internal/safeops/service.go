package safeops

import (
	"context"
	"slices"
	"time"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

// Service calls Atlas for the resources of one configured provider with the
// write-safety rules of this package. It is safe for concurrent use.
type Service struct {
	c     *client.Client
	held  holdings
	locks keyLocks
	reads reads
	skew  time.Duration
	grace time.Duration
	// clock is the client's: requests are timed with it and converted to
	// Atlas's clock with the offset the client measured by the same clock.
	clock client.Clock
	// activeWaitLimit bounds the wait for project IP access list entries
	// to become ACTIVE; zero is DefaultActiveWait.
	activeWaitLimit time.Duration
}

// Defaults of a Service.
const (
	// DefaultSkew is how much earlier than the request, by Atlas's clock,
	// an object may appear to have been created and still count as the
	// work of that request: Date headers and createdAt are whole seconds.
	DefaultSkew = 2 * time.Second
	// DefaultDeleteGrace is how long a create that met an existing object
	// waits for a delete of that object to show up in this process.
	DefaultDeleteGrace = 2 * time.Second
	// createTries bounds how often a create whose outcome was unknown, and
	// which provably created nothing, is sent again.
	createTries = 4
)

// New returns a Service for c, with default settings. The provider builds
// one per configured client (see providerdata), so the Service's record of
// held objects and its locks are those of one configured provider.
func New(c *client.Client) *Service {
	clock := client.SystemClock()
	if c != nil {
		clock = c.Clock()
	}
	return &Service{
		c: c, skew: DefaultSkew, grace: DefaultDeleteGrace, clock: clock, locks: keyLocks{clock: clock},
		reads: reads{clock: clock, lifetime: DefaultSnapshotLifetime, window: DefaultCoalesceWindow},
	}
}

// AtlasNow is the current time by Atlas's clock, as read from the Date header
// of its latest answer; ok is false before any answer carried one. Decisions
// about expiry use it, so that a machine with a wrong clock never rotates a
// secret too late.
func (s *Service) AtlasNow() (now time.Time, ok bool) {
	return s.c.AtlasTime(s.clock.Now())
}

// appearedSince reports whether an object created at createdAt (RFC 3339, by
// Atlas's clock) appeared no earlier than the request sent at local time sent.
func (s *Service) appearedSince(createdAt string, sent time.Time) bool {
	created, err := time.Parse(time.RFC3339, createdAt)
	if err != nil {
		return false
	}
	sentByAtlas, _ := s.c.AtlasTime(sent)
	earliest := sentByAtlas.Truncate(time.Second).Add(-s.skew)
	return !created.Before(earliest)
}

// deleteObject runs del, a delete of the object key names, so that a create
// of the same object in this process waits for it: the delete is announced
// before it waits for the object's lock. Once the object is gone, no
// resource holds it.
func (s *Service) deleteObject(ctx context.Context, key objectKey, del func() error) error {
	done := s.locks.beginDelete(key)
	defer done()
	unlock, err := s.locks.lock(ctx, key)
	if err != nil {
		return err
	}
	defer unlock()
	err = del()
	if err == nil || client.IsNotFound(err) {
		s.held.release(key)
	}
	return err
}

// createWaitingForDelete runs create, which may meet the object it creates
// while a delete of that object in this process is under way (a replaced
// resource instance); create then reports retry, and is run once more,
// no longer allowed to wait.
func createWaitingForDelete[T any](create func(mayWait bool) (T, bool, error)) (T, error) {
	v, retry, err := create(true)
	if retry {
		v, _, err = create(false)
	}
	return v, err
}

// deletedMeanwhile is called by a create that met the object under key
// while holding its lock. It lets go of the lock and, if mayWait, reports
// whether a delete of the object in this process finished after the
// meeting (waiting up to the grace for one to start), so that the create
// may be sent once more.
func (s *Service) deletedMeanwhile(ctx context.Context, key objectKey, unlock func(), mayWait bool) bool {
	met := s.clock.Now()
	unlock()
	return mayWait && s.locks.waitForDelete(ctx, key, met, s.grace)
}

// SameRoles reports whether a and b hold the same roles, in any order. Roles
// are sets everywhere in Atlas, so repetition is ignored.
func SameRoles(a, b []string) bool {
	for _, r := range a {
		if !slices.Contains(b, r) {
			return false
		}
	}
	for _, r := range b {
		if !slices.Contains(a, r) {
			return false
		}
	}
	return true
}
