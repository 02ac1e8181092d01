package atlassim

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"
)

// Media-type versions of the operations served.
const (
	v20230101 = "2023-01-01"
	v20230201 = "2023-02-01"
	v20240805 = "2024-08-05"
	v20250219 = "2025-02-19"
)

// reqCtx carries one API request through its handler.
type reqCtx struct {
	s       *Server
	w       http.ResponseWriter
	r       *http.Request
	params  map[string]string
	version string // the media-type version serving this request
}

type handlerFunc func(*reqCtx)

// route is one operation: a method, a path template below /api/atlas/v2 and
// the versions it exists in (ascending).
type route struct {
	method   string
	pattern  string
	access   accessLevel
	segs     []segment
	versions []string
	handle   handlerFunc
}

// segment is a literal, or a variable with an optional literal suffix for
// custom methods such as "{clientId}:invite".
type segment struct {
	literal string
	name    string
	suffix  string
}

func newRoute(method, pattern string, access accessLevel, h handlerFunc, versions ...string) *route {
	rt := &route{method: method, pattern: pattern, access: access, versions: versions, handle: h}
	for _, part := range strings.Split(strings.TrimPrefix(pattern, "/"), "/") {
		if strings.HasPrefix(part, "{") {
			end := strings.Index(part, "}")
			rt.segs = append(rt.segs, segment{name: part[1:end], suffix: part[end+1:]})
		} else {
			rt.segs = append(rt.segs, segment{literal: part})
		}
	}
	return rt
}

// match reports whether path segments fit the template and extracts variables.
func (rt *route) match(parts []string) (map[string]string, bool) {
	if len(parts) != len(rt.segs) {
		return nil, false
	}
	params := map[string]string{}
	for i, sg := range rt.segs {
		p := parts[i]
		switch {
		case sg.name == "":
			if p != sg.literal {
				return nil, false
			}
		case sg.suffix != "":
			v, ok := strings.CutSuffix(p, sg.suffix)
			if !ok || v == "" || strings.Contains(v, ":") {
				return nil, false
			}
			params[sg.name] = v
		default:
			// A plain variable never swallows a custom method suffix, so
			// GET ".../{clientId}:invite" is a 405, not a bad client ID;
			// only an IPv6 address in {ipAddress} or {entryValue} and an AWS
			// IAM ARN in a database user's {username} hold colons.
			if p == "" || (strings.Contains(p, ":") && sg.name != "ipAddress" && sg.name != "entryValue" && sg.name != "username") {
				return nil, false
			}
			params[sg.name] = p
		}
	}
	return params, true
}

func (s *Server) buildRoutes() []*route {
	return []*route{
		newRoute("GET", "/groups/{groupId}", projectRead, (*reqCtx).getGroup, v20230101),

		newRoute("GET", "/groups/{groupId}/serviceAccounts", projectRead, (*reqCtx).listGroupServiceAccounts, v20240805),
		newRoute("POST", "/groups/{groupId}/serviceAccounts", projectOwner, (*reqCtx).createGroupServiceAccount, v20240805),
		newRoute("GET", "/groups/{groupId}/serviceAccounts/{clientId}", projectRead, (*reqCtx).getGroupServiceAccount, v20240805),
		newRoute("PATCH", "/groups/{groupId}/serviceAccounts/{clientId}", projectOwner, (*reqCtx).updateGroupServiceAccount, v20240805),
		newRoute("DELETE", "/groups/{groupId}/serviceAccounts/{clientId}", projectOwner, (*reqCtx).deleteGroupServiceAccount, v20240805),
		newRoute("POST", "/groups/{groupId}/serviceAccounts/{clientId}:invite", orgOwner, (*reqCtx).inviteGroupServiceAccount, v20240805),
		newRoute("GET", "/groups/{groupId}/serviceAccounts/{clientId}/accessList", projectRead, (*reqCtx).listAccessList, v20240805),
		newRoute("POST", "/groups/{groupId}/serviceAccounts/{clientId}/accessList", projectAccessManager, (*reqCtx).addAccessList, v20240805),
		newRoute("DELETE", "/groups/{groupId}/serviceAccounts/{clientId}/accessList/{ipAddress}", projectAccessManager, (*reqCtx).deleteAccessListEntry, v20240805),
		newRoute("POST", "/groups/{groupId}/serviceAccounts/{clientId}/secrets", projectAccessManager, (*reqCtx).createSecret, v20240805),
		newRoute("DELETE", "/groups/{groupId}/serviceAccounts/{clientId}/secrets/{secretId}", projectOwner, (*reqCtx).deleteSecret, v20240805),

		newRoute("GET", "/orgs/{orgId}/groups", orgRead, (*reqCtx).listOrgGroups, v20230101),
		newRoute("GET", "/orgs/{orgId}/serviceAccounts", orgRead, (*reqCtx).listOrgServiceAccounts, v20240805),
		newRoute("POST", "/orgs/{orgId}/serviceAccounts", orgOwner, (*reqCtx).createOrgServiceAccount, v20240805),
		newRoute("GET", "/orgs/{orgId}/serviceAccounts/{clientId}", orgRead, (*reqCtx).getOrgServiceAccount, v20240805),
		newRoute("PATCH", "/orgs/{orgId}/serviceAccounts/{clientId}", orgOwner, (*reqCtx).updateOrgServiceAccount, v20240805),
		newRoute("DELETE", "/orgs/{orgId}/serviceAccounts/{clientId}", orgOwner, (*reqCtx).deleteOrgServiceAccount, v20240805),
		newRoute("GET", "/orgs/{orgId}/serviceAccounts/{clientId}/groups", orgRead, (*reqCtx).listServiceAccountGroups, v20240805),
		newRoute("GET", "/orgs/{orgId}/serviceAccounts/{clientId}/accessList", orgRead, (*reqCtx).listAccessList, v20240805),
		newRoute("POST", "/orgs/{orgId}/serviceAccounts/{clientId}/accessList", orgOwner, (*reqCtx).addAccessList, v20240805),
		newRoute("DELETE", "/orgs/{orgId}/serviceAccounts/{clientId}/accessList/{ipAddress}", orgOwner, (*reqCtx).deleteAccessListEntry, v20240805),
		newRoute("POST", "/orgs/{orgId}/serviceAccounts/{clientId}/secrets", orgOwner, (*reqCtx).createSecret, v20240805),
		newRoute("DELETE", "/orgs/{orgId}/serviceAccounts/{clientId}/secrets/{secretId}", orgOwner, (*reqCtx).deleteSecret, v20240805),

		newRoute("GET", "/groups/{groupId}/users", projectRead, (*reqCtx).listGroupUsers, v20250219),
		newRoute("POST", "/groups/{groupId}/users", projectOwner, (*reqCtx).addGroupUser, v20250219),
		newRoute("GET", "/groups/{groupId}/users/{userId}", projectRead, (*reqCtx).getGroupUser, v20250219),
		newRoute("DELETE", "/groups/{groupId}/users/{userId}", projectOwner, (*reqCtx).removeGroupUser, v20230101, v20250219),
		newRoute("POST", "/groups/{groupId}/users/{userId}:addRole", projectOwner, (*reqCtx).addGroupUserRole, v20250219),
		newRoute("POST", "/groups/{groupId}/users/{userId}:removeRole", projectOwner, (*reqCtx).removeGroupUserRole, v20250219),

		newRoute("GET", "/orgs/{orgId}/users", orgMember, (*reqCtx).listOrgUsers, v20250219),
		newRoute("POST", "/orgs/{orgId}/users", orgOwner, (*reqCtx).createOrgUser, v20250219),
		newRoute("GET", "/orgs/{orgId}/users/{userId}", orgMember, (*reqCtx).getOrgUser, v20250219),
		newRoute("PATCH", "/orgs/{orgId}/users/{userId}", orgOwner, (*reqCtx).updateOrgUser, v20250219),
		newRoute("DELETE", "/orgs/{orgId}/users/{userId}", orgOwner, (*reqCtx).removeOrgUser, v20230101, v20250219),
		newRoute("POST", "/orgs/{orgId}/users/{userId}:addRole", orgOwner, (*reqCtx).addOrgUserRole, v20250219),
		newRoute("POST", "/orgs/{orgId}/users/{userId}:removeRole", orgOwner, (*reqCtx).removeOrgUserRole, v20250219),

		newRoute("GET", "/orgs/{orgId}/teams", orgMember, (*reqCtx).listOrgTeams, v20230101),
		newRoute("POST", "/orgs/{orgId}/teams", orgOwner, (*reqCtx).createOrgTeam, v20230101),
		newRoute("GET", "/orgs/{orgId}/teams/byName/{teamName}", orgMember, (*reqCtx).getOrgTeamByName, v20230101),
		newRoute("GET", "/orgs/{orgId}/teams/{teamId}", orgMember, (*reqCtx).getOrgTeam, v20230101),
		newRoute("PATCH", "/orgs/{orgId}/teams/{teamId}", orgOwner, (*reqCtx).renameOrgTeam, v20230101),
		newRoute("DELETE", "/orgs/{orgId}/teams/{teamId}", orgOwner, (*reqCtx).deleteOrgTeam, v20230101),
		newRoute("GET", "/orgs/{orgId}/teams/{teamId}/users", orgMember, (*reqCtx).listOrgTeamUsers, v20230101, v20250219),
		newRoute("POST", "/orgs/{orgId}/teams/{teamId}:addUser", orgOwner, (*reqCtx).addOrgTeamUser, v20250219),
		newRoute("POST", "/orgs/{orgId}/teams/{teamId}:removeUser", orgOwner, (*reqCtx).removeOrgTeamUser, v20250219),

		newRoute("GET", "/groups/{groupId}/teams", projectRead, (*reqCtx).listGroupTeams, v20230101),
		newRoute("POST", "/groups/{groupId}/teams", projectAccessManager, (*reqCtx).addGroupTeams, v20230101),
		newRoute("GET", "/groups/{groupId}/teams/{teamId}", projectRead, (*reqCtx).getGroupTeam, v20230101),
		newRoute("PATCH", "/groups/{groupId}/teams/{teamId}", projectAccessManager, (*reqCtx).updateGroupTeam, v20230101),
		newRoute("DELETE", "/groups/{groupId}/teams/{teamId}", projectAccessManager, (*reqCtx).removeGroupTeam, v20230101),

		newRoute("GET", "/groups/{groupId}/accessList", projectRead, (*reqCtx).listIPAccessList, v20230101),
		newRoute("POST", "/groups/{groupId}/accessList", projectNetworkAccessManager, (*reqCtx).addIPAccessList, v20230101),
		newRoute("GET", "/groups/{groupId}/accessList/{entryValue}", projectRead, (*reqCtx).getIPAccessEntry, v20230101),
		newRoute("DELETE", "/groups/{groupId}/accessList/{entryValue}", projectNetworkAccessManager, (*reqCtx).deleteIPAccessEntry, v20230101),
		newRoute("GET", "/groups/{groupId}/accessList/{entryValue}/status", projectRead, (*reqCtx).ipAccessStatus, v20230101),
		newRoute("GET", "/groups/{groupId}/databaseUsers", projectRead, (*reqCtx).listDatabaseUsers, v20230101),
		newRoute("POST", "/groups/{groupId}/databaseUsers", projectDatabaseAccessAdmin, (*reqCtx).createDatabaseUser, v20230101),
		newRoute("GET", "/groups/{groupId}/databaseUsers/{databaseName}/{username}", projectRead, (*reqCtx).getDatabaseUser, v20230101),
		newRoute("PATCH", "/groups/{groupId}/databaseUsers/{databaseName}/{username}", projectDatabaseAccessAdmin, (*reqCtx).updateDatabaseUser, v20230101),
		newRoute("DELETE", "/groups/{groupId}/databaseUsers/{databaseName}/{username}", projectDatabaseAccessAdmin, (*reqCtx).deleteDatabaseUser, v20230101),
		newRoute("GET", "/groups/{groupId}/customDBRoles/roles", projectRead, (*reqCtx).listCustomRoles, v20230101),
		newRoute("POST", "/groups/{groupId}/customDBRoles/roles", projectDatabaseAccessAdmin, (*reqCtx).createCustomRole, v20230101),
		newRoute("GET", "/groups/{groupId}/customDBRoles/roles/{roleName}", projectRead, (*reqCtx).getCustomRole, v20230101),
		newRoute("PATCH", "/groups/{groupId}/customDBRoles/roles/{roleName}", projectDatabaseAccessAdmin, (*reqCtx).updateCustomRole, v20230101),
		newRoute("DELETE", "/groups/{groupId}/customDBRoles/roles/{roleName}", projectDatabaseAccessAdmin, (*reqCtx).deleteCustomRole, v20230101),

		newRoute("POST", "/groups/{groupId}/access", projectOwner, (*reqCtx).addGroupAccessUser, v20230201),
		newRoute("GET", "/orgs/{orgId}/invites/{invitationId}", orgOwner, (*reqCtx).getOrgInvite, v20230101),
		newRoute("DELETE", "/orgs/{orgId}/invites/{invitationId}", orgOwner, (*reqCtx).deleteOrgInvite, v20230101),
	}
}

// serveAPI authenticates, routes, negotiates the version, checks path
// parameters and runs the handler, in the order a real gateway would.
func (s *Server) serveAPI(w http.ResponseWriter, r *http.Request) {
	c, ok := s.authenticate(w, r)
	if !ok {
		return
	}
	r = r.WithContext(withCaller(r.Context(), c))
	// Segments are split before they are unescaped: the {ipAddress} of an
	// access-list DELETE carries a CIDR block's "/" as %2F.
	parts := strings.Split(strings.TrimPrefix(r.URL.EscapedPath(), apiPrefix+"/"), "/")
	for i, p := range parts {
		if u, err := url.PathUnescape(p); err == nil {
			parts[i] = u
		}
	}
	var allowed []string
	for _, rt := range s.routes {
		params, ok := rt.match(parts)
		if !ok {
			continue
		}
		if rt.method != r.Method {
			allowed = append(allowed, rt.method)
			continue
		}
		version, verr := negotiateVersion(r.Header.Get("Accept"), rt.versions)
		if verr != nil {
			writeErr(w, r, verr)
			return
		}
		if perr := validatePathParams(params); perr != nil {
			writeErr(w, r, perr)
			return
		}
		if aerr := s.authorize(c, rt.access, params); aerr != nil {
			writeErr(w, r, aerr)
			return
		}
		rt.handle(&reqCtx{s: s, w: w, r: r, params: params, version: version})
		return
	}
	if len(allowed) > 0 {
		w.Header().Set("Allow", strings.Join(allowed, ", "))
		writeError(w, r, http.StatusMethodNotAllowed, "METHOD_NOT_ALLOWED",
			fmt.Sprintf("Method %s is not allowed on %s.", r.Method, r.URL.Path))
		return
	}
	writeError(w, r, http.StatusNotFound, "RESOURCE_NOT_FOUND", fmt.Sprintf("Cannot find resource %s.", r.URL.Path))
}

var vendorType = regexp.MustCompile(`^application/vnd\.atlas\.(\d{4}-\d{2}-\d{2})\+json$`)

// negotiateVersion picks the newest version of the operation not later than
// the date in the Accept header. The real API requires the versioned media
// type: a missing, generic or malformed Accept, or a date before every
// version of the operation, is answered 406 INVALID_VERSION_DATE "Invalid
// accept header or version date." (observed; the spec declares no 406).
func negotiateVersion(accept string, versions []string) (string, *errResp) {
	requested := ""
	for _, part := range strings.Split(accept, ",") {
		mt, _, _ := strings.Cut(part, ";")
		m := vendorType.FindStringSubmatch(strings.ToLower(strings.TrimSpace(mt)))
		if m == nil {
			continue
		}
		if _, err := time.Parse(time.DateOnly, m[1]); err == nil {
			requested = m[1]
			break
		}
	}
	served := ""
	for _, v := range versions {
		if requested != "" && v <= requested {
			served = v
		}
	}
	if served == "" {
		return "", newErr(http.StatusNotAcceptable, "INVALID_VERSION_DATE", invalidVersionDetail)
	}
	return served, nil
}

// invalidVersionDetail is Atlas's detail of a 406 INVALID_VERSION_DATE.
const invalidVersionDetail = "Invalid accept header or version date."
