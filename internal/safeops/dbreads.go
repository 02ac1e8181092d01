package safeops

import (
	"context"
	"slices"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

// Coalesced reads of database users and custom database roles (coalesce.go
// has the rules they follow): a project's database users
// (GET /groups/{groupId}/databaseUsers) and its custom roles
// (GET /groups/{groupId}/customDBRoles/roles) answer the refresh of each
// user and role of the project when many arrive together.
//
// A create, change or delete of a user or role by this process touches it.
// Deleting a custom role also takes it out of every user that held it and
// every role that inherited it, so it touches the whole project in both
// listings (wholeOwner).

// wholeOwner is the dirty key of a write that may have changed every
// object of an owner's listing.
const wholeOwner = "*"

// databaseUserListKey names a database user in a listing: Atlas keeps one
// user per authentication database and username. The NUL cannot occur in
// either.
func databaseUserListKey(authDatabase, username string) string {
	return authDatabase + "\x00" + username
}

// touchDatabaseUser records a write of this process to a database user.
func (s *Service) touchDatabaseUser(projectID, authDatabase, username string) {
	o := listOwner{databaseUsersList, projectID}
	s.reads.touch(func(l listOwner) bool { return l == o }, databaseUserListKey(authDatabase, username))
}

// touchCustomDBRole records a write of this process to a custom role;
// deleted says that the role was (or may have been) deleted, which changes
// the project's users and other roles too.
func (s *Service) touchCustomDBRole(projectID, roleName string, deleted bool) {
	roles := listOwner{customDBRolesList, projectID}
	s.reads.touch(func(l listOwner) bool { return l == roles }, roleName)
	if deleted {
		users := listOwner{databaseUsersList, projectID}
		s.reads.touch(func(l listOwner) bool { return l == roles || l == users }, wholeOwner)
	}
}

// readDatabaseUser reads one database user of a project, coalesced, with
// slices of its own.
func (s *Service) readDatabaseUser(ctx context.Context, projectID, authDatabase, username string) (*client.DatabaseUser, error) {
	key := databaseUserListKey(authDatabase, username)
	u, err := coalescedRead(ctx, &s.reads, listOwner{databaseUsersList, projectID}, key,
		listingOf(
			func(ctx context.Context) ([]client.DatabaseUser, error) { return s.c.ListDatabaseUsers(ctx, projectID) },
			func(u *client.DatabaseUser) string { return databaseUserListKey(u.DatabaseName, u.Username) }),
		func() (*client.DatabaseUser, error) {
			return s.c.GetDatabaseUser(ctx, projectID, authDatabase, username)
		},
		func(_ *client.DatabaseUser, dirty func(string) bool) bool { return !dirty(key) && !dirty(wholeOwner) })
	if err == nil {
		u.Roles, u.Scopes, u.Labels = slices.Clone(u.Roles), slices.Clone(u.Scopes), slices.Clone(u.Labels)
	}
	return u, err
}

// readCustomDBRole reads one custom role of a project, coalesced, with
// slices of its own.
func (s *Service) readCustomDBRole(ctx context.Context, projectID, roleName string) (*client.CustomDBRole, error) {
	r, err := coalescedRead(ctx, &s.reads, listOwner{customDBRolesList, projectID}, roleName,
		listingOf(
			func(ctx context.Context) ([]client.CustomDBRole, error) { return s.c.ListCustomDBRoles(ctx, projectID) },
			func(r *client.CustomDBRole) string { return r.RoleName }),
		func() (*client.CustomDBRole, error) { return s.c.GetCustomDBRole(ctx, projectID, roleName) },
		func(_ *client.CustomDBRole, dirty func(string) bool) bool {
			return !dirty(roleName) && !dirty(wholeOwner)
		})
	if err == nil {
		actions := make([]client.CustomDBRoleAction, len(r.Actions))
		for i, a := range r.Actions {
			actions[i] = a
			actions[i].Resources = slices.Clone(a.Resources)
		}
		if r.Actions != nil {
			r.Actions = actions
		}
		r.InheritedRoles = slices.Clone(r.InheritedRoles)
	}
	return r, err
}
