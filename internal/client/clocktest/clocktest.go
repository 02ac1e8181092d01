// Package clocktest provides a fake client.Clock for tests: time moves only
// when a test or a wait moves it, and every wait asked for is recorded, so
// that a test asserts the waits the code computed instead of waiting them
// out or timing them.
package clocktest

import (
	"context"
	"sync"
	"time"
)

// Clock is a fake clock. Sleep returns at once, after moving the time on by
// the duration asked for and recording it. It is safe for concurrent use.
type Clock struct {
	mu    sync.Mutex
	now   time.Time
	waits []time.Duration
	// onSleep, when set, runs at the start of every Sleep, outside the lock:
	// what happens during a wait (a cancellation, another request).
	onSleep func(d time.Duration)
}

// New returns a fake clock that reads start until it is moved.
func New(start time.Time) *Clock { return &Clock{now: start} }

// Now is the fake current time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Sleep records d and moves the clock on by it, unless ctx has ended (before
// the wait or during OnSleep's action), in which case it returns ctx.Err()
// with the clock unmoved. The wait is recorded either way.
func (c *Clock) Sleep(ctx context.Context, d time.Duration) error {
	c.mu.Lock()
	c.waits = append(c.waits, d)
	hook := c.onSleep
	c.mu.Unlock()
	if hook != nil {
		hook(d)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	c.Advance(d)
	return nil
}

// Advance moves the clock on by d.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// Waits returns the durations of every Sleep so far, in order.
func (c *Clock) Waits() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]time.Duration(nil), c.waits...)
}

// OnSleep sets an action run at the start of every Sleep with its duration,
// such as cancelling the context of the operation that waits.
func (c *Clock) OnSleep(action func(d time.Duration)) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.onSleep = action
}
