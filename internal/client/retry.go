package client

import (
	"bytes"
	"context"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"syscall"
	"time"
)

// errorCodeInvitationsRateLimited is the errorCode of the HTTP 400 Atlas
// returns when too many invitations come from one IP address.
const errorCodeInvitationsRateLimited = "INVITATIONS_RATE_LIMITED_IP"

// errorCodeUserUnauthorized is the errorCode of the HTTP 401 Atlas returns
// for a valid credential that lacks the role an operation needs: a
// permission answer, not a rejected credential.
const errorCodeUserUnauthorized = "USER_UNAUTHORIZED"

// A refused connection means nothing listens at the base URL's host and
// port: almost always a wrong base URL or a server that is not running,
// which waiting will not fix, unlike a rate limit. It is retried briefly,
// in case a server is restarting, and never for the whole retry budget:
// with max retries 20 and back-off up to 30 seconds a typo in the base URL
// would otherwise take minutes to report. At most maxRefusedAttempts
// attempts, maxRefusedWait apart: about a second in all.
const (
	maxRefusedAttempts = 3
	maxRefusedWait     = 500 * time.Millisecond
)

// maxResponseBytes bounds how much of a response body is read.
const maxResponseBytes = 32 << 20

// opKind says how safe it is to repeat an operation.
type opKind int

const (
	// opIdempotent operations (GET, PATCH, DELETE) are retried on every
	// retryable condition.
	opIdempotent opKind = iota
	// opSafePost is a POST whose repetition is harmless or detected by Atlas
	// (a duplicate answers 409, which the caller handles).
	opSafePost
	// opCreate is a POST that creates something; it is retried only when the
	// failure proves nothing was created.
	opCreate
)

// decision is what the retry loop does after a failed attempt.
type decision int

const (
	// decisionStop returns the failure to the caller.
	decisionStop decision = iota
	// decisionRetry waits and tries again (budget permitting).
	decisionRetry
	// decisionAmbiguous returns an ambiguous-outcome error for a create.
	decisionAmbiguous
)

// outcome is the result of one failed attempt, as far as retrying cares.
type outcome struct {
	status     int    // HTTP status; 0 when no response was received
	errorCode  string // Atlas errorCode of a non-2xx response
	err        error  // transport error when status is 0
	wrote      bool   // the request (headers) reached the wire
	retryAfter time.Duration
	bearer     string // the bearer token the attempt carried, if any
	// wroteAt is the local time the request was last seen being written;
	// zero when it was not written.
	wroteAt time.Time
}

// retryDecision decides, from the outcome of one failed attempt, whether the
// operation may be repeated.
func retryDecision(kind opKind, o outcome) decision {
	if o.status != 0 {
		switch o.status {
		case http.StatusTooManyRequests, http.StatusServiceUnavailable:
			// Rejected before processing: nothing was done.
			return decisionRetry
		case http.StatusInternalServerError, http.StatusBadGateway, http.StatusGatewayTimeout:
			if kind == opCreate {
				return decisionAmbiguous
			}
			return decisionRetry
		case http.StatusBadRequest:
			if o.errorCode == errorCodeInvitationsRateLimited {
				return decisionRetry
			}
		}
		return decisionStop
	}
	var te *tokenError
	if errors.As(o.err, &te) {
		// The API request was never sent.
		if te.retryable {
			return decisionRetry
		}
		return decisionStop
	}
	if kind == opCreate && o.wrote {
		return decisionAmbiguous
	}
	if isRetryableTransportError(o.err) {
		return decisionRetry
	}
	return decisionStop
}

// isRetryableTransportError reports connection failures worth another try:
// refused, reset, EOF, broken pipe, and timeouts of one attempt.
func isRetryableTransportError(err error) bool {
	if err == nil {
		return false
	}
	var certErr *x509.CertificateInvalidError
	var unknownAuth x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	if errors.As(err, &certErr) || errors.As(err, &unknownAuth) || errors.As(err, &hostErr) {
		return false
	}
	switch {
	case errors.Is(err, context.DeadlineExceeded),
		errors.Is(err, io.EOF),
		errors.Is(err, io.ErrUnexpectedEOF),
		errors.Is(err, syscall.ECONNREFUSED),
		errors.Is(err, syscall.ECONNRESET),
		errors.Is(err, syscall.ECONNABORTED),
		errors.Is(err, syscall.EPIPE):
		return true
	}
	var netErr net.Error
	if errors.As(err, &netErr) && netErr.Timeout() {
		return true
	}
	var opErr *net.OpError
	return errors.As(err, &opErr)
}

// parseRetryAfter reads a Retry-After header given in seconds or as an HTTP date.
func parseRetryAfter(v string, now time.Time) time.Duration {
	if v == "" {
		return 0
	}
	if secs, err := strconv.Atoi(v); err == nil {
		if secs < 0 {
			return 0
		}
		return time.Duration(secs) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		if d := t.Sub(now); d > 0 {
			return d
		}
	}
	return 0
}

// backoff returns the wait before retry number n (1 for the first retry):
// full jitter between MinBackoff and min(MaxBackoff, MinBackoff*2^(n-1)).
func (c *Client) backoff(n int) time.Duration {
	ceiling := c.minBackoff
	for i := 1; i < n && ceiling < c.maxBackoff; i++ {
		ceiling *= 2
	}
	if ceiling > c.maxBackoff {
		ceiling = c.maxBackoff
	}
	if ceiling <= c.minBackoff {
		return c.minBackoff
	}
	return c.minBackoff + rand.N(ceiling-c.minBackoff+1)
}

// tokenEndpointWait is how long to wait before asking the token endpoint
// again after it said Retry-After: its limit is shared by every provider
// process of the client ID on this address (Atlas: 10 a minute), so jitter
// after Retry-After keeps them from all coming back at the same instant and
// starving each other.
func tokenEndpointWait(retryAfter, jitter time.Duration) time.Duration {
	return retryAfter + rand.N(jitter)
}

// request describes one API operation.
type request struct {
	method  string
	path    string // escaped, from /api/atlas/v2
	query   url.Values
	version string
	body    any // nil: no body
	kind    opKind
	// received, when set, is given the size of the body of the successful
	// answer (listAll's byte budget).
	received *int
}

// do runs r with retries and decodes a 2xx body into out (if non-nil).
func (c *Client) do(ctx context.Context, r request, out any) error {
	u, err := c.apiURL(r.path, r.query)
	if err != nil {
		return err
	}
	var body []byte
	if r.body != nil {
		if body, err = json.Marshal(r.body); err != nil {
			return fmt.Errorf("atlas client: encoding %s %s request: %w", r.method, r.path, err)
		}
	}
	op := retryOp{method: r.method, path: u.EscapedPath(), kind: r.kind, ownCredentials: true}
	return c.retry(ctx, op, func(attempt int) (outcome, error) {
		return c.attempt(ctx, r, u, body, attempt, out)
	})
}

// retryOp names one operation for the retry loop and its messages.
type retryOp struct {
	method string
	path   string // escaped, without the query, as logged
	kind   opKind
	// ownCredentials is true when the attempts carry the client's own
	// credentials, so that a 401 may be a stale cached token (replaced
	// once) or a rejected static access token. The OAuth2 calls made for
	// other service accounts carry theirs.
	ownCredentials bool
}

// retry runs send, attempt after attempt, until it succeeds, the failure
// must not be repeated, or a budget runs out. Every operation, the API's and
// the OAuth2 endpoints', is retried by these same rules. Each concern is a
// unit of its own: a new token after a rejected one (reauthentication),
// what a failure says about a lost answer (lostAnswers), and the budgets of
// rate limits, of other retries and of refused connections (nextWait).
func (c *Client) retry(ctx context.Context, op retryOp, send func(attempt int) (outcome, error)) error {
	var (
		reauth  reauthentication
		lost    lostAnswers
		budgets = retryBudgets{
			limits:  rateLimitBudget{limit: c.rateLimitWait},
			retries: retryBudget{attempts: c.maxRetries + 1},
		}
	)
	for attempt := 1; ; attempt++ {
		o, err := send(attempt)
		if err == nil {
			return nil
		}
		if ctxErr := ctx.Err(); ctxErr != nil {
			return &requestError{method: op.method, path: op.path, msg: fmt.Sprintf("stopped after %d %s", attempt, plural(attempt, "attempt", "attempts")), err: ctxErr}
		}
		if reauth.newTokenFor(op, c.tokens != nil, o) {
			c.tokens.invalidate(o.bearer)
			continue
		}
		if staticTokenRejected(op, c.tokens != nil, o) {
			// A static access token: nothing here can get a new one.
			err = &accessTokenRejectedError{err: err}
		}
		switch retryDecision(op.kind, o) {
		case decisionStop:
			return lost.stopped(attempt, err, o)
		case decisionAmbiguous:
			return c.ambiguous(op, attempt, err, o)
		}
		lost.observe(o)
		wait, stop := c.nextWait(&budgets, attempt, o, err)
		if stop != nil {
			return stop
		}
		if tokenRateLimited(o) {
			// Otherwise the apply stalls with nothing visible.
			c.warn(ctx, fmt.Sprintf("Waiting %d s for Atlas's token rate limit (its OAuth2 token endpoint answers at most 10 requests a minute per service account and address)",
				int(wait.Round(time.Second).Seconds())), map[string]any{"method": op.method, "path": op.path, "wait_ms": wait.Milliseconds()})
		}
		if c.logger != nil {
			c.logger.Debug(ctx, "Atlas API request will be retried", map[string]any{
				"method":  op.method,
				"path":    op.path,
				"attempt": attempt,
				"wait_ms": wait.Milliseconds(),
				"error":   err.Error(),
			})
		}
		if ctxErr := c.local.Sleep(ctx, wait); ctxErr != nil {
			return &requestError{method: op.method, path: op.path, msg: fmt.Sprintf("stopped after %d %s (last error: %v)", attempt, plural(attempt, "attempt", "attempts"), err), err: ctxErr}
		}
	}
}

// reauthentication answers a rejected cached OAuth2 token with one new
// token per operation: the token was revoked or expired early. A second 401
// is a real authorization error.
type reauthentication struct{ done bool }

// newTokenFor reports whether the failure o of op calls for a new token and
// one more attempt; cached is whether the client has a token cache (client
// credentials). It says yes once per operation.
func (r *reauthentication) newTokenFor(op retryOp, cached bool, o outcome) bool {
	if !op.ownCredentials || !cached || r.done || !credentialRejected(o) {
		return false
	}
	r.done = true
	return true
}

// staticTokenRejected reports whether the failure o of op is Atlas refusing
// a bearer token the client was given (Config.AccessToken), which nothing
// here can replace.
func staticTokenRejected(op retryOp, cached bool, o outcome) bool {
	return op.ownCredentials && !cached && o.bearer != "" && credentialRejected(o)
}

// credentialRejected reports whether o is a 401 refusing the credential. A
// 401 USER_UNAUTHORIZED is Atlas's answer to a missing role, which a new
// token would only repeat (IsPermissionDenied).
func credentialRejected(o outcome) bool {
	return o.status == http.StatusUnauthorized && o.errorCode != errorCodeUserUnauthorized
}

// lostAnswers follows whether an attempt of one operation may have been
// carried out without its answer reaching us: a request dropped after it
// was sent, or a 500, 502 or 504. A later 4xx may then be the echo of that
// success (a 409 for the user the lost attempt added), which the typed call
// can resolve (IsAfterLostAnswer, MayHaveHappened).
type lostAnswers struct{ unanswered bool }

// observe notes the outcome of a failed attempt that will be retried.
func (l *lostAnswers) observe(o outcome) {
	if (o.status == 0 && o.wrote) || o.status == http.StatusInternalServerError ||
		o.status == http.StatusBadGateway || o.status == http.StatusGatewayTimeout {
		l.unanswered = true
	}
}

// stopped is the error of an operation that stops at attempt with err, the
// failure o that must not be repeated.
func (l *lostAnswers) stopped(attempt int, err error, o outcome) error {
	if l.unanswered && o.status >= 400 && o.status < 500 {
		err = &afterUnansweredError{err: err}
	}
	if attempt > 1 {
		return &exhaustedError{attempts: attempt, err: err}
	}
	return err
}

// ambiguous is the error of a create whose attempt may have created
// something (IsAmbiguous), with the latest time by Atlas's clock at which
// that attempt can have reached Atlas, when the offset is known already.
func (c *Client) ambiguous(op retryOp, attempt int, err error, o outcome) error {
	amb := &ambiguousError{method: op.method, path: op.path, attempts: attempt, err: err, wroteAt: o.wroteAt}
	if !o.wroteAt.IsZero() {
		amb.sentLatest, _ = c.atlas.latest(o.wroteAt)
	}
	return amb
}

// retryBudgets are the limits of one operation's retries.
type retryBudgets struct {
	limits   rateLimitBudget
	retries  retryBudget
	refusals refusalBudget
}

// nextWait charges the retryable failure o of attempt to its budget and
// returns the wait before the next attempt, or the error that ends the
// operation (err, the attempt's error, wrapped) when the budget is spent.
func (c *Client) nextWait(b *retryBudgets, attempt int, o outcome, err error) (time.Duration, error) {
	if rateLimited(o) {
		wait, ok := b.limits.next(c.local.Now(), func(n int) time.Duration { return c.waitFor(n, o) })
		if !ok {
			what := "Atlas's rate limit"
			if o.errorCode == errorCodeInvitationsRateLimited {
				what = "Atlas's invitation limit"
			}
			return 0, &exhaustedError{attempts: attempt, err: fmt.Errorf("still over %s after waiting %s: %w", what, c.rateLimitWait, err)}
		}
		return wait, nil
	}
	n, more := b.retries.charge()
	refused := connectionRefused(o)
	if refused && (!b.refusals.charge() || !more) {
		return 0, &connectionRefusedError{baseURL: c.baseURL.Redacted(), attempts: attempt, err: err}
	}
	if !more {
		return 0, &exhaustedError{attempts: attempt, err: err}
	}
	wait := c.waitFor(n, o)
	if refused {
		wait = min(wait, maxRefusedWait)
	}
	return wait, nil
}

// waitFor is the wait before retry n of its budget after the failure o: the
// back-off, at least Retry-After, and for the token endpoint Retry-After
// with jitter (tokenEndpointWait).
func (c *Client) waitFor(n int, o outcome) time.Duration {
	var te *tokenError
	if errors.As(o.err, &te) && o.retryAfter > 0 {
		return tokenEndpointWait(o.retryAfter, c.minBackoff)
	}
	return max(c.backoff(n), o.retryAfter)
}

// rateLimited reports whether o is a rate limit, the API's (a 429, or the
// invitation limit) or the token endpoint's (a 429): nothing was done, so
// the operation waits it out, bounded by time (rateLimitBudget) rather than
// by MaxRetries.
func rateLimited(o outcome) bool {
	var te *tokenError
	return o.errorCode == errorCodeInvitationsRateLimited || o.status == http.StatusTooManyRequests ||
		(errors.As(o.err, &te) && te.status == http.StatusTooManyRequests)
}

// tokenRateLimited reports whether o is the token endpoint's 429.
func tokenRateLimited(o outcome) bool {
	var te *tokenError
	return errors.As(o.err, &te) && te.status == http.StatusTooManyRequests
}

// connectionRefused reports whether o is a refused connection.
func connectionRefused(o outcome) bool {
	return o.status == 0 && errors.Is(o.err, syscall.ECONNREFUSED)
}

// rateLimitBudget bounds by time how long one operation waits for rate
// limits (Config.RateLimitWait), from the first refusal on.
type rateLimitBudget struct {
	limit   time.Duration
	since   time.Time // the first refusal; zero before
	retries int
}

// next charges one more rate-limited retry at local time now and returns
// its wait, computed by waitFor from the retry's number; ok is false when
// the wait would end past the limit.
func (b *rateLimitBudget) next(now time.Time, waitFor func(n int) time.Duration) (wait time.Duration, ok bool) {
	if b.since.IsZero() {
		b.since = now
	}
	b.retries++
	wait = waitFor(b.retries)
	return wait, now.Sub(b.since)+wait <= b.limit
}

// retryBudget counts the attempts charged to MaxRetries: every retry other
// than a rate limit's.
type retryBudget struct {
	attempts int // MaxRetries + 1
	retries  int
}

// charge counts one more retry and returns its number (the back-off's
// step); more is false when the budget is spent and the failure is final.
func (b *retryBudget) charge() (n int, more bool) {
	b.retries++
	return b.retries, b.retries < b.attempts
}

// refusalBudget counts refused connections, which end an operation after
// maxRefusedAttempts attempts, sooner than the retry budget.
type refusalBudget struct{ refusals int }

// charge counts one more refusal; more is false when it is the last allowed.
func (b *refusalBudget) charge() (more bool) {
	b.refusals++
	return b.refusals < maxRefusedAttempts
}

// attempt sends one request. It returns a nil error on success, otherwise
// the error for the caller and the outcome for the retry decision.
func (c *Client) attempt(ctx context.Context, r request, u *url.URL, body []byte, number int, out any) (outcome, error) {
	// A POST is not abandoned half-way when ctx is cancelled (Terraform
	// cancels it on Ctrl-C): Atlas may carry out a create whose answer
	// nobody waits for, leaving an object that no state records. The attempt
	// runs to its answer or its timeout; the cancellation is honoured before
	// the next attempt.
	parent := ctx
	if r.method == http.MethodPost {
		parent = context.WithoutCancel(ctx)
	}
	actx, cancel := context.WithTimeout(parent, c.timeout)
	defer cancel()
	info := &attemptInfo{number: number}
	actx = context.WithValue(actx, attemptKey{}, info)

	var reader io.Reader
	if body != nil {
		reader = bytes.NewReader(body)
	}
	// NewRequestWithContext sets ContentLength and GetBody for a
	// *bytes.Reader, so the digest layer can replay the body.
	req, err := http.NewRequestWithContext(actx, r.method, u.String(), reader)
	if err != nil {
		return outcome{}, fmt.Errorf("atlas client: building %s %s: %w", r.method, u.EscapedPath(), err)
	}
	req.URL = u // keep RawPath exactly as built
	mediaType := "application/vnd.atlas." + r.version + "+json"
	req.Header.Set("Accept", mediaType)
	if body != nil {
		req.Header.Set("Content-Type", mediaType)
	}
	if c.userAgent != "" {
		req.Header.Set("User-Agent", c.userAgent)
	}

	path := u.EscapedPath()
	// A RoundTripper, unlike an http.Client, follows no redirect: a 3xx
	// from the API is an *APIError below, and the credentials are never
	// resent to where its Location points.
	resp, err := c.transport.RoundTrip(req)
	if err != nil {
		o := outcome{err: err, wrote: info.wrote.Load(), wroteAt: info.wroteTime()}
		var te *tokenError
		if errors.As(err, &te) {
			// The token endpoint's Retry-After, honoured like the API's.
			o.retryAfter = te.retryAfter
		}
		return o, &requestError{method: r.method, path: path, err: err}
	}
	data, readErr := io.ReadAll(io.LimitReader(resp.Body, maxResponseBytes))
	_ = resp.Body.Close()

	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		apiErr := newAPIError(r.method, path, resp.StatusCode, data)
		o := outcome{status: resp.StatusCode, errorCode: apiErr.ErrorCode, wrote: true, wroteAt: info.wroteTime()}
		if tok, ok := info.bearer.Load().(string); ok {
			o.bearer = tok
		}
		if resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable {
			o.retryAfter = parseRetryAfter(resp.Header.Get("Retry-After"), c.local.Now())
		}
		return o, apiErr
	}
	if readErr != nil {
		// The answer was 2xx but did not arrive whole: the operation happened.
		return outcome{err: readErr, wrote: true, wroteAt: info.wroteTime()},
			&requestError{method: r.method, path: path, msg: fmt.Sprintf("reading %d response", resp.StatusCode), err: readErr}
	}
	if r.received != nil {
		*r.received = len(data)
	}
	if out == nil || resp.StatusCode == http.StatusNoContent || len(bytes.TrimSpace(data)) == 0 {
		return outcome{}, nil
	}
	if err := json.Unmarshal(data, out); err != nil {
		// Not retryable: a malformed answer will not improve. For a create it
		// is still ambiguous, because the object was made.
		return outcome{err: errMalformed, wrote: true, wroteAt: info.wroteTime()},
			&requestError{method: r.method, path: path, msg: fmt.Sprintf("decoding %d response", resp.StatusCode), err: err}
	}
	return outcome{}, nil
}

// errMalformed marks an undecodable 2xx body in an outcome; it is not a
// retryable transport error.
var errMalformed = errors.New("malformed response body")
