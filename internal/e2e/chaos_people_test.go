package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"time"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

// The people part of the fault campaign (TestChaos_randomizedFaultCampaign):
// three people in the organization, two teams of them with their roles in
// the two projects, beside a person and a team made by hand (the team with
// the organization's existing member, holding a role in the first project).
// Their writes (POST of people, teams, members and project teams, PATCH of
// renames and project roles, DELETE) meet the same faults as the rest.

// chaosPeople is what the people part of one configuration declares.
type chaosPeople struct {
	annRoles  []string // organization roles of chaos-ann
	teamA     []string // members of team A, among chaosPeopleNames
	teamB     []string // members of team B
	teamBName string
	aRoles    []string // team A's roles in the first project
	bRoles    []string // team B's roles in both projects
}

var (
	chaosPeopleNames = []string{"chaos-ann@example.com", "chaos-bob@example.com", "chaos-cat@example.com"}
	chaosOrgRoles    = []string{"ORG_MEMBER", "ORG_READ_ONLY", "ORG_BILLING_READ_ONLY", "ORG_GROUP_CREATOR"}
	chaosTeamBNames  = []string{"chaos-team-b", "chaos-team-b-renamed"}
)

func (r *chaosRound) randomPeople() chaosPeople {
	return chaosPeople{
		annRoles:  r.pick(chaosOrgRoles, 1+r.rng.Intn(2)),
		teamA:     r.pick(chaosPeopleNames, 1+r.rng.Intn(3)),
		teamB:     r.pick(chaosPeopleNames, 1+r.rng.Intn(2)),
		teamBName: chaosTeamBNames[0],
		aRoles:    r.pick(chaosProjectRoles, 1+r.rng.Intn(2)),
		bRoles:    r.pick(chaosProjectRoles, 1+r.rng.Intn(2)),
	}
}

// editPeople changes the people part at random: roles, memberships (a
// person moving between teams) and team B's name. It reports what changed.
func (r *chaosRound) editPeople(p *chaosPeople) []string {
	var edits []string
	if r.rng.Intn(2) == 0 {
		p.annRoles, p.aRoles, p.bRoles = r.pick(chaosOrgRoles, 1+r.rng.Intn(2)), r.pick(chaosProjectRoles, 1+r.rng.Intn(2)), r.pick(chaosProjectRoles, 1+r.rng.Intn(2))
		edits = append(edits, "people roles")
	}
	if r.rng.Intn(2) == 0 {
		p.teamA, p.teamB = r.pick(chaosPeopleNames, 1+r.rng.Intn(3)), r.pick(chaosPeopleNames, 1+r.rng.Intn(2))
		edits = append(edits, "team members")
	}
	if r.rng.Intn(3) == 0 {
		if p.teamBName == chaosTeamBNames[0] {
			p.teamBName = chaosTeamBNames[1]
		} else {
			p.teamBName = chaosTeamBNames[0]
		}
		edits = append(edits, "team rename")
	}
	return edits
}

func (r *chaosRound) renderPeople(p chaosPeople) string {
	fx := r.w.fx
	members := func(names []string) string {
		refs := make([]string, len(names))
		for i, n := range names {
			refs[i] = fmt.Sprintf("atlasaccess_org_user.people[%q].username", n)
		}
		return "[" + strings.Join(refs, ", ") + "]"
	}
	return fmt.Sprintf(`
resource "atlasaccess_org_user" "people" {
  for_each = toset(%[3]s)

  org_id   = %[1]q
  username = each.key
  roles    = each.key == "chaos-ann@example.com" ? %[4]s : ["ORG_MEMBER"]
}

resource "atlasaccess_team" "a" {
  org_id    = %[1]q
  name      = "chaos-team-a"
  usernames = %[5]s
}

resource "atlasaccess_team" "b" {
  org_id    = %[1]q
  name      = %[7]q
  usernames = %[6]s
}

resource "atlasaccess_project_team" "a" {
  project_id = %[2]q
  team_id    = atlasaccess_team.a.team_id
  roles      = %[8]s
}

resource "atlasaccess_project_team" "b" {
  for_each = toset([%[2]q, %[10]q])

  project_id = each.key
  team_id    = atlasaccess_team.b.team_id
  roles      = %[9]s
}
`, fx.OrgID, fx.ProjectID, hclList(chaosPeopleNames), hclList(p.annRoles), members(p.teamA), members(p.teamB), p.teamBName,
		hclList(p.aRoles), hclList(p.bRoles), fx.Project2ID)
}

// seedPeopleLookAlikes makes, outside Terraform, a person and a team of
// the organization's existing member holding a role in the first project.
func (r *chaosRound) seedPeopleLookAlikes() {
	fx := r.w.fx
	_, err := r.c.CreateOrgUser(r.ctx, fx.OrgID, client.CreateOrgUserRequest{Username: "chaos-hand@example.com", Roles: client.OrgUserRoles{OrgRoles: []string{"ORG_MEMBER"}}})
	r.check(err, "creating the look-alike person")
	team, err := r.c.CreateTeam(r.ctx, fx.OrgID, client.CreateTeamRequest{Name: "chaos-team-hand", Usernames: []string{fx.OrgMember}})
	r.check(err, "creating the look-alike team")
	_, err = r.c.AddTeamsToProject(r.ctx, fx.ProjectID, []client.ProjectTeam{{TeamID: team.ID, RoleNames: []string{"GROUP_READ_ONLY"}}})
	r.check(err, "giving the look-alike team a project role")
}

// snapshotPeople adds to out every person, team, membership and team
// project role (peopleSnapshot).
func (r *chaosRound) snapshotPeople(out map[string]string) {
	fx := r.w.fx
	people, err := peopleSnapshot(r.ctx, r.c, fx.OrgID, fx.ProjectID, fx.Project2ID)
	r.check(err, "reading the people")
	for k, v := range people {
		out[k] = v
	}
}

// isPeopleKey tells the snapshot keys snapshotPeople adds and the rest of
// the campaign does not know: people of the organization, teams and team
// project roles.
func isPeopleKey(k string) bool {
	f := strings.Fields(k)
	return strings.HasPrefix(k, "org user ") || f[0] == "team" || len(f) == 4 && f[2] == "team"
}

// peopleState is what the state holds of the people part: the IDs of the
// organization's users (those of atlasaccess_org_user and of
// atlasaccess_project_user_invite, who joins the organization too), of
// teams, and the "projectID teamID" pairs of atlasaccess_project_team.
func (r *chaosRound) peopleState() (users, teams, projectTeams map[string]bool) {
	ctx, cancel := context.WithTimeout(r.ctx, time.Minute)
	defer cancel()
	out, err := r.w.command(ctx, "show", "-json").Output()
	r.check(err, "terraform show -json")
	var doc struct {
		Values struct {
			RootModule struct {
				Resources []struct {
					Type   string         `json:"type"`
					Values map[string]any `json:"values"`
				} `json:"resources"`
			} `json:"root_module"`
		} `json:"values"`
	}
	r.check(json.Unmarshal(out, &doc), "decoding terraform show -json")
	users, teams, projectTeams = map[string]bool{}, map[string]bool{}, map[string]bool{}
	str := func(v map[string]any, k string) string { s, _ := v[k].(string); return s }
	for _, res := range doc.Values.RootModule.Resources {
		v := res.Values
		switch res.Type {
		case "atlasaccess_org_user", "atlasaccess_project_user_invite":
			users[str(v, "user_id")] = true
		case "atlasaccess_team":
			teams[str(v, "team_id")] = true
		case "atlasaccess_project_team":
			projectTeams[str(v, "project_id")+" "+str(v, "team_id")] = true
		}
	}
	return users, teams, projectTeams
}

// peopleInvariants is step 4 for the people part: every person, team and
// team project role that appeared is in state, and everything in state is
// in Atlas. (That nothing made outside Terraform changed, the campaign's
// first invariant, covers the people snapshot too.)
func (r *chaosRound) peopleInvariants(after string, snap map[string]string) {
	r.t.Helper()
	users, teams, projectTeams := r.peopleState()
	var orphans []string
	inAtlas := map[string]bool{}
	for k, v := range snap {
		if !isPeopleKey(k) {
			continue
		}
		f := strings.Fields(k)
		var id string
		var held bool
		switch f[0] {
		case "org":
			id, held = f[2], users[f[2]]
		case "team":
			id, held = f[1], teams[f[1]]
		default:
			id = f[1] + " " + f[3]
			held = projectTeams[id]
		}
		inAtlas[id] = true
		if _, old := r.before[k]; !old && !held {
			orphans = append(orphans, k+" "+v)
		}
	}
	if len(orphans) > 0 {
		r.fatalf("after %s, Atlas holds people, teams or team project roles that are not in state:\n  %s", after, strings.Join(orphans, "\n  "))
	}
	for _, ids := range []map[string]bool{users, teams, projectTeams} {
		for id := range ids {
			if !inAtlas[id] {
				r.fatalf("after %s, %s is in state but not in Atlas", after, id)
			}
		}
	}
}

// peoplePath matches the writes of the people part: organization users and
// their roles, teams and their members, team project roles.
var peoplePath = regexp.MustCompile(`^/api/atlas/v2/(orgs/[0-9a-f]{24}/(users|teams)|groups/[0-9a-f]{24}/teams)(/|$)`)

// logPeopleFigures logs, from the simulator's request log, how many writes
// of the people part the round sent and which faults hit them, so that a
// campaign shows its faults reached these resources.
func (r *chaosRound) logPeopleFigures() {
	writes := 0
	faults := map[string]int{}
	for _, q := range r.sim.Requests() {
		if q.Method == http.MethodGet || !peoplePath.MatchString(q.Path) {
			continue
		}
		writes++
		if q.Fault != "" {
			faults[q.Fault+"@"+q.Method]++
		}
	}
	r.t.Logf("people figures: seed=%d round=%d writes=%d faults=%v", r.seed, r.round, writes, faults)
}
