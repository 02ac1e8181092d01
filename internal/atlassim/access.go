package atlassim

import (
	"net/http"
	"slices"
)

// accessLevel is the role an operation requires, after the contract's
// x-rolesRequirements, simplified to what the simulated identities can hold:
// the fixture credentials are an Organization Owner; a service account
// created through the API signs in with its own roles (ORG_MEMBER in the
// organization and its project roles), so tests can see what a provider
// configured with less than organization ownership runs into.
type accessLevel int

const (
	// projectRead needs any role in the project (Project Read Only).
	projectRead accessLevel = iota
	// projectOwner needs GROUP_OWNER in the project (Project Owner).
	projectOwner
	// projectAccessManager needs GROUP_ACCESS_MANAGER or GROUP_OWNER in the
	// project: the spec's x-rolesRequirements name Project Access Manager
	// for creating a project service account's secret.
	projectAccessManager
	// projectNetworkAccessManager needs GROUP_NETWORK_ACCESS_MANAGER or
	// GROUP_OWNER in the project (Project Network Access Manager): the
	// project IP access list's writes.
	projectNetworkAccessManager
	// projectDatabaseAccessAdmin needs GROUP_OWNER,
	// GROUP_DATABASE_ACCESS_ADMIN or GROUP_STREAM_PROCESSING_OWNER: the
	// x-rolesRequirements of the database-user and custom-role writes.
	projectDatabaseAccessAdmin
	// orgRead needs ORG_OWNER or ORG_READ_ONLY (Organization Read Only).
	orgRead
	// orgOwner needs ORG_OWNER (Organization Owner).
	orgOwner
	// orgMember needs any organization role (Organization Member): every
	// service account is at least ORG_MEMBER.
	orgMember
)

// permissionDeniedDetail is the detail Atlas sends with 401 USER_UNAUTHORIZED.
const permissionDeniedDetail = "Current user is not authorized to perform this action."

// authorize answers 401 USER_UNAUTHORIZED when the caller lacks the role the
// operation needs: Atlas answers a missing role with 401, not 403, and the
// same detail whatever the role (see the package doc).
func (s *Server) authorize(c caller, need accessLevel, params map[string]string) *errResp {
	if c.clientID == "" {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	sa := s.st.ServiceAccounts[c.clientID]
	if sa == nil {
		return newErr(http.StatusUnauthorized, "INVALID_TOKEN", "The access token belongs to a deleted service account.")
	}
	if slices.Contains(sa.OrgRoles, "ORG_OWNER") {
		return nil
	}
	allowed := false
	switch need {
	case projectRead:
		allowed = len(sa.Groups[params["groupId"]]) > 0
	case projectOwner:
		allowed = slices.Contains(sa.Groups[params["groupId"]], "GROUP_OWNER")
	case projectAccessManager:
		roles := sa.Groups[params["groupId"]]
		allowed = slices.Contains(roles, "GROUP_OWNER") || slices.Contains(roles, "GROUP_ACCESS_MANAGER")
	case projectNetworkAccessManager:
		roles := sa.Groups[params["groupId"]]
		allowed = slices.Contains(roles, "GROUP_OWNER") || slices.Contains(roles, "GROUP_NETWORK_ACCESS_MANAGER")
	case projectDatabaseAccessAdmin:
		roles := sa.Groups[params["groupId"]]
		allowed = slices.Contains(roles, "GROUP_OWNER") || slices.Contains(roles, "GROUP_DATABASE_ACCESS_ADMIN") ||
			slices.Contains(roles, "GROUP_STREAM_PROCESSING_OWNER")
	case orgRead:
		allowed = slices.Contains(sa.OrgRoles, "ORG_READ_ONLY")
	case orgOwner:
	case orgMember:
		allowed = len(sa.OrgRoles) > 0
	}
	if allowed {
		return nil
	}
	return newErr(http.StatusUnauthorized, "USER_UNAUTHORIZED", permissionDeniedDetail)
}
