package safeops

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

// customRoleKey is a custom database role: its name is unique in the project.
func customRoleKey(projectID, roleName string) objectKey {
	return objectKey("customrole/" + projectID + "/" + roleName)
}

// customRoleWrites is the lock of a project's custom role writes. Atlas
// does not take two changes to one project's custom roles at once (the
// second is answered 500, or lost), so every create, update and delete of a
// project's roles sends its request under this lock. It is taken after the
// role's own lock and held for one request only, so it never waits on
// another lock.
func (s *Service) customRoleWrites(ctx context.Context, projectID string, send func() error) error {
	unlock, err := s.locks.lock(ctx, objectKey("customrole-writes/"+projectID))
	if err != nil {
		return err
	}
	defer unlock()
	return send()
}

// CustomDBRoleResourceText names a resource of an action: "cluster", "db.*"
// (every collection of db) or "db.collection". Atlas ignores a cluster
// resource's db and collection, and so does the name.
func CustomDBRoleResourceText(r client.CustomDBRoleResource) string {
	switch {
	case r.Cluster:
		return "cluster"
	case r.Collection == "":
		return r.DB + ".*"
	}
	return r.DB + "." + r.Collection
}

// customRoleActionTexts names each (action, resource) pair of actions, so
// that two lists of actions compare as sets whatever their order.
func customRoleActionTexts(actions []client.CustomDBRoleAction) []string {
	var out []string
	for _, a := range actions {
		for _, r := range a.Resources {
			out = append(out, a.Action+" on "+CustomDBRoleResourceText(r))
		}
		if len(a.Resources) == 0 {
			out = append(out, a.Action)
		}
	}
	return out
}

func inheritedTexts(roles []client.CustomDBInheritedRole) []string {
	out := make([]string, len(roles))
	for i, r := range roles {
		out[i] = r.Role + "@" + r.DB
	}
	return out
}

// CustomDBRoleMatches reports whether two custom roles grant the same
// actions on the same resources and inherit the same roles, in any order.
func CustomDBRoleMatches(got, want client.CustomDBRole) bool {
	return got.RoleName == want.RoleName &&
		SameRoles(customRoleActionTexts(got.Actions), customRoleActionTexts(want.Actions)) &&
		SameRoles(inheritedTexts(got.InheritedRoles), inheritedTexts(want.InheritedRoles))
}

// CustomDBRoleSummary is the privileges of a role in a few words, for
// messages: its actions and inherited roles, sorted.
func CustomDBRoleSummary(r client.CustomDBRole) []string {
	out := append(customRoleActionTexts(r.Actions), inheritedTexts(r.InheritedRoles)...)
	for i, s := range out {
		if strings.Contains(s, "@") {
			out[i] = "inherits " + s
		}
	}
	slices.Sort(out)
	return out
}

// CreateCustomDBRole creates a custom role. A role has no creation time,
// so it follows the assignment rule, as CreateDatabaseUser does: just
// before the request it checks that no role of that name exists (a role
// that exists is an ExistingError, never taken over); after a lost answer
// the role found is adopted only when it grants exactly what was requested
// (CustomDBRoleMatches) and no other resource of this process holds it; a
// role still absent is asked for again (at most createTries times in all).
// Nothing is deleted after an unknown outcome.
func (s *Service) CreateCustomDBRole(ctx context.Context, projectID string, role client.CustomDBRole) (*client.CustomDBRole, error) {
	key := customRoleKey(projectID, role.RoleName)
	defer s.touchCustomDBRole(projectID, role.RoleName, false)
	return createWaitingForDelete(func(mayWait bool) (*client.CustomDBRole, bool, error) {
		return s.createCustomRoleOnce(ctx, key, projectID, role, mayWait)
	})
}

func (s *Service) createCustomRoleOnce(ctx context.Context, key objectKey, projectID string, role client.CustomDBRole, mayWait bool) (*client.CustomDBRole, bool, error) {
	unlock, err := s.locks.lock(ctx, key)
	if err != nil {
		return nil, false, err
	}
	existing, err := s.c.GetCustomDBRole(ctx, projectID, role.RoleName)
	switch {
	case err == nil:
		if s.deletedMeanwhile(ctx, key, unlock, mayWait) {
			return nil, true, nil
		}
		return nil, false, &ExistingError{ID: role.RoleName, Roles: CustomDBRoleSummary(*existing), HeldHere: s.held.held(key)}
	case !client.IsNotFound(err):
		unlock()
		return nil, false, err
	}
	defer unlock()
	var last error
	for try := 0; try < createTries; try++ {
		r, found, err := s.sendCustomRoleCreate(ctx, key, projectID, role)
		if err == nil || found {
			return r, false, err
		}
		last = err
	}
	return nil, false, fmt.Errorf("%w (after %d attempts the role is still absent, so nothing was created; applying again is safe)", last, createTries)
}

func (s *Service) sendCustomRoleCreate(ctx context.Context, key objectKey, projectID string, role client.CustomDBRole) (r *client.CustomDBRole, found bool, err error) {
	err = s.customRoleWrites(ctx, projectID, func() (err error) {
		r, err = s.c.CreateCustomDBRole(ctx, projectID, role)
		return err
	})
	if err == nil {
		s.held.hold(key)
		return r, true, nil
	}
	if !client.MayHaveHappened(err) {
		return nil, true, err
	}
	got, gerr := s.c.GetCustomDBRole(ctx, projectID, role.RoleName)
	switch {
	case client.IsNotFound(gerr):
		return nil, false, err
	case gerr != nil:
		return nil, true, fmt.Errorf("%w (and reading the role to find out whether it was created failed: %w)", err, gerr)
	case !CustomDBRoleMatches(*got, role) || s.held.held(key):
		return nil, true, &ExistingError{ID: role.RoleName, Roles: CustomDBRoleSummary(*got), HeldHere: s.held.held(key), AfterLostAnswer: true, Cause: err}
	}
	s.held.hold(key)
	return got, true, nil
}

// GetCustomDBRole reads a custom role for a resource, which then holds it.
// Reads of one project's roles that arrive together share one listing
// (dbreads.go).
func (s *Service) GetCustomDBRole(ctx context.Context, projectID, roleName string) (*client.CustomDBRole, error) {
	r, err := s.readCustomDBRole(ctx, projectID, roleName)
	if err == nil {
		s.held.hold(customRoleKey(projectID, roleName))
	}
	return r, err
}

// ListCustomDBRoles reads every custom role of a project.
func (s *Service) ListCustomDBRoles(ctx context.Context, projectID string) ([]client.CustomDBRole, error) {
	return s.c.ListCustomDBRoles(ctx, projectID)
}

// UpdateCustomDBRole replaces a role's actions and inherited roles (PATCH,
// the same state when repeated). When the answer is lost, the role is
// read again: it tells whether the change happened.
func (s *Service) UpdateCustomDBRole(ctx context.Context, projectID string, role client.CustomDBRole) (*client.CustomDBRole, error) {
	unlock, err := s.locks.lock(ctx, customRoleKey(projectID, role.RoleName))
	if err != nil {
		return nil, err
	}
	defer unlock()
	defer s.touchCustomDBRole(projectID, role.RoleName, false)
	actions, inherited := role.Actions, role.InheritedRoles
	if actions == nil {
		actions = []client.CustomDBRoleAction{}
	}
	if inherited == nil {
		inherited = []client.CustomDBInheritedRole{}
	}
	var r *client.CustomDBRole
	err = s.customRoleWrites(ctx, projectID, func() (err error) {
		r, err = s.c.UpdateCustomDBRole(ctx, projectID, role.RoleName, client.UpdateCustomDBRoleRequest{Actions: &actions, InheritedRoles: &inherited})
		return err
	})
	if err == nil || !client.MayHaveHappened(err) {
		return r, err
	}
	got, gerr := s.c.GetCustomDBRole(ctx, projectID, role.RoleName)
	if gerr != nil || !CustomDBRoleMatches(*got, role) {
		return nil, err
	}
	return got, nil
}

// DeleteCustomDBRole deletes a custom role; a create of the same role in
// this process waits for it. Atlas refuses to delete a role that a
// database user holds as its only role (client.IsCustomDBRoleInUseByUsers).
func (s *Service) DeleteCustomDBRole(ctx context.Context, projectID, roleName string) error {
	return s.deleteObject(ctx, customRoleKey(projectID, roleName), func() error {
		defer s.touchCustomDBRole(projectID, roleName, true)
		return s.customRoleWrites(ctx, projectID, func() error {
			return s.c.DeleteCustomDBRole(ctx, projectID, roleName)
		})
	})
}
