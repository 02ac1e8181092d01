package atlassim

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"
)

// Atlas's clock. The simulator keeps its own notion of "now", a signed
// offset from real time, so that tests of expiry and rotation move the clock
// instead of waiting. Everything Atlas computes from its time uses it: the
// Date header, createdAt, expiresAt and lastUsedAt, the 7-day shortening of
// older secrets, invitation expiry, access-token expiry and the expired-secret
// check of the token endpoint. Digest nonces and the rate limits run on real
// time: they measure the client's pace, not Atlas's calendar, and moving the
// calendar must not lock a test out or let it through.

// atlasTime is Atlas's current time, to the nanosecond: real time plus the
// clock offset.
func (s *Server) atlasTime() time.Time {
	return time.Now().Add(time.Duration(s.clockOffset.Load())).UTC()
}

// clockRequest is the body of PUT /__atlassim/clock: at most one of offset
// (a Go duration such as "72h" or "-90m") and now (RFC 3339); neither
// resets the clock.
type clockRequest struct {
	Offset *string `json:"offset"`
	Now    *string `json:"now"`
}

// serveClock is GET and PUT /__atlassim/clock. Both answer {"now": RFC 3339}.
func (s *Server) serveClock(w http.ResponseWriter, r *http.Request) error {
	if r.Method == http.MethodPut {
		if err := s.setClockFrom(r.Body); err != nil {
			return err
		}
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(encodeJSON(map[string]string{"now": s.Now().Format(time.RFC3339Nano)}, true))
	return nil
}

// setClockFrom applies a clockRequest read from body; the error says what
// is wrong with the body.
func (s *Server) setClockFrom(body io.Reader) error {
	data, err := io.ReadAll(io.LimitReader(body, 4096))
	if err != nil {
		return err
	}
	var req clockRequest
	if len(bytes.TrimSpace(data)) > 0 {
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&req); err != nil {
			return fmt.Errorf(`want {"offset": "<Go duration, e.g. 72h or -30m>"}, {"now": "<RFC 3339>"} or {} to reset: %w`, err)
		}
	}
	switch {
	case req.Offset != nil && req.Now != nil:
		return errors.New(`give "offset" or "now", not both`)
	case req.Offset != nil:
		d, err := time.ParseDuration(*req.Offset)
		if err != nil {
			return fmt.Errorf(`"offset" must be a Go duration such as "72h" or "-30m": %w`, err)
		}
		s.SetClockOffset(d)
	case req.Now != nil:
		t, err := time.Parse(time.RFC3339Nano, *req.Now)
		if err != nil {
			return fmt.Errorf(`"now" must be an RFC 3339 time such as "2030-01-02T15:04:05Z": %w`, err)
		}
		s.SetClockNow(t)
	default:
		s.ResetClock()
	}
	return nil
}
