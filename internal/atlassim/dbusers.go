package atlassim

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"
)

// Database users (issue 27): /groups/{groupId}/databaseUsers. The error
// codes and details are those of Atlas's list of Administration API error
// codes, unless doc.go says "our choice".

// maxDatabaseUsersPerProject is the limit the spec states for
// createGroupDatabaseUser ("a maximum of 100 database users per project").
const maxDatabaseUsersPerProject = 100

// Authentication databases of a database user (CloudDatabaseUser.databaseName).
const (
	authDBAdmin    = "admin"
	authDBExternal = "$external"
)

// authNone is the value of an unused authentication type field.
const authNone = "NONE"

// Allowed values of the authentication type fields of CloudDatabaseUser.
var (
	x509Types = []string{authNone, "CUSTOMER", "MANAGED"}
	awsTypes  = []string{authNone, "USER", "ROLE"}
	ldapTypes = []string{authNone, "GROUP", "USER"}
	oidcTypes = []string{authNone, "IDP_GROUP", "USER"}
	// scopeTypes are UserScope.type.
	scopeTypes = []string{"CLUSTER", "DATA_LAKE", "STREAM"}
)

// builtinDBRoles are the built-in roles of DatabaseUserRole.roleName's enum;
// true marks those that exist only on the admin database. The others (read,
// readWrite, dbAdmin) apply to any database.
var builtinDBRoles = map[string]bool{
	"atlasAdmin": true, "backup": true, "clusterMonitor": true, "dbAdminAnyDatabase": true,
	"enableSharding": true, "readAnyDatabase": true, "readWriteAnyDatabase": true,
	"dbAdmin": false, "read": false, "readWrite": false,
}

// collectionRoles are the roles that may name a collection (the Atlas UI
// offers a collection for these two only).
var collectionRoles = map[string]bool{"read": true, "readWrite": true}

// scopeNamePattern is UserScope.name's pattern.
var scopeNamePattern = regexp.MustCompile(`^[a-zA-Z0-9][a-zA-Z0-9-]*$`)

// databaseUser is one database user of a project, keyed by its
// authentication database and username.
type databaseUser struct {
	GroupID      string `json:"groupId"`
	DatabaseName string `json:"databaseName"`
	Username     string `json:"username"`
	X509Type     string `json:"x509Type"`
	AWSIAMType   string `json:"awsIAMType"`
	LDAPAuthType string `json:"ldapAuthType"`
	OIDCAuthType string `json:"oidcAuthType"`
	// PasswordHash is the hex SHA-256 of the password, kept only so that
	// tests can check a rotation (DatabaseUserPasswordMatches); the
	// plaintext is never stored and never answered.
	PasswordHash    string        `json:"passwordHash,omitempty"`
	Roles           []dbUserRole  `json:"roles"`
	Scopes          []dbUserScope `json:"scopes"`
	Description     string        `json:"description,omitempty"`
	Labels          []dbLabel     `json:"labels"`
	DeleteAfterDate *time.Time    `json:"deleteAfterDate,omitempty"`
}

// dbUserRole is a DatabaseUserRole.
type dbUserRole struct {
	CollectionName string `json:"collectionName,omitempty"`
	DatabaseName   string `json:"databaseName"`
	RoleName       string `json:"roleName"`
}

// dbUserScope is a UserScope.
type dbUserScope struct {
	Name string `json:"name"`
	Type string `json:"type"`
}

// dbLabel is a ComponentLabel.
type dbLabel struct {
	Key   string `json:"key,omitempty"`
	Value string `json:"value,omitempty"`
}

// databaseUserJSON is a CloudDatabaseUser as Atlas answers it: every
// authentication type (NONE when unused), empty labels and scopes as [],
// groupId although the spec marks it writeOnly (observed), never the
// password.
type databaseUserJSON struct {
	AWSIAMType      string        `json:"awsIAMType"`
	DatabaseName    string        `json:"databaseName"`
	DeleteAfterDate string        `json:"deleteAfterDate,omitempty"`
	Description     string        `json:"description,omitempty"`
	GroupID         string        `json:"groupId"`
	Labels          []dbLabel     `json:"labels"`
	LDAPAuthType    string        `json:"ldapAuthType"`
	Links           []link        `json:"links"`
	OIDCAuthType    string        `json:"oidcAuthType"`
	Roles           []dbUserRole  `json:"roles"`
	Scopes          []dbUserScope `json:"scopes"`
	Username        string        `json:"username"`
	X509Type        string        `json:"x509Type"`
}

// databaseUserPath is a user's path below /api/atlas/v2, its username
// escaped as one segment (an AWS IAM ARN's "/" is %2F).
func databaseUserPath(groupID, databaseName, username string) string {
	return "/groups/" + groupID + "/databaseUsers/" + url.PathEscape(databaseName) + "/" + url.PathEscape(username)
}

func (c *reqCtx) databaseUserView(u *databaseUser) databaseUserJSON {
	out := databaseUserJSON{
		AWSIAMType: u.AWSIAMType, DatabaseName: u.DatabaseName, Description: u.Description,
		GroupID: u.GroupID, LDAPAuthType: u.LDAPAuthType, OIDCAuthType: u.OIDCAuthType,
		Username: u.Username, X509Type: u.X509Type,
		Links:  c.selfLink(databaseUserPath(u.GroupID, u.DatabaseName, u.Username)),
		Labels: append([]dbLabel{}, u.Labels...),
		Roles:  append([]dbUserRole{}, u.Roles...),
		Scopes: append([]dbUserScope{}, u.Scopes...),
	}
	if u.DeleteAfterDate != nil {
		out.DeleteAfterDate = u.DeleteAfterDate.UTC().Format(time.RFC3339)
	}
	return out
}

// databaseUserNotFound is Atlas's answer for an unknown user (observed:
// 404 USERNAME_NOT_FOUND "No user with username ... exists.").
func databaseUserNotFound(username string) *errResp {
	return newErr(http.StatusNotFound, "USERNAME_NOT_FOUND", fmt.Sprintf("No user with username %s exists.", username), username)
}

// authKind names how a user authenticates.
func (u *databaseUser) authKind() string {
	switch {
	case u.X509Type != authNone:
		return "X509"
	case u.AWSIAMType != authNone:
		return "AWS_IAM"
	case u.LDAPAuthType != authNone:
		return "LDAP"
	case u.OIDCAuthType != authNone:
		return "OIDC"
	}
	return "PASSWORD"
}

// authDatabase is the authentication database a user of this kind must
// use: admin for password (SCRAM) users, OIDC workforce (IDP_GROUP) users
// and LDAP groups (the spec's LDAP example), $external for the others.
func (u *databaseUser) authDatabase() string {
	if u.authKind() == "PASSWORD" || u.OIDCAuthType == "IDP_GROUP" || u.LDAPAuthType == "GROUP" {
		return authDBAdmin
	}
	return authDBExternal
}

// dbUserReq is a decoded CloudDatabaseUser body; a nil pointer or a false
// Has* is a field the body leaves out.
type dbUserReq struct {
	GroupID, DatabaseName, Username *string
	X509Type, AWSIAMType            *string
	LDAPAuthType, OIDCAuthType      *string
	Password, Description           *string
	Roles                           []dbUserRole
	HasRoles                        bool
	Scopes                          []dbUserScope
	HasScopes                       bool
	Labels                          []dbLabel
	HasLabels                       bool
	DeleteAfterDate                 *time.Time
}

func decodeCreateDatabaseUser(data []byte, _ map[string]bool) (dbUserReq, *errResp) {
	return decodeDatabaseUser(data, true)
}

func decodeUpdateDatabaseUser(data []byte, _ map[string]bool) (dbUserReq, *errResp) {
	return decodeDatabaseUser(data, false)
}

// decodeDatabaseUser reads a CloudDatabaseUser: on create, databaseName,
// groupId, roles and username are required, as the spec says; on update
// every field is optional.
func decodeDatabaseUser(data []byte, create bool) (dbUserReq, *errResp) {
	var out dbUserReq
	b, err := parseBody(data)
	if err != nil {
		return out, err
	}
	opt := func(field string, required bool) *string {
		if s, ok := b.str(field, required); ok {
			return &s
		}
		return nil
	}
	out.GroupID = opt("groupId", create)
	out.DatabaseName = opt("databaseName", create)
	if out.Username = opt("username", create); out.Username != nil {
		if n := len([]rune(*out.Username)); n < 1 || n > 1024 {
			b.bad(codeInvalidAttribute, "username", "username", "username must be between 1 and 1024 characters long")
		}
	}
	enum := func(field string, allowed []string) *string {
		s := opt(field, false)
		if s != nil && !slices.Contains(allowed, *s) {
			b.bad(codeInvalidAttribute, field, field, "%s must be one of %s, got %q", field, strings.Join(allowed, ", "), *s)
			return nil
		}
		return s
	}
	out.X509Type = enum("x509Type", x509Types)
	out.AWSIAMType = enum("awsIAMType", awsTypes)
	out.LDAPAuthType = enum("ldapAuthType", ldapTypes)
	out.OIDCAuthType = enum("oidcAuthType", oidcTypes)
	if out.Password = opt("password", false); out.Password != nil && len([]rune(*out.Password)) < 8 {
		b.bad(codeInvalidAttribute, "password", "password", "password must be at least 8 characters long")
	}
	if out.Description = opt("description", false); out.Description != nil && len([]rune(*out.Description)) > 100 {
		b.bad(codeInvalidAttribute, "description", "description", "description must be at most 100 characters long")
	}
	out.Roles, out.HasRoles = b.dbUserRoles(create)
	out.Scopes, out.HasScopes = b.dbUserScopes()
	out.Labels, out.HasLabels = b.dbLabels()
	if s := opt("deleteAfterDate", false); s != nil {
		t, perr := time.Parse(time.RFC3339, *s)
		if perr != nil {
			b.bad(codeInvalidAttribute, "deleteAfterDate", "deleteAfterDate", "deleteAfterDate must be an ISO 8601 date and time, got %q", *s)
		} else {
			out.DeleteAfterDate = &t
		}
	}
	return out, b.finish()
}

// dbUserRoles reads roles: an array of at least one DatabaseUserRole.
func (b *bodyReader) dbUserRoles(required bool) ([]dbUserRole, bool) {
	items, ok := b.objects("roles")
	if !ok {
		if required && !b.present("roles") {
			b.bad(codeMissingAttribute, "roles", "roles", "roles is required and must hold at least one role")
		}
		return nil, false
	}
	if len(items) == 0 {
		b.bad(codeInvalidAttribute, "roles", "roles", "roles must hold at least one role")
	}
	out := []dbUserRole{}
	for i, raw := range items {
		name := fmt.Sprintf("roles[%d]", i)
		r := itemReader(b, name, raw)
		if r == nil {
			continue
		}
		var role dbUserRole
		role.RoleName, _ = r.str("roleName", true)
		role.DatabaseName, _ = r.str("databaseName", true)
		role.CollectionName, _ = r.str("collectionName", false)
		b.adopt(r, name)
		out = append(out, role)
	}
	return out, true
}

// dbUserScopes reads scopes: UserScope objects, none twice.
func (b *bodyReader) dbUserScopes() ([]dbUserScope, bool) {
	items, ok := b.objects("scopes")
	if !ok {
		return nil, false
	}
	out := []dbUserScope{}
	for i, raw := range items {
		name := fmt.Sprintf("scopes[%d]", i)
		r := itemReader(b, name, raw)
		if r == nil {
			continue
		}
		var sc dbUserScope
		if s, ok := r.str("name", true); ok {
			if !scopeNamePattern.MatchString(s) {
				r.bad(codeInvalidAttribute, "name", "name", "%q must match ^[a-zA-Z0-9][a-zA-Z0-9-]*$", s)
			}
			sc.Name = s
		}
		if s, ok := r.str("type", true); ok {
			if !slices.Contains(scopeTypes, s) {
				r.bad(codeInvalidAttribute, "type", "type", "type must be one of %s, got %q", strings.Join(scopeTypes, ", "), s)
			}
			sc.Type = s
		}
		b.adopt(r, name)
		if slices.Contains(out, sc) {
			b.bad(codeInvalidAttribute, "scopes", name, "duplicate scope %s %s", sc.Type, sc.Name)
		}
		out = append(out, sc)
	}
	return out, true
}

// dbLabels reads labels: ComponentLabel objects, key and value of 1 to 255
// characters.
func (b *bodyReader) dbLabels() ([]dbLabel, bool) {
	items, ok := b.objects("labels")
	if !ok {
		return nil, false
	}
	out := []dbLabel{}
	for i, raw := range items {
		name := fmt.Sprintf("labels[%d]", i)
		r := itemReader(b, name, raw)
		if r == nil {
			continue
		}
		var l dbLabel
		for _, f := range []string{"key", "value"} {
			s, ok := r.str(f, false)
			if !ok {
				continue
			}
			if n := len([]rune(s)); n < 1 || n > 255 {
				r.bad(codeInvalidAttribute, f, f, "%s must be between 1 and 255 characters long", f)
			}
			if f == "key" {
				l.Key = s
			} else {
				l.Value = s
			}
		}
		b.adopt(r, name)
		out = append(out, l)
	}
	return out, true
}

// invalidAuth is Atlas's ATLAS_INVALID_AUTH_SETTINGS "Invalid
// authentication settings. %s."
func invalidAuth(why string) *errResp {
	return newErr(http.StatusBadRequest, "ATLAS_INVALID_AUTH_SETTINGS", "Invalid authentication settings. "+why+".", why)
}

// checkAuth checks that u authenticates in exactly one way: one external
// type, or a password (hasPassword), and no password with an external type.
func checkAuth(u *databaseUser, hasPassword bool) *errResp {
	var external []string
	for _, f := range []struct{ name, v string }{{"x509Type", u.X509Type}, {"awsIAMType", u.AWSIAMType}, {"ldapAuthType", u.LDAPAuthType}, {"oidcAuthType", u.OIDCAuthType}} {
		if f.v != authNone {
			external = append(external, f.name)
		}
	}
	switch {
	case len(external) > 1 && u.X509Type != authNone && u.LDAPAuthType != authNone:
		return newErr(http.StatusBadRequest, "ATLAS_X509_USER_CANNOT_USE_LDAP", "Users cannot be configured for X.509 and LDAP authentication.")
	case len(external) > 1:
		return invalidAuth("A database user authenticates in one way only, but " + strings.Join(external, " and ") + " are set")
	case len(external) == 1 && hasPassword && u.X509Type != authNone:
		return newErr(http.StatusBadRequest, "ATLAS_X509_USER_CANNOT_USE_SCRAM", "Users cannot be configured for SCRAM and X.509 authentication.")
	case len(external) == 1 && hasPassword:
		return invalidAuth("A user authenticated by " + external[0] + " has no password")
	}
	return nil
}

// checkAuthDatabase answers Atlas's DATABASE_NAME_INVALID_ADMIN or
// DATABASE_NAME_INVALID_EXTERNAL for a user on the wrong database.
func checkAuthDatabase(u *databaseUser) *errResp {
	want := u.authDatabase()
	if u.DatabaseName == want {
		return nil
	}
	if want == authDBAdmin {
		kind := "SCRAM-SHA users"
		switch {
		case u.OIDCAuthType == "IDP_GROUP":
			kind = "OIDC workforce (IDP_GROUP) users"
		case u.LDAPAuthType == "GROUP":
			kind = "LDAP groups"
		}
		return newErr(http.StatusBadRequest, "DATABASE_NAME_INVALID_ADMIN", fmt.Sprintf("Database name invalid. %s can only be created on the admin database.", kind), kind)
	}
	return newErr(http.StatusBadRequest, "DATABASE_NAME_INVALID_EXTERNAL", "Database name invalid. Externally authenticated users can only be created on the $external database.")
}

var (
	awsARNPattern  = regexp.MustCompile(`^arn:aws[a-z-]*:iam::\d{12}:(user|role)/\S+$`)
	oidcNamePatter = regexp.MustCompile(`^[a-f0-9]{24}/\S.*$`)
	dnTypePattern  = regexp.MustCompile(`^([A-Za-z][A-Za-z0-9-]*|\d+(\.\d+)+)$`)
)

// parseDN splits an RFC 2253 distinguished name into its attribute types
// and values, honouring backslash escapes; ok is false when it is not one.
func parseDN(s string) (rdns [][2]string, ok bool) {
	var parts []string
	var cur strings.Builder
	for i := 0; i < len(s); i++ {
		switch ch := s[i]; {
		case ch == '\\' && i+1 < len(s):
			cur.WriteByte(ch)
			cur.WriteByte(s[i+1])
			i++
		case ch == '\\':
			return nil, false
		case ch == ',' || ch == ';':
			parts = append(parts, cur.String())
			cur.Reset()
		default:
			cur.WriteByte(ch)
		}
	}
	parts = append(parts, cur.String())
	for _, p := range parts {
		typ, val, found := strings.Cut(strings.TrimSpace(p), "=")
		if !found || !dnTypePattern.MatchString(strings.TrimSpace(typ)) || strings.TrimSpace(val) == "" {
			return nil, false
		}
		rdns = append(rdns, [2]string{strings.TrimSpace(typ), strings.TrimSpace(val)})
	}
	return rdns, true
}

// checkUsername checks the username's form for the user's kind, as the
// spec's table describes it: an ARN for AWS IAM, an RFC 2253 distinguished
// name for X.509 (with a CN for CUSTOMER, only CN=... for MANAGED) and LDAP,
// "IdP ID/name" for OIDC.
func checkUsername(u *databaseUser) *errResp {
	invalid := func() *errResp {
		return newErr(http.StatusBadRequest, "ATLAS_INVALID_USERNAME", fmt.Sprintf("The specified username %s is not valid for an Atlas database user.", u.Username), u.Username)
	}
	switch u.authKind() {
	case "AWS_IAM":
		m := awsARNPattern.FindStringSubmatch(u.Username)
		if m == nil || !strings.EqualFold(m[1], u.AWSIAMType) {
			return invalid()
		}
	case "OIDC":
		if !oidcNamePatter.MatchString(u.Username) {
			return invalid()
		}
	case "LDAP":
		if _, ok := parseDN(u.Username); !ok {
			return newErr(http.StatusBadRequest, "ATLAS_INVALID_LDAP_NAME", fmt.Sprintf("The distinguished name specified in the username field, %s, is not valid according to RFC 2253.", u.Username), u.Username)
		}
	case "X509":
		rdns, ok := parseDN(u.Username)
		if u.X509Type == "MANAGED" && (!ok || len(rdns) != 1 || !strings.EqualFold(rdns[0][0], "CN")) {
			return newErr(http.StatusBadRequest, "ATLAS_MANAGED_X509_NAME_INVALID", fmt.Sprintf("The username %s is invalid for Atlas-managed X.509 user auth. These usernames must take the form CN=<username> with no additional OIDs.", u.Username), u.Username)
		}
		if !ok || !slices.ContainsFunc(rdns, func(r [2]string) bool { return strings.EqualFold(r[0], "CN") }) {
			return invalid()
		}
	}
	return nil
}

// checkDatabaseUserRolesLocked checks each role: a built-in role on a
// database it exists for, or a custom role of the project on admin; a
// collection only for read and readWrite; no role twice.
func (s *Server) checkDatabaseUserRolesLocked(groupID, username string, roles []dbUserRole) *errResp {
	var dups []string
	for i, r := range roles {
		adminOnly, builtin := builtinDBRoles[r.RoleName]
		switch {
		case builtin && adminOnly && r.DatabaseName != authDBAdmin:
			return newErr(http.StatusBadRequest, "ATLAS_INVALID_ROLE_DATABASE", fmt.Sprintf("The specified role %s only exists for database admin.", r.RoleName), r.RoleName, authDBAdmin)
		case builtin && r.CollectionName != "" && !collectionRoles[r.RoleName]:
			return &errResp{status: http.StatusBadRequest, code: codeInvalidAttribute, detail: violationDetail(codeInvalidAttribute, "roles.collectionName"),
				params: []any{"roles.collectionName"}, fields: []fieldViolation{{Field: fmt.Sprintf("roles[%d].collectionName", i), Description: "only the read and readWrite roles take a collectionName"}}}
		case builtin:
		case s.customRoleLocked(groupID, r.RoleName) != nil:
			// Observed: a custom role granted on any database but admin, or
			// on a collection, is 400 UNSUPPORTED_ROLE.
			if r.DatabaseName != authDBAdmin || r.CollectionName != "" {
				return newErr(http.StatusBadRequest, "UNSUPPORTED_ROLE", "The provided role is not supported.")
			}
		default:
			return newErr(http.StatusBadRequest, "ATLAS_INVALID_ROLE", fmt.Sprintf("The specified role %s@%s does not exist.", r.RoleName, r.DatabaseName), r.RoleName, r.DatabaseName)
		}
		if slices.Contains(roles[:i], r) {
			dups = append(dups, r.RoleName+"@"+r.DatabaseName)
		}
	}
	if len(dups) > 0 {
		return newErr(http.StatusBadRequest, "DUPLICATE_DATABASE_ROLES",
			fmt.Sprintf("Duplicate database roles specified for user %s: %s.", username, strings.Join(dups, ", ")), username, strings.Join(dups, ", "))
	}
	return nil
}

// checkDeleteAfterDate applies the spec's rule for a temporary user: a
// future date within one week; and Atlas's: an X.509 user is never temporary.
func checkDeleteAfterDate(u *databaseUser, now time.Time) *errResp {
	if u.DeleteAfterDate == nil {
		return nil
	}
	if u.X509Type != authNone {
		return newErr(http.StatusBadRequest, "ATLAS_X509_USER_CANNOT_BE_TEMPORARY", "X.509 users cannot be temporary.")
	}
	if !u.DeleteAfterDate.After(now) || u.DeleteAfterDate.After(now.Add(7*24*time.Hour)) {
		return &errResp{status: http.StatusBadRequest, code: codeInvalidAttribute, detail: violationDetail(codeInvalidAttribute, "deleteAfterDate"),
			params: []any{"deleteAfterDate"}, fields: []fieldViolation{{Field: "deleteAfterDate", Description: "deleteAfterDate must be in the future and within one week"}}}
	}
	return nil
}

// databaseUsersLocked returns a project's users in creation order, after
// deleting the temporary users whose deleteAfterDate has passed.
func (s *Server) databaseUsersLocked(groupID string) []*databaseUser {
	if s.st.DatabaseUsers == nil {
		s.st.DatabaseUsers = map[string][]*databaseUser{}
	}
	now := s.now()
	users := slices.DeleteFunc(s.st.DatabaseUsers[groupID], func(u *databaseUser) bool {
		return u.DeleteAfterDate != nil && !now.Before(*u.DeleteAfterDate)
	})
	s.st.DatabaseUsers[groupID] = users
	return users
}

// databaseUserLocked finds a user by authentication database and username;
// both match exactly, as MongoDB user names are case-sensitive.
func (s *Server) databaseUserLocked(groupID, databaseName, username string) *databaseUser {
	for _, u := range s.databaseUsersLocked(groupID) {
		if u.DatabaseName == databaseName && u.Username == username {
			return u
		}
	}
	return nil
}

// groupMismatch is Atlas's GROUP_MISMATCH for a body naming another project.
func groupMismatch(id string) *errResp {
	return newErr(http.StatusBadRequest, "GROUP_MISMATCH", fmt.Sprintf("The specified group ID %s does not match the URL.", id), id)
}

func orNone(p *string) string {
	if p == nil {
		return authNone
	}
	return *p
}

func (c *reqCtx) listDatabaseUsers() {
	pg, e := parsePage(c.r)
	if e != nil {
		c.fail(e)
		return
	}
	var all []databaseUserJSON
	ok := c.withLock(func() *errResp {
		p, e := c.projectLocked()
		if e != nil {
			return e
		}
		all = []databaseUserJSON{}
		for _, u := range c.s.databaseUsersLocked(p.ID) {
			all = append(all, c.databaseUserView(u))
		}
		return nil
	})
	if ok {
		c.writeList(http.StatusOK, paginate(c, all, pg))
	}
}

// createDatabaseUser answers 201 with the user; a user with the same
// authentication database and username is a 409 USER_ALREADY_EXISTS, the
// 101st user of a project a 403 GROUP_USERS_LIMIT_EXCEEDED.
func (c *reqCtx) createDatabaseUser() {
	req, ok := decodeBody(c, decodeCreateDatabaseUser)
	if !ok {
		return
	}
	var out databaseUserJSON
	ok = c.withLock(func() *errResp {
		p, e := c.projectLocked()
		if e != nil {
			return e
		}
		if *req.GroupID != p.ID {
			return groupMismatch(*req.GroupID)
		}
		u := &databaseUser{
			GroupID: p.ID, DatabaseName: *req.DatabaseName, Username: *req.Username,
			X509Type: orNone(req.X509Type), AWSIAMType: orNone(req.AWSIAMType),
			LDAPAuthType: orNone(req.LDAPAuthType), OIDCAuthType: orNone(req.OIDCAuthType),
			Roles: req.Roles, Scopes: []dbUserScope{}, Labels: []dbLabel{}, DeleteAfterDate: req.DeleteAfterDate,
		}
		if req.HasScopes {
			u.Scopes = req.Scopes
		}
		if req.HasLabels {
			u.Labels = req.Labels
		}
		if req.Description != nil {
			u.Description = *req.Description
		}
		if e := checkAuth(u, req.Password != nil); e != nil {
			return e
		}
		if u.authKind() == "PASSWORD" && req.Password == nil {
			return newErr(http.StatusBadRequest, codeMissingAttribute, violationDetail(codeMissingAttribute, "password"), "password")
		}
		if req.Password != nil {
			u.PasswordHash = hashSecret(*req.Password)
		}
		for _, check := range []func() *errResp{
			func() *errResp { return checkAuthDatabase(u) },
			func() *errResp { return checkUsername(u) },
			func() *errResp { return checkDeleteAfterDate(u, c.s.now()) },
			func() *errResp { return c.s.checkDatabaseUserRolesLocked(p.ID, u.Username, u.Roles) },
		} {
			if e := check(); e != nil {
				return e
			}
		}
		if c.s.databaseUserLocked(p.ID, u.DatabaseName, u.Username) != nil {
			return newErr(http.StatusConflict, "USER_ALREADY_EXISTS", fmt.Sprintf("A user with username %s already exists.", u.Username), u.Username)
		}
		if len(c.s.databaseUsersLocked(p.ID)) >= maxDatabaseUsersPerProject {
			return newErr(http.StatusForbidden, "GROUP_USERS_LIMIT_EXCEEDED",
				fmt.Sprintf("Groups can contain at most %d database users.", maxDatabaseUsersPerProject), maxDatabaseUsersPerProject)
		}
		c.s.st.DatabaseUsers[p.ID] = append(c.s.st.DatabaseUsers[p.ID], u)
		out = c.databaseUserView(u)
		return c.commitLocked()
	})
	if ok {
		c.writeResource(http.StatusCreated, out)
	}
}

// pathDatabaseUserLocked resolves groupId, databaseName and username.
func (c *reqCtx) pathDatabaseUserLocked() (*databaseUser, *errResp) {
	p, e := c.projectLocked()
	if e != nil {
		return nil, e
	}
	u := c.s.databaseUserLocked(p.ID, c.params["databaseName"], c.params["username"])
	if u == nil {
		return nil, databaseUserNotFound(c.params["username"])
	}
	return u, nil
}

func (c *reqCtx) getDatabaseUser() {
	var out databaseUserJSON
	ok := c.withLock(func() *errResp {
		u, e := c.pathDatabaseUserLocked()
		if e != nil {
			return e
		}
		out = c.databaseUserView(u)
		return nil
	})
	if ok {
		c.writeResource(http.StatusOK, out)
	}
}

// updateDatabaseUser changes the fields the body gives: roles, scopes and
// labels are replaced whole ([] clears scopes and labels), a password
// rotates the password, description "" clears it. The authentication
// database, username and type cannot change (409s as Atlas answers them).
func (c *reqCtx) updateDatabaseUser() {
	req, ok := decodeBody(c, decodeUpdateDatabaseUser)
	if !ok {
		return
	}
	var out databaseUserJSON
	ok = c.withLock(func() *errResp {
		u, e := c.pathDatabaseUserLocked()
		if e != nil {
			return e
		}
		if req.GroupID != nil && *req.GroupID != u.GroupID {
			return groupMismatch(*req.GroupID)
		}
		if req.DatabaseName != nil && *req.DatabaseName != u.DatabaseName {
			return newErr(http.StatusConflict, "DATABASE_NAME_CANNOT_BE_CHANGED", "Cannot modify the authentication database of an existing database user.")
		}
		if req.Username != nil && *req.Username != u.Username {
			return newErr(http.StatusConflict, "DATABASE_USERNAME_CANNOT_BE_CHANGED", "Cannot modify the username of an existing database user.")
		}
		for _, f := range []struct {
			given *string
			have  string
		}{{req.X509Type, u.X509Type}, {req.AWSIAMType, u.AWSIAMType}, {req.LDAPAuthType, u.LDAPAuthType}, {req.OIDCAuthType, u.OIDCAuthType}} {
			if f.given != nil && *f.given != f.have {
				return newErr(http.StatusConflict, "AUTH_TYPE_CANNOT_BE_CHANGED", "Cannot modify the authentication type of an existing database user.")
			}
		}
		next := *u
		if e := checkAuth(&next, req.Password != nil); e != nil {
			return e
		}
		if req.HasRoles {
			next.Roles = req.Roles
			if e := c.s.checkDatabaseUserRolesLocked(u.GroupID, u.Username, next.Roles); e != nil {
				return e
			}
		}
		if req.HasScopes {
			next.Scopes = req.Scopes
		}
		if req.HasLabels {
			next.Labels = req.Labels
		}
		if req.Description != nil {
			next.Description = *req.Description
		}
		if req.DeleteAfterDate != nil {
			next.DeleteAfterDate = req.DeleteAfterDate
			if e := checkDeleteAfterDate(&next, c.s.now()); e != nil {
				return e
			}
		}
		if req.Password != nil {
			next.PasswordHash = hashSecret(*req.Password)
		}
		*u = next
		out = c.databaseUserView(u)
		return c.commitLocked()
	})
	if ok {
		c.writeResource(http.StatusOK, out)
	}
}

func (c *reqCtx) deleteDatabaseUser() {
	ok := c.withLock(func() *errResp {
		u, e := c.pathDatabaseUserLocked()
		if e != nil {
			return e
		}
		c.s.st.DatabaseUsers[u.GroupID] = slices.DeleteFunc(c.s.st.DatabaseUsers[u.GroupID], func(x *databaseUser) bool { return x == u })
		return c.commitLocked()
	})
	if ok {
		c.writeNoContent()
	}
}

// ErrDatabaseUserNotFound is returned by DatabaseUserPasswordMatches for a
// user the project does not have.
var ErrDatabaseUserNotFound = errors.New("atlassim: no such database user")

// DatabaseUserPasswordMatches reports whether password is the current
// password of a project's database user, so that a test can prove that a
// rotation reached Atlas without the simulator keeping or answering the
// plaintext. It is also served as POST /__atlassim/databaseUsers/password.
func (s *Server) DatabaseUserPasswordMatches(groupID, databaseName, username, password string) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	u := s.databaseUserLocked(groupID, databaseName, username)
	if u == nil {
		return false, ErrDatabaseUserNotFound
	}
	return u.PasswordHash != "" && u.PasswordHash == hashSecret(password), nil
}
