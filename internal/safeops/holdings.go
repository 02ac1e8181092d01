package safeops

import (
	"context"
	"strings"
	"sync"
	"time"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

// objectKey names one Atlas object for the process-wide record and locks.
type objectKey string

// accountKey is an organization service account (client IDs are unique in Atlas).
func accountKey(clientID string) objectKey { return objectKey("account/" + clientID) }

// memberKey is a service account's membership of a project.
func memberKey(projectID, clientID string) objectKey {
	return objectKey("member/" + projectID + "/" + clientID)
}

// accountNameKey serializes creates and deletes of same-named service
// accounts of one project, so that a lost create is resolved while no
// sibling create of this process is in flight.
func accountNameKey(projectID, name string) objectKey {
	return objectKey("account-name/" + projectID + "/" + name)
}

// userKey is a person in a project. Atlas compares usernames without regard
// to case, and so does the key.
func userKey(projectID, username string) objectKey {
	return objectKey("user/" + projectID + "/" + strings.ToLower(username))
}

// holdings is the record of the objects that resource instances of this
// process created, adopted or read.
type holdings struct {
	mu   sync.Mutex
	keys map[objectKey]struct{}
}

func (h *holdings) hold(keys ...objectKey) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.keys == nil {
		h.keys = map[objectKey]struct{}{}
	}
	for _, k := range keys {
		h.keys[k] = struct{}{}
	}
}

func (h *holdings) release(keys ...objectKey) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, k := range keys {
		delete(h.keys, k)
	}
}

func (h *holdings) held(k objectKey) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	_, ok := h.keys[k]
	return ok
}

// keyLocks serializes operations on one object and tracks deletes in flight.
type keyLocks struct {
	// clock times deletes and the wait for one (the Service's clock).
	clock    client.Clock
	mu       sync.Mutex
	locks    map[objectKey]*keyLock
	deleting map[objectKey]*deletion
	// deleted is when the latest delete of each object finished.
	deleted map[objectKey]time.Time
	// waiting, set only by tests, is called when lock finds its key held
	// and is about to wait: the moment an operation is queued behind
	// another, which a test orders its events by.
	waiting func(objectKey)
}

type keyLock struct {
	sem  chan struct{} // capacity 1: holding the token is holding the lock
	refs int
}

type deletion struct {
	done chan struct{}
	refs int
}

// lock waits until no other operation holds k, or ctx ends. The returned
// function releases it; it is safe to call once.
func (l *keyLocks) lock(ctx context.Context, k objectKey) (func(), error) {
	l.mu.Lock()
	if l.locks == nil {
		l.locks = map[objectKey]*keyLock{}
	}
	kl := l.locks[k]
	if kl == nil {
		kl = &keyLock{sem: make(chan struct{}, 1)}
		l.locks[k] = kl
	}
	kl.refs++
	l.mu.Unlock()
	if l.waiting != nil && len(kl.sem) == cap(kl.sem) {
		l.waiting(k)
	}

	drop := func() {
		l.mu.Lock()
		defer l.mu.Unlock()
		kl.refs--
		if kl.refs == 0 {
			delete(l.locks, k)
		}
	}
	select {
	case kl.sem <- struct{}{}:
	case <-ctx.Done():
		drop()
		return func() {}, ctx.Err()
	}
	var once sync.Once
	return func() {
		once.Do(func() {
			<-kl.sem
			drop()
		})
	}, nil
}

// beginDelete records that a delete of k is in flight, before it waits for
// the lock, so that a create which met the object can wait for it. The
// returned function marks the delete finished.
func (l *keyLocks) beginDelete(k objectKey) func() {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.deleting == nil {
		l.deleting = map[objectKey]*deletion{}
	}
	d := l.deleting[k]
	if d == nil {
		d = &deletion{done: make(chan struct{})}
		l.deleting[k] = d
	}
	d.refs++
	var once sync.Once
	return func() {
		once.Do(func() {
			l.mu.Lock()
			defer l.mu.Unlock()
			d.refs--
			if d.refs == 0 {
				delete(l.deleting, k)
				close(d.done)
			}
			if l.deleted == nil {
				l.deleted = map[objectKey]time.Time{}
			}
			l.deleted[k] = l.clock.Now()
		})
	}
}

// waitForDelete waits up to grace for a delete of k to be in flight, and
// then for it to finish. It reports whether a delete of k finished after
// met, the moment a create met the object. Terraform starts the destroy of
// an old instance and the create of its replacement at about the same time,
// in either order, so a create that met the object gives the delete a
// moment to show up.
func (l *keyLocks) waitForDelete(ctx context.Context, k objectKey, met time.Time, grace time.Duration) bool {
	deadline := l.clock.Now().Add(grace)
	for {
		l.mu.Lock()
		d := l.deleting[k]
		finished, ok := l.deleted[k]
		l.mu.Unlock()
		if d == nil && ok && !finished.Before(met) {
			return true
		}
		if d != nil {
			select {
			case <-d.done:
				return true
			case <-ctx.Done():
				return false
			}
		}
		if !l.clock.Now().Before(deadline) {
			return false
		}
		if l.clock.Sleep(ctx, deletePoll) != nil {
			return false
		}
	}
}

// deletePoll is how often waitForDelete looks for a delete in flight.
const deletePoll = 20 * time.Millisecond
