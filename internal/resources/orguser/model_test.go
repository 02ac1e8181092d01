package orguser

import (
	"errors"
	"strings"
	"testing"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/safeops"
)

func TestParseImportID(t *testing.T) {
	t.Parallel()
	const org = "5f1e2d3c4b5a69788796a5b4"
	cases := map[string]struct {
		id, wantOrg, wantUser, wantErr string
	}{
		"org and email":         {id: org + "/ann@example.com", wantOrg: org, wantUser: "ann@example.com"},
		"slash in the address":  {id: org + "/a/b@example.com", wantOrg: org, wantUser: "a/b@example.com"},
		"no slash":              {id: org, wantErr: "expected org_id/username"},
		"bad org":               {id: "xyz/ann@example.com", wantErr: "24 lowercase hexadecimal digits"},
		"user ID, not an email": {id: org + "/5bd5d835eadd9f21b38d6b10", wantErr: "is not an email address"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			o, u, err := parseImportID(tc.id)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want one containing %q", err, tc.wantErr)
				}
				return
			}
			if err != nil || o != tc.wantOrg || u != tc.wantUser {
				t.Fatalf("= %q, %q, %v; want %q, %q", o, u, err, tc.wantOrg, tc.wantUser)
			}
		})
	}
}

// The destroy warning names what the person loses: organization roles,
// direct project roles, teams by name when Atlas knows it, and the projects
// the teams reach when they could be read.
func TestDestroyDetail(t *testing.T) {
	t.Parallel()
	ann := &client.OrgUser{
		Username: "ann@example.com",
		Roles: client.OrgUserRoles{
			OrgRoles:             []string{"ORG_OWNER", "ORG_MEMBER"},
			GroupRoleAssignments: []client.GroupRoleAssignment{{ProjectID: "p2", GroupRoles: []string{"GROUP_READ_ONLY"}}, {ProjectID: "p1", GroupRoles: []string{"GROUP_OWNER"}}},
		},
		TeamIDs: []string{"t1", "gone"},
	}
	teams := []client.Team{{ID: "t1", Name: "backend"}}
	cases := map[string]struct {
		lost lostAccess
		want []string
		not  []string
	}{
		"roles, projects and teams, team projects not read": {lostAccess{user: ann, teams: teams},
			[]string{"removes ann@example.com from organization o1", "Organization roles: ORG_MEMBER, ORG_OWNER.",
				"Projects (direct roles): project p1 (GROUP_OWNER); project p2 (GROUP_READ_ONLY).", "Teams, with every project role they give: backend (t1); gone.",
				"were not read", "more than 20 projects"}, nil},
		"the projects the teams reach": {lostAccess{user: ann, teams: teams, teamProjectsRead: true, teamProjects: map[string][]safeops.TeamProject{
			"t1": {{ProjectID: "p3", ProjectName: "payments", Roles: []string{"GROUP_OWNER", "GROUP_DATA_ACCESS_ADMIN"}}, {ProjectID: "p1", ProjectName: "web", Roles: []string{"GROUP_READ_ONLY"}}},
		}},
			[]string{"Teams, and the projects they give roles in: backend (t1) giving project payments p3 (GROUP_DATA_ACCESS_ADMIN, GROUP_OWNER), project web p1 (GROUP_READ_ONLY); gone giving no project.",
				// A direct role's project is named as on the team line, its name known from the teams' projects.
				"Projects (direct roles): project web p1 (GROUP_OWNER); project p2 (GROUP_READ_ONLY)."},
			[]string{"not read"}},
		"the teams' projects could not be read": {lostAccess{user: ann, teams: teams, teamProjectsErr: errors.New("HTTP 500")},
			[]string{"backend (t1)", "The projects these teams reach could not be read (HTTP 500)."}, nil},
		"nothing beyond the organization": {lostAccess{user: &client.OrgUser{Roles: client.OrgUserRoles{OrgRoles: []string{"ORG_MEMBER"}}}},
			[]string{"Projects (direct roles): none.", "Teams: none."}, []string{"not read"}},
		"Atlas could not be asked": {lostAccess{err: errors.New("HTTP 503")},
			[]string{"every project and team", "could not be read (HTTP 503)"}, nil},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got := destroyDetail("o1", "ann@example.com", tc.lost)
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("detail lacks %q:\n%s", w, got)
				}
			}
			for _, n := range tc.not {
				if strings.Contains(got, n) {
					t.Errorf("detail says %q:\n%s", n, got)
				}
			}
		})
	}
}
