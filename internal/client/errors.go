package client

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"syscall"
	"time"
	"unicode/utf8"
)

// APIError is a non-2xx answer of the Atlas API, decoded from its ApiError
// body when there is one.
type APIError struct {
	// StatusCode is the HTTP status code of the response.
	StatusCode int
	// ErrorCode is the Atlas application error code, e.g. RESOURCE_NOT_FOUND.
	ErrorCode string
	// Detail describes the specific error.
	Detail string
	// Reason is the HTTP reason phrase Atlas sends.
	Reason string
	// BadRequestDetail lists field violations of a 400 response, if any.
	BadRequestDetail *BadRequestDetail
	// Method and Path are those of the request (path only, no query).
	Method, Path string
}

// BadRequestDetail lists every field violation of a rejected request.
type BadRequestDetail struct {
	Fields []FieldViolation `json:"fields"`
}

// FieldViolation is one invalid request field.
type FieldViolation struct {
	Field       string `json:"field"`
	Description string `json:"description"`
}

// apiErrorBody is the wire form of ApiError, the fields this client reads:
// its "error" field repeats the HTTP status, which comes from the response.
type apiErrorBody struct {
	ErrorCode        string            `json:"errorCode"`
	Detail           *string           `json:"detail"`
	Reason           *string           `json:"reason"`
	BadRequestDetail *BadRequestDetail `json:"badRequestDetail"`
}

// Error returns one readable sentence naming the request, the status, the
// Atlas error code, the detail and any field violations.
func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Atlas API %s %s returned %d", e.Method, e.Path, e.StatusCode)
	if e.ErrorCode != "" {
		b.WriteString(" " + e.ErrorCode)
	} else if text := http.StatusText(e.StatusCode); text != "" {
		b.WriteString(" " + text)
	}
	if e.Detail != "" {
		b.WriteString(": " + e.Detail)
	}
	if e.BadRequestDetail != nil && len(e.BadRequestDetail.Fields) > 0 {
		parts := make([]string, 0, len(e.BadRequestDetail.Fields))
		for _, f := range e.BadRequestDetail.Fields {
			parts = append(parts, f.Field+": "+f.Description)
		}
		b.WriteString(" (fields: " + strings.Join(parts, "; ") + ")")
	}
	return b.String()
}

// maxErrorSnippet bounds how much of a non-JSON error body is kept.
const maxErrorSnippet = 200

// newAPIError decodes an error response body. A body that is not an ApiError
// document falls back to the status text and a short excerpt of the body.
func newAPIError(method, path string, status int, body []byte) *APIError {
	e := &APIError{StatusCode: status, Method: method, Path: path}
	var wire apiErrorBody
	if err := json.Unmarshal(body, &wire); err == nil && (wire.ErrorCode != "" || wire.Detail != nil) {
		e.ErrorCode = wire.ErrorCode
		if wire.Detail != nil {
			e.Detail = *wire.Detail
		}
		if wire.Reason != nil {
			e.Reason = *wire.Reason
		}
		e.BadRequestDetail = wire.BadRequestDetail
		return e
	}
	e.Reason = http.StatusText(status)
	snippet := strings.TrimSpace(string(body))
	if len(snippet) > maxErrorSnippet {
		snippet = snippet[:maxErrorSnippet]
		for !utf8.ValidString(snippet) {
			snippet = snippet[:len(snippet)-1]
		}
		snippet += "..."
	}
	e.Detail = strings.Join(strings.Fields(snippet), " ")
	return e
}

func asAPIError(err error) (*APIError, bool) {
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		return apiErr, true
	}
	return nil, false
}

func hasStatus(err error, status int) bool {
	apiErr, ok := asAPIError(err)
	return ok && apiErr.StatusCode == status
}

// IsNotFound reports whether err wraps an *APIError with status 404.
func IsNotFound(err error) bool { return hasStatus(err, http.StatusNotFound) }

// IsConflict reports whether err wraps an *APIError with status 409.
func IsConflict(err error) bool { return hasStatus(err, http.StatusConflict) }

// IsPermissionDenied reports whether err is Atlas refusing an operation to
// credentials it accepted: HTTP 401 with errorCode USER_UNAUTHORIZED, which
// is how Atlas answers a missing role, or any HTTP 403, which it uses for
// some other denials such as a caller outside the API access list. Unlike a
// rejected credential, a new token does not change the answer.
func IsPermissionDenied(err error) bool {
	apiErr, ok := asAPIError(err)
	if !ok {
		return false
	}
	if apiErr.StatusCode == http.StatusForbidden {
		// Atlas also answers 403 for a project at a limit, which no role
		// lifts (IsDatabaseUserLimitExceeded).
		return apiErr.ErrorCode != ErrorCodeDatabaseUserLimit && apiErr.ErrorCode != ErrorCodeCustomDBRoleLimit
	}
	return apiErr.StatusCode == http.StatusUnauthorized && apiErr.ErrorCode == errorCodeUserUnauthorized
}

// errorCodeNotOnAccessList is the errorCode of Atlas's HTTP 403 to a request
// that came from an address outside the API access list of the account that
// signed it.
const errorCodeNotOnAccessList = "IP_ADDRESS_NOT_ON_ACCESS_LIST"

// IsCallerNotOnAccessList reports whether err is Atlas refusing a request
// because it came from an address outside the API access list of the
// account that signed it (HTTP 403 IP_ADDRESS_NOT_ON_ACCESS_LIST). The
// credentials and their roles were accepted; the caller's address was not.
func IsCallerNotOnAccessList(err error) bool {
	apiErr, ok := asAPIError(err)
	return ok && apiErr.StatusCode == http.StatusForbidden && apiErr.ErrorCode == errorCodeNotOnAccessList
}

// ErrorCode returns the Atlas errorCode of the *APIError that err wraps, or
// "" if err does not wrap one.
func ErrorCode(err error) string {
	if apiErr, ok := asAPIError(err); ok {
		return apiErr.ErrorCode
	}
	return ""
}

// ambiguousError reports a create request whose outcome is unknown: the
// request reached Atlas, and the failure does not prove that nothing was
// created. Retrying blindly could create a duplicate.
type ambiguousError struct {
	method, path string
	attempts     int
	err          error
	// wroteAt is the local time the last attempt was written; zero when
	// unknown. sentLatest is the latest time, by Atlas's clock, at which it
	// can have reached Atlas, by the clock offset known at the failure; zero
	// when none was known (LatestSendTime).
	wroteAt, sentLatest time.Time
}

func (e *ambiguousError) Error() string {
	return fmt.Sprintf("Atlas API %s %s: outcome unknown after %d %s, the object may have been created; look for it before creating it again: %v",
		e.method, e.path, e.attempts, plural(e.attempts, "attempt", "attempts"), e.err)
}

func (e *ambiguousError) Unwrap() error { return e.err }

// IsAmbiguous reports whether err is the failure of a create request that
// may nevertheless have created the object (a 500, 502 or 504 answer, or a
// connection failure after the request was sent). The caller should look for
// the object and adopt it rather than create it again.
func IsAmbiguous(err error) bool {
	var amb *ambiguousError
	return errors.As(err, &amb)
}

// afterUnansweredError is a client error (4xx) that followed an attempt
// which may have been carried out although its answer was lost. For
// operations whose repetition Atlas refuses (adding a user twice answers 409),
// the typed call checks whether the lost attempt already did the work.
type afterUnansweredError struct{ err error }

func (e *afterUnansweredError) Error() string { return e.err.Error() }
func (e *afterUnansweredError) Unwrap() error { return e.err }

func isAfterUnanswered(err error) bool {
	var a *afterUnansweredError
	return errors.As(err, &a)
}

// requestError is a failure of one request that is not an answer from
// Atlas: a transport error, an unreadable answer, or a cancelled context.
type requestError struct {
	method, path string
	msg          string // optional context, e.g. "decoding 200 response"
	err          error
}

func (e *requestError) Error() string {
	s := "Atlas API " + e.method + " " + e.path + ": "
	if e.msg != "" {
		s += e.msg + ": "
	}
	return s + e.err.Error()
}

func (e *requestError) Unwrap() error { return e.err }

// exhaustedError is the last failure after the retry budget ran out.
type exhaustedError struct {
	attempts int
	err      error
}

func (e *exhaustedError) Error() string {
	return fmt.Sprintf("giving up after %d %s: %v", e.attempts, plural(e.attempts, "attempt", "attempts"), e.err)
}

func (e *exhaustedError) Unwrap() error { return e.err }

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// tokenEndpointNotFoundError is a 404 from the OAuth2 token endpoint. Atlas
// serves the endpoint at {base URL}/api/oauth/token, so a 404 there means
// the base URL is wrong (most often it has a path, such as /api), not that
// the credentials were rejected.
type tokenEndpointNotFoundError struct {
	tokenURL string
	err      error // the *tokenError
}

func (e *tokenEndpointNotFoundError) Error() string {
	return fmt.Sprintf("the token endpoint %s does not exist (HTTP 404): the base URL must be the Atlas host without a path, such as %s",
		e.tokenURL, DefaultBaseURL)
}

func (e *tokenEndpointNotFoundError) Unwrap() error { return e.err }

// IsTokenEndpointNotFound reports whether err is a 404 from the OAuth2 token
// endpoint: the base URL does not point at Atlas's host (it has a path, or
// names another server), so the configured base URL is what to fix.
func IsTokenEndpointNotFound(err error) bool {
	var e *tokenEndpointNotFoundError
	return errors.As(err, &e)
}

// accessTokenRejectedError is a 401 answer to a request that carried a
// static access token (Config.AccessToken): the token has expired or was
// revoked, and nothing here can get a new one.
type accessTokenRejectedError struct {
	err error // the *APIError
}

func (e *accessTokenRejectedError) Error() string {
	return e.err.Error() + ": the access token was rejected (expired or revoked); get a new access token, " +
		"or use client credentials (a service account's client ID and secret) instead, for which new tokens are obtained automatically"
}

func (e *accessTokenRejectedError) Unwrap() error { return e.err }

// IsAccessTokenRejected reports whether err is Atlas refusing a static
// access token (HTTP 401 other than a permission answer): the token expired
// or was revoked.
func IsAccessTokenRejected(err error) bool {
	var e *accessTokenRejectedError
	return errors.As(err, &e)
}

// connectionRefusedError is the failure of a request that nothing accepted
// connections for: no server listens at the base URL's host and port.
type connectionRefusedError struct {
	baseURL  string
	attempts int
	err      error
}

func (e *connectionRefusedError) Error() string {
	return fmt.Sprintf("connection refused at the Atlas base URL %s (%d %s): check the base URL, and that the server it names is running and reachable from here: %v",
		e.baseURL, e.attempts, plural(e.attempts, "attempt", "attempts"), e.err)
}

func (e *connectionRefusedError) Unwrap() error { return e.err }

// IsConnectionRefused reports whether err is a refused connection, to the
// API or to its token endpoint: nothing listens at the configured base URL,
// which is then the first thing to check.
func IsConnectionRefused(err error) bool {
	var e *connectionRefusedError
	return errors.As(err, &e) || errors.Is(err, syscall.ECONNREFUSED)
}

// CallerRemovalErrorCodes are the error codes with which Atlas refuses to
// remove the address a request comes from, from an API access list. Atlas
// does not document the code for service accounts: the first is the one
// atlassim answers, the others are those Atlas answers for the access lists
// of API keys (CANNOT_REMOVE_CALLER_FROM_ACCESS_LIST) and under their older
// name (..._WHITELIST), which its error-code list still carries.
var CallerRemovalErrorCodes = []string{"CANNOT_REMOVE_REQUESTING_IP_ADDRESS", "CANNOT_REMOVE_CALLER_FROM_ACCESS_LIST", "CANNOT_REMOVE_CALLER_FROM_WHITELIST"}

// IsCallerRemovalRefused reports whether err is Atlas refusing to remove
// the address the request came from.
func IsCallerRemovalRefused(err error) bool {
	code := ErrorCode(err)
	for _, c := range CallerRemovalErrorCodes {
		if code == c {
			return true
		}
	}
	return false
}

// Atlas error codes of the database-user and custom-role operations.
const (
	// ErrorCodeDatabaseUserExists answers the create of a database user
	// whose authentication database and username a user already has (409).
	ErrorCodeDatabaseUserExists = "USER_ALREADY_EXISTS"
	// ErrorCodeDatabaseUserNotFound answers an unknown database user (404).
	ErrorCodeDatabaseUserNotFound = "USERNAME_NOT_FOUND"
	// ErrorCodeDatabaseUserLimit answers the create of a project's 101st
	// database user (403).
	ErrorCodeDatabaseUserLimit = "GROUP_USERS_LIMIT_EXCEEDED"
	// ErrorCodeCustomDBRoleLimit answers the create of a custom role beyond
	// the project's limit (403).
	ErrorCodeCustomDBRoleLimit = "CUSTOM_ROLES_LIMIT_EXCEEDED"
	// ErrorCodeCustomDBRoleExists answers the create of a custom role whose
	// name the project already has (409).
	ErrorCodeCustomDBRoleExists = "ATLAS_CUSTOM_ROLE_NAME_ALREADY_EXISTS"
	// ErrorCodeCustomDBRoleNotFound answers an unknown custom role (404).
	ErrorCodeCustomDBRoleNotFound = "ATLAS_CUSTOM_ROLE_NOT_FOUND"
	// ErrorCodeCustomDBRoleInUseByUsers refuses to delete a custom role
	// that would leave database users without roles (409); the detail
	// names them.
	ErrorCodeCustomDBRoleInUseByUsers = "ATLAS_CUSTOM_ROLE_IN_USE_BY_USERS"
	// ErrorCodeCustomDBRoleInUseByRoles refuses to delete a custom role
	// that would leave other custom roles without actions or inherited
	// roles (409); the detail names them.
	ErrorCodeCustomDBRoleInUseByRoles = "ATLAS_CUSTOM_ROLE_IN_USE_BY_ROLES"
)

func hasCode(err error, status int, code string) bool {
	apiErr, ok := asAPIError(err)
	return ok && apiErr.StatusCode == status && apiErr.ErrorCode == code
}

// IsDatabaseUserExists reports whether err is Atlas's 409
// USER_ALREADY_EXISTS to a database-user create.
func IsDatabaseUserExists(err error) bool {
	return hasCode(err, http.StatusConflict, ErrorCodeDatabaseUserExists)
}

// IsDatabaseUserLimitExceeded reports whether err is Atlas's 403
// GROUP_USERS_LIMIT_EXCEEDED: the project already has 100 database users.
func IsDatabaseUserLimitExceeded(err error) bool {
	return hasCode(err, http.StatusForbidden, ErrorCodeDatabaseUserLimit)
}

// IsCustomDBRoleExists reports whether err is Atlas's 409
// ATLAS_CUSTOM_ROLE_NAME_ALREADY_EXISTS to a custom-role create.
func IsCustomDBRoleExists(err error) bool {
	return hasCode(err, http.StatusConflict, ErrorCodeCustomDBRoleExists)
}

// IsCustomDBRoleInUseByUsers reports whether err is Atlas refusing to
// delete a custom role that database users depend on (409
// ATLAS_CUSTOM_ROLE_IN_USE_BY_USERS).
func IsCustomDBRoleInUseByUsers(err error) bool {
	return hasCode(err, http.StatusConflict, ErrorCodeCustomDBRoleInUseByUsers)
}

// IsCustomDBRoleInUseByRoles reports whether err is Atlas refusing to
// delete a custom role that other custom roles depend on (409
// ATLAS_CUSTOM_ROLE_IN_USE_BY_ROLES).
func IsCustomDBRoleInUseByRoles(err error) bool {
	return hasCode(err, http.StatusConflict, ErrorCodeCustomDBRoleInUseByRoles)
}
