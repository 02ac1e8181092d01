package safeops

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

// Coalesced reads of teams (coalesce.go has the rules they follow).
//
// A refresh of atlasaccess_team reads the team and its members, and one of
// atlasaccess_project_team the team's roles in a project. Three listings
// answer them when many arrive together:
//
//   - The organization's teams (GET /orgs/{orgId}/teams) answer a team's
//     name, by team ID.
//   - The organization's people (GET /orgs/{orgId}/users, the listing the
//     organization users' reads share) answer a team's members: each
//     person carries the IDs of their teams (teamIds), so the members of a
//     team are the people, ACTIVE and PENDING as a direct read of the
//     members lists them, whose teamIds name it.
//   - A project's teams (GET /groups/{groupId}/teams) answer a team's roles
//     there, by team ID.
//
// A listing never tells that a team is missing, and the people's listing
// cannot: a team nobody lists is a team without members, or one that did
// not exist yet when the people were listed, and a listing of several pages
// may have read some of a new team's members before it existed and others
// after. So the people's listing answers a team's members only when it
// holds the team's whole membership at one moment:
//
//   - it provably began after Atlas created the team (the team ID's
//     creation second, against the listing's start by Atlas's clock, with
//     the clock's uncertainty counted against the listing), or
//   - it was one page (one answer of Atlas) and names the team: the team
//     existed when Atlas answered, with the members that page names;
//
// and only when this process has written, since the listing began, to
// neither that team's members nor anyone of the organization (an invitation
// or a removal of a person changes teams too). Otherwise the members are
// read directly, as the team itself is when it is missing from the teams'
// listing or this process wrote to it.
//
// A write to a team's members touches the team in both organization
// listings, and each person added or removed in the people's listing (their
// teamIds changed); a create, rename or delete of a team touches it in both.
// A write to a team's roles in a project touches the team in that
// project's listing.

// teamMembersKey is the dirty key, in the organization's people listing,
// of the membership of one team. It cannot be a user ID or a username key.
func teamMembersKey(teamID string) string { return "team/" + teamID }

// touchTeam records a write of this process to a team of an organization
// (its name, its existence or its members), and to the people named by
// personKeys (user IDs or userNameKey keys) whose teams it changed.
func (s *Service) touchTeam(orgID, teamID string, personKeys ...string) {
	teams, people := listOwner{orgTeamsList, orgID}, listOwner{orgUsersList, orgID}
	if teamID != "" {
		s.reads.touch(func(o listOwner) bool { return o == teams }, teamID)
		personKeys = append(personKeys, teamMembersKey(teamID))
	}
	if len(personKeys) > 0 {
		s.reads.touch(func(o listOwner) bool { return o == people }, personKeys...)
	}
}

// touchProjectTeam records a write of this process to a team's roles in a
// project.
func (s *Service) touchProjectTeam(projectID, teamID string) {
	o := listOwner{projectTeamsList, projectID}
	s.reads.touch(func(l listOwner) bool { return l == o }, teamID)
}

// readTeam reads one team of an organization, coalesced with the reads of
// the organization's other teams.
func (s *Service) readTeam(ctx context.Context, orgID, teamID string) (*client.Team, error) {
	t, err := coalescedRead(ctx, &s.reads, listOwner{orgTeamsList, orgID}, teamID,
		listingOf(
			func(ctx context.Context) ([]client.Team, error) { return s.c.ListTeams(ctx, orgID) },
			func(t *client.Team) string { return t.ID }),
		func() (*client.Team, error) { return s.c.GetTeam(ctx, orgID, teamID) },
		func(_ *client.Team, dirty func(string) bool) bool { return !dirty(teamID) })
	if err == nil {
		t.Usernames = slices.Clone(t.Usernames)
	}
	return t, err
}

// ReadTeamUsers lists a team's members, ACTIVE and PENDING, for a refresh:
// coalesced with the reads of the organization's people and of its other
// teams' members (see above). A team that is gone satisfies
// client.IsNotFound. The checks of a membership change use ListTeamUsers,
// which always asks Atlas.
func (s *Service) ReadTeamUsers(ctx context.Context, orgID, teamID string) ([]client.OrgUser, error) {
	created, isObjectID := ObjectIDTime(teamID)
	return coalescedView(ctx, &s.reads, listOwner{orgUsersList, orgID},
		s.listOrgUsers(orgID),
		func() ([]client.OrgUser, error) {
			return s.c.ListTeamUsers(ctx, orgID, teamID, client.ListOrgUsersOptions{})
		},
		func(snap *snapshot) ([]client.OrgUser, bool) {
			if membersDirty(snap.dirty, teamID) {
				return nil, false
			}
			members := []client.OrgUser{}
			for _, item := range snap.items {
				u := item.(*client.OrgUser)
				if slices.Contains(u.TeamIDs, teamID) {
					c := *u
					cloneOrgUserSlices(&c)
					members = append(members, c)
				}
			}
			onePage := len(snap.items) < client.PageSize
			older := isObjectID && s.beganAfter(snap.began, created)
			if !older && (!onePage || len(members) == 0) {
				return nil, false
			}
			slices.SortFunc(members, func(a, b client.OrgUser) int { return strings.Compare(a.ID, b.ID) })
			return members, true
		})
}

// membersDirty reports whether dirty, the writes of this process since a
// listing of an organization's people began, may have changed the members
// of team teamID: a write to that team's members, or to any person.
func membersDirty(dirty map[string]bool, teamID string) bool {
	for k := range dirty {
		if k == teamMembersKey(teamID) || !strings.HasPrefix(k, teamMembersKey("")) {
			return true
		}
	}
	return false
}

// beganAfter reports whether a listing that began at began, by the local
// clock, provably began after created, a creation second by Atlas's clock:
// the uncertainty of the clock estimate (s.skew) counts against it.
func (s *Service) beganAfter(began, created time.Time) bool {
	byAtlas, ok := s.c.AtlasTime(began)
	return ok && created.Before(byAtlas.Truncate(time.Second).Add(-s.skew))
}

// readProjectTeam reads a team's roles in a project, coalesced with the
// reads of the project's other teams, with slices of its own.
func (s *Service) readProjectTeam(ctx context.Context, projectID, teamID string) (*client.ProjectTeam, error) {
	t, err := coalescedRead(ctx, &s.reads, listOwner{projectTeamsList, projectID}, teamID,
		listingOf(
			func(ctx context.Context) ([]client.ProjectTeam, error) { return s.c.ListProjectTeams(ctx, projectID) },
			func(t *client.ProjectTeam) string { return t.TeamID }),
		func() (*client.ProjectTeam, error) { return s.c.GetProjectTeam(ctx, projectID, teamID) },
		func(_ *client.ProjectTeam, dirty func(string) bool) bool { return !dirty(teamID) })
	if err == nil {
		t.RoleNames = slices.Clone(t.RoleNames)
	}
	return t, err
}
