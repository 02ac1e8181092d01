package client_test

import (
	"context"
	"net/http/httptest"
	"slices"
	"testing"
	"time"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/atlassim"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

// The people calls against the simulator, end to end: the client's requests
// are what the simulator (an independent reading of the same contract)
// accepts, and its answers decode into what the calls return. A person is
// invited to the organization, joins a team, the team gets project roles,
// and everything is taken apart again.
func TestPeopleCalls_againstTheSimulator(t *testing.T) {
	t.Parallel()
	sim, err := atlassim.New(atlassim.Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(sim)
	t.Cleanup(srv.Close)
	fx := sim.Fixtures()
	c, err := client.New(client.Config{BaseURL: srv.URL, ClientID: fx.ClientID, ClientSecret: fx.ClientSecret, MinBackoff: time.Millisecond, MaxBackoff: 5 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	must := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}

	u, err := c.CreateOrgUser(ctx, fx.OrgID, client.CreateOrgUserRequest{Username: "dana@example.com", Roles: client.OrgUserRoles{OrgRoles: []string{"ORG_MEMBER"}}})
	must("inviting a person to the organization", err)
	if u.ID == "" || u.OrgMembershipStatus != client.UserStatusPending {
		t.Fatalf("the new organization user is %+v, want an ID and status PENDING", u)
	}
	u, err = c.AddOrgUserRole(ctx, fx.OrgID, u.ID, "ORG_READ_ONLY")
	must("adding an organization role", err)
	if !slices.Contains(u.Roles.OrgRoles, "ORG_READ_ONLY") {
		t.Fatalf("after :addRole the roles are %v", u.Roles.OrgRoles)
	}
	users, err := c.ListOrgUsers(ctx, fx.OrgID, client.ListOrgUsersOptions{})
	must("listing the organization's users", err)
	if !slices.ContainsFunc(users, func(o client.OrgUser) bool { return o.ID == u.ID }) {
		t.Fatalf("the pending person is missing from the organization's users (%d listed)", len(users))
	}

	team, err := c.CreateTeam(ctx, fx.OrgID, client.CreateTeamRequest{Name: "platform", Usernames: []string{fx.OrgMember}})
	must("creating a team", err)
	byName, err := c.GetTeamByName(ctx, fx.OrgID, "platform")
	must("reading the team by name", err)
	if byName.ID != team.ID {
		t.Fatalf("the team by name is %s, want %s", byName.ID, team.ID)
	}
	_, err = c.AddTeamUser(ctx, fx.OrgID, team.ID, u.ID)
	must("adding the person to the team", err)
	members, err := c.ListTeamUsers(ctx, fx.OrgID, team.ID, client.ListOrgUsersOptions{})
	must("listing the team's members", err)
	if !slices.ContainsFunc(members, func(o client.OrgUser) bool { return o.ID == u.ID }) {
		t.Fatalf("the team's members lack the person (%d listed)", len(members))
	}
	_, err = c.RenameTeam(ctx, fx.OrgID, team.ID, "platform-eng")
	must("renaming the team", err)

	_, err = c.AddTeamsToProject(ctx, fx.ProjectID, []client.ProjectTeam{{TeamID: team.ID, RoleNames: []string{"GROUP_READ_ONLY"}}})
	must("giving the team project roles", err)
	_, err = c.UpdateProjectTeamRoles(ctx, fx.ProjectID, team.ID, []string{"GROUP_DATA_ACCESS_READ_ONLY"})
	must("changing the team's project roles", err)
	teams, err := c.ListProjectTeams(ctx, fx.ProjectID)
	must("listing the project's teams", err)
	if i := slices.IndexFunc(teams, func(p client.ProjectTeam) bool { return p.TeamID == team.ID }); i < 0 || !slices.Equal(teams[i].RoleNames, []string{"GROUP_DATA_ACCESS_READ_ONLY"}) {
		t.Fatalf("the project's teams are %+v, want the team with GROUP_DATA_ACCESS_READ_ONLY", teams)
	}

	must("removing the team from the project", c.RemoveTeamFromProject(ctx, fx.ProjectID, team.ID))
	_, err = c.RemoveTeamUser(ctx, fx.OrgID, team.ID, u.ID)
	must("removing the person from the team", err)
	must("deleting the team", c.DeleteTeam(ctx, fx.OrgID, team.ID))
	must("removing the person from the organization", c.DeleteOrgUser(ctx, fx.OrgID, u.ID))
	if _, err := c.GetTeam(ctx, fx.OrgID, team.ID); !client.IsNotFound(err) {
		t.Fatalf("reading the deleted team: %v, want not found", err)
	}
}
