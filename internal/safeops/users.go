package safeops

import (
	"context"
	"time"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

// AddProjectUser gives a person project roles, inviting them to the
// organization if needed. A person already in the project is an
// ExistingError, after waiting for a delete of the same person in flight in
// this process (a for_each key that changed only in letter case). When the
// answer is lost, the person found afterwards is adopted only if they are a
// PENDING invitation with exactly the requested roles, sent after the
// request by Atlas's clock, and held by no other resource. An ACTIVE person
// is never adopted: membership has no creation time that could prove it.
func (s *Service) AddProjectUser(ctx context.Context, projectID string, req client.AddProjectUserRequest) (*client.ProjectUser, error) {
	key := userKey(projectID, req.Username)
	return createWaitingForDelete(func(mayWait bool) (*client.ProjectUser, bool, error) {
		return s.addUserOnce(ctx, key, projectID, req, mayWait)
	})
}

func (s *Service) addUserOnce(ctx context.Context, key objectKey, projectID string, req client.AddProjectUserRequest, mayWait bool) (*client.ProjectUser, bool, error) {
	return createPersonOnce(ctx, s, personCreate[client.ProjectUser]{
		key:      key,
		happened: "added",
		touch:    func() { s.touchUser(projectID, "", req.Username) },
		send:     func() (*client.ProjectUser, error) { return s.c.AddProjectUser(ctx, projectID, req) },
		find:     func() (*client.ProjectUser, error) { return s.FindProjectUser(ctx, projectID, req.Username, nil) },
		proven:   func(u *client.ProjectUser, sent time.Time) bool { return s.provenInvitation(u, req.Roles, sent) },
		existing: func(u *client.ProjectUser, heldHere, afterLost bool, cause error) *ExistingError {
			return existingUser(u, req.Username, heldHere, afterLost, cause)
		},
	}, mayWait)
}

func existingUser(u *client.ProjectUser, username string, heldHere, afterLost bool, cause error) *ExistingError {
	e := &ExistingError{Username: username, HeldHere: heldHere, AfterLostAnswer: afterLost, Cause: cause}
	if u != nil {
		e.ID, e.Username, e.Status, e.Roles = u.ID, u.Username, u.OrgMembershipStatus, u.Roles
	}
	return e
}

// provenInvitation reports whether u is a pending invitation with exactly
// roles, sent no earlier than the request sent at sent, by Atlas's clock.
func (s *Service) provenInvitation(u *client.ProjectUser, roles []string, sent time.Time) bool {
	return u.OrgMembershipStatus == client.UserStatusPending && SameRoles(u.Roles, roles) && s.appearedSince(u.InvitationCreatedAt, sent)
}

// FindProjectUser finds a user of a project by username, without regard to
// case, in the given statuses (nil: Atlas's default, ACTIVE and PENDING). It
// prefers an ACTIVE or PENDING user to a stale invitation, and returns nil,
// nil when there is none.
func (s *Service) FindProjectUser(ctx context.Context, projectID, username string, statuses []string) (*client.ProjectUser, error) {
	users, err := s.c.ListProjectUsers(ctx, projectID, client.ListProjectUsersOptions{Username: username, Statuses: statuses})
	if err != nil {
		return nil, err
	}
	return findPerson(users, username,
		func(u *client.ProjectUser) string { return u.Username },
		func(u *client.ProjectUser) string { return u.OrgMembershipStatus }), nil
}

// GetProjectUser reads one user of a project for a resource, which then
// holds them. Reads of one project's people that arrive together share one
// listing (see coalesce.go).
func (s *Service) GetProjectUser(ctx context.Context, projectID, userID string) (*client.ProjectUser, error) {
	u, err := s.readProjectUser(ctx, projectID, userID)
	if err == nil {
		s.held.hold(userKey(projectID, u.Username))
	}
	return u, err
}

// HoldProjectUser records that a resource holds the user it found by
// username (an import, or a stale invitation found by a lookup).
func (s *Service) HoldProjectUser(projectID, username string) {
	s.held.hold(userKey(projectID, username))
}

// AddProjectUserRole grants one project role. When the answer is lost, the
// user's roles tell whether the role was granted.
func (s *Service) AddProjectUserRole(ctx context.Context, projectID, userID, role string) (*client.ProjectUser, error) {
	defer s.touchUser(projectID, userID, "")
	u, err := s.c.AddProjectUserRole(ctx, projectID, userID, role)
	return s.roleChanged(ctx, projectID, userID, role, true, u, err)
}

// RemoveProjectUserRole takes one project role away. When the answer is
// lost, the user's roles tell whether the role was removed.
func (s *Service) RemoveProjectUserRole(ctx context.Context, projectID, userID, role string) (*client.ProjectUser, error) {
	defer s.touchUser(projectID, userID, "")
	u, err := s.c.RemoveProjectUserRole(ctx, projectID, userID, role)
	return s.roleChanged(ctx, projectID, userID, role, false, u, err)
}

func (s *Service) roleChanged(ctx context.Context, projectID, userID, role string, added bool, u *client.ProjectUser, err error) (*client.ProjectUser, error) {
	return roleChangeConfirmed(role, added, u, err,
		func() (*client.ProjectUser, error) { return s.c.GetProjectUser(ctx, projectID, userID) },
		func(u *client.ProjectUser) []string { return u.Roles })
}

// RemoveProjectUser removes a person (active or invited) from a project. A
// create of the same person waits for it. username is the person's email,
// as the resource knows it.
func (s *Service) RemoveProjectUser(ctx context.Context, projectID, userID, username string) error {
	return s.deleteObject(ctx, userKey(projectID, username), func() error {
		defer s.touchUser(projectID, userID, username)
		return s.c.RemoveProjectUser(ctx, projectID, userID)
	})
}
