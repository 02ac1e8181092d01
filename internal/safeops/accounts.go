package safeops

import (
	"context"
	"fmt"
	"time"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

// CreateProjectServiceAccount creates a service account in a project. When
// the answer is lost, it adopts the account the request created if that is
// proven (see the package documentation), sends the create again when
// provably nothing was created, and otherwise fails with a CandidatesError.
// An adopted account's first secret went with the lost answer: a new one is
// issued and the old one deleted. Whatever of that could not be done is
// returned as degradations, sentences for a warning.
func (s *Service) CreateProjectServiceAccount(ctx context.Context, projectID string, req client.CreateServiceAccountRequest) (sa *client.ServiceAccount, degradations []string, err error) {
	unlock, err := s.locks.lock(ctx, accountNameKey(projectID, req.Name))
	if err != nil {
		return nil, nil, err
	}
	defer unlock()
	for attempt := 1; ; attempt++ {
		sent := timeNow()
		sa, err := s.c.CreateProjectServiceAccount(ctx, projectID, req)
		if err == nil {
			s.held.hold(accountKey(sa.ClientID), memberKey(projectID, sa.ClientID))
			return sa, nil, nil
		}
		if !client.IsAmbiguous(err) {
			return nil, nil, err
		}
		accounts, lerr := s.c.ListProjectServiceAccounts(ctx, projectID)
		if lerr != nil {
			return nil, nil, fmt.Errorf("%w (and listing the project's service accounts to find out whether it was created failed: %w)", err, lerr)
		}
		candidates := s.createdAccounts(accounts, req, sent)
		switch {
		case len(candidates) == 1:
			sa, degradations := s.adoptAccount(ctx, projectID, candidates[0], req.SecretExpiresAfterHours)
			return sa, degradations, nil
		case len(candidates) > 1:
			cerr := &CandidatesError{Cause: err}
			for _, c := range candidates {
				cerr.Candidates = append(cerr.Candidates, Candidate{ID: c.ClientID, Name: c.Name, CreatedAt: c.CreatedAt})
			}
			return nil, nil, cerr
		case attempt >= createTries:
			return nil, nil, fmt.Errorf("%w (no matching account appeared, so nothing was created; applying again is safe)", err)
		}
	}
}

// createdAccounts returns the accounts that may be the work of a create of
// req sent at sent: matching, appeared since, and held by no other resource.
func (s *Service) createdAccounts(accounts []client.ServiceAccount, req client.CreateServiceAccountRequest, sent time.Time) []*client.ServiceAccount {
	var out []*client.ServiceAccount
	for i := range accounts {
		a := &accounts[i]
		if a.Name != req.Name || a.Description != req.Description || !SameRoles(a.Roles, req.Roles) {
			continue
		}
		if !s.appearedSince(a.CreatedAt, sent) || s.held.held(accountKey(a.ClientID)) {
			continue
		}
		out = append(out, a)
	}
	return out
}

// adoptAccount takes over an account proven to be the work of a create whose
// answer was lost. The plaintext of its first secret was in that answer, so
// a new secret is issued and the unknowable first one deleted, giving the
// configuration a usable credential and leaving none that nobody knows.
func (s *Service) adoptAccount(ctx context.Context, projectID string, sa *client.ServiceAccount, hours int) (*client.ServiceAccount, []string) {
	s.held.hold(accountKey(sa.ClientID), memberKey(projectID, sa.ClientID))
	secret, err := s.c.CreateProjectServiceAccountSecret(ctx, projectID, sa.ClientID, hours)
	if err != nil {
		// The account exists: keep it in state without a plaintext secret
		// rather than orphan it.
		return sa, []string{fmt.Sprintf("Service account %s was created, but the answer carrying its first secret was lost and Atlas did not issue a new secret (%v). "+
			"The account is kept in state with no secret Terraform knows; its first secret stays valid until it expires. "+
			"Create a new secret in Atlas, or replace the resource (terraform apply -replace=...) to start afresh.", sa.ClientID, err)}
	}
	var degradations []string
	for _, old := range sa.Secrets {
		if err := s.c.DeleteProjectServiceAccountSecret(ctx, projectID, sa.ClientID, old.ID); err != nil && !client.IsNotFound(err) {
			degradations = append(degradations, fmt.Sprintf("Service account %s was adopted after a lost answer and given a new secret, but its first secret %s, "+
				"whose plaintext was lost, could not be deleted (%v). It stays valid until %s: delete it in Atlas.", sa.ClientID, old.ID, err, old.ExpiresAt))
		}
	}
	sa.Secrets = []client.ServiceAccountSecret{*secret}
	return sa, degradations
}

// GetProjectServiceAccount reads one service account of a project for a
// resource, which then holds it.
func (s *Service) GetProjectServiceAccount(ctx context.Context, projectID, clientID string) (*client.ServiceAccount, error) {
	sa, err := s.c.GetProjectServiceAccount(ctx, projectID, clientID)
	if err == nil {
		s.held.hold(accountKey(clientID), memberKey(projectID, clientID))
	}
	return sa, err
}

// GetOrgServiceAccount reads one service account of an organization for a
// resource, which then holds it.
func (s *Service) GetOrgServiceAccount(ctx context.Context, orgID, clientID string) (*client.OrgServiceAccount, error) {
	sa, err := s.c.GetOrgServiceAccount(ctx, orgID, clientID)
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
	return s.c.UpdateProjectServiceAccount(ctx, projectID, clientID, req)
}

// DeleteProjectServiceAccount removes a service account from a project. A
// create or assignment of the same membership waits for it.
func (s *Service) DeleteProjectServiceAccount(ctx context.Context, projectID, clientID string) error {
	return s.deleteObject(ctx, memberKey(projectID, clientID), func() error {
		return s.c.DeleteProjectServiceAccount(ctx, projectID, clientID)
	})
}

// DeleteOrgServiceAccount deletes a service account from its organization,
// the account created in projectID with the given name: a create of a
// same-named account in that project waits for it.
func (s *Service) DeleteOrgServiceAccount(ctx context.Context, orgID, projectID, clientID, name string) error {
	return s.deleteObject(ctx, accountNameKey(projectID, name), func() error {
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

// ListOrgServiceAccountProjects returns the projects an account belongs to.
func (s *Service) ListOrgServiceAccountProjects(ctx context.Context, orgID, clientID string) ([]client.ServiceAccountProject, error) {
	return s.c.ListOrgServiceAccountProjects(ctx, orgID, clientID)
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
