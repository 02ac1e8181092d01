package client

import (
	"errors"
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
	// offsets are the bounds measured from the latest answer.
	offsets atomic.Pointer[clockOffsets]
}

// clockOffsets bound Atlas's time minus local time. Atlas stamped the Date
// header at some instant between the local times the request started and
// its answer arrived, and Date is truncated to the second, so the true
// offset lies in [Date - received, Date + 1s - started].
type clockOffsets struct {
	earliest, latest time.Duration
}

// observe records the Date header of an answer to a request that started
// at local time started and was answered at local time received.
func (c *atlasClock) observe(date string, started, received time.Time) {
	if date == "" {
		return
	}
	t, err := http.ParseTime(date)
	if err != nil {
		return
	}
	c.offsets.Store(&clockOffsets{earliest: t.Sub(received), latest: t.Add(time.Second).Sub(started)})
}

// latest converts a local instant to the latest time Atlas's clock can
// have shown at that instant; ok is false before any answer carried a Date.
func (c *atlasClock) latest(local time.Time) (atlas time.Time, ok bool) {
	o := c.offsets.Load()
	if o == nil {
		return time.Time{}, false
	}
	return local.Add(o.latest), true
}

// AtlasTime converts a local instant to Atlas's clock, using the offset
// measured from the latest answer. The Date header is truncated to the
// second, so the result is early rather than late, by up to a second and
// the answer's round trip. Until an answer with a Date header has arrived,
// it returns local unchanged and ok false.
func (c *Client) AtlasTime(local time.Time) (atlas time.Time, ok bool) {
	o := c.atlas.offsets.Load()
	if o == nil {
		return local, false
	}
	return local.Add(o.earliest), true
}

// LatestSendTime is, for a create whose outcome is unknown (IsAmbiguous),
// the latest time by Atlas's clock at which its last attempt can have
// reached Atlas: the local time the request was written, converted with the
// upper bound of the clock offset known at the failure or, when no answer
// had told Atlas's time by then (the first request of a process), known
// now. Anything that request created was created later. ok is false for any
// other error, or when Atlas's time is still unknown.
func (c *Client) LatestSendTime(err error) (atlas time.Time, ok bool) {
	var amb *ambiguousError
	switch {
	case !errors.As(err, &amb) || amb.wroteAt.IsZero():
		return time.Time{}, false
	case !amb.sentLatest.IsZero():
		return amb.sentLatest, true
	}
	return c.atlas.latest(amb.wroteAt)
}
