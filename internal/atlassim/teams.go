package atlassim

import (
	"fmt"
	"maps"
	"net/http"
	"slices"
	"sort"
	"strings"
	"time"
)

// Atlas's documented team limits (POST /orgs/{orgId}/teams and POST
// /groups/{groupId}/teams).
const (
	maxTeamsPerOrg     = 250
	maxTeamsPerProject = 100
)

// DeleteAssignedTeam is how DELETE /orgs/{orgId}/teams/{teamId} answers for
// a team that still holds roles in a project. The spec does not say; Atlas
// refuses (observed: "team ... is assigned to a project. Remove it from all
// projects before delete", mongodb/mongodb-atlas-kubernetes#2872).
type DeleteAssignedTeam string

const (
	// DeleteAssignedTeamRefused answers 400 CANNOT_DELETE_TEAM_ASSIGNED_TO_PROJECT
	// and deletes nothing (the default).
	DeleteAssignedTeamRefused DeleteAssignedTeam = "400"
	// DeleteAssignedTeamUnassigns deletes the team and its project roles.
	DeleteAssignedTeamUnassigns DeleteAssignedTeam = "unassign"
)

// teamJSON is a Team (the create answer, with usernames) or a TeamResponse.
type teamJSON struct {
	ID        string    `json:"id"`
	Links     []link    `json:"links"`
	Name      string    `json:"name"`
	Usernames *[]string `json:"usernames,omitempty"`
}

// teamRoleJSON is a TeamRole.
type teamRoleJSON struct {
	Links     []link   `json:"links"`
	RoleNames []string `json:"roleNames"`
	TeamID    string   `json:"teamId"`
}

func (c *reqCtx) teamView(t *team) teamJSON {
	return teamJSON{ID: t.ID, Name: t.Name, Links: c.selfLink("/orgs/" + c.s.st.Fixtures.OrgID + "/teams/" + t.ID)}
}

func teamNotFound(id, orgID string) *errResp {
	return newErr(http.StatusNotFound, "TEAM_NOT_FOUND", fmt.Sprintf("No team with ID %s exists in organization %s.", id, orgID), id)
}

// sortedTeamsLocked returns the teams in creation order.
func (s *Server) sortedTeamsLocked() []*team {
	out := make([]*team, 0, len(s.st.Teams))
	for _, t := range s.st.Teams {
		out = append(out, t)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Seq < out[j].Seq })
	return out
}

// teamByNameLocked finds a team by its exact name.
func (s *Server) teamByNameLocked(name string) *team {
	for _, t := range s.st.Teams {
		if t.Name == name {
			return t
		}
	}
	return nil
}

func duplicateTeamName(name, orgID string) *errResp {
	return newErr(http.StatusConflict, "DUPLICATE_TEAM_NAME",
		fmt.Sprintf("A team named %s already exists in organization %s.", name, orgID), name)
}

// orgTeamLocked resolves orgId and teamId to a team.
func (c *reqCtx) orgTeamLocked() (*team, *errResp) {
	if e := c.orgLocked(); e != nil {
		return nil, e
	}
	id := c.params["teamId"]
	t := c.s.st.Teams[id]
	if t == nil {
		return nil, teamNotFound(id, c.params["orgId"])
	}
	return t, nil
}

// createOrgTeam creates a team with its first members, who must be ACTIVE
// or PENDING in the organization. It answers 200 with a Team, as the spec
// says (not 201).
func (c *reqCtx) createOrgTeam() {
	req, ok := decodeBody(c, decodeCreateTeam)
	if !ok {
		return
	}
	var out teamJSON
	ok = c.withLock(func() *errResp {
		if e := c.orgLocked(); e != nil {
			return e
		}
		org := c.params["orgId"]
		if c.s.teamByNameLocked(req.Name) != nil {
			return duplicateTeamName(req.Name, org)
		}
		if len(c.s.st.Teams) >= maxTeamsPerOrg {
			return newErr(http.StatusBadRequest, "MAX_TEAMS_PER_ORG_EXCEEDED",
				fmt.Sprintf("Organization %s already has the maximum of %d teams.", org, maxTeamsPerOrg), org, maxTeamsPerOrg)
		}
		c.s.expireInvitationsLocked(c.s.now())
		t := &team{ID: c.s.newObjectID(c.s.now()), Name: req.Name, Members: []string{}, Projects: map[string][]string{}}
		usernames := []string{}
		for _, name := range req.Usernames {
			u := c.s.userByUsernameLocked(name)
			if u == nil || (u.Status != statusActive && u.Status != statusPending) {
				return userNotInOrg(name, org)
			}
			t.Members = append(t.Members, u.ID)
			usernames = append(usernames, u.Username)
		}
		c.s.st.Seq++
		t.Seq = c.s.st.Seq
		c.s.st.Teams[t.ID] = t
		out = c.teamView(t)
		out.Usernames = &usernames
		return c.commitLocked()
	})
	if ok {
		c.writeResource(http.StatusOK, out)
	}
}

func userNotInOrg(who, orgID string) *errResp {
	return newErr(http.StatusBadRequest, "USER_NOT_IN_ORG",
		fmt.Sprintf("User %s is not an active or pending member of organization %s. Invite them to the organization first.", who, orgID), who)
}

func (c *reqCtx) listOrgTeams() {
	pg, e := parsePage(c.r)
	if e != nil {
		c.fail(e)
		return
	}
	var all []teamJSON
	ok := c.withLock(func() *errResp {
		if e := c.orgLocked(); e != nil {
			return e
		}
		all = []teamJSON{}
		for _, t := range c.s.sortedTeamsLocked() {
			all = append(all, c.teamView(t))
		}
		return nil
	})
	if ok {
		c.writeList(http.StatusOK, paginate(c, all, pg))
	}
}

func (c *reqCtx) getOrgTeam() {
	var out teamJSON
	ok := c.withLock(func() *errResp {
		t, e := c.orgTeamLocked()
		if e != nil {
			return e
		}
		out = c.teamView(t)
		return nil
	})
	if ok {
		c.writeResource(http.StatusOK, out)
	}
}

func (c *reqCtx) getOrgTeamByName() {
	var out teamJSON
	ok := c.withLock(func() *errResp {
		if e := c.orgLocked(); e != nil {
			return e
		}
		name := c.params["teamName"]
		t := c.s.teamByNameLocked(name)
		if t == nil {
			return newErr(http.StatusNotFound, "TEAM_NOT_FOUND", fmt.Sprintf("No team named %s exists in organization %s.", name, c.params["orgId"]), name)
		}
		out = c.teamView(t)
		return nil
	})
	if ok {
		c.writeResource(http.StatusOK, out)
	}
}

// renameOrgTeam renames a team; another team's name is a 409. Renaming a
// team to its own name is a no-op.
func (c *reqCtx) renameOrgTeam() {
	name, ok := decodeBody(c, decodeRenameTeam)
	if !ok {
		return
	}
	var out teamJSON
	ok = c.withLock(func() *errResp {
		t, e := c.orgTeamLocked()
		if e != nil {
			return e
		}
		if other := c.s.teamByNameLocked(name); other != nil && other != t {
			return duplicateTeamName(name, c.params["orgId"])
		}
		t.Name = name
		out = c.teamView(t)
		return c.commitLocked()
	})
	if ok {
		c.writeResource(http.StatusOK, out)
	}
}

// deleteOrgTeam deletes a team; one still assigned to a project is
// answered as Options.DeleteAssignedTeam says.
func (c *reqCtx) deleteOrgTeam() {
	ok := c.withLock(func() *errResp {
		t, e := c.orgTeamLocked()
		if e != nil {
			return e
		}
		if len(t.Projects) > 0 && c.s.opts.DeleteAssignedTeam != DeleteAssignedTeamUnassigns {
			groups := make([]string, 0, len(t.Projects))
			for g := range t.Projects {
				groups = append(groups, g)
			}
			sort.Strings(groups)
			return newErr(http.StatusBadRequest, "CANNOT_DELETE_TEAM_ASSIGNED_TO_PROJECT",
				fmt.Sprintf("Team %s is assigned to projects %s. Remove it from all projects before deleting it.", t.ID, strings.Join(groups, ", ")), t.ID)
		}
		delete(c.s.st.Teams, t.ID)
		return c.commitLocked()
	})
	if ok {
		c.writeNoContent()
	}
}

// listOrgTeamUsers lists a team's members as OrgUserResponse, ACTIVE and
// PENDING unless orgMembershipStatuses says otherwise; userId (a query
// parameter the spec gives this list only) keeps that user alone. Version
// 2023-01-01 (deprecated, sunset 2027-07-01) lists the active members
// alone, as CloudAppUser.
func (c *reqCtx) listOrgTeamUsers() {
	pg, e := parsePage(c.r)
	if e != nil {
		c.fail(e)
		return
	}
	if c.version == v20230101 {
		c.listOrgTeamAppUsers(pg)
		return
	}
	f, e := parseUserFilter(c.r)
	if e != nil {
		c.fail(e)
		return
	}
	userID := c.r.URL.Query().Get("userId")
	if userID != "" && !hex24Pattern.MatchString(userID) {
		c.fail(&errResp{status: http.StatusBadRequest, code: "INVALID_QUERY_PARAMETER", detail: "Invalid query parameter.",
			fields: []fieldViolation{{Field: "userId", Description: "userId must be 24 hexadecimal digits"}}, params: []any{"userId"}})
		return
	}
	var all []orgUserJSON
	ok := c.withLock(func() *errResp {
		t, e := c.orgTeamLocked()
		if e != nil {
			return e
		}
		c.s.expireInvitationsLocked(c.s.now())
		all = []orgUserJSON{}
		for _, id := range t.Members {
			if u := c.s.st.Users[id]; u != nil && f.keep(u) && (userID == "" || u.ID == userID) {
				all = append(all, c.s.orgUserViewLocked(u))
			}
		}
		return nil
	})
	if ok {
		c.writeList(http.StatusOK, paginate(c, all, pg))
	}
}

// appUserJSON is a CloudAppUser, the user of the deprecated 2023-01-01
// team member list, without the password Atlas never returns. country and
// mobileNumber, required by the spec, are the simulator's fixture profile
// (fixtureCountry, fixtureMobileNumber): its people have no other.
type appUserJSON struct {
	ID           string        `json:"id"`
	Username     string        `json:"username"`
	EmailAddress string        `json:"emailAddress"`
	FirstName    string        `json:"firstName"`
	LastName     string        `json:"lastName"`
	Country      string        `json:"country"`
	MobileNumber string        `json:"mobileNumber"`
	CreatedAt    string        `json:"createdAt"`
	Roles        []appRoleJSON `json:"roles"`
	TeamIDs      []string      `json:"teamIds"`
	Links        []link        `json:"links"`
}

// The fixture profile of every person in a CloudAppUser answer: a country
// (ISO 3166-1 alpha-2) and a fictional (555) United States number, each
// matching the spec's pattern.
const (
	fixtureCountry      = "US"
	fixtureMobileNumber = "2025550100"
)

// appRoleJSON is a CloudAccessRoleAssignment: an organization role names
// orgId, a project role groupId.
type appRoleJSON struct {
	GroupID  string `json:"groupId,omitempty"`
	OrgID    string `json:"orgId,omitempty"`
	RoleName string `json:"roleName"`
}

// listOrgTeamAppUsers serves listOrgTeamUsers in version 2023-01-01: the
// team's ACTIVE members only ("If using a deprecated version, only active
// users will be returned"), with their organization and project roles. The
// filters the spec marks "Not supported in deprecated versions" are
// ignored (our choice: the spec does not say whether Atlas refuses them).
func (c *reqCtx) listOrgTeamAppUsers(pg page) {
	orgID := c.params["orgId"]
	var all []appUserJSON
	ok := c.withLock(func() *errResp {
		t, e := c.orgTeamLocked()
		if e != nil {
			return e
		}
		c.s.expireInvitationsLocked(c.s.now())
		all = []appUserJSON{}
		for _, id := range t.Members {
			u := c.s.st.Users[id]
			if u == nil || u.Status != statusActive {
				continue
			}
			roles := []appRoleJSON{}
			for _, r := range orgRolesOf(u) {
				roles = append(roles, appRoleJSON{OrgID: orgID, RoleName: r})
			}
			for _, g := range slices.Sorted(maps.Keys(u.Projects)) {
				for _, r := range u.Projects[g] {
					roles = append(roles, appRoleJSON{GroupID: g, RoleName: r})
				}
			}
			all = append(all, appUserJSON{
				ID: u.ID, Username: u.Username, EmailAddress: u.Username, FirstName: u.FirstName, LastName: u.LastName,
				Country: fixtureCountry, MobileNumber: fixtureMobileNumber,
				CreatedAt: u.CreatedAt.UTC().Format(time.RFC3339), Roles: roles, TeamIDs: c.s.teamIDsLocked(u.ID),
				Links: c.selfLink("/users/" + u.ID),
			})
		}
		return nil
	})
	if ok {
		c.writeList(http.StatusOK, paginate(c, all, pg))
	}
}

func (c *reqCtx) addOrgTeamUser()    { c.changeTeamMember(true) }
func (c *reqCtx) removeOrgTeamUser() { c.changeTeamMember(false) }

// changeTeamMember serves :addUser and :removeUser. The user must be ACTIVE
// or PENDING in the organization (an expired or rejected one is
// USER_NOT_IN_ORG, as the spec says); adding a member or removing a
// non-member is a no-op answered 200 with the user.
func (c *reqCtx) changeTeamMember(add bool) {
	id, ok := decodeBody(c, decodeTeamMember)
	if !ok {
		return
	}
	var out orgUserJSON
	ok = c.withLock(func() *errResp {
		t, e := c.orgTeamLocked()
		if e != nil {
			return e
		}
		c.s.expireInvitationsLocked(c.s.now())
		u := c.s.st.Users[id]
		switch {
		case u == nil:
			return orgUserNotFound(id, c.params["orgId"])
		case u.Status != statusActive && u.Status != statusPending:
			return userNotInOrg(id, c.params["orgId"])
		}
		in := slices.Contains(t.Members, u.ID)
		switch {
		case add && !in:
			t.Members = append(t.Members, u.ID)
		case !add && in:
			t.Members = slices.DeleteFunc(t.Members, func(m string) bool { return m == u.ID })
		}
		out = c.s.orgUserViewLocked(u)
		return c.commitLocked()
	})
	if ok {
		c.writeResource(http.StatusOK, out)
	}
}

// Team project roles.

func (c *reqCtx) teamRoleView(t *team, groupID string) teamRoleJSON {
	return teamRoleJSON{TeamID: t.ID, RoleNames: slices.Clone(t.Projects[groupID]),
		Links: c.selfLink("/groups/" + groupID + "/teams/" + t.ID)}
}

// projectTeamsLocked is every team assigned to the project, in team
// creation order.
func (c *reqCtx) projectTeamsLocked(groupID string) []teamRoleJSON {
	out := []teamRoleJSON{}
	for _, t := range c.s.sortedTeamsLocked() {
		if _, ok := t.Projects[groupID]; ok {
			out = append(out, c.teamRoleView(t, groupID))
		}
	}
	return out
}

// groupTeamLocked resolves groupId and teamId to a team assigned to the project.
func (c *reqCtx) groupTeamLocked() (*team, string, *errResp) {
	p, e := c.projectLocked()
	if e != nil {
		return nil, "", e
	}
	id := c.params["teamId"]
	t := c.s.st.Teams[id]
	if t == nil {
		return nil, "", newErr(http.StatusNotFound, "TEAM_NOT_FOUND", fmt.Sprintf("No team with ID %s exists.", id), id)
	}
	if _, ok := t.Projects[p.ID]; !ok {
		return nil, "", newErr(http.StatusNotFound, "TEAM_NOT_FOUND", fmt.Sprintf("Team %s is not assigned to group %s.", id, p.ID), id, p.ID)
	}
	return t, p.ID, nil
}

// addGroupTeams assigns teams to a project with project roles. A team
// already in the project gets the roles given (the operation declares no
// 409; our choice). It answers 200 with every team of the project. Nothing
// changes unless every team exists and the project stays within 100 teams.
func (c *reqCtx) addGroupTeams() {
	data, e := readAll(c.r)
	if e != nil {
		c.fail(e)
		return
	}
	reqs, e := decodeAddTeams(data, c.s.roles)
	if e != nil {
		c.fail(e)
		return
	}
	var all []teamRoleJSON
	pg := page{itemsPerPage: maxItemsPerPage, pageNum: 1, includeCount: true}
	ok := c.withLock(func() *errResp {
		p, e := c.projectLocked()
		if e != nil {
			return e
		}
		n := 0
		for _, t := range c.s.st.Teams {
			if _, ok := t.Projects[p.ID]; ok {
				n++
			}
		}
		for _, r := range reqs {
			t := c.s.st.Teams[r.TeamID]
			if t == nil {
				return newErr(http.StatusNotFound, "TEAM_NOT_FOUND", fmt.Sprintf("No team with ID %s exists.", r.TeamID), r.TeamID)
			}
			if _, ok := t.Projects[p.ID]; !ok {
				n++
			}
		}
		if n > maxTeamsPerProject {
			return newErr(http.StatusBadRequest, "MAX_TEAMS_PER_GROUP_EXCEEDED",
				fmt.Sprintf("Group %s may hold at most %d teams.", p.ID, maxTeamsPerProject), p.ID, maxTeamsPerProject)
		}
		for _, r := range reqs {
			c.s.st.Teams[r.TeamID].Projects[p.ID] = slices.Clone(r.Roles)
		}
		all = c.projectTeamsLocked(p.ID)
		return c.commitLocked()
	})
	if ok {
		c.writeList(http.StatusOK, paginate(c, all, pg))
	}
}

func (c *reqCtx) listGroupTeams() {
	pg, e := parsePage(c.r)
	if e != nil {
		c.fail(e)
		return
	}
	var all []teamRoleJSON
	ok := c.withLock(func() *errResp {
		p, e := c.projectLocked()
		if e != nil {
			return e
		}
		all = c.projectTeamsLocked(p.ID)
		return nil
	})
	if ok {
		c.writeList(http.StatusOK, paginate(c, all, pg))
	}
}

func (c *reqCtx) getGroupTeam() {
	var out teamRoleJSON
	ok := c.withLock(func() *errResp {
		t, g, e := c.groupTeamLocked()
		if e != nil {
			return e
		}
		out = c.teamRoleView(t, g)
		return nil
	})
	if ok {
		c.writeResource(http.StatusOK, out)
	}
}

// updateGroupTeam replaces the team's project roles. The body is a
// TeamRole; its teamId, which the spec requires, may be left out, and
// must name the path's team when given (our choice). It answers 200 with
// every team of the project, a PaginatedTeamRoleView as the spec says.
func (c *reqCtx) updateGroupTeam() {
	req, ok := decodeBody(c, decodeUpdateTeamRole)
	if !ok {
		return
	}
	if req.TeamID != "" && req.TeamID != c.params["teamId"] {
		c.fail(&errResp{status: http.StatusBadRequest, code: codeInvalidAttribute, detail: violationDetail(codeInvalidAttribute, "teamId"),
			fields: []fieldViolation{{Field: "teamId", Description: "teamId must name the team of the path"}}, params: []any{"teamId"}})
		return
	}
	var all []teamRoleJSON
	pg := page{itemsPerPage: maxItemsPerPage, pageNum: 1, includeCount: true}
	ok = c.withLock(func() *errResp {
		t, g, e := c.groupTeamLocked()
		if e != nil {
			return e
		}
		t.Projects[g] = slices.Clone(req.Roles)
		all = c.projectTeamsLocked(g)
		return c.commitLocked()
	})
	if ok {
		c.writeList(http.StatusOK, paginate(c, all, pg))
	}
}

// removeGroupTeam removes the team from the project only.
func (c *reqCtx) removeGroupTeam() {
	ok := c.withLock(func() *errResp {
		t, g, e := c.groupTeamLocked()
		if e != nil {
			return e
		}
		delete(t.Projects, g)
		return c.commitLocked()
	})
	if ok {
		c.writeNoContent()
	}
}
