package atlassim

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"sort"
	"strings"
	"time"
)

// orgUserJSON is an OrgUserResponse: OrgActiveUserResponse for ACTIVE
// users, OrgPendingUserResponse otherwise.
type orgUserJSON struct {
	ID                  string          `json:"id"`
	OrgMembershipStatus string          `json:"orgMembershipStatus"`
	Roles               orgUserRoles    `json:"roles"`
	TeamIDs             []string        `json:"teamIds"`
	Username            string          `json:"username"`
	CreatedAt           *time.Time      `json:"createdAt,omitempty"`
	FirstName           string          `json:"firstName,omitempty"`
	LastName            string          `json:"lastName,omitempty"`
	InvitationCreatedAt *time.Time      `json:"invitationCreatedAt,omitempty"`
	InvitationExpiresAt json.RawMessage `json:"invitationExpiresAt,omitempty"`
	InviterUsername     string          `json:"inviterUsername,omitempty"`
}

// orgUserRoles is OrgUserRolesResponse. groupRoleAssignments holds only the
// user's direct project roles, never those a team grants (see doc.go).
type orgUserRoles struct {
	OrgRoles             []string              `json:"orgRoles"`
	GroupRoleAssignments []groupRoleAssignment `json:"groupRoleAssignments"`
}

type groupRoleAssignment struct {
	GroupID    string   `json:"groupId"`
	GroupRoles []string `json:"groupRoles"`
}

// orgRolesOf is a user's organization roles: ORG_MEMBER when none were set
// (a user who came in through a project invitation).
func orgRolesOf(u *user) []string {
	if len(u.OrgRoles) == 0 {
		return []string{"ORG_MEMBER"}
	}
	return slices.Clone(u.OrgRoles)
}

// teamIDsLocked lists the teams a user belongs to, in team creation order.
func (s *Server) teamIDsLocked(userID string) []string {
	out := []string{}
	for _, t := range s.sortedTeamsLocked() {
		if slices.Contains(t.Members, userID) {
			out = append(out, t.ID)
		}
	}
	return out
}

func (s *Server) orgUserViewLocked(u *user) orgUserJSON {
	g := userView(u, "")
	out := orgUserJSON{
		ID: u.ID, OrgMembershipStatus: u.Status, Username: u.Username,
		Roles:     orgUserRoles{OrgRoles: orgRolesOf(u), GroupRoleAssignments: []groupRoleAssignment{}},
		TeamIDs:   s.teamIDsLocked(u.ID),
		CreatedAt: g.CreatedAt, FirstName: g.FirstName, LastName: g.LastName,
		InvitationCreatedAt: g.InvitationCreatedAt, InvitationExpiresAt: g.InvitationExpiresAt, InviterUsername: g.InviterUsername,
	}
	groups := make([]string, 0, len(u.Projects))
	for id := range u.Projects {
		groups = append(groups, id)
	}
	sort.Strings(groups)
	for _, id := range groups {
		out.Roles.GroupRoleAssignments = append(out.Roles.GroupRoleAssignments, groupRoleAssignment{GroupID: id, GroupRoles: slices.Clone(u.Projects[id])})
	}
	return out
}

// userFilter is the orgMembershipStatuses and username filter of the user
// lists.
type userFilter struct {
	statuses map[string]bool
	username string
}

func (f userFilter) keep(u *user) bool {
	return f.statuses[u.Status] && (f.username == "" || strings.EqualFold(u.Username, f.username))
}

// parseUserFilter reads orgMembershipStatuses (repeated or comma-separated;
// the deprecated orgMembershipStatus too, not both) and username. Without
// a status, ACTIVE and PENDING users are kept, as the spec says.
func parseUserFilter(r *http.Request) (userFilter, *errResp) {
	q := r.URL.Query()
	statuses := q["orgMembershipStatuses"]
	var fields []fieldViolation
	if old := q["orgMembershipStatus"]; len(old) > 0 {
		if len(statuses) > 0 {
			return userFilter{}, newErr(http.StatusBadRequest, "INVALID_QUERY_PARAMETER",
				"orgMembershipStatus cannot be combined with orgMembershipStatuses.")
		}
		statuses = old
	}
	f := userFilter{statuses: map[string]bool{}, username: q.Get("username")}
	for _, st := range statuses {
		for _, v := range strings.Split(st, ",") {
			if !slices.Contains(membershipStatuses, v) {
				fields = append(fields, fieldViolation{Field: "orgMembershipStatuses", Description: fmt.Sprintf("%q is not one of %s", v, strings.Join(membershipStatuses, ", "))})
			}
			f.statuses[v] = true
		}
	}
	if len(f.statuses) == 0 {
		f.statuses[statusActive], f.statuses[statusPending] = true, true
	}
	if f.username != "" && !isEmail(f.username) {
		fields = append(fields, fieldViolation{Field: "username", Description: "username must be an email address"})
	}
	if len(fields) > 0 {
		return f, &errResp{status: http.StatusBadRequest, code: "INVALID_QUERY_PARAMETER", detail: "Invalid query parameter.", fields: fields, params: []any{fields[0].Field}}
	}
	return f, nil
}

func orgUserNotFound(id, orgID string) *errResp {
	return newErr(http.StatusNotFound, "USER_NOT_FOUND", fmt.Sprintf("No user with ID %s exists in organization %s.", id, orgID), id)
}

// orgUserLocked resolves orgId and userId to a user of the organization
// whose status the filter keeps.
func (c *reqCtx) orgUserLocked(f userFilter) (*user, *errResp) {
	if e := c.orgLocked(); e != nil {
		return nil, e
	}
	c.s.expireInvitationsLocked(c.s.now())
	id := c.params["userId"]
	u := c.s.st.Users[id]
	if u == nil || !f.statuses[u.Status] {
		return nil, orgUserNotFound(id, c.params["orgId"])
	}
	return u, nil
}

// activeOrPendingFilter keeps ACTIVE and PENDING users.
var activeOrPendingFilter = userFilter{statuses: map[string]bool{statusActive: true, statusPending: true}}

// checkRefsLocked checks that every project and team a request names exists.
func (c *reqCtx) checkRefsLocked(req orgUserReq) *errResp {
	for _, g := range req.Groups {
		if c.s.st.Projects[g.GroupID] == nil {
			return newErr(http.StatusNotFound, "GROUP_NOT_FOUND", fmt.Sprintf("No group with ID %s exists.", g.GroupID), g.GroupID)
		}
	}
	for _, id := range req.TeamIDs {
		if c.s.st.Teams[id] == nil {
			return teamNotFound(id, c.params["orgId"])
		}
	}
	return nil
}

// setTeamsLocked makes the user a member of exactly the teams listed.
func (s *Server) setTeamsLocked(u *user, teamIDs []string) {
	for _, t := range s.st.Teams {
		in := slices.Contains(t.Members, u.ID)
		want := slices.Contains(teamIDs, t.ID)
		switch {
		case want && !in:
			t.Members = append(t.Members, u.ID)
		case !want && in:
			t.Members = slices.DeleteFunc(t.Members, func(id string) bool { return id == u.ID })
		}
	}
}

// createOrgUser invites a user to the organization, as the spec says: a
// PENDING or ACTIVE user of that username is a 409, an expired or rejected
// one is replaced, anyone else gets a new PENDING user.
func (c *reqCtx) createOrgUser() {
	req, ok := decodeBody(c, decodeCreateOrgUser)
	if !ok {
		return
	}
	var out orgUserJSON
	ok = c.withLock(func() *errResp {
		if e := c.orgLocked(); e != nil {
			return e
		}
		if e := c.checkRefsLocked(req); e != nil {
			return e
		}
		now := c.s.now()
		c.s.expireInvitationsLocked(now)
		old := c.s.userByUsernameLocked(req.Username)
		if old != nil && (old.Status == statusActive || old.Status == statusPending) {
			return newErr(http.StatusConflict, "USER_ALREADY_IN_ORG",
				fmt.Sprintf("User %s is already in organization %s or invited to it.", req.Username, c.params["orgId"]), req.Username)
		}
		if e := c.allowInvitationLocked(); e != nil {
			return e
		}
		if old != nil {
			c.s.deleteUserLocked(old)
		}
		u := &user{
			ID: c.s.newID(), Username: req.Username, Status: statusPending, OrgInvited: true,
			OrgRoles:     slices.Clone(req.OrgRoles),
			InvitationID: c.s.newID(), InvitationCreatedAt: now, InvitationExpiresAt: now.Add(invitationLifetime),
			InviterUsername: callerFrom(c.r.Context()).username,
			Projects:        map[string][]string{},
		}
		for _, g := range req.Groups {
			u.Projects[g.GroupID] = slices.Clone(g.Roles)
		}
		c.s.st.Seq++
		u.Seq = c.s.st.Seq
		c.s.st.Users[u.ID] = u
		c.s.setTeamsLocked(u, req.TeamIDs)
		out = c.s.orgUserViewLocked(u)
		return c.commitLocked()
	})
	if ok {
		c.writeResource(http.StatusCreated, out)
	}
}

func (c *reqCtx) listOrgUsers() {
	pg, e := parsePage(c.r)
	if e != nil {
		c.fail(e)
		return
	}
	f, e := parseUserFilter(c.r)
	if e != nil {
		c.fail(e)
		return
	}
	var all []orgUserJSON
	ok := c.withLock(func() *errResp {
		if e := c.orgLocked(); e != nil {
			return e
		}
		c.s.expireInvitationsLocked(c.s.now())
		all = []orgUserJSON{}
		for _, u := range c.s.sortedUsersLocked() {
			if f.keep(u) {
				all = append(all, c.s.orgUserViewLocked(u))
			}
		}
		return nil
	})
	if ok {
		c.writeList(http.StatusOK, paginate(c, all, pg))
	}
}

// sortedUsersLocked returns every user in the order they were added.
func (s *Server) sortedUsersLocked() []*user {
	out := make([]*user, 0, len(s.st.Users))
	for _, u := range s.st.Users {
		out = append(out, u)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Seq != out[j].Seq {
			return out[i].Seq < out[j].Seq
		}
		return out[i].ID < out[j].ID
	})
	return out
}

func (c *reqCtx) getOrgUser() {
	f, e := parseUserFilter(c.r)
	if e != nil {
		c.fail(e)
		return
	}
	var out orgUserJSON
	ok := c.withLock(func() *errResp {
		u, e := c.orgUserLocked(f)
		if e != nil {
			return e
		}
		out = c.s.orgUserViewLocked(u)
		return nil
	})
	if ok {
		c.writeResource(http.StatusOK, out)
	}
}

// updateOrgUser replaces what the body names: roles.orgRoles, the direct
// project roles (roles.groupRoleAssignments: projects left out lose the
// user's direct roles) and team membership (teamIds). An empty list resets
// the field, as the spec says.
func (c *reqCtx) updateOrgUser() {
	req, ok := decodeBody(c, decodeUpdateOrgUser)
	if !ok {
		return
	}
	var out orgUserJSON
	ok = c.withLock(func() *errResp {
		u, e := c.orgUserLocked(activeOrPendingFilter)
		if e != nil {
			return e
		}
		if e := c.checkRefsLocked(req); e != nil {
			return e
		}
		if req.HasRoles {
			u.OrgRoles = slices.Clone(req.OrgRoles)
		}
		if req.HasGroups {
			u.Projects = map[string][]string{}
			for _, g := range req.Groups {
				u.Projects[g.GroupID] = slices.Clone(g.Roles)
			}
		}
		if req.HasTeamIDs {
			c.s.setTeamsLocked(u, req.TeamIDs)
		}
		out = c.s.orgUserViewLocked(u)
		return c.commitLocked()
	})
	if ok {
		c.writeResource(http.StatusOK, out)
	}
}

// removeOrgUser removes the user from the organization, and so from every
// project and team; a pending invitation is cancelled. Version 2023-01-01
// removes only active users (the spec: "If using a deprecated version, only
// active users can be removed"): a pending one is not found there.
func (c *reqCtx) removeOrgUser() {
	filter := activeOrPendingFilter
	if c.version == v20230101 {
		filter = userFilter{statuses: map[string]bool{statusActive: true}}
	}
	ok := c.withLock(func() *errResp {
		u, e := c.orgUserLocked(filter)
		if e != nil {
			return e
		}
		c.s.deleteUserLocked(u)
		return c.commitLocked()
	})
	if ok {
		c.writeNoContent()
	}
}

func (c *reqCtx) addOrgUserRole()    { c.changeOrgUserRole(true) }
func (c *reqCtx) removeOrgUserRole() { c.changeOrgUserRole(false) }

// changeOrgUserRole serves the organization :addRole and :removeRole.
// Adding a role the user has, or removing one they lack, is a no-op; the
// last role cannot be removed (400 CANNOT_REMOVE_LAST_ROLE: the operation
// declares 400 and no 409).
func (c *reqCtx) changeOrgUserRole(add bool) {
	role, ok := decodeBody(c, decodeOrgRole)
	if !ok {
		return
	}
	var out orgUserJSON
	ok = c.withLock(func() *errResp {
		u, e := c.orgUserLocked(activeOrPendingFilter)
		if e != nil {
			return e
		}
		roles := orgRolesOf(u)
		has := slices.Contains(roles, role)
		switch {
		case add && !has:
			roles = append(roles, role)
			u.OrgRoles = roles
		case !add && has && len(roles) == 1:
			return newErr(http.StatusBadRequest, "CANNOT_REMOVE_LAST_ROLE",
				fmt.Sprintf("Cannot remove %s: a user must have at least one role in organization %s. Add the new role first.", role, c.params["orgId"]), role)
		case !add && has:
			u.OrgRoles = slices.DeleteFunc(roles, func(r string) bool { return r == role })
		}
		out = c.s.orgUserViewLocked(u)
		return c.commitLocked()
	})
	if ok {
		c.writeResource(http.StatusOK, out)
	}
}
