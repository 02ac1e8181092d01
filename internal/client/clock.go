package client

import (
	"net/http"
	"sync/atomic"
	"time"
)

// atlasClock follows the offset between Atlas's clock and this machine's,
// read from the Date header of every answer. Decisions about when something
// happened at Atlas (did an object appear after our request was sent?) use
// Atlas's clock, so that a machine whose clock is wrong cannot mistake an
// old object for a new one.
type atlasClock struct {
	// offsetNanos is Atlas's time minus local time, from the latest answer.
	offsetNanos atomic.Int64
	known       atomic.Bool
}

// observe records the Date header of an answer received at local time received.
func (c *atlasClock) observe(date string, received time.Time) {
	if date == "" {
		return
	}
	t, err := http.ParseTime(date)
	if err != nil {
		return
	}
	// Date is truncated to the second, so the offset is up to a second
	// low: times converted with it are early rather than late.
	c.offsetNanos.Store(int64(t.Sub(received)))
	c.known.Store(true)
}

// AtlasTime converts a local instant to Atlas's clock, using the offset
// measured from the latest answer. Until an answer with a Date header has
// arrived, it returns local unchanged and ok false.
func (c *Client) AtlasTime(local time.Time) (atlas time.Time, ok bool) {
	if !c.clock.known.Load() {
		return local, false
	}
	return local.Add(time.Duration(c.clock.offsetNanos.Load())), true
}
