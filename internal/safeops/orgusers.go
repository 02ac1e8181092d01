package safeops

import (
	"context"
	"strings"
	"time"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

// orgUserKey is a person in an organization. Atlas compares usernames
// without regard to case, and so does the key.
func orgUserKey(orgID, username string) objectKey {
	return objectKey("orguser/" + orgID + "/" + strings.ToLower(username))
}

// CreateOrgUser invites a person to an organization with organization
// roles. A person already in the organization (ACTIVE or PENDING) is an
// ExistingError, after waiting for a delete of the same person in flight in
// this process. When the answer is lost, the person found afterwards is
// adopted only if they are a PENDING invitation with exactly the requested
// organization roles and no project roles, sent after the request by
// Atlas's clock, and held by no other resource. An ACTIVE member is never
// adopted: membership has no creation time that could prove it.
func (s *Service) CreateOrgUser(ctx context.Context, orgID string, req client.CreateOrgUserRequest) (*client.OrgUser, error) {
	key := orgUserKey(orgID, req.Username)
	return createWaitingForDelete(func(mayWait bool) (*client.OrgUser, bool, error) {
		return s.createOrgUserOnce(ctx, key, orgID, req, mayWait)
	})
}

func (s *Service) createOrgUserOnce(ctx context.Context, key objectKey, orgID string, req client.CreateOrgUserRequest, mayWait bool) (*client.OrgUser, bool, error) {
	return createPersonOnce(ctx, s, personCreate[client.OrgUser]{
		key:      key,
		happened: "invited",
		touch:    func() { s.touchOrgUser(orgID, "", req.Username) },
		send:     func() (*client.OrgUser, error) { return s.c.CreateOrgUser(ctx, orgID, req) },
		find:     func() (*client.OrgUser, error) { return s.FindOrgUser(ctx, orgID, req.Username, nil) },
		proven:   func(u *client.OrgUser, sent time.Time) bool { return s.provenOrgInvitation(u, req, sent) },
		existing: func(u *client.OrgUser, heldHere, afterLost bool, cause error) *ExistingError {
			return existingOrgUser(u, req.Username, heldHere, afterLost, cause)
		},
	}, mayWait)
}

func existingOrgUser(u *client.OrgUser, username string, heldHere, afterLost bool, cause error) *ExistingError {
	e := &ExistingError{Username: username, HeldHere: heldHere, AfterLostAnswer: afterLost, Cause: cause}
	if u != nil {
		e.ID, e.Username, e.Status, e.Roles = u.ID, u.Username, u.OrgMembershipStatus, u.Roles.OrgRoles
	}
	return e
}

// provenOrgInvitation reports whether u is a pending invitation holding
// exactly what req asked for (organization roles, and no project roles
// beyond those requested), sent no earlier than the request sent at sent,
// by Atlas's clock.
func (s *Service) provenOrgInvitation(u *client.OrgUser, req client.CreateOrgUserRequest, sent time.Time) bool {
	return u.OrgMembershipStatus == client.UserStatusPending &&
		SameRoles(u.Roles.OrgRoles, req.Roles.OrgRoles) &&
		sameGroupRoles(u.Roles.GroupRoleAssignments, req.Roles.GroupRoleAssignments) &&
		s.appearedSince(u.InvitationCreatedAt, sent)
}

// sameGroupRoles reports whether a and b give the same roles in the same
// projects, in any order.
func sameGroupRoles(a, b []client.GroupRoleAssignment) bool {
	roles := func(as []client.GroupRoleAssignment) map[string][]string {
		m := map[string][]string{}
		for _, g := range as {
			if len(g.GroupRoles) > 0 {
				m[g.ProjectID] = append(m[g.ProjectID], g.GroupRoles...)
			}
		}
		return m
	}
	ma, mb := roles(a), roles(b)
	if len(ma) != len(mb) {
		return false
	}
	for p, r := range ma {
		if other, ok := mb[p]; !ok || !SameRoles(r, other) {
			return false
		}
	}
	return true
}

// FindOrgUser finds a user of an organization by username, without regard
// to case, in the given statuses (nil: Atlas's default, ACTIVE and PENDING).
// It prefers an ACTIVE or PENDING user to a stale invitation, and returns
// nil, nil when there is none.
func (s *Service) FindOrgUser(ctx context.Context, orgID, username string, statuses []string) (*client.OrgUser, error) {
	users, err := s.c.ListOrgUsers(ctx, orgID, client.ListOrgUsersOptions{Username: username, Statuses: statuses})
	if err != nil {
		return nil, err
	}
	return findPerson(users, username,
		func(u *client.OrgUser) string { return u.Username },
		func(u *client.OrgUser) string { return u.OrgMembershipStatus }), nil
}

// GetOrgUser reads one user of an organization, in every status, for a
// resource, which then holds them. Reads of one organization's people that
// arrive together share one listing (see coalesce.go).
func (s *Service) GetOrgUser(ctx context.Context, orgID, userID string) (*client.OrgUser, error) {
	u, err := s.readOrgUser(ctx, orgID, userID)
	if err == nil {
		s.held.hold(orgUserKey(orgID, u.Username))
	}
	return u, err
}

// HoldOrgUser records that a resource holds the organization user it found
// by username (an import).
func (s *Service) HoldOrgUser(orgID, username string) {
	s.held.hold(orgUserKey(orgID, username))
}

// AddOrgUserRole grants one organization role. When the answer is lost,
// the user's roles tell whether the role was granted.
func (s *Service) AddOrgUserRole(ctx context.Context, orgID, userID, role string) (*client.OrgUser, error) {
	defer s.touchOrgUser(orgID, userID, "")
	u, err := s.c.AddOrgUserRole(ctx, orgID, userID, role)
	return s.orgRoleChanged(ctx, orgID, userID, role, true, u, err)
}

// RemoveOrgUserRole takes one organization role away. When the answer is
// lost, the user's roles tell whether the role was removed.
func (s *Service) RemoveOrgUserRole(ctx context.Context, orgID, userID, role string) (*client.OrgUser, error) {
	defer s.touchOrgUser(orgID, userID, "")
	u, err := s.c.RemoveOrgUserRole(ctx, orgID, userID, role)
	return s.orgRoleChanged(ctx, orgID, userID, role, false, u, err)
}

func (s *Service) orgRoleChanged(ctx context.Context, orgID, userID, role string, added bool, u *client.OrgUser, err error) (*client.OrgUser, error) {
	return roleChangeConfirmed(role, added, u, err,
		func() (*client.OrgUser, error) { return s.c.GetOrgUser(ctx, orgID, userID, nil) },
		func(u *client.OrgUser) []string { return u.Roles.OrgRoles })
}

// DeleteOrgUser removes a person (active or invited) from an organization,
// and so from every project and team of it. A create of the same person
// waits for it. username is the person's email, as the resource knows it.
func (s *Service) DeleteOrgUser(ctx context.Context, orgID, userID, username string) error {
	return s.deleteObject(ctx, orgUserKey(orgID, username), func() error {
		// The person leaves every project: listings of project users read
		// before now are stale for them.
		defer s.reads.touch(func(o listOwner) bool { return o.kind == projectUsersList }, userID, userNameKey(username))
		defer s.touchOrgUser(orgID, userID, username)
		return s.c.DeleteOrgUser(ctx, orgID, userID)
	})
}

// MaxTeamProjectsRead is the most projects an organization may have for
// Reads.TeamProjects to read them: Atlas tells a team's projects only
// project by project, so each project costs a request.
const MaxTeamProjectsRead = 20

// TeamProject is one project where a team holds roles.
type TeamProject struct {
	ProjectID, ProjectName string
	Roles                  []string
}

// TeamProjects returns the projects where each of teamIDs holds roles, by
// team ID, with the roles: the projects a member of those teams reaches
// through them. Atlas has no call that lists a team's projects, so it lists
// the organization's projects (one request per page of 500) and the teams of
// each (one request per project): at most 1 + MaxTeamProjectsRead requests
// for an organization of up to MaxTeamProjectsRead projects. A larger
// organization is not read beyond its projects' listing: ok is false.
// Nothing is asked of Atlas when teamIDs is empty.
func (r Reads) TeamProjects(ctx context.Context, orgID string, teamIDs []string) (projects map[string][]TeamProject, ok bool, err error) {
	projects = map[string][]TeamProject{}
	if len(teamIDs) == 0 {
		return projects, true, nil
	}
	all, err := r.s.c.ListOrgProjects(ctx, orgID)
	if err != nil {
		return nil, false, err
	}
	if len(all) > MaxTeamProjectsRead {
		return nil, false, nil
	}
	wanted := make(map[string]bool, len(teamIDs))
	for _, id := range teamIDs {
		wanted[id] = true
	}
	for _, p := range all {
		teams, err := r.s.c.ListProjectTeams(ctx, p.ID)
		if client.IsNotFound(err) {
			continue // the project went away meanwhile
		}
		if err != nil {
			return nil, false, err
		}
		for _, t := range teams {
			if wanted[t.TeamID] {
				projects[t.TeamID] = append(projects[t.TeamID], TeamProject{ProjectID: p.ID, ProjectName: p.Name, Roles: t.RoleNames})
			}
		}
	}
	return projects, true, nil
}
