package safeops

import (
	"context"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

// Coalesced reads.
//
// Terraform refreshes the resources of a configuration concurrently, and one
// provider process serves every read of a run. Atlas lists in one paged call
// what a refresh of each object needs (a project's service accounts with
// their roles and secrets, an organization's accounts, a project's or an
// organization's people; teams, database users and custom roles in
// teamreads.go and dbreads.go),
// so reads of objects of one owner that arrive together are answered from
// one listing, shared by the reads waiting for it: a snapshot.
//
//   - A snapshot belongs to one owner (a project or an organization) and one
//     kind of object (listKind). It answers for DefaultSnapshotLifetime from
//     the moment its listing began, never longer.
//   - A write of this process to an object makes every snapshot unable to
//     answer for that object (touch): the snapshot no longer says what Atlas
//     holds, and the read goes to Atlas. A write to an account (by client ID)
//     counts for every owner, since the account is one object that each of
//     its owners lists. The other objects of the owner, which the write did
//     not change, are still answered from the snapshot.
//   - An object missing from the listing is read directly before it is
//     reported gone: a listing is never the only proof that something was
//     deleted outside Terraform.
//   - A lone read is one direct GET, as before. An owner becomes hot when a
//     read arrives while a direct read of the same owner is in flight, or
//     within DefaultCoalesceWindow of the previous read of it (by the
//     client's clock); a read of a hot owner without a usable snapshot
//     starts a listing, and the reads after it join that listing.
//
// Reads that decide write safety (the checks before and after a write)
// never use a snapshot: they are the direct calls of the write paths.

// Defaults of coalesced reads.
const (
	// DefaultSnapshotLifetime is how long a listing answers reads, from the
	// moment it began: long enough for the refresh of a large configuration,
	// far shorter than anything a person does between two runs.
	DefaultSnapshotLifetime = 10 * time.Second
	// DefaultCoalesceWindow is how close after the previous read of an
	// owner a read must arrive for the owner to be hot.
	DefaultCoalesceWindow = time.Second
)

// Reads of a burst before a listing is made: an object read costs one GET
// and a listing a page or a few, so the second read of a burst lists; the
// question of a destroy (membership.go) lists the organization's projects
// and each of their accounts, so it waits for more askers.
const (
	readBurst       = 2
	membershipBurst = 4
)

// listKind is what a snapshot lists of its owner.
type listKind string

const (
	projectAccountsList listKind = "project-accounts"
	orgAccountsList     listKind = "org-accounts"
	projectUsersList    listKind = "project-users"
	orgUsersList        listKind = "org-users"
	orgProjectsList     listKind = "org-projects"
	orgTeamsList        listKind = "org-teams"
	projectTeamsList    listKind = "project-teams"
	databaseUsersList   listKind = "database-users"
	customDBRolesList   listKind = "custom-db-roles"
)

// accountKind tells whether a kind lists service accounts, which a write to
// one account touches in every owner.
func (k listKind) accounts() bool { return k == projectAccountsList || k == orgAccountsList }

// listOwner is one owner's listing of one kind.
type listOwner struct {
	kind    listKind
	ownerID string
}

// reads coalesces the reads of one Service.
type reads struct {
	clock    client.Clock
	lifetime time.Duration
	window   time.Duration
	mu       sync.Mutex
	owners   map[listOwner]*ownerReads
}

// ownerReads is what reads knows of one owner's listing.
type ownerReads struct {
	// gets counts the direct reads in flight; lastRead is when the latest
	// read arrived.
	gets     int
	lastRead time.Time
	// burst counts the reads of the current burst.
	burst int
	// snap is the latest listing, finished or under way.
	snap *snapshot
}

// snapshot is one listing. items is written once, before ready is closed;
// dirty is guarded by reads.mu.
type snapshot struct {
	began time.Time
	ready chan struct{}
	err   error
	items map[string]any
	// dirty are the objects this process wrote since the listing began,
	// by the keys touch was given.
	dirty map[string]bool
	// gone are the dirty accounts this process has since removed from the
	// owner, with Atlas's confirmation (the removal answered success or
	// 404), and not written to again: absent from the owner now.
	gone map[string]bool
}

// usable reports whether s may still answer reads at now.
func (s *snapshot) usable(now time.Time, lifetime time.Duration) bool {
	select {
	case <-s.ready:
		return s.err == nil && now.Sub(s.began) < lifetime
	default:
		return true // under way: join it
	}
}

// touch records that this process wrote the objects keys name in owners of
// kinds that pass match (every account owner for an account, one project for
// a person). Snapshots under way are touched too: their listing may have
// been answered before or after the write.
func (r *reads) touch(match func(listOwner) bool, keys ...string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for o, st := range r.owners {
		if st.snap == nil || !match(o) {
			continue
		}
		if st.snap.dirty == nil {
			st.snap.dirty = map[string]bool{}
		}
		for _, k := range keys {
			st.snap.dirty[k] = true
			delete(st.snap.gone, k)
		}
	}
}

// touchAccount records a write of this process to a service account.
func (s *Service) touchAccount(clientID string) {
	s.reads.touch(func(o listOwner) bool { return o.kind.accounts() }, clientID)
}

// touchMembership records a removal of a service account from one project
// by this process: the account's view in other owners is unchanged (its
// roles are per project). confirmed says that Atlas answered success or
// 404, so that the account is known to be absent from the project.
func (s *Service) touchMembership(projectID, clientID string, confirmed bool) {
	o := listOwner{projectAccountsList, projectID}
	s.reads.touch(func(l listOwner) bool { return l == o }, clientID)
	if !confirmed {
		return
	}
	s.reads.mu.Lock()
	defer s.reads.mu.Unlock()
	if st := s.reads.owners[o]; st != nil && st.snap != nil {
		if st.snap.gone == nil {
			st.snap.gone = map[string]bool{}
		}
		st.snap.gone[clientID] = true
	}
}

// touchUser records a write of this process to a person in a project, by
// the user's ID and username, whichever is known.
func (s *Service) touchUser(projectID, userID, username string) {
	keys := []string{}
	if userID != "" {
		keys = append(keys, userID)
	}
	if username != "" {
		keys = append(keys, userNameKey(username))
	}
	s.reads.touch(func(o listOwner) bool { return o.kind == projectUsersList && o.ownerID == projectID }, keys...)
}

// touchOrgUser records a write of this process to a person in an
// organization, by the user's ID and username, whichever is known.
func (s *Service) touchOrgUser(orgID, userID, username string) {
	keys := []string{}
	if userID != "" {
		keys = append(keys, userID)
	}
	if username != "" {
		keys = append(keys, userNameKey(username))
	}
	s.reads.touch(func(o listOwner) bool { return o.kind == orgUsersList && o.ownerID == orgID }, keys...)
}

// userNameKey is the dirty key of a person by username: Atlas compares
// usernames without regard to case.
func userNameKey(username string) string { return "username/" + strings.ToLower(username) }

// snapshotFor returns the snapshot that answers reads of o now: a usable
// one, one under way, or a new listing when the owner is hot (this read is
// the minBurst-th of a burst: each one in flight with, or within the window
// of, the one before) or force is set. Otherwise it returns nil and done, to be called once the caller's
// direct read has finished.
func (r *reads) snapshotFor(ctx context.Context, o listOwner, force bool, minBurst int, list func(context.Context) (map[string]any, error)) (snap *snapshot, done func()) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.owners == nil {
		r.owners = map[listOwner]*ownerReads{}
	}
	st := r.owners[o]
	if st == nil {
		st = &ownerReads{}
		r.owners[o] = st
	}
	now := r.clock.Now()
	if st.gets > 0 || (!st.lastRead.IsZero() && now.Sub(st.lastRead) < r.window) {
		st.burst++
	} else {
		st.burst = 1
	}
	hot := force || st.burst >= minBurst
	st.lastRead = now
	if st.snap != nil && st.snap.usable(now, r.lifetime) {
		return st.snap, nil
	}
	if !hot {
		st.gets++
		return nil, func() {
			r.mu.Lock()
			defer r.mu.Unlock()
			st.gets--
		}
	}
	snap = &snapshot{began: now, ready: make(chan struct{})}
	st.snap = snap
	// The listing serves every read that joins it, so it runs without the
	// cancellation of whichever read started it; each read still stops
	// waiting when its own context ends.
	go func(ctx context.Context) {
		snap.items, snap.err = list(ctx)
		close(snap.ready)
	}(context.WithoutCancel(ctx))
	return snap, nil
}

// wait waits for s to be filled; ok is false when its listing failed.
func (s *snapshot) wait(ctx context.Context) (ok bool, err error) {
	select {
	case <-s.ready:
		return s.err == nil, nil
	case <-ctx.Done():
		return false, ctx.Err()
	}
}

// coalescedRead reads the object id of owner o: from a snapshot when one
// answers for it, else with get. list lists the owner, keyed by ID; clean
// says whether the snapshot's object may answer, given a function that
// reports the dirty keys.
func coalescedRead[T any](ctx context.Context, r *reads, o listOwner, id string,
	list func(context.Context) (map[string]any, error),
	get func() (*T, error),
	clean func(item *T, dirty func(string) bool) bool,
) (*T, error) {
	return coalescedView(ctx, r, o, list, get, func(snap *snapshot) (*T, bool) {
		item, ok := snap.items[id].(*T)
		if !ok {
			// Missing from the listing: only a direct read may say it is gone.
			return nil, false
		}
		if !clean(item, func(k string) bool { return snap.dirty[k] }) {
			return nil, false
		}
		out := *item
		return &out, true
	})
}

// coalescedView answers a read of owner o from a snapshot when answer can
// (ok true), else with get, as coalescedRead does for one object. answer
// runs with r.mu held, so it may read the snapshot's dirty and gone keys;
// it must not keep or hand out the snapshot's items themselves.
func coalescedView[T any](ctx context.Context, r *reads, o listOwner,
	list func(context.Context) (map[string]any, error),
	get func() (T, error),
	answer func(snap *snapshot) (T, bool),
) (T, error) {
	snap, done := r.snapshotFor(ctx, o, false, readBurst, list)
	if snap == nil {
		defer done()
		return get()
	}
	ok, err := snap.wait(ctx)
	if err != nil {
		var zero T
		return zero, err
	}
	if !ok {
		return get()
	}
	r.mu.Lock()
	out, ok := answer(snap)
	r.mu.Unlock()
	if !ok {
		return get()
	}
	return out, nil
}

// cleanAccount: an account answers unless this process wrote to it.
func cleanAccount(clientID string) func(*client.ServiceAccount, func(string) bool) bool {
	return func(_ *client.ServiceAccount, dirty func(string) bool) bool { return !dirty(clientID) }
}

// readProjectAccount reads one account of a project, coalesced. Its slices
// are the caller's own, never shared with another read of the snapshot.
func (s *Service) readProjectAccount(ctx context.Context, projectID, clientID string) (*client.ServiceAccount, error) {
	sa, err := s.readProjectAccountShared(ctx, projectID, clientID)
	if err == nil {
		sa.Roles, sa.Secrets = slices.Clone(sa.Roles), slices.Clone(sa.Secrets)
	}
	return sa, err
}

func (s *Service) readProjectAccountShared(ctx context.Context, projectID, clientID string) (*client.ServiceAccount, error) {
	return coalescedRead(ctx, &s.reads, listOwner{projectAccountsList, projectID}, clientID,
		s.listProjectAccounts(projectID),
		func() (*client.ServiceAccount, error) { return s.c.GetProjectServiceAccount(ctx, projectID, clientID) },
		cleanAccount(clientID))
}

// readOrgAccount reads one account of an organization, coalesced, with
// slices of its own.
func (s *Service) readOrgAccount(ctx context.Context, orgID, clientID string) (*client.OrgServiceAccount, error) {
	sa, err := s.readOrgAccountShared(ctx, orgID, clientID)
	if err == nil {
		sa.Roles, sa.Secrets = slices.Clone(sa.Roles), slices.Clone(sa.Secrets)
	}
	return sa, err
}

func (s *Service) readOrgAccountShared(ctx context.Context, orgID, clientID string) (*client.OrgServiceAccount, error) {
	return coalescedRead(ctx, &s.reads, listOwner{orgAccountsList, orgID}, clientID,
		listingOf(
			func(ctx context.Context) ([]client.OrgServiceAccount, error) {
				return s.c.ListOrgServiceAccounts(ctx, orgID)
			},
			func(sa *client.OrgServiceAccount) string { return sa.ClientID }),
		func() (*client.OrgServiceAccount, error) { return s.c.GetOrgServiceAccount(ctx, orgID, clientID) },
		func(_ *client.OrgServiceAccount, dirty func(string) bool) bool { return !dirty(clientID) })
}

// readProjectUser reads one person of a project by user ID, coalesced, with
// slices of its own. The listing holds ACTIVE and PENDING people (Atlas's
// default); anyone else is read directly.
func (s *Service) readProjectUser(ctx context.Context, projectID, userID string) (*client.ProjectUser, error) {
	u, err := s.readProjectUserShared(ctx, projectID, userID)
	if err == nil {
		u.Roles = slices.Clone(u.Roles)
	}
	return u, err
}

func (s *Service) readProjectUserShared(ctx context.Context, projectID, userID string) (*client.ProjectUser, error) {
	return coalescedRead(ctx, &s.reads, listOwner{projectUsersList, projectID}, userID,
		listingOf(
			func(ctx context.Context) ([]client.ProjectUser, error) {
				return s.c.ListProjectUsers(ctx, projectID, client.ListProjectUsersOptions{})
			},
			func(u *client.ProjectUser) string { return u.ID }),
		func() (*client.ProjectUser, error) { return s.c.GetProjectUser(ctx, projectID, userID) },
		func(u *client.ProjectUser, dirty func(string) bool) bool {
			return !dirty(u.ID) && !dirty(userNameKey(u.Username))
		})
}

// readOrgUser reads one person of an organization by user ID, coalesced,
// with slices of its own. The listing holds ACTIVE and PENDING people
// (Atlas's default); anyone else (an expired or rejected invitation) is read
// directly, in every status.
func (s *Service) readOrgUser(ctx context.Context, orgID, userID string) (*client.OrgUser, error) {
	u, err := s.readOrgUserShared(ctx, orgID, userID)
	if err == nil {
		cloneOrgUserSlices(u)
	}
	return u, err
}

// cloneOrgUserSlices gives u slices of its own, never shared with a
// snapshot.
func cloneOrgUserSlices(u *client.OrgUser) {
	u.Roles.OrgRoles, u.TeamIDs = slices.Clone(u.Roles.OrgRoles), slices.Clone(u.TeamIDs)
	groups := make([]client.GroupRoleAssignment, len(u.Roles.GroupRoleAssignments))
	for i, g := range u.Roles.GroupRoleAssignments {
		groups[i] = client.GroupRoleAssignment{ProjectID: g.ProjectID, GroupRoles: slices.Clone(g.GroupRoles)}
	}
	if u.Roles.GroupRoleAssignments != nil {
		u.Roles.GroupRoleAssignments = groups
	}
}

func (s *Service) readOrgUserShared(ctx context.Context, orgID, userID string) (*client.OrgUser, error) {
	return coalescedRead(ctx, &s.reads, listOwner{orgUsersList, orgID}, userID,
		s.listOrgUsers(orgID),
		func() (*client.OrgUser, error) { return s.c.GetOrgUser(ctx, orgID, userID, client.AllUserStatuses()) },
		func(u *client.OrgUser, dirty func(string) bool) bool {
			return !dirty(u.ID) && !dirty(userNameKey(u.Username))
		})
}

// listOrgUsers lists an organization's ACTIVE and PENDING people (Atlas's
// default) for a snapshot, by user ID. The people's reads and the teams'
// members reads (teamreads.go) share it.
func (s *Service) listOrgUsers(orgID string) func(context.Context) (map[string]any, error) {
	return listingOf(
		func(ctx context.Context) ([]client.OrgUser, error) {
			return s.c.ListOrgUsers(ctx, orgID, client.ListOrgUsersOptions{})
		},
		func(u *client.OrgUser) string { return u.ID })
}

// readAccountSecrets reads the secrets of an account of owner, coalesced
// with the reads of the owner's accounts (the listing carries each account's
// secrets). An account that is gone satisfies client.IsNotFound.
func (s *Service) readAccountSecrets(ctx context.Context, owner client.Owner, clientID string) ([]client.ServiceAccountSecret, error) {
	var secrets []client.ServiceAccountSecret
	switch {
	case owner.ProjectID != "" && owner.OrgID == "":
		sa, err := s.readProjectAccount(ctx, owner.ProjectID, clientID)
		if err != nil {
			return nil, err
		}
		secrets = sa.Secrets
	case owner.OrgID != "" && owner.ProjectID == "":
		sa, err := s.readOrgAccount(ctx, owner.OrgID, clientID)
		if err != nil {
			return nil, err
		}
		secrets = sa.Secrets
	default:
		// An owner the client refuses: let it say why.
		return s.c.ServiceAccountSecrets(ctx, owner, clientID)
	}
	if secrets == nil {
		secrets = []client.ServiceAccountSecret{}
	}
	return secrets, nil
}

// listingOf makes the listing of a snapshot from list, which reads every
// page of an owner's objects, and id, which names each of them.
func listingOf[T any](list func(context.Context) ([]T, error), id func(*T) string) func(context.Context) (map[string]any, error) {
	return func(ctx context.Context) (map[string]any, error) {
		all, err := list(ctx)
		if err != nil {
			return nil, err
		}
		items := make(map[string]any, len(all))
		for i := range all {
			items[id(&all[i])] = &all[i]
		}
		return items, nil
	}
}
