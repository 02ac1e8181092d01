package safeops

import (
	"context"
	"fmt"
	"slices"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

// dbUserKey is a database user: Atlas keeps one user per authentication
// database and username, compared exactly.
func dbUserKey(projectID, authDatabase, username string) objectKey {
	return objectKey("dbuser/" + projectID + "/" + authDatabase + "/" + username)
}

// DatabaseUserRoleText names a database user's role as Atlas's UI does:
// role@database, or role@database.collection.
func DatabaseUserRoleText(r client.DatabaseUserRole) string {
	s := r.RoleName + "@" + r.DatabaseName
	if r.CollectionName != "" {
		s += "." + r.CollectionName
	}
	return s
}

// DatabaseUserRoleTexts names roles with DatabaseUserRoleText, sorted.
func DatabaseUserRoleTexts(roles []client.DatabaseUserRole) []string {
	out := make([]string, len(roles))
	for i, r := range roles {
		out[i] = DatabaseUserRoleText(r)
	}
	slices.Sort(out)
	return out
}

func scopeTexts(scopes []client.DatabaseUserScope) []string {
	out := make([]string, len(scopes))
	for i, s := range scopes {
		out[i] = s.Type + ":" + s.Name
	}
	return out
}

// authType is an authentication type field with "" and NONE the same.
func authType(v string) string {
	if v == "" {
		return client.AuthTypeNone
	}
	return v
}

// DatabaseUserMatches reports whether the user Atlas holds is what req
// asks for: the same authentication kind, roles and scopes (as sets) and
// description. A password cannot be read back, so a password user matches
// any password.
func DatabaseUserMatches(got *client.DatabaseUser, req client.CreateDatabaseUserRequest) bool {
	return got.DatabaseName == req.DatabaseName && got.Username == req.Username &&
		authType(got.X509Type) == authType(req.X509Type) &&
		authType(got.AWSIAMType) == authType(req.AWSIAMType) &&
		authType(got.LDAPAuthType) == authType(req.LDAPAuthType) &&
		authType(got.OIDCAuthType) == authType(req.OIDCAuthType) &&
		SameRoles(DatabaseUserRoleTexts(got.Roles), DatabaseUserRoleTexts(req.Roles)) &&
		SameRoles(scopeTexts(got.Scopes), scopeTexts(req.Scopes)) &&
		got.Description == req.Description
}

// CreateDatabaseUser creates a database user. A user has no creation time,
// so it follows the assignment rule: just before the request it checks that
// the user is absent (GET answers 404); a user that exists is an
// ExistingError (after waiting for a delete of the same user in flight in
// this process), never taken over. When the answer is lost, the user is
// read: absent means nothing happened, and the request is sent again (at
// most createTries times in all); present, matching the request (see
// DatabaseUserMatches) and held by no other resource of this process, it is
// adopted, since the check before the request proved it absent; anything
// else is an ExistingError. Nothing is deleted after an unknown outcome.
func (s *Service) CreateDatabaseUser(ctx context.Context, projectID string, req client.CreateDatabaseUserRequest) (*client.DatabaseUser, error) {
	key := dbUserKey(projectID, req.DatabaseName, req.Username)
	defer s.touchDatabaseUser(projectID, req.DatabaseName, req.Username)
	return createWaitingForDelete(func(mayWait bool) (*client.DatabaseUser, bool, error) {
		return s.createDBUserOnce(ctx, key, projectID, req, mayWait)
	})
}

func (s *Service) createDBUserOnce(ctx context.Context, key objectKey, projectID string, req client.CreateDatabaseUserRequest, mayWait bool) (*client.DatabaseUser, bool, error) {
	unlock, err := s.locks.lock(ctx, key)
	if err != nil {
		return nil, false, err
	}
	existing, err := s.c.GetDatabaseUser(ctx, projectID, req.DatabaseName, req.Username)
	switch {
	case err == nil:
		if s.deletedMeanwhile(ctx, key, unlock, mayWait) {
			return nil, true, nil
		}
		return nil, false, &ExistingError{ID: req.Username, Roles: DatabaseUserRoleTexts(existing.Roles), HeldHere: s.held.held(key)}
	case !client.IsNotFound(err):
		unlock()
		return nil, false, err
	}
	defer unlock()
	var last error
	for try := 0; try < createTries; try++ {
		u, found, err := s.sendDBUserCreate(ctx, key, projectID, req)
		if err == nil || found {
			return u, false, err
		}
		last = err
	}
	return nil, false, fmt.Errorf("%w (after %d attempts the user is still absent, so nothing was created; applying again is safe)", last, createTries)
}

// sendDBUserCreate sends one POST of a user found absent. found is false
// when the answer was lost and the user is still absent: the POST may be
// sent again.
func (s *Service) sendDBUserCreate(ctx context.Context, key objectKey, projectID string, req client.CreateDatabaseUserRequest) (u *client.DatabaseUser, found bool, err error) {
	u, err = s.c.CreateDatabaseUser(ctx, projectID, req)
	if err == nil {
		s.held.hold(key)
		return u, true, nil
	}
	if !client.MayHaveHappened(err) {
		return nil, true, err
	}
	got, gerr := s.c.GetDatabaseUser(ctx, projectID, req.DatabaseName, req.Username)
	switch {
	case client.IsNotFound(gerr):
		return nil, false, err
	case gerr != nil:
		return nil, true, fmt.Errorf("%w (and reading the user to find out whether it was created failed: %w)", err, gerr)
	case !DatabaseUserMatches(got, req) || s.held.held(key):
		return nil, true, &ExistingError{ID: req.Username, Roles: DatabaseUserRoleTexts(got.Roles), HeldHere: s.held.held(key), AfterLostAnswer: true, Cause: err}
	}
	s.held.hold(key)
	return got, true, nil
}

// GetDatabaseUser reads a database user for a resource, which then holds it.
// Reads of one project's users that arrive together share one listing
// (dbreads.go).
func (s *Service) GetDatabaseUser(ctx context.Context, projectID, authDatabase, username string) (*client.DatabaseUser, error) {
	u, err := s.readDatabaseUser(ctx, projectID, authDatabase, username)
	if err == nil {
		s.held.hold(dbUserKey(projectID, authDatabase, username))
	}
	return u, err
}

// ListDatabaseUsers reads every database user of a project.
func (s *Service) ListDatabaseUsers(ctx context.Context, projectID string) ([]client.DatabaseUser, error) {
	return s.c.ListDatabaseUsers(ctx, projectID)
}

// UpdateDatabaseUser changes a database user (PATCH, the same state when
// repeated). When the answer is lost, the user is read again: roles,
// scopes and description as requested prove the change, except a new
// password, which cannot be read back: that change is reported failed, so
// that the resource keeps its old password version and the next apply
// sends the password again.
func (s *Service) UpdateDatabaseUser(ctx context.Context, projectID, authDatabase, username string, req client.UpdateDatabaseUserRequest) (*client.DatabaseUser, error) {
	unlock, err := s.locks.lock(ctx, dbUserKey(projectID, authDatabase, username))
	if err != nil {
		return nil, err
	}
	defer unlock()
	defer s.touchDatabaseUser(projectID, authDatabase, username)
	u, err := s.c.UpdateDatabaseUser(ctx, projectID, authDatabase, username, req)
	if err == nil || !client.MayHaveHappened(err) || req.Password != nil {
		return u, err
	}
	got, gerr := s.c.GetDatabaseUser(ctx, projectID, authDatabase, username)
	if gerr != nil || !updateApplied(got, req) {
		return nil, err
	}
	return got, nil
}

// updateApplied reports whether got shows every change of req.
func updateApplied(got *client.DatabaseUser, req client.UpdateDatabaseUserRequest) bool {
	switch {
	case req.Roles != nil && !SameRoles(DatabaseUserRoleTexts(got.Roles), DatabaseUserRoleTexts(req.Roles)):
		return false
	case req.Scopes != nil && !SameRoles(scopeTexts(got.Scopes), scopeTexts(*req.Scopes)):
		return false
	case req.Description != nil && got.Description != *req.Description:
		return false
	}
	return true
}

// DeleteDatabaseUser deletes a database user; a create of the same user in
// this process waits for it. An unknown user is a 404 (client.IsNotFound).
func (s *Service) DeleteDatabaseUser(ctx context.Context, projectID, authDatabase, username string) error {
	return s.deleteObject(ctx, dbUserKey(projectID, authDatabase, username), func() error {
		defer s.touchDatabaseUser(projectID, authDatabase, username)
		return s.c.DeleteDatabaseUser(ctx, projectID, authDatabase, username)
	})
}
