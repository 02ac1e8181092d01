package atlassim

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/mail"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"
)

// Patterns of the Atlas Admin API v2 OpenAPI spec: project, organization,
// user, secret and invitation IDs are 24 lowercase hex digits (the groupId,
// orgId, userId and invitationId parameters and ServiceAccountSecret.id); a
// service account's clientId is "mdb_sa_id_" and 24 hex digits of either case
// (the clientId parameter and GroupServiceAccount/OrgServiceAccount.clientId);
// a service account's name and description take letters, digits, spaces and
// -_.,' (GroupServiceAccountRequest and the three other create and update
// bodies, which also bound name to 64 and description to 250 characters).
// The spec gives the secretId path parameter no pattern, only the
// description "24-hexadecimal digit string"; the simulator holds it to the
// ID pattern.
var (
	hex24Pattern    = regexp.MustCompile(`^([a-f0-9]{24})$`)
	clientIDPattern = regexp.MustCompile(`^mdb_sa_id_[a-fA-F\d]{24}$`)
	namePattern     = regexp.MustCompile(`^[\p{L}\p{N}\-_.,' ]*$`)
)

// Limits on secretExpiresAfterHours: the spec says > 0 bounded by the org
// setting, which itself ranges over 8..8760 hours (docs: 8 hours to 365 days).
const (
	minSecretHours = 8
	maxSecretHours = 8760
)

// maxBodyBytes bounds request bodies; Atlas bodies here are tiny.
const maxBodyBytes = 1 << 20

// validatePathParams checks every known path parameter against its pattern
// and reports all the bad ones at once.
func validatePathParams(params map[string]string) *errResp {
	names := make([]string, 0, len(params))
	for n := range params {
		names = append(names, n)
	}
	sort.Strings(names)
	var fields []fieldViolation
	for _, n := range names {
		v := params[n]
		switch n {
		case "groupId", "orgId", "userId", "secretId", "invitationId", "teamId":
			if !hex24Pattern.MatchString(v) {
				fields = append(fields, fieldViolation{Field: n, Description: fmt.Sprintf("%q must be a 24-hexadecimal digit string matching ^([a-f0-9]{24})$", v)})
			}
		case "ipAddress":
			if _, ok := accessPathPrefix(v); !ok {
				fields = append(fields, fieldViolation{Field: n, Description: fmt.Sprintf("%q must be an IP address or a CIDR block with its \"/\" written %%2F", v)})
			}
		case "entryValue":
			if _, ok := accessPathPrefix(v); !ok && !awsSecurityGroupPattern.MatchString(v) {
				fields = append(fields, fieldViolation{Field: n, Description: fmt.Sprintf("%q must be an IP address, a CIDR block with its \"/\" written %%2F, or an AWS security group ID", v)})
			}
		case "clientId":
			if !clientIDPattern.MatchString(v) {
				fields = append(fields, fieldViolation{Field: n, Description: fmt.Sprintf("%q must match ^mdb_sa_id_[a-fA-F\\d]{24}$", v)})
			}
		}
	}
	if len(fields) == 0 {
		return nil
	}
	names = names[:0]
	for _, f := range fields {
		names = append(names, f.Field)
	}
	return &errResp{
		status: http.StatusBadRequest, code: "INVALID_PATH_PARAMETER",
		detail: "Invalid path parameter: " + strings.Join(names, ", ") + ".",
		fields: fields, params: toAny(names),
	}
}

func toAny(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// bodyReader collects every violation found while decoding one JSON object,
// so a 400 lists them all rather than the first.
type bodyReader struct {
	raw    map[string]json.RawMessage
	known  map[string]bool
	fields []fieldViolation
}

// parseBody parses a request body as a JSON object. An empty body is treated
// as {} so that missing required fields are reported by name.
func parseBody(data []byte) (*bodyReader, *errResp) {
	br := &bodyReader{raw: map[string]json.RawMessage{}, known: map[string]bool{}}
	if len(bytes.TrimSpace(data)) == 0 {
		return br, nil
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&br.raw); err != nil {
		return nil, newErr(http.StatusBadRequest, "INVALID_JSON", "The request body is not a valid JSON object: "+err.Error())
	}
	if dec.More() {
		return nil, newErr(http.StatusBadRequest, "INVALID_JSON", "The request body has data after the JSON object.")
	}
	if br.raw == nil { // the body was the literal null
		br.raw = map[string]json.RawMessage{}
	}
	return br, nil
}

// Atlas's per-violation error codes for a bad request body (observed; see
// doc.go): an attribute with a wrong value or one the operation does not
// take, a required attribute missing, and a value of the wrong JSON type.
const (
	codeInvalidAttribute     = "INVALID_ATTRIBUTE"
	codeMissingAttribute     = "MISSING_ATTRIBUTE"
	codeInvalidJSONAttribute = "INVALID_JSON_ATTRIBUTE"
)

// violationDetail is Atlas's detail for a violation code naming attr.
func violationDetail(code, attr string) string {
	switch code {
	case codeMissingAttribute:
		return fmt.Sprintf("The required attribute %s was not specified.", attr)
	case codeInvalidJSONAttribute:
		return fmt.Sprintf("Received JSON for the %s attribute does not match expected format.", attr)
	}
	return fmt.Sprintf("Invalid attribute %s specified.", attr)
}

// bad records a violation of attribute attr (field may be more precise,
// such as roles[1]).
func (b *bodyReader) bad(code, attr, field, format string, args ...any) {
	b.fields = append(b.fields, fieldViolation{Field: field, Description: fmt.Sprintf(format, args...), code: code, attr: attr})
}

// present reports whether the field is set to something other than null.
func (b *bodyReader) present(field string) bool {
	b.known[field] = true
	v, ok := b.raw[field]
	return ok && !bytes.Equal(bytes.TrimSpace(v), []byte("null"))
}

// str decodes an optional string field; ok is false when absent or invalid.
func (b *bodyReader) str(field string, required bool) (string, bool) {
	if !b.present(field) {
		if required {
			b.bad(codeMissingAttribute, field, field, "%s is required", field)
		}
		return "", false
	}
	var s string
	if err := json.Unmarshal(b.raw[field], &s); err != nil {
		b.bad(codeInvalidJSONAttribute, field, field, "%s must be a string", field)
		return "", false
	}
	return s, true
}

// label validates a service-account name or description.
func (b *bodyReader) label(field string, maxLen int, required bool) (string, bool) {
	s, ok := b.str(field, required)
	if !ok {
		return "", false
	}
	n := utf8.RuneCountInString(s)
	valid := true
	if n < 1 || n > maxLen {
		b.bad(codeInvalidAttribute, field, field, "%s must be between 1 and %d characters long", field, maxLen)
		valid = false
	}
	if !namePattern.MatchString(s) {
		b.bad(codeInvalidAttribute, field, field, "%s may contain only letters, digits, spaces and -_.,' (pattern ^[\\p{L}\\p{N}\\-_.,' ]*$)", field)
		valid = false
	}
	return s, valid
}

// email validates an email-address field.
func (b *bodyReader) email(field string) (string, bool) {
	s, ok := b.str(field, true)
	if !ok {
		return "", false
	}
	if !isEmail(s) {
		b.bad(codeInvalidAttribute, field, field, "%s must be an email address", field)
		return "", false
	}
	return s, true
}

func isEmail(s string) bool {
	a, err := mail.ParseAddress(s)
	return err == nil && a.Address == s && a.Name == "" && strings.Contains(s[strings.LastIndex(s, "@"):], ".")
}

// hours validates secretExpiresAfterHours.
func (b *bodyReader) hours(field string) (int, bool) {
	if !b.present(field) {
		b.bad(codeMissingAttribute, field, field, "%s is required", field)
		return 0, false
	}
	raw := bytes.TrimSpace(b.raw[field])
	if len(raw) == 0 || raw[0] == '"' {
		b.bad(codeInvalidJSONAttribute, field, field, "%s must be an integer", field)
		return 0, false
	}
	var n json.Number
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&n); err != nil {
		b.bad(codeInvalidJSONAttribute, field, field, "%s must be an integer", field)
		return 0, false
	}
	v, err := n.Int64()
	if err != nil {
		b.bad(codeInvalidJSONAttribute, field, field, "%s must be an integer", field)
		return 0, false
	}
	if v < minSecretHours || v > maxSecretHours {
		b.bad(codeInvalidAttribute, field, field, "%s must be between %d and %d hours", field, minSecretHours, maxSecretHours)
		return 0, false
	}
	return int(v), true
}

// roles validates a project-role array: at least one entry when required or
// present, each an allowed role, no duplicates.
func (b *bodyReader) roles(field string, required bool, allowed map[string]bool) ([]string, bool) {
	return b.roleArray(field, required, allowed, "project")
}

// orgRoles validates an organization-role array as roles does project
// roles, against the spec's enum.
func (b *bodyReader) orgRoles(field string, required bool) ([]string, bool) {
	return b.roleArray(field, required, orgRoleSet, "organization")
}

// roleArray reads field as an array of roles of kind ("project" or
// "organization") from allowed, checked by checkRoles.
func (b *bodyReader) roleArray(field string, required bool, allowed map[string]bool, kind string) ([]string, bool) {
	if !b.present(field) {
		if required {
			b.bad(codeMissingAttribute, field, field, "%s is required and must hold at least one role", field)
		}
		return nil, false
	}
	var rs []string
	if err := json.Unmarshal(b.raw[field], &rs); err != nil {
		b.bad(codeInvalidJSONAttribute, field, field, "%s must be an array of strings", field)
		return nil, false
	}
	return rs, b.checkRoles(field, rs, allowed, kind)
}

// orgRoleSet is the spec's enum of organization roles
// (OrgServiceAccountRequest.roles.items).
var orgRoleSet = map[string]bool{
	"ORG_MEMBER": true, "ORG_READ_ONLY": true, "ORG_BILLING_ADMIN": true, "ORG_BILLING_READ_ONLY": true,
	"ORG_STREAM_PROCESSING_ADMIN": true, "ORG_GROUP_CREATOR": true, "ORG_OWNER": true,
}

// checkRoles checks a role array: at least one role, each in allowed, none
// twice. kind ("project" or "organization") words the violations.
func (b *bodyReader) checkRoles(field string, rs []string, allowed map[string]bool, kind string) bool {
	ok := true
	if len(rs) == 0 {
		b.bad(codeInvalidAttribute, field, field, "%s must hold at least one role", field)
		ok = false
	}
	seen := map[string]bool{}
	for i, r := range rs {
		if !allowed[r] {
			b.bad(codeInvalidAttribute, field, fmt.Sprintf("%s[%d]", field, i), "%q is not a valid %s role; valid roles are %s", r, kind, strings.Join(sortedKeys(allowed), ", "))
			ok = false
		}
		if seen[r] {
			b.bad(codeInvalidAttribute, field, fmt.Sprintf("%s[%d]", field, i), "duplicate role %q", r)
			ok = false
		}
		seen[r] = true
	}
	return ok
}

// role validates a single project role field such as groupRole.
func (b *bodyReader) role(field string, allowed map[string]bool) (string, bool) {
	s, ok := b.str(field, true)
	if !ok {
		return "", false
	}
	if !allowed[s] {
		b.bad(codeInvalidAttribute, field, field, "%q is not a valid project role; valid roles are %s", s, strings.Join(sortedKeys(allowed), ", "))
		return "", false
	}
	return s, true
}

// finish reports unknown fields and returns the collected violations, if any.
func (b *bodyReader) finish() *errResp {
	var unknown []string
	for k := range b.raw {
		if !b.known[k] {
			unknown = append(unknown, k)
		}
	}
	sort.Strings(unknown)
	for _, k := range unknown {
		b.bad(codeInvalidAttribute, k, k, "unknown field %q", k)
	}
	if len(b.fields) == 0 {
		return nil
	}
	// Atlas answers with the code and detail of the first violation; the
	// simulator lists every one in badRequestDetail all the same.
	first := b.fields[0]
	return &errResp{
		status: http.StatusBadRequest, code: first.code,
		detail: violationDetail(first.code, first.attr),
		fields: b.fields, params: []any{first.attr},
	}
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Decoded request bodies.

type createServiceAccountReq struct {
	Name, Description string
	Roles             []string
	Hours             int
}

type updateServiceAccountReq struct {
	Name, Description *string
	Roles             []string
	HasRoles          bool
}

type userReq struct {
	Username string
	Roles    []string
}

func decodeCreateServiceAccount(data []byte, allowed map[string]bool) (createServiceAccountReq, *errResp) {
	var out createServiceAccountReq
	b, err := parseBody(data)
	if err != nil {
		return out, err
	}
	out.Name, _ = b.label("name", 64, true)
	out.Description, _ = b.label("description", 250, true)
	out.Roles, _ = b.roles("roles", true, allowed)
	out.Hours, _ = b.hours("secretExpiresAfterHours")
	return out, b.finish()
}

// decodeCreateOrgServiceAccount decodes OrgServiceAccountRequest: the
// project create's fields, with organization roles.
func decodeCreateOrgServiceAccount(data []byte, _ map[string]bool) (createServiceAccountReq, *errResp) {
	var out createServiceAccountReq
	b, err := parseBody(data)
	if err != nil {
		return out, err
	}
	out.Name, _ = b.label("name", 64, true)
	out.Description, _ = b.label("description", 250, true)
	out.Roles, _ = b.orgRoles("roles", true)
	out.Hours, _ = b.hours("secretExpiresAfterHours")
	return out, b.finish()
}

// decodeUpdateOrgServiceAccount decodes OrgServiceAccountUpdateRequest:
// organization roles from the spec's enum.
func decodeUpdateOrgServiceAccount(data []byte, _ map[string]bool) (updateServiceAccountReq, *errResp) {
	return decodeAccountUpdate(data, func(b *bodyReader) ([]string, bool) { return b.orgRoles("roles", false) })
}

// decodeUpdateServiceAccount decodes GroupServiceAccountUpdateRequest:
// project roles from allowed.
func decodeUpdateServiceAccount(data []byte, allowed map[string]bool) (updateServiceAccountReq, *errResp) {
	return decodeAccountUpdate(data, func(b *bodyReader) ([]string, bool) { return b.roles("roles", false, allowed) })
}

// decodeAccountUpdate decodes the optional name, description and roles of an
// account update; roles reads the roles of the account's kind.
func decodeAccountUpdate(data []byte, roles func(*bodyReader) ([]string, bool)) (updateServiceAccountReq, *errResp) {
	var out updateServiceAccountReq
	b, err := parseBody(data)
	if err != nil {
		return out, err
	}
	if s, ok := b.label("name", 64, false); ok {
		out.Name = &s
	}
	if s, ok := b.label("description", 250, false); ok {
		out.Description = &s
	}
	out.Roles, out.HasRoles = roles(b)
	return out, b.finish()
}

func decodeRoleAssignment(data []byte, allowed map[string]bool) ([]string, *errResp) {
	b, err := parseBody(data)
	if err != nil {
		return nil, err
	}
	roles, _ := b.roles("roles", true, allowed)
	return roles, b.finish()
}

func decodeSecretRequest(data []byte) (int, *errResp) {
	b, err := parseBody(data)
	if err != nil {
		return 0, err
	}
	h, _ := b.hours("secretExpiresAfterHours")
	return h, b.finish()
}

func decodeUserRequest(data []byte, allowed map[string]bool) (userReq, *errResp) {
	var out userReq
	b, err := parseBody(data)
	if err != nil {
		return out, err
	}
	out.Username, _ = b.email("username")
	out.Roles, _ = b.roles("roles", true, allowed)
	return out, b.finish()
}

func decodeGroupRole(data []byte, allowed map[string]bool) (string, *errResp) {
	b, err := parseBody(data)
	if err != nil {
		return "", err
	}
	role, _ := b.role("groupRole", allowed)
	return role, b.finish()
}

// readAll reads a bounded request body for the decoders above.
func readAll(r *http.Request) ([]byte, *errResp) {
	data, err := io.ReadAll(io.LimitReader(r.Body, maxBodyBytes+1))
	if err != nil {
		return nil, newErr(http.StatusBadRequest, "INVALID_JSON", "Could not read the request body.")
	}
	if len(data) > maxBodyBytes {
		return nil, newErr(http.StatusBadRequest, "INVALID_JSON", "The request body is too large.")
	}
	return data, nil
}
