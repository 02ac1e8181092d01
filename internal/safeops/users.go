package safeops

import (
	"context"
	"fmt"
	"slices"
	"strings"
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
	unlock, err := s.locks.lock(ctx, key)
	if err != nil {
		return nil, false, err
	}
	defer unlock()
	defer s.touchUser(projectID, "", req.Username)
	sent := s.clock.Now()
	u, err := s.c.AddProjectUser(ctx, projectID, req)
	if err == nil {
		s.held.hold(key)
		return u, false, nil
	}
	if client.IsConflict(err) && !client.IsAfterLostAnswer(err) {
		// Someone holds this person already. If this process is deleting
		// them (the old instance of a replaced resource), wait and retry.
		if s.deletedMeanwhile(ctx, key, unlock, mayWait) {
			return nil, true, nil
		}
		existing, _ := s.FindProjectUser(ctx, projectID, req.Username, nil)
		return nil, false, existingUser(existing, req.Username, s.held.held(key), false, err)
	}
	if !client.MayHaveHappened(err) {
		return nil, false, err
	}
	existing, lerr := s.FindProjectUser(ctx, projectID, req.Username, nil)
	switch {
	case lerr != nil:
		return nil, false, fmt.Errorf("%w (and looking the user up to find out whether they were added failed: %w)", err, lerr)
	case existing == nil:
		return nil, false, err
	case s.provenInvitation(existing, req.Roles, sent) && !s.held.held(key):
		s.held.hold(key)
		return existing, false, nil
	}
	return nil, false, existingUser(existing, req.Username, s.held.held(key), true, err)
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
	var found *client.ProjectUser
	for i := range users {
		u := &users[i]
		if !strings.EqualFold(u.Username, username) {
			continue
		}
		if u.OrgMembershipStatus == client.UserStatusActive || u.OrgMembershipStatus == client.UserStatusPending {
			return u, nil
		}
		if found == nil {
			found = u
		}
	}
	return found, nil
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
	if err == nil || !client.MayHaveHappened(err) {
		return u, err
	}
	got, gerr := s.c.GetProjectUser(ctx, projectID, userID)
	if gerr == nil && slices.Contains(got.Roles, role) == added {
		return got, nil
	}
	return nil, err
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
