package safeops

import (
	"context"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

// Which projects is an account in?
//
// A destroy asks it of every account it takes out of a project (is the
// account used elsewhere, or left in none). Atlas answers it per account
// (GET /orgs/{orgId}/serviceAccounts/{clientId}/groups), one request each.
// When many destroys ask at once (the organization is hot, as in
// coalesce.go, from the membershipBurst-th question of a burst), the answer is read instead from snapshots: the
// organization's projects (GET /orgs/{orgId}/groups) and each project's
// service accounts, listings that every destroy of the run shares.
//
// The snapshots answer only what they can prove; anything else is asked of
// Atlas directly, as before:
//   - The account's membership of every project is known: it is in the
//     project's listing and this process has not written to it there since,
//     or it is absent from the listing and not written to, or this process
//     removed it from the project since with Atlas's confirmation.
//   - It is in at least one project. An account in no listing may be gone
//     from the organization (Atlas answers 404 then), which only a direct
//     call tells apart.
//
// A listing is at most DefaultSnapshotLifetime old: the same bound on how
// stale a destroy's knowledge of another team's assignment may be as the
// refresh before it, and a write of this process to the account (an
// assignment, a delete) is never answered from one.

// maxMembershipProjects is the most projects an organization may have for
// its destroys to be answered from listings: each project costs a listing
// (a page per 500 accounts), which a burst of destroys must outnumber.
const maxMembershipProjects = 20

// ListOrgServiceAccountProjects returns the projects an account belongs to,
// from shared snapshots when many destroys ask at once (see above), else
// with one request.
func (s *Service) ListOrgServiceAccountProjects(ctx context.Context, orgID, clientID string) ([]client.ServiceAccountProject, error) {
	projects, ok, err := s.projectsFromSnapshots(ctx, orgID, clientID)
	if err != nil {
		return nil, err
	}
	if ok {
		return projects, nil
	}
	return s.c.ListOrgServiceAccountProjects(ctx, orgID, clientID)
}

// projectsFromSnapshots answers ListOrgServiceAccountProjects from
// snapshots; ok is false when they cannot prove the answer, or when the
// organization is not hot (a lone destroy asks Atlas directly).
func (s *Service) projectsFromSnapshots(ctx context.Context, orgID, clientID string) (projects []client.ServiceAccountProject, ok bool, err error) {
	listProjects := listingOf(
		func(ctx context.Context) ([]client.Project, error) { return s.c.ListOrgProjects(ctx, orgID) },
		func(p *client.Project) string { return p.ID })
	orgSnap, done := s.reads.snapshotFor(ctx, listOwner{orgProjectsList, orgID}, false, membershipBurst, listProjects)
	if orgSnap == nil {
		// The caller's direct call is the read the owner's heat counts.
		defer done()
		return nil, false, nil
	}
	if ok, err := orgSnap.wait(ctx); err != nil || !ok {
		return nil, false, err
	}
	if len(orgSnap.items) > maxMembershipProjects {
		// Listing every project would cost more than it saves.
		return nil, false, nil
	}
	// Start every project's listing before waiting for any.
	snaps := make(map[string]*snapshot, len(orgSnap.items))
	for projectID := range orgSnap.items {
		snaps[projectID], _ = s.reads.snapshotFor(ctx, listOwner{projectAccountsList, projectID}, true, 0, s.listProjectAccounts(projectID))
	}
	for projectID, snap := range snaps {
		if ok, err := snap.wait(ctx); err != nil || !ok {
			return nil, false, err
		}
		s.reads.mu.Lock()
		item, listed := snap.items[clientID].(*client.ServiceAccount)
		dirty, gone := snap.dirty[clientID], snap.gone[clientID]
		s.reads.mu.Unlock()
		switch {
		case gone:
		case dirty:
			return nil, false, nil
		case listed:
			projects = append(projects, client.ServiceAccountProject{ProjectID: projectID, Roles: item.Roles})
		}
	}
	if len(projects) == 0 {
		return nil, false, nil
	}
	return projects, true, nil
}

// listProjectAccounts lists a project's accounts for a snapshot, by client ID.
func (s *Service) listProjectAccounts(projectID string) func(context.Context) (map[string]any, error) {
	return listingOf(
		func(ctx context.Context) ([]client.ServiceAccount, error) {
			return s.c.ListProjectServiceAccounts(ctx, projectID)
		},
		func(sa *client.ServiceAccount) string { return sa.ClientID })
}
