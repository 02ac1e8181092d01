package safeops

import (
	"context"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

// Teams. A team name is unique in an organization, so a create whose answer
// was lost has at most one candidate: the team of that name. A team carries
// no createdAt, but its ID is a MongoDB ObjectId whose first 4 bytes are the
// second Atlas created it; that second is the "appeared after the request"
// proof, under the same rule as an account's createdAt (appearedSince).

// teamNameKey serializes creates and deletes of same-named teams of one
// organization (names compare exactly, as Atlas compares them).
func teamNameKey(orgID, name string) objectKey {
	return objectKey("team-name/" + orgID + "/" + name)
}

// teamKey is a team (team IDs are unique in Atlas), as resources hold it.
func teamKey(teamID string) objectKey { return objectKey("team/" + teamID) }

// ExistingTeamError is a team that a create met in Atlas and that is not
// provably the work of this create: someone else's, another resource
// instance's, or possibly ours but without proof.
type ExistingTeamError struct {
	OrgID string
	// Name is the team's name (the requested one).
	Name string
	// ID is the team's Atlas ID, when the lookup found it.
	ID string
	// Usernames are the team's members as Atlas listed them, when read.
	Usernames []string
	// HeldHere is true when another resource instance of this provider
	// process created, adopted or read the team: the configuration declares
	// it twice.
	HeldHere bool
	// AfterLostAnswer is true when this create's own outcome was unknown,
	// so the team may be its work, but that cannot be proven.
	AfterLostAnswer bool
	// Cause is the error of the create.
	Cause error
}

func (e *ExistingTeamError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "team %q already exists in organization %s", e.Name, e.OrgID)
	if e.ID != "" {
		fmt.Fprintf(&b, " (team ID %s)", e.ID)
	}
	if e.HeldHere {
		b.WriteString("; another resource of this configuration already manages it")
	}
	if e.Cause != nil {
		fmt.Fprintf(&b, " (%v)", e.Cause)
	}
	return b.String()
}

func (e *ExistingTeamError) Unwrap() error { return e.Cause }

// CreateTeam creates a team with its first members. A team of that name
// already in the organization is an ExistingTeamError, after waiting for a
// delete of the same-named team in flight in this process. When the answer
// is lost, the team found by name afterwards is adopted only if it has
// exactly the requested members, its ID says Atlas created it no earlier
// than the request was sent (by Atlas's clock), and no other resource holds
// it; when no team of that name appeared, nothing was created and the create
// is sent again (at most createTries times). The team returned carries its
// members' usernames.
func (s *Service) CreateTeam(ctx context.Context, orgID string, req client.CreateTeamRequest) (t *client.Team, err error) {
	key := teamNameKey(orgID, req.Name)
	defer func() {
		// The requested members' teams changed, whatever the outcome.
		keys := make([]string, len(req.Usernames))
		for i, u := range req.Usernames {
			keys[i] = userNameKey(u)
		}
		teamID := ""
		if t != nil {
			teamID = t.ID
		}
		s.touchTeam(orgID, teamID, keys...)
	}()
	return createWaitingForDelete(func(mayWait bool) (*client.Team, bool, error) {
		return s.createTeamOnce(ctx, key, orgID, req, mayWait)
	})
}

func (s *Service) createTeamOnce(ctx context.Context, key objectKey, orgID string, req client.CreateTeamRequest, mayWait bool) (*client.Team, bool, error) {
	unlock, err := s.locks.lock(ctx, key)
	if err != nil {
		return nil, false, err
	}
	defer unlock()
	// firstSent is when the first attempt whose outcome is unknown was
	// sent: a team that attempt created appeared no earlier.
	var firstSent time.Time
	var lost error
	for attempt := 1; ; attempt++ {
		sent := s.clock.Now()
		if lost == nil {
			firstSent = sent
		}
		t, err := s.c.CreateTeam(ctx, orgID, req)
		if err == nil {
			s.held.hold(teamKey(t.ID))
			return t, false, nil
		}
		afterLost := lost != nil || client.IsAfterLostAnswer(err)
		if client.IsConflict(err) && !afterLost {
			// Someone holds this name already. If this process is deleting
			// that team (the old instance of a replaced resource), wait and
			// send again.
			if s.deletedMeanwhile(ctx, key, unlock, mayWait) {
				return nil, true, nil
			}
			return nil, false, s.existingTeam(ctx, orgID, req.Name, false, err)
		}
		if !client.MayHaveHappened(err) && (!afterLost || !client.IsConflict(err)) {
			return nil, false, err
		}
		if lost == nil {
			lost = err
		}
		found, members, lerr := s.teamNamed(ctx, orgID, req.Name)
		switch {
		case lerr != nil:
			return nil, false, fmt.Errorf("%w (and looking team %q up to find out whether it was created failed: %w)", err, req.Name, lerr)
		case found == nil && attempt < createTries:
			continue // nothing was created: send again
		case found == nil:
			return nil, false, fmt.Errorf("%w (no team named %q appeared, so nothing was created; applying again is safe)", err, req.Name)
		case s.provenTeam(found, members, req, firstSent) && !s.held.held(teamKey(found.ID)):
			s.held.hold(teamKey(found.ID))
			found.Usernames = usernamesOf(members)
			return found, false, nil
		}
		return nil, false, &ExistingTeamError{OrgID: orgID, Name: req.Name, ID: found.ID, Usernames: usernamesOf(members),
			HeldHere: s.held.held(teamKey(found.ID)), AfterLostAnswer: true, Cause: lost}
	}
}

// existingTeam describes the team named name that a create met.
func (s *Service) existingTeam(ctx context.Context, orgID, name string, afterLost bool, cause error) *ExistingTeamError {
	e := &ExistingTeamError{OrgID: orgID, Name: name, AfterLostAnswer: afterLost, Cause: cause}
	if t, members, err := s.teamNamed(ctx, orgID, name); err == nil && t != nil {
		e.ID, e.Usernames, e.HeldHere = t.ID, usernamesOf(members), s.held.held(teamKey(t.ID))
	}
	return e
}

// teamNamed finds the team of an organization with exactly that name, and
// its members; nil, nil, nil when there is none.
func (s *Service) teamNamed(ctx context.Context, orgID, name string) (*client.Team, []client.OrgUser, error) {
	t, err := s.c.GetTeamByName(ctx, orgID, name)
	if client.IsNotFound(err) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, err
	}
	members, err := s.c.ListTeamUsers(ctx, orgID, t.ID, client.ListOrgUsersOptions{})
	if err != nil {
		return nil, nil, err
	}
	return t, members, nil
}

// provenTeam reports whether t, with members, is what req asked for (the
// same name and exactly the requested members, usernames compared without
// regard to case) and its ID says Atlas created it no earlier than the
// request sent at sent, by Atlas's clock.
func (s *Service) provenTeam(t *client.Team, members []client.OrgUser, req client.CreateTeamRequest, sent time.Time) bool {
	created, ok := ObjectIDTime(t.ID)
	return ok && t.Name == req.Name &&
		SameUsernames(usernamesOf(members), req.Usernames) &&
		s.appearedSince(created.Format(time.RFC3339), sent)
}

// ObjectIDTime is the creation time an Atlas ID holds: Atlas IDs are
// MongoDB ObjectIds, whose first 4 bytes are the creation time in Unix
// seconds. ok is false for a value that is not 24 hexadecimal digits.
func ObjectIDTime(id string) (created time.Time, ok bool) {
	if len(id) != 24 {
		return time.Time{}, false
	}
	raw, err := hex.DecodeString(id)
	if err != nil {
		return time.Time{}, false
	}
	return time.Unix(int64(binary.BigEndian.Uint32(raw[:4])), 0).UTC(), true
}

// SameUsernames reports whether a and b name the same people, without
// regard to letter case or order.
func SameUsernames(a, b []string) bool {
	lower := func(names []string) []string {
		out := make([]string, len(names))
		for i, n := range names {
			out[i] = strings.ToLower(n)
		}
		slices.Sort(out)
		return slices.Compact(out)
	}
	return slices.Equal(lower(a), lower(b))
}

func usernamesOf(users []client.OrgUser) []string {
	out := make([]string, len(users))
	for i, u := range users {
		out[i] = u.Username
	}
	return out
}

// GetTeam reads one team of an organization for a resource, which then
// holds it. Reads of one organization's teams that arrive together share one
// listing (teamreads.go).
func (s *Service) GetTeam(ctx context.Context, orgID, teamID string) (*client.Team, error) {
	t, err := s.readTeam(ctx, orgID, teamID)
	if err == nil {
		s.held.hold(teamKey(t.ID))
	}
	return t, err
}

// FindTeamByName finds the team of an organization with exactly that name
// (an import), which the resource then holds; nil, nil when there is none.
func (s *Service) FindTeamByName(ctx context.Context, orgID, name string) (*client.Team, error) {
	t, err := s.c.GetTeamByName(ctx, orgID, name)
	if client.IsNotFound(err) {
		return nil, nil
	}
	if err == nil {
		s.held.hold(teamKey(t.ID))
	}
	return t, err
}

// ListTeamUsers lists a team's members, ACTIVE and PENDING, always from
// Atlas: the checks of a membership change use it (a refresh uses
// ReadTeamUsers).
func (s *Service) ListTeamUsers(ctx context.Context, orgID, teamID string) ([]client.OrgUser, error) {
	return s.c.ListTeamUsers(ctx, orgID, teamID, client.ListOrgUsersOptions{})
}

// RenameTeam changes a team's name. When the answer is lost, the team is
// read again and its name tells whether the rename happened.
func (s *Service) RenameTeam(ctx context.Context, orgID, teamID, name string) (*client.Team, error) {
	defer s.touchTeam(orgID, teamID)
	t, err := s.c.RenameTeam(ctx, orgID, teamID, name)
	if err == nil || !client.MayHaveHappened(err) {
		return t, err
	}
	got, gerr := s.c.GetTeam(ctx, orgID, teamID)
	if gerr == nil && got.Name == name {
		return got, nil
	}
	return nil, err
}

// AddTeamUser adds a user of the organization, by ID, to a team. When the
// answer is lost, the team's members tell whether they were added.
func (s *Service) AddTeamUser(ctx context.Context, orgID, teamID, userID string) error {
	defer s.touchTeam(orgID, teamID, userID)
	_, err := s.c.AddTeamUser(ctx, orgID, teamID, userID)
	return s.teamUserChanged(ctx, orgID, teamID, userID, true, err)
}

// RemoveTeamUser removes a user, by ID, from a team; they stay in the
// organization. When the answer is lost, the team's members tell whether
// they were removed.
func (s *Service) RemoveTeamUser(ctx context.Context, orgID, teamID, userID string) error {
	defer s.touchTeam(orgID, teamID, userID)
	_, err := s.c.RemoveTeamUser(ctx, orgID, teamID, userID)
	return s.teamUserChanged(ctx, orgID, teamID, userID, false, err)
}

func (s *Service) teamUserChanged(ctx context.Context, orgID, teamID, userID string, added bool, err error) error {
	if err == nil || !client.MayHaveHappened(err) {
		return err
	}
	members, lerr := s.c.ListTeamUsers(ctx, orgID, teamID, client.ListOrgUsersOptions{})
	if lerr != nil {
		return err
	}
	in := slices.ContainsFunc(members, func(u client.OrgUser) bool { return u.ID == userID })
	if in == added {
		return nil
	}
	return err
}

// DeleteTeam deletes a team. A create of a team of the same name in this
// process waits for it. name is the team's name as the resource knows it.
func (s *Service) DeleteTeam(ctx context.Context, orgID, teamID, name string) error {
	return s.deleteObject(ctx, teamNameKey(orgID, name), func() error {
		defer s.touchTeam(orgID, teamID)
		err := s.c.DeleteTeam(ctx, orgID, teamID)
		if err == nil || client.IsNotFound(err) {
			s.held.release(teamKey(teamID))
		}
		return err
	})
}

// GetTeam reads one team of an organization.
func (r Reads) GetTeam(ctx context.Context, orgID, teamID string) (*client.Team, error) {
	return r.s.c.GetTeam(ctx, orgID, teamID)
}

// GetTeamByName reads the team of an organization with exactly that name.
func (r Reads) GetTeamByName(ctx context.Context, orgID, name string) (*client.Team, error) {
	return r.s.c.GetTeamByName(ctx, orgID, name)
}

// ListTeamUsers lists a team's members, ACTIVE and PENDING.
func (r Reads) ListTeamUsers(ctx context.Context, orgID, teamID string) ([]client.OrgUser, error) {
	return r.s.c.ListTeamUsers(ctx, orgID, teamID, client.ListOrgUsersOptions{})
}
