package client

import (
	"context"
	"time"
)

// Clock is this machine's time as the client and the write-safety layer
// (internal/safeops) read it: the time requests are sent and answered, and
// the waits between attempts. Tests give a fake one (Config.Clock) so that
// they can assert the waits the client computed instead of waiting them out.
type Clock interface {
	// Now is the current local time.
	Now() time.Time
	// Sleep waits for d, or until ctx ends, whichever is first. It returns
	// ctx.Err() when ctx ended first, and nil otherwise.
	Sleep(ctx context.Context, d time.Duration) error
}

// SystemClock is the Clock of package time.
func SystemClock() Clock { return systemClock{} }

type systemClock struct{}

func (systemClock) Now() time.Time { return time.Now() }

func (systemClock) Sleep(ctx context.Context, d time.Duration) error {
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-timer.C:
		return nil
	}
}

// Clock is the Clock c reads local time and waits with; the write-safety
// layer uses the same one, so that the times it notes convert to Atlas's
// clock with the offsets c measured.
func (c *Client) Clock() Clock { return c.local }
