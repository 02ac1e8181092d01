package client

import (
	"errors"
	"net/http"
)

// MayHaveHappened reports whether a failed write may nevertheless have been
// carried out by Atlas: its outcome is unknown (IsAmbiguous), a retry met
// the echo of an attempt whose answer was lost (IsAfterLostAnswer), or the
// failure is not an answer that proves nothing was done (a server error, a
// dropped connection, a cancelled request). An answer of 400 to 429 proves
// that this request did nothing.
func MayHaveHappened(err error) bool {
	if err == nil {
		return false
	}
	if IsAmbiguous(err) || IsAfterLostAnswer(err) {
		return true
	}
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		return apiErr.StatusCode >= http.StatusInternalServerError
	}
	return true
}

// IsAfterLostAnswer reports whether err is a client error (4xx) that
// answered a retry after an attempt whose answer was lost: the lost attempt
// may have done the work, and this error may be its echo (a 409 for the
// user it added).
func IsAfterLostAnswer(err error) bool { return isAfterUnanswered(err) }
