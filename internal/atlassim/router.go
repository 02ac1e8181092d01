package atlassim

import (
	"fmt"
	"net/http"
	"regexp"
	"slices"
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

func newRoute(method, pattern string, h handlerFunc, versions ...string) *route {
	rt := &route{method: method, pattern: pattern, versions: versions, handle: h}
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
			// GET ".../{clientId}:invite" is a 405, not a bad client ID.
			if p == "" || strings.Contains(p, ":") {
				return nil, false
			}
			params[sg.name] = p
		}
	}
	return params, true
}

func (s *Server) buildRoutes() []*route {
	return []*route{
		newRoute("GET", "/groups/{groupId}", (*reqCtx).getGroup, v20230101),

		newRoute("GET", "/groups/{groupId}/serviceAccounts", (*reqCtx).listGroupServiceAccounts, v20240805),
		newRoute("POST", "/groups/{groupId}/serviceAccounts", (*reqCtx).createGroupServiceAccount, v20240805),
		newRoute("GET", "/groups/{groupId}/serviceAccounts/{clientId}", (*reqCtx).getGroupServiceAccount, v20240805),
		newRoute("PATCH", "/groups/{groupId}/serviceAccounts/{clientId}", (*reqCtx).updateGroupServiceAccount, v20240805),
		newRoute("DELETE", "/groups/{groupId}/serviceAccounts/{clientId}", (*reqCtx).deleteGroupServiceAccount, v20240805),
		newRoute("POST", "/groups/{groupId}/serviceAccounts/{clientId}:invite", (*reqCtx).inviteGroupServiceAccount, v20240805),
		newRoute("POST", "/groups/{groupId}/serviceAccounts/{clientId}/secrets", (*reqCtx).createSecret, v20240805),
		newRoute("DELETE", "/groups/{groupId}/serviceAccounts/{clientId}/secrets/{secretId}", (*reqCtx).deleteSecret, v20240805),

		newRoute("GET", "/orgs/{orgId}/serviceAccounts", (*reqCtx).listOrgServiceAccounts, v20240805),
		newRoute("GET", "/orgs/{orgId}/serviceAccounts/{clientId}", (*reqCtx).getOrgServiceAccount, v20240805),
		newRoute("DELETE", "/orgs/{orgId}/serviceAccounts/{clientId}", (*reqCtx).deleteOrgServiceAccount, v20240805),
		newRoute("GET", "/orgs/{orgId}/serviceAccounts/{clientId}/groups", (*reqCtx).listServiceAccountGroups, v20240805),
		newRoute("POST", "/orgs/{orgId}/serviceAccounts/{clientId}/secrets", (*reqCtx).createSecret, v20240805),
		newRoute("DELETE", "/orgs/{orgId}/serviceAccounts/{clientId}/secrets/{secretId}", (*reqCtx).deleteSecret, v20240805),

		newRoute("GET", "/groups/{groupId}/users", (*reqCtx).listGroupUsers, v20250219),
		newRoute("POST", "/groups/{groupId}/users", (*reqCtx).addGroupUser, v20250219),
		newRoute("GET", "/groups/{groupId}/users/{userId}", (*reqCtx).getGroupUser, v20250219),
		newRoute("DELETE", "/groups/{groupId}/users/{userId}", (*reqCtx).removeGroupUser, v20230101, v20250219),
		newRoute("POST", "/groups/{groupId}/users/{userId}:addRole", (*reqCtx).addGroupUserRole, v20250219),
		newRoute("POST", "/groups/{groupId}/users/{userId}:removeRole", (*reqCtx).removeGroupUserRole, v20250219),

		newRoute("POST", "/groups/{groupId}/access", (*reqCtx).addGroupAccessUser, v20230201),
		newRoute("GET", "/orgs/{orgId}/invites/{invitationId}", (*reqCtx).getOrgInvite, v20230101),
		newRoute("DELETE", "/orgs/{orgId}/invites/{invitationId}", (*reqCtx).deleteOrgInvite, v20230101),
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
	parts := strings.Split(strings.TrimPrefix(r.URL.Path, apiPrefix+"/"), "/")
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
// type, so a missing, generic or malformed Accept is a 406 (inference: the
// spec does not say which status; 406 is the conventional one).
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
	want := strings.Join(mediaTypes(versions), ", ")
	if requested == "" {
		return "", newErr(http.StatusNotAcceptable, "INVALID_VERSION_DATE",
			fmt.Sprintf("Accept header %q names no Atlas API version; this operation serves %s.", accept, want))
	}
	served := ""
	for _, v := range versions {
		if v <= requested {
			served = v
		}
	}
	if served == "" {
		return "", newErr(http.StatusNotAcceptable, "INVALID_VERSION_DATE",
			fmt.Sprintf("API version %s predates every version of this operation; it serves %s.", requested, want))
	}
	return served, nil
}

func mediaTypes(versions []string) []string {
	out := slices.Clone(versions)
	for i, v := range out {
		out[i] = "application/vnd.atlas." + v + "+json"
	}
	return out
}
