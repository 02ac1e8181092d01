package e2e

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/atlassim"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

// peopleSnapshot is every person, team and team project role Atlas holds
// in the organization and the given projects, keyed by what a user would
// look them up by, with what they would see: a person's status,
// organization roles, direct project roles and teams (by name); a team's
// members; a team's roles in each project; each project's users with
// their direct roles.
func peopleSnapshot(ctx context.Context, c *client.Client, orgID string, projectIDs ...string) (map[string]string, error) {
	out := map[string]string{}
	teams, err := c.ListTeams(ctx, orgID)
	if err != nil {
		return nil, fmt.Errorf("listing teams: %w", err)
	}
	teamName := map[string]string{}
	for _, t := range teams {
		teamName[t.ID] = t.Name
		members, err := c.ListTeamUsers(ctx, orgID, t.ID, client.ListOrgUsersOptions{})
		if err != nil {
			return nil, fmt.Errorf("listing the members of team %s: %w", t.Name, err)
		}
		var names []string
		for _, m := range members {
			names = append(names, m.Username)
		}
		slices.Sort(names)
		out["team "+t.ID] = fmt.Sprintf("name=%q members=%v", t.Name, names)
	}
	users, err := c.ListOrgUsers(ctx, orgID, client.ListOrgUsersOptions{Statuses: client.AllUserStatuses()})
	if err != nil {
		return nil, fmt.Errorf("listing organization users: %w", err)
	}
	for _, u := range users {
		orgRoles := slices.Sorted(slices.Values(u.Roles.OrgRoles))
		var direct, inTeams []string
		for _, g := range u.Roles.GroupRoleAssignments {
			direct = append(direct, g.ProjectID+":"+strings.Join(slices.Sorted(slices.Values(g.GroupRoles)), "+"))
		}
		for _, id := range u.TeamIDs {
			inTeams = append(inTeams, teamName[id])
		}
		slices.Sort(direct)
		slices.Sort(inTeams)
		out["org user "+u.ID] = fmt.Sprintf("%s %s org=%v direct=%v teams=%v", u.Username, u.OrgMembershipStatus, orgRoles, direct, inTeams)
	}
	for _, p := range projectIDs {
		pts, err := c.ListProjectTeams(ctx, p)
		if err != nil {
			return nil, fmt.Errorf("listing the teams of project %s: %w", p, err)
		}
		for _, pt := range pts {
			out["project "+p+" team "+pt.TeamID] = fmt.Sprintf("%s roles=%v", teamName[pt.TeamID], slices.Sorted(slices.Values(pt.RoleNames)))
		}
		pus, err := c.ListProjectUsers(ctx, p, client.ListProjectUsersOptions{})
		if err != nil {
			return nil, fmt.Errorf("listing the users of project %s: %w", p, err)
		}
		for _, u := range pus {
			out["project "+p+" user "+u.ID] = fmt.Sprintf("%s %s roles=%v", u.Username, u.OrgMembershipStatus, slices.Sorted(slices.Values(u.Roles)))
		}
	}
	return out, nil
}

// peopleScenario is the configuration of issue 26's "Done when": three
// people in the organization, two teams, both teams in two projects with
// roles, and one person also holding a direct role in the second project.
// moved puts bob in data instead of platform; offboarded drops carol from
// the organization and from her team.
func peopleScenario(orgID, project1, project2 string, moved, offboarded bool) string {
	people := []string{"ann", "bob"}
	if !offboarded {
		people = append(people, "carol")
	}
	platform, data := []string{"ann", "bob"}, []string{"carol"}
	if moved {
		platform, data = []string{"ann"}, []string{"bob", "carol"}
	}
	if offboarded {
		data = slices.DeleteFunc(data, func(p string) bool { return p == "carol" })
	}
	members := func(ps []string) string {
		refs := make([]string, len(ps))
		for i, p := range ps {
			refs[i] = "atlasaccess_org_user.people[" + strconv.Quote(p) + "].username"
		}
		return "[" + strings.Join(refs, ", ") + "]"
	}
	return cliProvider + fmt.Sprintf(`
locals {
  org_id   = %[1]q
  projects = { first = %[2]q, second = %[3]q }
  people = {
    ann   = ["ORG_MEMBER"]
    bob   = ["ORG_MEMBER", "ORG_BILLING_READ_ONLY"]
    carol = ["ORG_MEMBER"]
  }
}

resource "atlasaccess_org_user" "people" {
  for_each = toset(%[4]s)

  org_id   = local.org_id
  username = "${each.key}@example.com"
  roles    = local.people[each.key]
}

resource "atlasaccess_team" "platform" {
  org_id    = local.org_id
  name      = "people-platform"
  usernames = %[5]s
}

resource "atlasaccess_team" "data" {
  org_id    = local.org_id
  name      = "people-data"
  usernames = %[6]s
}

resource "atlasaccess_project_team" "platform" {
  for_each = local.projects

  project_id = each.value
  team_id    = atlasaccess_team.platform.team_id
  roles      = each.key == "first" ? ["GROUP_OWNER"] : ["GROUP_READ_ONLY"]
}

resource "atlasaccess_project_team" "data" {
  for_each = local.projects

  project_id = each.value
  team_id    = atlasaccess_team.data.team_id
  roles      = ["GROUP_DATA_ACCESS_READ_WRITE", "GROUP_READ_ONLY"]
}

# ann also holds a direct role in the second project, beside her team's.
resource "atlasaccess_project_user_invite" "ann" {
  project_id = local.projects.second
  username   = atlasaccess_org_user.people["ann"].username
  roles      = ["GROUP_CLUSTER_MANAGER"]
}
`, orgID, project1, project2, hclList(people), members(platform), members(data))
}

// TestPeopleOnboardMoveOffboardDestroy is issue 26's "Done when" through
// the terraform CLI: a configuration onboards three people, two teams and
// both teams' roles in two projects, with one direct project invitation
// beside them; the next plan is empty, also once a person accepts. Then
// one person moves between teams and another is offboarded (out of the
// organization and of their team); Atlas holds exactly what the
// configuration says and the next plan is empty. A person and a team
// made by hand stay untouched throughout, and the destroy leaves the
// organization's people, teams and project teams exactly as they were.
func TestPeopleOnboardMoveOffboardDestroy(t *testing.T) {
	t.Parallel()
	// A dozen terraform commands, each fetching a token: the token
	// endpoint's limit (tested elsewhere) would only make the test wait.
	w := newWorkspace(t, atlassim.Options{Seed: 2626, TokenRateLimit: -1})
	w.signInAsOrgOwner()
	ctx := context.Background()
	c := w.orgOwnerClient()
	fx := w.fx

	// Made by hand beforehand: a person, and a team of the organization's
	// existing member that holds a role in the second project.
	hand, err := c.CreateOrgUser(ctx, fx.OrgID, client.CreateOrgUserRequest{Username: "hand.made@example.com", Roles: client.OrgUserRoles{OrgRoles: []string{"ORG_READ_ONLY"}}})
	if err != nil {
		t.Fatal(err)
	}
	handTeam, err := c.CreateTeam(ctx, fx.OrgID, client.CreateTeamRequest{Name: "hand-made-team", Usernames: []string{fx.OrgMember, hand.Username}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.AddTeamsToProject(ctx, fx.Project2ID, []client.ProjectTeam{{TeamID: handTeam.ID, RoleNames: []string{"GROUP_READ_ONLY"}}}); err != nil {
		t.Fatal(err)
	}
	snapshot := func() map[string]string {
		t.Helper()
		s, err := peopleSnapshot(ctx, c, fx.OrgID, fx.ProjectID, fx.Project2ID)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	before := snapshot()
	handMade := func(step string) {
		t.Helper()
		now := snapshot()
		for k, v := range before {
			if now[k] != v {
				t.Errorf("after %s, %s made outside Terraform changed:\n  was %s\n  now %q", step, k, v, now[k])
			}
		}
	}
	emptyPlan := func(step string) {
		t.Helper()
		out, err := w.terraform(true, "plan", "-input=false", "-detailed-exitcode")
		if err != nil {
			t.Fatalf("after %s, the next plan is not empty (%v):\n%s", step, err, out)
		}
	}
	// want fails the test unless Atlas holds exactly these people, team
	// memberships and team project roles (beside what was there before).
	want := func(step string, people map[string]string, members map[string][]string, projectRoles map[string]string) {
		t.Helper()
		now := snapshot()
		gotPeople, gotMembers, gotRoles := map[string]string{}, map[string][]string{}, map[string]string{}
		teamOf := map[string]string{}
		for k, v := range now {
			if _, old := before[k]; old {
				continue
			}
			f := strings.Fields(k)
			switch {
			case strings.HasPrefix(k, "org user "):
				name, rest, _ := strings.Cut(v, " ")
				gotPeople[name] = rest
			case strings.HasPrefix(k, "team "):
				var name string
				fmt.Sscanf(v, "name=%q", &name)
				teamOf[f[1]] = name
				_, list, _ := strings.Cut(v, "members=")
				gotMembers[name] = strings.Fields(strings.Trim(list, "[]"))
			case strings.HasPrefix(k, "project ") && f[2] == "team":
				name, roles, _ := strings.Cut(v, " ")
				gotRoles[name+" in "+f[1]] = roles
			}
		}
		for k, v := range people {
			if gotPeople[k] != v {
				t.Errorf("after %s, %s is %q in Atlas; want %q", step, k, gotPeople[k], v)
			}
		}
		for k, v := range gotPeople {
			if _, ok := people[k]; !ok {
				t.Errorf("after %s, Atlas holds %s (%s), whom the configuration does not declare", step, k, v)
			}
		}
		for k, v := range members {
			if !slices.Equal(gotMembers[k], v) {
				t.Errorf("after %s, team %s has members %v; want %v", step, k, gotMembers[k], v)
			}
		}
		if len(gotMembers) != len(members) {
			t.Errorf("after %s, Atlas holds teams %v; want %v", step, gotMembers, members)
		}
		for k, v := range projectRoles {
			if gotRoles[k] != v {
				t.Errorf("after %s, %s has %q; want %q", step, k, gotRoles[k], v)
			}
		}
		if len(gotRoles) != len(projectRoles) {
			t.Errorf("after %s, team project roles are %v; want %v", step, gotRoles, projectRoles)
		}
	}
	p1, p2 := fx.ProjectID, fx.Project2ID
	owner, read, data := "roles=[GROUP_OWNER]", "roles=[GROUP_READ_ONLY]", "roles=[GROUP_DATA_ACCESS_READ_WRITE GROUP_READ_ONLY]"

	// Onboard.
	w.write("main.tf", peopleScenario(fx.OrgID, p1, p2, false, false))
	w.terraform(false, "apply", "-auto-approve", "-input=false")
	emptyPlan("onboarding")
	handMade("onboarding")
	want("onboarding", map[string]string{
		"ann@example.com":   "PENDING org=[ORG_MEMBER] direct=[" + p2 + ":GROUP_CLUSTER_MANAGER] teams=[people-platform]",
		"bob@example.com":   "PENDING org=[ORG_BILLING_READ_ONLY ORG_MEMBER] direct=[] teams=[people-platform]",
		"carol@example.com": "PENDING org=[ORG_MEMBER] direct=[] teams=[people-data]",
	}, map[string][]string{
		"people-platform": {"ann@example.com", "bob@example.com"},
		"people-data":     {"carol@example.com"},
	}, map[string]string{
		"people-platform in " + p1: owner, "people-platform in " + p2: read,
		"people-data in " + p1: data, "people-data in " + p2: data,
	})

	// Accepting an invitation changes nothing Terraform manages.
	if err := w.sim.AcceptInvitation("ann@example.com"); err != nil {
		t.Fatal(err)
	}
	emptyPlan("ann accepting her invitation")

	// bob moves from platform to data; carol leaves the organization.
	w.write("main.tf", peopleScenario(fx.OrgID, p1, p2, true, true))
	out, _ := w.terraform(false, "plan", "-input=false")
	expectOutput(t, "offboarding plan", out, []string{
		"Warning: Person Leaves the Organization",
		"removes carol@example.com from organization " + fx.OrgID,
		"Plan: 0 to add, 2 to change, 1 to destroy.",
	}, []string{"bob@example.com from organization"})
	w.terraform(false, "apply", "-auto-approve", "-input=false")
	emptyPlan("moving bob and offboarding carol")
	handMade("moving bob and offboarding carol")
	want("moving bob and offboarding carol", map[string]string{
		"ann@example.com": "ACTIVE org=[ORG_MEMBER] direct=[" + p2 + ":GROUP_CLUSTER_MANAGER] teams=[people-platform]",
		"bob@example.com": "PENDING org=[ORG_BILLING_READ_ONLY ORG_MEMBER] direct=[] teams=[people-data]",
	}, map[string][]string{
		"people-platform": {"ann@example.com"},
		"people-data":     {"bob@example.com"},
	}, map[string]string{
		"people-platform in " + p1: owner, "people-platform in " + p2: read,
		"people-data in " + p1: data, "people-data in " + p2: data,
	})

	w.terraform(false, "destroy", "-auto-approve", "-input=false")
	if after := snapshot(); !mapsEqual(after, before) {
		t.Errorf("after the destroy Atlas does not hold the people, teams and project teams it held before:\n%s", snapshotDiff(before, after))
	}
}

// TestPeopleGuideConfigurationApplies applies the configuration of the
// people guide (templates/guides/people.md.tmpl), with the simulator's
// organization and projects in place of the guide's IDs: it applies, the
// next plan is empty, and it destroys, so the guide's HCL stays true.
func TestPeopleGuideConfigurationApplies(t *testing.T) {
	t.Parallel()
	w := newWorkspace(t, atlassim.Options{Seed: 2627})
	w.signInAsOrgOwner()
	b, err := os.ReadFile(filepath.Join("..", "..", "templates", "guides", "people.md.tmpl"))
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(b), "```terraform\n")
	hcl, _, ok2 := strings.Cut(rest, "```")
	if !ok || !ok2 {
		t.Fatal("the people guide has no terraform block")
	}
	hcl = strings.NewReplacer("5f1e2d3c4b5a69788796a5b4", w.fx.OrgID, "32b6e34b3d91647abb20e7b8", w.fx.ProjectID, "5e2211c17a3e5a48f5497de3", w.fx.Project2ID).Replace(hcl)
	// The guide's block declares the provider itself (required_providers and
	// an empty provider block), so it is written as it is.
	w.write("main.tf", hcl)
	out, _ := w.terraform(false, "apply", "-auto-approve", "-input=false")
	expectOutput(t, "apply", out, []string{"Apply complete! Resources: 10 added, 0 changed, 0 destroyed."}, nil)
	if out, err := w.terraform(true, "plan", "-input=false", "-detailed-exitcode"); err != nil {
		t.Fatalf("the plan after applying the guide's configuration is not empty (%v):\n%s", err, out)
	}
	w.terraform(false, "destroy", "-auto-approve", "-input=false")
}
