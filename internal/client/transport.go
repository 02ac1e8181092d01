package client

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/http/httptrace"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"golang.org/x/oauth2"
)

// attemptKey is the context key of the *attemptInfo of one attempt.
type attemptKey struct{}

// attemptInfo travels in the request context from the retry loop down to the
// innermost transport, which records whether the request reached the wire.
type attemptInfo struct {
	number int
	// wrote is true when the headers of the most recent request sent to the
	// base transport were written. An authentication layer may send more
	// than one request per attempt (the digest challenge); only the last one
	// decides whether a failed create may have been carried out.
	wrote atomic.Bool
	// bearer is the bearer token the most recent request carried, so that a
	// 401 invalidates exactly the token Atlas rejected. Never logged.
	bearer atomic.Value // string
	// wroteAt is the local time (Unix nanoseconds) at which the most recent
	// request was last seen being written: its headers, then its body. Atlas
	// can carry it out only later.
	wroteAt atomic.Int64
}

func attemptFromContext(ctx context.Context) *attemptInfo {
	info, _ := ctx.Value(attemptKey{}).(*attemptInfo)
	return info
}

// traceTransport records, per request, whether anything was written, and
// reads Atlas's clock from the Date header of every answer.
type traceTransport struct {
	next  http.RoundTripper
	atlas *atlasClock
	local Clock
}

func (t *traceTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	started := t.local.Now()
	info := attemptFromContext(req.Context())
	if info == nil {
		return t.observe(started)(t.next.RoundTrip(req))
	}
	info.wrote.Store(false)
	info.wroteAt.Store(0)
	if tok, ok := strings.CutPrefix(req.Header.Get("Authorization"), "Bearer "); ok {
		info.bearer.Store(tok)
	}
	trace := &httptrace.ClientTrace{
		WroteHeaders: func() {
			info.wroteAt.Store(t.local.Now().UnixNano())
			info.wrote.Store(true)
		},
		WroteRequest: func(httptrace.WroteRequestInfo) { info.wroteAt.Store(t.local.Now().UnixNano()) },
	}
	return t.observe(started)(t.next.RoundTrip(req.WithContext(httptrace.WithClientTrace(req.Context(), trace))))
}

// observe returns a function that reads Atlas's clock from the answer to a
// request that started at local time started.
func (t *traceTransport) observe(started time.Time) func(*http.Response, error) (*http.Response, error) {
	return func(resp *http.Response, err error) (*http.Response, error) {
		if resp != nil && t.atlas != nil {
			t.atlas.observe(resp.Header.Get("Date"), started, t.local.Now())
		}
		return resp, err
	}
}

// bearerTransport adds a static bearer token.
type bearerTransport struct {
	token string
	next  http.RoundTripper
}

func (t *bearerTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	r := req.Clone(req.Context())
	r.Header.Set("Authorization", "Bearer "+t.token)
	return t.next.RoundTrip(r)
}

// userAgentTransport sets User-Agent on the OAuth2 token request.
type userAgentTransport struct {
	userAgent string
	next      http.RoundTripper
}

func (t *userAgentTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if t.userAgent == "" {
		return t.next.RoundTrip(req)
	}
	r := req.Clone(req.Context())
	r.Header.Set("User-Agent", t.userAgent)
	return t.next.RoundTrip(r)
}

// loggingTransport logs one debug entry per attempt. It sits outside the
// authentication layer, so it never sees the Authorization header, and it
// logs neither headers nor bodies: of a failed answer it logs only Atlas's
// errorCode (or the OAuth2 "error" value of the token endpoints), and of the
// request only the API version its Accept header asks for. The OAuth2 token
// fetch and revocation get messages of their own.
type loggingTransport struct {
	next   http.RoundTripper
	logger Logger
	local  Clock
}

// maxLoggedErrorBody bounds what is read of a failed answer to find its
// errorCode; the whole body is handed on unchanged.
const maxLoggedErrorBody = 64 << 10

func (t *loggingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	start := t.local.Now()
	resp, err := t.next.RoundTrip(req)
	fields := map[string]any{
		"method":      req.Method,
		"path":        req.URL.EscapedPath(),
		"duration_ms": t.local.Now().Sub(start).Milliseconds(),
	}
	if req.URL.RawQuery != "" {
		fields["query"] = req.URL.RawQuery
	}
	if v := apiVersion(req.Header.Get("Accept")); v != "" {
		fields["api_version"] = v
	}
	if info := attemptFromContext(req.Context()); info != nil {
		fields["attempt"] = info.number
	}
	if resp != nil {
		fields["status"] = resp.StatusCode
		if resp.StatusCode >= 400 {
			if code := peekErrorCode(resp, logMessage(req.URL.Path) != "Atlas API request"); code != "" {
				fields["error_code"] = code
			}
		}
	}
	if err != nil {
		fields["error"] = err.Error()
	}
	t.logger.Debug(req.Context(), logMessage(req.URL.Path), fields)
	return resp, err
}

// logMessage names what a request is, for its log entry.
func logMessage(path string) string {
	switch {
	case strings.HasSuffix(path, TokenPath):
		return "Atlas OAuth2 token fetch"
	case strings.HasSuffix(path, RevokePath):
		return "Atlas OAuth2 token revocation"
	}
	return "Atlas API request"
}

// apiVersion is the version of the Atlas media type accept asks for
// (application/vnd.atlas.2024-08-05+json gives 2024-08-05), or "".
func apiVersion(accept string) string {
	const prefix = "application/vnd.atlas."
	i := strings.Index(accept, prefix)
	if i < 0 {
		return ""
	}
	v := accept[i+len(prefix):]
	if j := strings.IndexAny(v, "+;, "); j >= 0 {
		v = v[:j]
	}
	return v
}

// peekErrorCode reads resp's body for its Atlas errorCode (or, from an
// OAuth2 endpoint, its "error" value) and puts the body back for the caller
// to read unchanged.
func peekErrorCode(resp *http.Response, oauth bool) string {
	if resp.Body == nil {
		return ""
	}
	data, readErr := io.ReadAll(io.LimitReader(resp.Body, maxLoggedErrorBody))
	resp.Body = struct {
		io.Reader
		io.Closer
	}{io.MultiReader(bytes.NewReader(data), resp.Body), resp.Body}
	if readErr != nil {
		return ""
	}
	var body struct {
		ErrorCode string `json:"errorCode"`
		Error     any    `json:"error"`
	}
	if json.Unmarshal(data, &body) != nil {
		return ""
	}
	if body.ErrorCode != "" {
		return body.ErrorCode
	}
	if s, ok := body.Error.(string); ok && oauth {
		return s
	}
	return ""
}

// tokenError is a failed OAuth2 token fetch. Its text never contains the
// client secret or the token endpoint's response body.
type tokenError struct {
	status    int    // HTTP status of the token endpoint; 0 for a transport error
	code      string // OAuth2 "error" value, if any
	err       error  // transport error, if any
	retryable bool
	// retryAfter is the endpoint's Retry-After on a 429 or 503: Atlas
	// limits token requests per client IP and client ID (10 a minute), so
	// many provider processes starting at once are told to wait.
	retryAfter time.Duration
}

func (e *tokenError) Error() string {
	switch e.status {
	case 0:
		return fmt.Sprintf("Atlas OAuth2 token request failed: %v", e.err)
	case http.StatusBadRequest, http.StatusUnauthorized:
		// OAuth2 (RFC 6749 section 5.2) answers unknown or wrong client
		// credentials with 401 or 400 (invalid_client, unauthorized_client).
		msg := fmt.Sprintf("Atlas OAuth2 token request returned %d", e.status)
		if e.code != "" {
			msg += " " + e.code
		}
		return msg + ": the client credentials were rejected; check the client ID and client secret of the service account"
	default:
		// Any other status (403, 405, 429, 5xx, ...) is not a verdict on
		// the credentials: report what the endpoint said and nothing more.
		msg := fmt.Sprintf("Atlas OAuth2 token request returned %d %s", e.status, http.StatusText(e.status))
		if e.code != "" {
			msg += " (OAuth2 error " + e.code + ")"
		}
		return msg
	}
}

func (e *tokenError) Unwrap() error { return e.err }

// sanitizingTokenSource fetches a fresh token on every call (caching is done
// by the oauth2.ReuseTokenSourceWithExpiry around it) and turns failures into
// a *tokenError.
type sanitizingTokenSource struct {
	fetch func() (*oauth2.Token, error)
	local Clock
}

func (s *sanitizingTokenSource) Token() (*oauth2.Token, error) {
	tok, err := s.fetch()
	if err == nil {
		if lifetime, ok := expiresIn(tok); ok {
			// The library times expires_in by package time; the client's
			// clock times everything else (the cache's refresh, Atlas's
			// clock offset), and one clock must time both.
			tok.Expiry = s.local.Now().Add(lifetime)
		}
		return tok, nil
	}
	var re *oauth2.RetrieveError
	if errors.As(err, &re) && re.Response != nil {
		st := re.Response.StatusCode
		te := &tokenError{
			status:    st,
			code:      re.ErrorCode,
			retryable: st == http.StatusTooManyRequests || st >= 500,
		}
		if st == http.StatusTooManyRequests || st == http.StatusServiceUnavailable {
			te.retryAfter = parseRetryAfter(re.Response.Header.Get("Retry-After"), s.local.Now())
		}
		return nil, te
	}
	if re != nil {
		return nil, &tokenError{code: re.ErrorCode, err: errors.New("invalid response from the token endpoint")}
	}
	var redirect *redirectRefusedError
	if errors.As(err, &redirect) {
		// Its text names the endpoint; the url.Error around it would
		// repeat the address.
		return nil, &tokenError{err: redirect}
	}
	return nil, &tokenError{err: err, retryable: isRetryableTransportError(err)}
}

// expiresIn is the lifetime the token endpoint gave tok (expires_in, in
// seconds, a JSON number or, in a form-encoded answer, text); ok is false
// when it gave none.
func expiresIn(tok *oauth2.Token) (lifetime time.Duration, ok bool) {
	var secs float64
	switch v := tok.Extra("expires_in").(type) {
	case float64:
		secs = v
	case string:
		n, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return 0, false
		}
		secs = n
	default:
		return 0, false
	}
	if secs <= 0 {
		return 0, false
	}
	// As the library does: a lifetime beyond 68 years is taken as that.
	secs = min(secs, math.MaxInt32)
	return time.Duration(secs * float64(time.Second)), true
}

// wroteTime is the local time the attempt's request was last seen being
// written, zero when it was not.
func (a *attemptInfo) wroteTime() time.Time {
	if n := a.wroteAt.Load(); n != 0 {
		return time.Unix(0, n)
	}
	return time.Time{}
}
