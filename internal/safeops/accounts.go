package safeops

import (
	"context"
	"errors"
	"fmt"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

// CreateProjectServiceAccount creates a service account in a project. When
// the answer is lost, it adopts the account the request created if that is
// proven (see the package documentation), sends the create again when
// provably nothing was created, and otherwise fails with a CandidatesError.
// An adopted account's first secret went with the lost answer: a new one is
// issued and the old one deleted. Whatever of that could not be done is
// returned as degradations, for a warning.
func (s *Service) CreateProjectServiceAccount(ctx context.Context, projectID string, req client.CreateServiceAccountRequest) (sa *client.ServiceAccount, degradations []Degradation, err error) {
	return createProvenAccount(ctx, s, accountCreate[client.ServiceAccount]{
		lockKey: accountNameKey(projectID, req.Name),
		req:     req,
		listing: "the project's service accounts",
		send:    func() (*client.ServiceAccount, error) { return s.c.CreateProjectServiceAccount(ctx, projectID, req) },
		list:    func() ([]client.ServiceAccount, error) { return s.c.ListProjectServiceAccounts(ctx, projectID) },
		fields: func(a *client.ServiceAccount) accountFields {
			return accountFields{a.ClientID, a.Name, a.Description, a.CreatedAt, a.Roles, &a.Secrets}
		},
		holdKeys: func(clientID string) []objectKey {
			return []objectKey{accountKey(clientID), memberKey(projectID, clientID)}
		},
		owner: client.ProjectOwner(projectID),
	})
}

// GetProjectServiceAccount reads one service account of a project for a
// resource, which then holds it. Reads of one project that arrive together
// share one listing (see coalesce.go).
func (s *Service) GetProjectServiceAccount(ctx context.Context, projectID, clientID string) (*client.ServiceAccount, error) {
	sa, err := s.readProjectAccount(ctx, projectID, clientID)
	if err == nil {
		s.held.hold(accountKey(clientID), memberKey(projectID, clientID))
	}
	return sa, err
}

// GetOrgServiceAccount reads one service account of an organization for a
// resource, which then holds it. Reads of one organization that arrive
// together share one listing (see coalesce.go).
func (s *Service) GetOrgServiceAccount(ctx context.Context, orgID, clientID string) (*client.OrgServiceAccount, error) {
	sa, err := s.readOrgAccount(ctx, orgID, clientID)
	if err == nil {
		s.held.hold(accountKey(clientID))
	}
	return sa, err
}

// UpdateProjectServiceAccount changes a project service account (PATCH,
// safe to repeat).
func (s *Service) UpdateProjectServiceAccount(ctx context.Context, projectID, clientID string, req client.UpdateServiceAccountRequest) (*client.ServiceAccount, error) {
	unlock, err := s.locks.lock(ctx, memberKey(projectID, clientID))
	if err != nil {
		return nil, err
	}
	defer unlock()
	defer s.touchAccount(clientID)
	return s.c.UpdateProjectServiceAccount(ctx, projectID, clientID, req)
}

// DeleteProjectServiceAccount removes a service account from a project. A
// create or assignment of the same membership waits for it.
func (s *Service) DeleteProjectServiceAccount(ctx context.Context, projectID, clientID string) error {
	return s.deleteObject(ctx, memberKey(projectID, clientID), func() error {
		err := s.c.DeleteProjectServiceAccount(ctx, projectID, clientID)
		s.touchMembership(projectID, clientID, err == nil || client.IsNotFound(err))
		return err
	})
}

// DeleteOrgServiceAccount deletes a service account from its organization,
// the account created in projectID with the given name: a create of a
// same-named account in that project waits for it.
func (s *Service) DeleteOrgServiceAccount(ctx context.Context, orgID, projectID, clientID, name string) error {
	return s.deleteObject(ctx, accountNameKey(projectID, name), func() error {
		defer s.touchAccount(clientID)
		err := s.c.DeleteOrgServiceAccount(ctx, orgID, clientID)
		if err == nil || client.IsNotFound(err) {
			s.held.release(accountKey(clientID), memberKey(projectID, clientID))
		}
		return err
	})
}

// ProjectOrgID returns the organization of a project (cached by the client).
func (s *Service) ProjectOrgID(ctx context.Context, projectID string) (string, error) {
	return s.c.ProjectOrgID(ctx, projectID)
}

// AssignServiceAccount assigns an existing service account to a project with
// roles (:invite). It first checks that the account is absent: an account
// already in the project is an ExistingError, after waiting for a delete of
// the same membership that is in flight in this process. When the answer is
// lost, the assignment found afterwards is adopted only if it has exactly the
// requested roles and no other resource holds it.
func (s *Service) AssignServiceAccount(ctx context.Context, projectID, clientID string, roles []string) (*client.ServiceAccount, error) {
	key := memberKey(projectID, clientID)
	return createWaitingForDelete(func(mayWait bool) (*client.ServiceAccount, bool, error) {
		return s.assignOnce(ctx, key, projectID, clientID, roles, mayWait)
	})
}

func (s *Service) assignOnce(ctx context.Context, key objectKey, projectID, clientID string, roles []string, mayWait bool) (*client.ServiceAccount, bool, error) {
	unlock, err := s.locks.lock(ctx, key)
	if err != nil {
		return nil, false, err
	}
	existing, err := s.c.GetProjectServiceAccount(ctx, projectID, clientID)
	switch {
	case err == nil:
		if s.deletedMeanwhile(ctx, key, unlock, mayWait) {
			return nil, true, nil
		}
		return nil, false, &ExistingError{ID: clientID, Roles: existing.Roles, HeldHere: s.held.held(key)}
	case !client.IsNotFound(err):
		unlock()
		return nil, false, err
	}
	defer unlock()
	defer s.touchAccount(clientID)
	sa, err := s.c.InviteProjectServiceAccount(ctx, projectID, clientID, roles)
	if err == nil {
		s.held.hold(key)
		return sa, false, nil
	}
	if !client.MayHaveHappened(err) {
		if client.IsConflict(err) {
			// Assigned by someone else between the check and the request:
			// theirs, whatever its roles. Say which roles it has.
			e := &ExistingError{ID: clientID, HeldHere: s.held.held(key), Cause: err}
			if other, gerr := s.c.GetProjectServiceAccount(ctx, projectID, clientID); gerr == nil {
				e.Roles = other.Roles
			}
			return nil, false, e
		}
		return nil, false, err
	}
	found, gerr := s.c.GetProjectServiceAccount(ctx, projectID, clientID)
	switch {
	case client.IsNotFound(gerr):
		return nil, false, err
	case gerr != nil:
		return nil, false, fmt.Errorf("%w (and reading the assignment to find out whether it was made failed: %w)", err, gerr)
	case !SameRoles(found.Roles, roles) || s.held.held(key):
		return nil, false, &ExistingError{ID: clientID, Roles: found.Roles, HeldHere: s.held.held(key), AfterLostAnswer: true, Cause: err}
	}
	s.held.hold(key)
	return found, false, nil
}

// MembershipHeld reports whether a resource of this process already holds
// the service account's membership of the project (created, adopted, read).
func (s *Service) MembershipHeld(projectID, clientID string) bool {
	return s.held.held(memberKey(projectID, clientID))
}

// leavingKey serializes removals of one account from its projects.
func leavingKey(clientID string) objectKey { return objectKey("leaving/" + clientID) }

// LeaveProject removes a service account from a project (as
// DeleteProjectServiceAccount) and then lists the projects of the
// organization it is still in. Removals of one account in this process run
// one after the other, each with its listing, so that when several
// resources take an account out of its projects at once (a destroy of every
// assignment), exactly one of them sees none left. err is the removal's;
// a failed listing (or none, when orgID is empty) is listErr, after a
// removal that happened.
func (s *Service) LeaveProject(ctx context.Context, orgID, projectID, clientID string) (remaining []client.ServiceAccountProject, listErr, err error) {
	unlock, err := s.locks.lock(ctx, leavingKey(clientID))
	if err != nil {
		return nil, nil, err
	}
	defer unlock()
	if err := s.DeleteProjectServiceAccount(ctx, projectID, clientID); err != nil && !client.IsNotFound(err) {
		return nil, nil, err
	}
	if orgID == "" {
		return nil, errors.New("the organization of project " + projectID + " is unknown"), nil
	}
	remaining, listErr = s.ListOrgServiceAccountProjects(ctx, orgID, clientID)
	return remaining, listErr, nil
}
