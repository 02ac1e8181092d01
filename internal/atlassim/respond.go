package atlassim

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// apiError is the ApiError body of every error answer. parameters is always
// sent, [] when there are none, and holds scalars as Atlas sends them (the
// spec types its items as objects; see doc.go). errorCode is left out only
// by the digest 401, which Atlas sends without one.
type apiError struct {
	Error            int               `json:"error"`
	ErrorCode        string            `json:"errorCode,omitempty"`
	Detail           string            `json:"detail"`
	Reason           string            `json:"reason"`
	Parameters       []any             `json:"parameters"`
	BadRequestDetail *badRequestDetail `json:"badRequestDetail,omitempty"`
}

type badRequestDetail struct {
	Fields []fieldViolation `json:"fields"`
}

type fieldViolation struct {
	Field       string `json:"field"`
	Description string `json:"description"`
	// code and attr are the Atlas errorCode of this violation and the
	// attribute it names (roles for roles[1]); a 400 answers with those of
	// its first violation.
	code, attr string
}

// errResp is an error answer built by a handler or validator.
type errResp struct {
	status int
	code   string
	detail string
	fields []fieldViolation
	params []any
}

func (e *errResp) Error() string { return e.code + ": " + e.detail }

func newErr(status int, code, detail string, params ...any) *errResp {
	return &errResp{status: status, code: code, detail: detail, params: params}
}

// writeError answers with an application/json ApiError.
func writeError(w http.ResponseWriter, r *http.Request, status int, code, detail string) {
	writeErr(w, r, &errResp{status: status, code: code, detail: detail})
}

func writeErr(w http.ResponseWriter, r *http.Request, e *errResp) {
	body := apiError{
		Error:      e.status,
		ErrorCode:  e.code,
		Detail:     e.detail,
		Reason:     http.StatusText(e.status),
		Parameters: append([]any{}, e.params...),
	}
	if len(e.fields) > 0 {
		body.BadRequestDetail = &badRequestDetail{Fields: e.fields}
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(e.status)
	_, _ = w.Write(encodeJSON(body, queryBool(r, "pretty")))
}

// unauthorizedDetail is the detail of Atlas's answer to failed digest
// authentication, which carries no errorCode.
const unauthorizedDetail = "You are not authorized for this resource."

// writeDigestUnauthorized answers a failed digest authentication as Atlas
// does: 401 {"error":401,"reason":"Unauthorized","detail":"You are not
// authorized for this resource.","parameters":[]}, with no errorCode.
func writeDigestUnauthorized(w http.ResponseWriter, r *http.Request) {
	writeErr(w, r, &errResp{status: http.StatusUnauthorized, detail: unauthorizedDetail})
}

// Nominal token bucket of the simulator's rate-limit headers and injected
// 429s: capacity 100, refilled at 100 tokens per 60 seconds. The simulator
// has no rate limiter of its own; the numbers only give the headers and the
// 429 body the shape Atlas's rate-limit documentation describes.
const (
	rateCapacity       = 100
	rateRefill         = 100
	rateRefillSeconds  = 60
	rateRetryAfterSecs = 1
)

// writeRateLimited answers an injected 429 with the nominal bucket.
func writeRateLimited(w http.ResponseWriter, r *http.Request) {
	writeErr(w, r, rateLimited(w, r, rateRetryAfterSecs, rateCapacity, rateRefill, rateRefillSeconds))
}

// rateLimited sets the headers of a 429 from Atlas's token-bucket limiter
// and returns its body: errorCode RATE_LIMITED_TOKEN_BUCKET, a detail naming
// the endpoint set, and parameters [endpoint set, retry after seconds,
// capacity, refill rate, refill seconds], as in Atlas's rate-limit
// documentation. The headers are RateLimit-Limit (the capacity),
// RateLimit-Remaining (0, the bucket is empty) and Retry-After (seconds).
func rateLimited(w http.ResponseWriter, r *http.Request, retryAfter, capacity, refill, refillSeconds int) *errResp {
	endpoint := strings.TrimPrefix(r.URL.Path, "/")
	w.Header().Set("RateLimit-Limit", strconv.Itoa(capacity))
	w.Header().Set("RateLimit-Remaining", "0")
	w.Header().Set("Retry-After", strconv.Itoa(retryAfter))
	return &errResp{
		status: http.StatusTooManyRequests, code: "RATE_LIMITED_TOKEN_BUCKET",
		detail: fmt.Sprintf("Rate limit exceeded for %s. Please retry after %d seconds. Request capacity: %d. Refill rate: %d per %d seconds.",
			endpoint, retryAfter, capacity, refill, refillSeconds),
		params: []any{endpoint, retryAfter, capacity, refill, refillSeconds},
	}
}

// retryAfterSeconds rounds a wait up to whole seconds, at least 1.
func retryAfterSeconds(d time.Duration) int {
	return max(1, int((d+time.Second-1)/time.Second))
}

func encodeJSON(v any, pretty bool) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if pretty {
		enc.SetIndent("", "  ")
	}
	if err := enc.Encode(v); err != nil {
		// Only our own types are encoded; failing here is a simulator bug.
		panic(err)
	}
	return buf.Bytes()
}

// queryBool reads a boolean query parameter; anything but "true" is false.
func queryBool(r *http.Request, name string) bool {
	return strings.EqualFold(r.URL.Query().Get(name), "true")
}

// setRateLimitHeaders adds the headers every 2xx declares. The simulator has
// no real rate limiter (faults simulate 429s), so the values are nominal.
func setRateLimitHeaders(w http.ResponseWriter) {
	w.Header().Set("RateLimit-Limit", strconv.Itoa(rateCapacity))
	w.Header().Set("RateLimit-Remaining", strconv.Itoa(rateCapacity-1))
}

// writeResource answers a single resource, honouring envelope and pretty.
func (c *reqCtx) writeResource(status int, body any) {
	out := body
	if queryBool(c.r, "envelope") {
		out = struct {
			Status  int `json:"status"`
			Content any `json:"content"`
		}{status, body}
	}
	c.writeBody(status, out)
}

// writeList answers a paginated list; envelope adds "status" beside "results".
func (c *reqCtx) writeList(status int, body any) {
	out := body
	if queryBool(c.r, "envelope") {
		var m map[string]any
		_ = json.Unmarshal(encodeJSON(body, false), &m)
		m["status"] = status
		out = m
	}
	c.writeBody(status, out)
}

func (c *reqCtx) writeBody(status int, body any) {
	setRateLimitHeaders(c.w)
	c.w.Header().Set("Content-Type", "application/vnd.atlas."+c.version+"+json")
	c.w.WriteHeader(status)
	_, _ = c.w.Write(encodeJSON(body, queryBool(c.r, "pretty")))
}

// writeNoContent answers 204. The contract declares the versioned media type
// even for 204 (with no schema), so the Content-Type is set all the same.
func (c *reqCtx) writeNoContent() {
	setRateLimitHeaders(c.w)
	c.w.Header().Set("Content-Type", "application/vnd.atlas."+c.version+"+json")
	c.w.WriteHeader(http.StatusNoContent)
}

func (c *reqCtx) fail(e *errResp) { writeErr(c.w, c.r, e) }

// withLock runs fn under the store lock and reports whether it succeeded.
// An error from fn is answered only after the lock is released: no response
// is written while c.s.mu is held, or one slow client would stall every
// request. On success the caller writes its own answer, also outside the
// lock, so fn copies what the answer needs into a view instead of keeping
// pointers into the store. A handler that changes the store calls
// commitLocked inside fn, so a failed save is answered as the error.
func (c *reqCtx) withLock(fn func() *errResp) bool {
	c.s.mu.Lock()
	e := fn()
	c.s.mu.Unlock()
	if e != nil {
		c.fail(e)
		return false
	}
	return true
}

// decodeBody reads the request body and decodes it with decode, which is
// given the configured project roles to check role names against. It
// answers a read or validation error itself and then reports false. Bodies
// are decoded before the store is locked: a bad body is a 400 whatever the
// path names.
func decodeBody[T any](c *reqCtx, decode func(data []byte, allowed map[string]bool) (T, *errResp)) (T, bool) {
	data, e := readAll(c.r)
	if e != nil {
		c.fail(e)
		var zero T
		return zero, false
	}
	v, e := decode(data, c.s.roles)
	if e != nil {
		c.fail(e)
		return v, false
	}
	return v, true
}

// link is a Link object.
type link struct {
	Href string `json:"href"`
	Rel  string `json:"rel"`
}

// baseURL is the scheme and host used in links.
func (c *reqCtx) baseURL() string {
	if c.s.opts.BaseURL != "" {
		return c.s.opts.BaseURL
	}
	scheme := "http"
	if c.r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + c.r.Host
}

// selfLink links to a resource path below /api/atlas/v2.
func (c *reqCtx) selfLink(path string) []link {
	return []link{{Href: c.baseURL() + apiPrefix + path, Rel: "self"}}
}

// page is a parsed itemsPerPage/pageNum/includeCount triple.
type page struct {
	itemsPerPage, pageNum int
	includeCount          bool
}

// parsePage applies the spec's parameter definitions: itemsPerPage is an
// integer from 1 to 500 (default 100) and pageNum an integer from 1 (default
// 1); a value outside those bounds, or not an integer, is a 400
// INVALID_QUERY_PARAMETER naming the parameter. An empty value is absent.
func parsePage(r *http.Request) (page, *errResp) {
	p := page{itemsPerPage: 100, pageNum: 1, includeCount: true}
	q := r.URL.Query()
	var fields []fieldViolation
	for _, name := range []string{"itemsPerPage", "pageNum"} {
		raw := q.Get(name)
		if raw == "" {
			continue
		}
		n, err := strconv.Atoi(raw)
		switch {
		case err != nil:
			fields = append(fields, fieldViolation{Field: name, Description: fmt.Sprintf("%s must be an integer, got %q", name, raw)})
			continue
		case name == "itemsPerPage" && (n < 1 || n > maxItemsPerPage):
			fields = append(fields, fieldViolation{Field: name, Description: fmt.Sprintf("itemsPerPage must be between 1 and %d, got %d", maxItemsPerPage, n)})
			continue
		case name == "pageNum" && n < 1:
			fields = append(fields, fieldViolation{Field: name, Description: fmt.Sprintf("pageNum must be at least 1, got %d", n)})
			continue
		}
		if name == "itemsPerPage" {
			p.itemsPerPage = n
		} else {
			p.pageNum = n
		}
	}
	if v := q.Get("includeCount"); v != "" {
		p.includeCount = !strings.EqualFold(v, "false")
	}
	if len(fields) > 0 {
		return p, &errResp{
			status: http.StatusBadRequest, code: "INVALID_QUERY_PARAMETER",
			detail: fmt.Sprintf("Invalid query parameter %s: %s.", fields[0].Field, fields[0].Description),
			fields: fields, params: []any{fields[0].Field},
		}
	}
	return p, nil
}

// maxItemsPerPage is the spec's maximum of itemsPerPage.
const maxItemsPerPage = 500

// paginated is the body of every Paginated* response.
type paginated[T any] struct {
	Links      []link `json:"links"`
	Results    []T    `json:"results"`
	TotalCount *int   `json:"totalCount,omitempty"`
}

// paginate cuts one page out of all and builds self and next links.
func paginate[T any](c *reqCtx, all []T, p page) paginated[T] {
	start := min((p.pageNum-1)*p.itemsPerPage, len(all))
	end := min(start+p.itemsPerPage, len(all))
	out := paginated[T]{Results: append([]T{}, all[start:end]...)}
	if p.includeCount {
		n := len(all)
		out.TotalCount = &n
	}
	pageURL := func(n int) string {
		q := c.r.URL.Query()
		q.Set("pageNum", strconv.Itoa(n))
		q.Set("itemsPerPage", strconv.Itoa(p.itemsPerPage))
		return c.baseURL() + c.r.URL.Path + "?" + q.Encode()
	}
	out.Links = []link{{Href: pageURL(p.pageNum), Rel: "self"}}
	if end < len(all) {
		out.Links = append(out.Links, link{Href: pageURL(p.pageNum + 1), Rel: "next"})
	}
	if p.pageNum > 1 {
		out.Links = append(out.Links, link{Href: pageURL(p.pageNum - 1), Rel: "previous"})
	}
	return out
}
