package safeops

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

func orgUserRequest(username string, roles ...string) client.CreateOrgUserRequest {
	return client.CreateOrgUserRequest{Username: username, Roles: client.OrgUserRoles{OrgRoles: roles}}
}

func TestCreateOrgUser_lostAnswerAdoptsTheInvitationItSent(t *testing.T) {
	t.Parallel()
	e := newSimEnv(t)
	e.faults(t, "lost@POST=1#1")
	u, err := e.s.CreateOrgUser(context.Background(), e.fx.OrgID, orgUserRequest("ann@example.com", "ORG_MEMBER"))
	if err != nil {
		t.Fatalf("invite after a lost answer: %v", err)
	}
	if u.OrgMembershipStatus != client.UserStatusPending || u.Username != "ann@example.com" {
		t.Fatalf("adopted %+v; want ann's pending invitation", u)
	}
}

// A failed invitation whose outcome is unknown (Atlas's 500, a connection
// reset) and after which nobody of that username is in the organization
// created nothing: it is sent again, so the apply succeeds with exactly
// one invitation instead of failing. Found in the fault campaign
// (internal/e2e, TestChaos_randomizedFaultCampaign): 18 of 40 rounds
// failed an apply on "Error Inviting User to Organization" before.
func TestCreateOrgUser_unknownOutcomeThatCreatedNothingIsSentAgain(t *testing.T) {
	t.Parallel()
	for name, spec := range map[string]string{
		"500 once":   "500@POST=1#1",
		"reset once": "reset@POST=1#1",
		"500 twice":  "500@POST=1#2",
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			e := newSimEnv(t)
			ctx := context.Background()
			e.faults(t, spec)
			u, err := e.s.CreateOrgUser(ctx, e.fx.OrgID, orgUserRequest("ann@example.com", "ORG_MEMBER"))
			if err != nil {
				t.Fatalf("invite after %s: %v", name, err)
			}
			e.faults(t, "")
			users, err := e.c.ListOrgUsers(ctx, e.fx.OrgID, client.ListOrgUsersOptions{Username: "ann@example.com", Statuses: client.AllUserStatuses()})
			if err != nil || len(users) != 1 || users[0].ID != u.ID || users[0].OrgMembershipStatus != client.UserStatusPending {
				t.Fatalf("after %s, ann in the organization: %+v (%v); want the one pending invitation returned (%s)", name, users, err, u.ID)
			}
		})
	}
}

// Sending again is bounded: when every attempt fails without creating
// anything, the error says so after createTries invitations were sent.
func TestCreateOrgUser_sendsAgainAtMostCreateTriesTimes(t *testing.T) {
	t.Parallel()
	e := newSimEnv(t)
	ctx := context.Background()
	e.faults(t, "500@POST=1")
	_, err := e.s.CreateOrgUser(ctx, e.fx.OrgID, orgUserRequest("ann@example.com", "ORG_MEMBER"))
	if err == nil || !strings.Contains(err.Error(), "nobody of that username appeared, so nobody was invited; applying again is safe") {
		t.Fatalf("err = %v; want the error saying nobody was invited", err)
	}
	posts := 0
	for _, q := range e.sim.Requests() {
		if q.Method == http.MethodPost && q.Path == "/api/atlas/v2/orgs/"+e.fx.OrgID+"/users" {
			posts++
		}
	}
	if posts != createTries {
		t.Errorf("%d invitations sent; want %d", posts, createTries)
	}
}

// A member of the organization is never taken over, even when the request's
// own answer was lost: the error states their status and current roles.
func TestCreateOrgUser_activeMemberIsNeverAdopted(t *testing.T) {
	t.Parallel()
	e := newSimEnv(t)
	ctx := context.Background()
	before, err := e.s.FindOrgUser(ctx, e.fx.OrgID, e.fx.OrgMember, nil)
	if err != nil || before == nil || before.OrgMembershipStatus != client.UserStatusActive {
		t.Fatalf("fixture member %s = %+v (err %v); want ACTIVE", e.fx.OrgMember, before, err)
	}
	for name, spec := range map[string]string{"no fault": "", "dropped request": "reset@POST=1#1", "lost answer": "lost@POST=1#1"} {
		e.faults(t, spec)
		_, err := e.s.CreateOrgUser(ctx, e.fx.OrgID, orgUserRequest(e.fx.OrgMember, before.Roles.OrgRoles...))
		var existing *ExistingError
		if !errors.As(err, &existing) || existing.Status != client.UserStatusActive || !SameRoles(existing.Roles, before.Roles.OrgRoles) {
			t.Fatalf("%s: err = %v; want an ExistingError stating ACTIVE with %v", name, err, before.Roles.OrgRoles)
		}
	}
}

// The same person declared twice: the second create fails, naming the
// duplicate, and does not adopt the first one's invitation.
func TestCreateOrgUser_declaredTwiceFails(t *testing.T) {
	t.Parallel()
	e := newSimEnv(t)
	ctx := context.Background()
	if _, err := e.s.CreateOrgUser(ctx, e.fx.OrgID, orgUserRequest("lee@example.com", "ORG_MEMBER")); err != nil {
		t.Fatal(err)
	}
	_, err := e.s.CreateOrgUser(ctx, e.fx.OrgID, orgUserRequest("Lee@example.com", "ORG_MEMBER"))
	var existing *ExistingError
	if !errors.As(err, &existing) || !existing.HeldHere || existing.AfterLostAnswer || existing.Status != client.UserStatusPending {
		t.Fatalf("err = %v; want an ExistingError saying another resource holds lee's pending invitation", err)
	}
}

func TestOrgRoleChange_lostAnswerIsCheckedAgainstTheRoles(t *testing.T) {
	t.Parallel()
	e := newSimEnv(t)
	ctx := context.Background()
	u, err := e.s.CreateOrgUser(ctx, e.fx.OrgID, orgUserRequest("ann@example.com", "ORG_MEMBER"))
	if err != nil {
		t.Fatal(err)
	}
	e.faults(t, "lost@POST=1#1")
	got, err := e.s.AddOrgUserRole(ctx, e.fx.OrgID, u.ID, "ORG_READ_ONLY")
	if err != nil || !SameRoles(got.Roles.OrgRoles, []string{"ORG_MEMBER", "ORG_READ_ONLY"}) {
		t.Fatalf("add role after a lost answer: %+v, %v", got, err)
	}
	e.faults(t, "lost@POST=1#1")
	got, err = e.s.RemoveOrgUserRole(ctx, e.fx.OrgID, u.ID, "ORG_MEMBER")
	if err != nil || !SameRoles(got.Roles.OrgRoles, []string{"ORG_READ_ONLY"}) {
		t.Fatalf("remove role after a lost answer: %+v, %v", got, err)
	}
}

// The decision alone: what a lost answer's create may take for its own work.
func TestProvenOrgInvitation(t *testing.T) {
	t.Parallel()
	c, err := client.New(client.Config{BaseURL: "http://127.0.0.1:1", AccessToken: "unused"})
	if err != nil {
		t.Fatal(err)
	}
	s := New(c)
	sent := time.Date(2025, 5, 4, 9, 42, 0, 500_000_000, time.UTC)
	pending := func(created string, roles ...string) *client.OrgUser {
		return &client.OrgUser{OrgMembershipStatus: client.UserStatusPending, InvitationCreatedAt: created, Roles: client.OrgUserRoles{OrgRoles: roles}}
	}
	withProject := pending("2025-05-04T09:42:01Z", "ORG_MEMBER")
	withProject.Roles.GroupRoleAssignments = []client.GroupRoleAssignment{{ProjectID: "p1", GroupRoles: []string{"GROUP_OWNER"}}}
	cases := map[string]struct {
		user *client.OrgUser
		want bool
	}{
		"sent by this request":                   {pending("2025-05-04T09:42:01Z", "ORG_MEMBER"), true},
		"same second, truncated by Atlas":        {pending("2025-05-04T09:42:00Z", "ORG_MEMBER"), true},
		"sent before this request":               {pending("2025-05-04T09:41:50Z", "ORG_MEMBER"), false},
		"other roles: someone else's":            {pending("2025-05-04T09:42:01Z", "ORG_OWNER"), false},
		"more roles: someone else's":             {pending("2025-05-04T09:42:01Z", "ORG_MEMBER", "ORG_OWNER"), false},
		"project roles not asked for":            {withProject, false},
		"active member: never provable":          {&client.OrgUser{OrgMembershipStatus: client.UserStatusActive, Roles: client.OrgUserRoles{OrgRoles: []string{"ORG_MEMBER"}}}, false},
		"unparsable time":                        {pending("yesterday", "ORG_MEMBER"), false},
		"expired invitation is not this request": {&client.OrgUser{OrgMembershipStatus: client.UserStatusExpired, InvitationCreatedAt: "2025-05-04T09:42:01Z", Roles: client.OrgUserRoles{OrgRoles: []string{"ORG_MEMBER"}}}, false},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if got := s.provenOrgInvitation(tc.user, orgUserRequest("ann@example.com", "ORG_MEMBER"), sent); got != tc.want {
				t.Fatalf("provenOrgInvitation = %v, want %v", got, tc.want)
			}
		})
	}
}

// The projects a person reaches through teams: each team's roles in each
// project, read with one listing of the organization's projects and one of
// each project's teams; nothing at all for a person in no team.
func TestTeamProjects_namesEveryProjectATeamReaches(t *testing.T) {
	t.Parallel()
	e := newSimEnv(t)
	ctx := context.Background()
	if _, err := e.c.CreateOrgUser(ctx, e.fx.OrgID, orgUserRequest("ann@example.com", "ORG_MEMBER")); err != nil {
		t.Fatal(err)
	}
	backend, err := e.c.CreateTeam(ctx, e.fx.OrgID, client.CreateTeamRequest{Name: "backend", Usernames: []string{"ann@example.com"}})
	if err != nil {
		t.Fatal(err)
	}
	idle, err := e.c.CreateTeam(ctx, e.fx.OrgID, client.CreateTeamRequest{Name: "idle", Usernames: []string{"ann@example.com"}})
	if err != nil {
		t.Fatal(err)
	}
	other, err := e.c.CreateTeam(ctx, e.fx.OrgID, client.CreateTeamRequest{Name: "other", Usernames: []string{}})
	if err != nil {
		t.Fatal(err)
	}
	for projectID, roles := range map[string][]string{e.fx.ProjectID: {"GROUP_READ_ONLY"}, e.fx.Project2ID: {"GROUP_OWNER"}} {
		if _, err := e.c.AddTeamsToProject(ctx, projectID, []client.ProjectTeam{{TeamID: backend.ID, RoleNames: roles}, {TeamID: other.ID, RoleNames: roles}}); err != nil {
			t.Fatal(err)
		}
	}

	e.sim.ResetRequests()
	got, ok, err := e.s.Reads().TeamProjects(ctx, e.fx.OrgID, []string{backend.ID, idle.ID})
	if err != nil || !ok {
		t.Fatalf("TeamProjects: ok %v, err %v", ok, err)
	}
	if n := len(e.sim.Requests()); n != 3 {
		t.Errorf("%d requests; want 3 (the organization's projects, then the teams of each of its 2 projects)", n)
	}
	if _, listed := got[other.ID]; listed {
		t.Errorf("a team that was not asked about is in the answer: %v", got[other.ID])
	}
	if len(got[idle.ID]) != 0 {
		t.Errorf("team idle, in no project, reaches %v", got[idle.ID])
	}
	reached := map[string][]string{}
	for _, p := range got[backend.ID] {
		if p.ProjectName == "" {
			t.Errorf("project %s has no name", p.ProjectID)
		}
		reached[p.ProjectID] = p.Roles
	}
	if len(reached) != 2 || !SameRoles(reached[e.fx.ProjectID], []string{"GROUP_READ_ONLY"}) || !SameRoles(reached[e.fx.Project2ID], []string{"GROUP_OWNER"}) {
		t.Errorf("team backend reaches %v; want GROUP_READ_ONLY in %s and GROUP_OWNER in %s", reached, e.fx.ProjectID, e.fx.Project2ID)
	}

	e.sim.ResetRequests()
	if got, ok, err := e.s.Reads().TeamProjects(ctx, e.fx.OrgID, nil); err != nil || !ok || len(got) != 0 {
		t.Errorf("no teams: %v, %v, %v; want an empty answer", got, ok, err)
	}
	if n := len(e.sim.Requests()); n != 0 {
		t.Errorf("no teams: %d requests; want none", n)
	}
}
