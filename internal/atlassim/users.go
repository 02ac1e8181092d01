package atlassim

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"time"
)

// Errors returned by the invitation helpers (and mapped to admin answers).
var (
	// ErrUserNotFound means no user has that username.
	ErrUserNotFound = errors.New("atlassim: no user with that username")
	// ErrNotPending means the user has no pending invitation.
	ErrNotPending = errors.New("atlassim: the user has no pending invitation")
)

// groupUserJSON is a GroupUserResponse: GroupActiveUserResponse for ACTIVE
// users, GroupPendingUserResponse otherwise.
type groupUserJSON struct {
	ID                  string     `json:"id"`
	OrgMembershipStatus string     `json:"orgMembershipStatus"`
	Roles               []string   `json:"roles"`
	Username            string     `json:"username"`
	CreatedAt           *time.Time `json:"createdAt,omitempty"`
	FirstName           string     `json:"firstName,omitempty"`
	LastName            string     `json:"lastName,omitempty"`
	InvitationCreatedAt *time.Time `json:"invitationCreatedAt,omitempty"`
	// InvitationExpiresAt is absent for active users and null for rejected
	// invitations, hence the raw value.
	InvitationExpiresAt json.RawMessage `json:"invitationExpiresAt,omitempty"`
	InviterUsername     string          `json:"inviterUsername,omitempty"`
}

func userView(u *user, groupID string) groupUserJSON {
	out := groupUserJSON{ID: u.ID, OrgMembershipStatus: u.Status, Roles: slices.Clone(u.Projects[groupID]), Username: u.Username}
	if out.Roles == nil {
		out.Roles = []string{}
	}
	if u.Status == statusActive {
		created := u.CreatedAt
		out.CreatedAt, out.FirstName, out.LastName = &created, u.FirstName, u.LastName
		return out
	}
	invited := u.InvitationCreatedAt
	out.InvitationCreatedAt, out.InviterUsername = &invited, u.InviterUsername
	if u.Status == statusRejected {
		out.InvitationExpiresAt = json.RawMessage("null")
	} else {
		b, _ := json.Marshal(u.InvitationExpiresAt)
		out.InvitationExpiresAt = b
	}
	return out
}

func userNotFound(id, groupID string) *errResp {
	return newErr(http.StatusNotFound, "USER_NOT_FOUND", fmt.Sprintf("No user with ID %s exists in group %s.", id, groupID), id)
}

// groupUserLocked resolves groupId and userId to a member of that project.
func (c *reqCtx) groupUserLocked() (*user, *errResp) {
	p, e := c.projectLocked()
	if e != nil {
		return nil, e
	}
	c.s.expireInvitationsLocked(c.s.now())
	id := c.params["userId"]
	u := c.s.st.Users[id]
	if u == nil || u.Projects[p.ID] == nil {
		return nil, userNotFound(id, p.ID)
	}
	return u, nil
}

// RemoveLastRole is how :removeRole answers a request that would leave a
// project user without a role. The spec says only that a user must always
// have a role, and lists 400 and 409 for the operation.
type RemoveLastRole string

const (
	// RemoveLastRole400 refuses with 400 CANNOT_REMOVE_LAST_ROLE (the default).
	RemoveLastRole400 RemoveLastRole = "400"
	// RemoveLastRole409 refuses with 409 CANNOT_REMOVE_LAST_ROLE.
	RemoveLastRole409 RemoveLastRole = "409"
	// RemoveLastRoleRemovesUser removes the user from the project (an
	// invitation left in no project is cancelled) and answers 200 with the
	// user as they were, without the role.
	RemoveLastRoleRemovesUser RemoveLastRole = "remove-user"
)

// InvitationLimit is how Atlas answers a new invitation over its per-IP
// limit. Observed: 400 INVITATIONS_RATE_LIMITED_IP without Retry-After. Atlas
// moved its API to token-bucket limits answered with 429 in 2026, and may
// answer this limit the same way.
type InvitationLimit string

const (
	// InvitationLimit400 answers 400 INVITATIONS_RATE_LIMITED_IP with no
	// Retry-After (observed; the default).
	InvitationLimit400 InvitationLimit = "400"
	// InvitationLimit429 answers 429 INVITATIONS_RATE_LIMITED_IP with
	// Retry-After.
	InvitationLimit429 InvitationLimit = "429"
	// InvitationLimitTokenBucket answers 429 RATE_LIMITED_TOKEN_BUCKET, the
	// body and headers of any other Atlas rate limit.
	InvitationLimitTokenBucket InvitationLimit = "429-token-bucket"
)

// checkBehaviours fills in the default behaviours and rejects unknown ones.
func (o *Options) checkBehaviours() error {
	if o.InviteExistingAccount == "" {
		o.InviteExistingAccount = InviteExistingConflict
	}
	if o.RemoveLastRole == "" {
		o.RemoveLastRole = RemoveLastRole400
	}
	if o.InvitationLimit == "" {
		o.InvitationLimit = InvitationLimit400
	}
	if o.DeleteAssignedTeam == "" {
		o.DeleteAssignedTeam = DeleteAssignedTeamRefused
	}
	if o.AccessListForm == "" {
		o.AccessListForm = AccessListAsGiven
	}
	if o.AccessListDuplicate == "" {
		o.AccessListDuplicate = AccessListDuplicateConflict
	}
	switch {
	case !slices.Contains([]AccessListForm{AccessListAsGiven, AccessListBoth}, o.AccessListForm):
		return fmt.Errorf("access-list-form %q: want %s or %s", o.AccessListForm, AccessListAsGiven, AccessListBoth)
	case !slices.Contains([]AccessListDuplicate{AccessListDuplicateConflict, AccessListDuplicateIgnored}, o.AccessListDuplicate):
		return fmt.Errorf("access-list-duplicate %q: want %s or %s", o.AccessListDuplicate, AccessListDuplicateConflict, AccessListDuplicateIgnored)
	case !slices.Contains([]InviteExistingAccount{InviteExistingConflict, InviteExistingUpdatesRoles}, o.InviteExistingAccount):
		return fmt.Errorf("invite-existing-account %q: want %s or %s", o.InviteExistingAccount, InviteExistingConflict, InviteExistingUpdatesRoles)
	case !slices.Contains([]RemoveLastRole{RemoveLastRole400, RemoveLastRole409, RemoveLastRoleRemovesUser}, o.RemoveLastRole):
		return fmt.Errorf("remove-last-role %q: want %s, %s or %s", o.RemoveLastRole, RemoveLastRole400, RemoveLastRole409, RemoveLastRoleRemovesUser)
	case !slices.Contains([]DeleteAssignedTeam{DeleteAssignedTeamRefused, DeleteAssignedTeamUnassigns}, o.DeleteAssignedTeam):
		return fmt.Errorf("delete-assigned-team %q: want %s or %s", o.DeleteAssignedTeam, DeleteAssignedTeamRefused, DeleteAssignedTeamUnassigns)
	case !slices.Contains([]InvitationLimit{InvitationLimit400, InvitationLimit429, InvitationLimitTokenBucket}, o.InvitationLimit):
		return fmt.Errorf("invitation-limit %q: want %s, %s or %s", o.InvitationLimit, InvitationLimit400, InvitationLimit429, InvitationLimitTokenBucket)
	}
	return nil
}

// allowInvitationLocked applies the per-IP invitation rate limit, answered
// as Options.InvitationLimit says. It uses the precise clock: stored
// timestamps are truncated to seconds, which would make sub-second windows
// meaningless.
func (c *reqCtx) allowInvitationLocked() *errResp {
	now := c.s.opts.PaceClock()
	limit := c.s.opts.InviteRateLimit
	if limit < 0 {
		return nil
	}
	ip := clientIP(c.r)
	recent := c.s.inviteLog[ip][:0]
	for _, t := range c.s.inviteLog[ip] {
		if now.Sub(t) < c.s.opts.InviteRateWindow {
			recent = append(recent, t)
		}
	}
	if len(recent) >= limit {
		c.s.inviteLog[ip] = recent
		switch c.s.opts.InvitationLimit {
		case InvitationLimit429:
			c.w.Header().Set("Retry-After", strconv.Itoa(retryAfterSeconds(recent[0].Add(c.s.opts.InviteRateWindow).Sub(now))))
			return newErr(http.StatusTooManyRequests, "INVITATIONS_RATE_LIMITED_IP",
				fmt.Sprintf("Too many invitations from %s: at most %d per %s.", ip, limit, c.s.opts.InviteRateWindow), ip)
		case InvitationLimitTokenBucket:
			return rateLimited(c.w, c.r, retryAfterSeconds(recent[0].Add(c.s.opts.InviteRateWindow).Sub(now)), limit, limit, int(c.s.opts.InviteRateWindow.Round(time.Second)/time.Second))
		}
		return newErr(http.StatusBadRequest, "INVITATIONS_RATE_LIMITED_IP",
			fmt.Sprintf("Too many invitations from %s: at most %d per %s.", ip, limit, c.s.opts.InviteRateWindow), ip)
	}
	c.s.inviteLog[ip] = append(recent, now)
	return nil
}

// inviteLocked creates a new PENDING user invited to one project.
func (c *reqCtx) inviteLocked(username, groupID string, roles []string, now time.Time) *user {
	u := &user{
		ID: c.s.newID(), Username: username, Status: statusPending,
		InvitationID: c.s.newID(), InvitationCreatedAt: now, InvitationExpiresAt: now.Add(invitationLifetime),
		InviterUsername: callerFrom(c.r.Context()).username,
		Projects:        map[string][]string{groupID: roles},
	}
	c.s.st.Seq++
	u.Seq = c.s.st.Seq
	c.s.st.Users[u.ID] = u
	return u
}

// addUserLocked implements the common part of POST /groups/{groupId}/users
// and POST /groups/{groupId}/access. It reports whether a new invitation was
// created (as opposed to adding an active org member directly).
func (c *reqCtx) addUserLocked(groupID, username string, roles []string) (*user, bool, *errResp) {
	now := c.s.now()
	c.s.expireInvitationsLocked(now)
	u := c.s.userByUsernameLocked(username)
	if u != nil && u.Projects[groupID] != nil && (u.Status == statusActive || u.Status == statusPending) {
		return nil, false, newErr(http.StatusConflict, "USER_ALREADY_IN_GROUP",
			fmt.Sprintf("User %s is already in group %s or invited to it.", username, groupID), username, groupID)
	}
	switch {
	case u != nil && u.Status == statusActive:
		// Already an org member: not an invitation, granted at once.
		u.Projects[groupID] = roles
		return u, false, nil
	case u != nil && u.Status == statusPending:
		// A pending org invitation is extended to this project.
		u.Projects[groupID] = roles
		return u, false, nil
	}
	if e := c.allowInvitationLocked(); e != nil {
		return nil, false, e
	}
	if u != nil {
		// INVITATION_EXPIRED or INVITATION_REJECTED: replaced by a new user
		// with a new ID; the stale invitation's other projects go with it.
		c.s.deleteUserLocked(u)
	}
	return c.inviteLocked(username, groupID, roles, now), true, nil
}

func (c *reqCtx) addGroupUser() {
	req, ok := decodeBody(c, decodeUserRequest)
	if !ok {
		return
	}
	var out groupUserJSON
	ok = c.withLock(func() *errResp {
		p, e := c.projectLocked()
		if e != nil {
			return e
		}
		u, _, e := c.addUserLocked(p.ID, req.Username, req.Roles)
		if e != nil {
			return e
		}
		out = userView(u, p.ID)
		return c.commitLocked()
	})
	if ok {
		c.writeResource(http.StatusCreated, out)
	}
}

var membershipStatuses = []string{statusPending, statusActive, statusExpired, statusRejected}

// listGroupUsers lists the project's users with their direct project roles.
// flattenTeams=true (default false, as the spec says) adds the members of
// the project's teams: each listed user's roles are then their direct roles
// and their teams' roles together (our choice; the spec does not say).
func (c *reqCtx) listGroupUsers() {
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
	flatten := queryBool(c.r, "flattenTeams")
	var all []groupUserJSON
	ok := c.withLock(func() *errResp {
		p, e := c.projectLocked()
		if e != nil {
			return e
		}
		c.s.expireInvitationsLocked(c.s.now())
		teamRoles := map[string][]string{}
		if flatten {
			for _, t := range c.s.sortedTeamsLocked() {
				for _, id := range t.Members {
					for _, r := range t.Projects[p.ID] {
						if !slices.Contains(teamRoles[id], r) {
							teamRoles[id] = append(teamRoles[id], r)
						}
					}
				}
			}
		}
		all = []groupUserJSON{}
		for _, u := range c.s.sortedUsersLocked() {
			if (u.Projects[p.ID] == nil && teamRoles[u.ID] == nil) || !f.keep(u) {
				continue
			}
			v := userView(u, p.ID)
			for _, r := range teamRoles[u.ID] {
				if !slices.Contains(v.Roles, r) {
					v.Roles = append(v.Roles, r)
				}
			}
			all = append(all, v)
		}
		return nil
	})
	if ok {
		c.writeList(http.StatusOK, paginate(c, all, pg))
	}
}

func (c *reqCtx) getGroupUser() {
	var out groupUserJSON
	ok := c.withLock(func() *errResp {
		u, e := c.groupUserLocked()
		if e != nil {
			return e
		}
		out = userView(u, c.params["groupId"])
		return nil
	})
	if ok {
		c.writeResource(http.StatusOK, out)
	}
}

// removeGroupUser removes the user from the project. A user who never
// accepted and is left in no project has nothing to join: the invitation is
// cancelled and the user forgotten.
func (c *reqCtx) removeGroupUser() {
	ok := c.withLock(func() *errResp {
		u, e := c.groupUserLocked()
		if e != nil {
			return e
		}
		delete(u.Projects, c.params["groupId"])
		if u.Status != statusActive && len(u.Projects) == 0 && !u.OrgInvited {
			c.s.deleteUserLocked(u)
		}
		return c.commitLocked()
	})
	if ok {
		c.writeNoContent()
	}
}

func (c *reqCtx) addGroupUserRole()    { c.changeUserRole(true) }
func (c *reqCtx) removeGroupUserRole() { c.changeUserRole(false) }

// changeUserRole serves :addRole and :removeRole. Adding a role the user has,
// or removing one they lack, is a no-op answered with the user. Removing the
// last role is answered as Options.RemoveLastRole says (the spec says only
// that a user must always have a role).
func (c *reqCtx) changeUserRole(add bool) {
	role, ok := decodeBody(c, decodeGroupRole)
	if !ok {
		return
	}
	var out groupUserJSON
	ok = c.withLock(func() *errResp {
		u, e := c.groupUserLocked()
		if e != nil {
			return e
		}
		g := c.params["groupId"]
		roles := u.Projects[g]
		has := slices.Contains(roles, role)
		switch {
		case add && !has:
			u.Projects[g] = append(slices.Clone(roles), role)
		case !add && has && len(roles) == 1:
			switch c.s.opts.RemoveLastRole {
			case RemoveLastRoleRemovesUser:
				out = userView(u, g)
				out.Roles = []string{}
				delete(u.Projects, g)
				if u.Status != statusActive && len(u.Projects) == 0 && !u.OrgInvited {
					c.s.deleteUserLocked(u)
				}
				return c.commitLocked()
			case RemoveLastRole409:
				return newErr(http.StatusConflict, "CANNOT_REMOVE_LAST_ROLE",
					fmt.Sprintf("Cannot remove %s: a user must have at least one role in group %s. Add the new role first.", role, g), role)
			}
			return newErr(http.StatusBadRequest, "CANNOT_REMOVE_LAST_ROLE",
				fmt.Sprintf("Cannot remove %s: a user must have at least one role in group %s. Add the new role first.", role, g), role)
		case !add && has:
			u.Projects[g] = slices.DeleteFunc(slices.Clone(roles), func(r string) bool { return r == role })
		}
		out = userView(u, g)
		return c.commitLocked()
	})
	if ok {
		c.writeResource(http.StatusOK, out)
	}
}

// organizationInvitationJSON is an OrganizationInvitation.
type organizationInvitationJSON struct {
	CreatedAt            time.Time       `json:"createdAt"`
	ExpiresAt            time.Time       `json:"expiresAt"`
	GroupRoleAssignments []groupRoleJSON `json:"groupRoleAssignments"`
	ID                   string          `json:"id"`
	InviterUsername      string          `json:"inviterUsername"`
	Links                []link          `json:"links"`
	OrgID                string          `json:"orgId"`
	OrgName              string          `json:"orgName"`
	Roles                []string        `json:"roles"`
	TeamIDs              []string        `json:"teamIds"`
	Username             string          `json:"username"`
}

type groupRoleJSON struct {
	GroupID   string `json:"groupId"`
	GroupRole string `json:"groupRole"`
}

func (c *reqCtx) invitationView(u *user) organizationInvitationJSON {
	fx := c.s.st.Fixtures
	out := organizationInvitationJSON{
		CreatedAt: u.InvitationCreatedAt, ExpiresAt: u.InvitationExpiresAt, ID: u.InvitationID,
		InviterUsername: u.InviterUsername, OrgID: fx.OrgID, OrgName: fx.OrgName,
		Links: c.selfLink("/orgs/" + fx.OrgID + "/invites/" + u.InvitationID),
		Roles: []string{"ORG_MEMBER"}, TeamIDs: []string{}, Username: u.Username,
		GroupRoleAssignments: []groupRoleJSON{},
	}
	groups := make([]string, 0, len(u.Projects))
	for g := range u.Projects {
		groups = append(groups, g)
	}
	sort.Strings(groups)
	for _, g := range groups {
		for _, r := range u.Projects[g] {
			out.GroupRoleAssignments = append(out.GroupRoleAssignments, groupRoleJSON{GroupID: g, GroupRole: r})
		}
	}
	return out
}

// addGroupAccessUser is the deprecated POST /groups/{groupId}/access: 200
// with the organization invitation for someone not yet in the org, 204 for
// an active org member, who is added to the project at once.
func (c *reqCtx) addGroupAccessUser() {
	req, ok := decodeBody(c, decodeUserRequest)
	if !ok {
		return
	}
	var out organizationInvitationJSON
	active := false
	ok = c.withLock(func() *errResp {
		p, e := c.projectLocked()
		if e != nil {
			return e
		}
		u, _, e := c.addUserLocked(p.ID, req.Username, req.Roles)
		if e != nil {
			return e
		}
		active = u.Status == statusActive
		out = c.invitationView(u)
		return c.commitLocked()
	})
	switch {
	case !ok:
		// withLock has answered the error.
	case active:
		c.writeNoContent()
	default:
		c.writeResource(http.StatusOK, out)
	}
}

// orgInviteLocked finds a not-yet-accepted invitation by ID.
func (c *reqCtx) orgInviteLocked() (*user, *errResp) {
	if e := c.orgLocked(); e != nil {
		return nil, e
	}
	c.s.expireInvitationsLocked(c.s.now())
	id := c.params["invitationId"]
	for _, u := range c.s.st.Users {
		if u.InvitationID == id && u.Status != statusActive {
			return u, nil
		}
	}
	return nil, newErr(http.StatusNotFound, "INVITATION_NOT_FOUND", fmt.Sprintf("No pending invitation with ID %s exists.", id), id)
}

func (c *reqCtx) getOrgInvite() {
	var out organizationInvitationJSON
	ok := c.withLock(func() *errResp {
		u, e := c.orgInviteLocked()
		if e != nil {
			return e
		}
		out = c.invitationView(u)
		return nil
	})
	if ok {
		c.writeResource(http.StatusOK, out)
	}
}

// deleteOrgInvite cancels the invitation: the pending user leaves every project.
func (c *reqCtx) deleteOrgInvite() {
	ok := c.withLock(func() *errResp {
		u, e := c.orgInviteLocked()
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

// setUserStatus moves a PENDING user to a new status under the store lock.
func (s *Server) setUserStatus(username string, change func(u *user, now time.Time)) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	s.expireInvitationsLocked(now)
	u := s.userByUsernameLocked(username)
	if u == nil {
		return ErrUserNotFound
	}
	if u.Status != statusPending {
		return ErrNotPending
	}
	change(u, now)
	return s.saveLocked()
}

// AcceptInvitation makes a PENDING user ACTIVE in the organization and in
// every project they were invited to, keeping their ID and roles.
func (s *Server) AcceptInvitation(username string) error {
	return s.setUserStatus(username, func(u *user, now time.Time) {
		u.Status = statusActive
		u.CreatedAt = now
		u.FirstName, u.LastName = namesFromEmail(u.Username)
	})
}

// ExpireInvitation makes a PENDING user's invitation INVITATION_EXPIRED, with
// invitationExpiresAt in the past.
func (s *Server) ExpireInvitation(username string) error {
	return s.setUserStatus(username, func(u *user, now time.Time) {
		u.Status = statusExpired
		u.InvitationExpiresAt = now.Add(-time.Second)
	})
}

// RejectInvitation makes a PENDING user's invitation INVITATION_REJECTED.
func (s *Server) RejectInvitation(username string) error {
	return s.setUserStatus(username, func(u *user, _ time.Time) {
		u.Status = statusRejected
	})
}
