package safeops

import (
	"context"
	"fmt"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

// projectTeamKey is a team's grant of roles in a project.
func projectTeamKey(projectID, teamID string) objectKey {
	return objectKey("projectteam/" + projectID + "/" + teamID)
}

// AddTeamToProject gives a team roles in a project
// (POST /groups/{groupId}/teams). Atlas has no conflict answer for a team
// that is already in the project: the POST would silently replace its
// roles, taking over someone else's grant. So it first checks that the team
// is absent (GET answers 404): a team already in the project is an
// ExistingError, after waiting for a delete of the same grant in flight in
// this process. When the answer is lost, the grant found afterwards is
// adopted only if it has exactly the requested roles and no other resource
// of this process holds it, as AssignServiceAccount does: the check just
// before the request proved the team absent. A grant still absent after a
// lost answer is asked for again (at most createTries times in all).
// Nothing is removed after an unknown outcome.
func (s *Service) AddTeamToProject(ctx context.Context, projectID, teamID string, roles []string) (*client.ProjectTeam, error) {
	key := projectTeamKey(projectID, teamID)
	defer s.touchProjectTeam(projectID, teamID)
	return createWaitingForDelete(func(mayWait bool) (*client.ProjectTeam, bool, error) {
		return s.addTeamOnce(ctx, key, projectID, teamID, roles, mayWait)
	})
}

func (s *Service) addTeamOnce(ctx context.Context, key objectKey, projectID, teamID string, roles []string, mayWait bool) (*client.ProjectTeam, bool, error) {
	unlock, err := s.locks.lock(ctx, key)
	if err != nil {
		return nil, false, err
	}
	existing, err := s.c.GetProjectTeam(ctx, projectID, teamID)
	switch {
	case err == nil:
		if s.deletedMeanwhile(ctx, key, unlock, mayWait) {
			return nil, true, nil
		}
		return nil, false, &ExistingError{ID: teamID, Roles: existing.RoleNames, HeldHere: s.held.held(key)}
	case !client.IsNotFound(err):
		// 404 is the team absent from the project (or absent altogether,
		// which the POST then reports as TEAM_NOT_FOUND).
		unlock()
		return nil, false, err
	}
	defer unlock()
	var err0 error
	for try := 0; try < createTries; try++ {
		t, found, err := s.sendTeamAdd(ctx, key, projectID, teamID, roles)
		if err == nil || found {
			return t, false, err
		}
		err0 = err
	}
	return nil, false, err0
}

// sendTeamAdd sends the POST of one team's roles, the team having been
// found absent. When the answer is lost, the grant is read: absent means
// nothing happened (the error comes back with found false, and the POST
// may be sent again: a repeat can only give the same roles); present with
// exactly the requested roles and held by no other resource is adopted;
// anything else is an ExistingError.
func (s *Service) sendTeamAdd(ctx context.Context, key objectKey, projectID, teamID string, roles []string) (t *client.ProjectTeam, found bool, err error) {
	teams, err := s.c.AddTeamsToProject(ctx, projectID, []client.ProjectTeam{{TeamID: teamID, RoleNames: roles}})
	if err == nil {
		s.held.hold(key)
		if t := teamIn(teams, teamID); t != nil {
			return t, true, nil
		}
		// Atlas answers every team of the project; one without ours would
		// be odd, so it is read once instead of trusting the request.
		t, gerr := s.c.GetProjectTeam(ctx, projectID, teamID)
		return t, true, gerr
	}
	if !client.MayHaveHappened(err) {
		return nil, true, err
	}
	got, gerr := s.c.GetProjectTeam(ctx, projectID, teamID)
	switch {
	case client.IsNotFound(gerr):
		return nil, false, err
	case gerr != nil:
		return nil, true, fmt.Errorf("%w (and reading the team's roles in the project to find out whether they were given failed: %w)", err, gerr)
	case !SameRoles(got.RoleNames, roles) || s.held.held(key):
		return nil, true, &ExistingError{ID: teamID, Roles: got.RoleNames, HeldHere: s.held.held(key), AfterLostAnswer: true, Cause: err}
	}
	s.held.hold(key)
	return got, true, nil
}

// teamIn is the team teamID among teams, or nil.
func teamIn(teams []client.ProjectTeam, teamID string) *client.ProjectTeam {
	for i := range teams {
		if teams[i].TeamID == teamID {
			return &teams[i]
		}
	}
	return nil
}

// GetProjectTeam reads a team's roles in a project for a resource, which
// then holds the grant. Reads of one project's teams that arrive together
// share one listing (teamreads.go).
func (s *Service) GetProjectTeam(ctx context.Context, projectID, teamID string) (*client.ProjectTeam, error) {
	t, err := s.readProjectTeam(ctx, projectID, teamID)
	if err == nil {
		s.held.hold(projectTeamKey(projectID, teamID))
	}
	return t, err
}

// UpdateProjectTeamRoles replaces a team's roles in a project (PATCH, safe
// to repeat). When the answer is lost, the team's roles are read again:
// they tell whether the change happened.
func (s *Service) UpdateProjectTeamRoles(ctx context.Context, projectID, teamID string, roles []string) (*client.ProjectTeam, error) {
	unlock, err := s.locks.lock(ctx, projectTeamKey(projectID, teamID))
	if err != nil {
		return nil, err
	}
	defer unlock()
	defer s.touchProjectTeam(projectID, teamID)
	teams, err := s.c.UpdateProjectTeamRoles(ctx, projectID, teamID, roles)
	if err == nil {
		if t := teamIn(teams, teamID); t != nil {
			return t, nil
		}
		return s.c.GetProjectTeam(ctx, projectID, teamID)
	}
	if !client.MayHaveHappened(err) {
		return nil, err
	}
	got, gerr := s.c.GetProjectTeam(ctx, projectID, teamID)
	if gerr == nil && SameRoles(got.RoleNames, roles) {
		return got, nil
	}
	return nil, err
}

// RemoveTeamFromProject takes a team out of a project; the team stays in
// the organization. An add of the same team to the project in this process
// waits for it.
func (s *Service) RemoveTeamFromProject(ctx context.Context, projectID, teamID string) error {
	return s.deleteObject(ctx, projectTeamKey(projectID, teamID), func() error {
		defer s.touchProjectTeam(projectID, teamID)
		return s.c.RemoveTeamFromProject(ctx, projectID, teamID)
	})
}

// ProjectTeamName is the name of team teamID of the organization that owns
// projectID, for the message of a failed write: two reads (the project,
// for its organization, then the team), which nothing on a write's success
// path makes. It holds nothing: naming a team is not managing it.
func (s *Service) ProjectTeamName(ctx context.Context, projectID, teamID string) (string, error) {
	p, err := s.c.GetProject(ctx, projectID)
	if err != nil {
		return "", err
	}
	t, err := s.c.GetTeam(ctx, p.OrgID, teamID)
	if err != nil {
		return "", err
	}
	return t.Name, nil
}
