package orguser

import (
	"errors"
	"strings"
	"testing"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
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
// direct project roles and teams, by name when Atlas knows it.
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
	cases := map[string]struct {
		user  *client.OrgUser
		teams []client.Team
		err   error
		want  []string
	}{
		"roles, projects and teams": {ann, []client.Team{{ID: "t1", Name: "backend"}}, nil,
			[]string{"removes ann@example.com from organization o1", "Organization roles: ORG_MEMBER, ORG_OWNER.",
				"Projects (direct roles): p1 (GROUP_OWNER); p2 (GROUP_READ_ONLY).", "Teams, with every project role they give: backend (t1); gone."}},
		"nothing beyond the organization": {&client.OrgUser{Roles: client.OrgUserRoles{OrgRoles: []string{"ORG_MEMBER"}}}, nil, nil,
			[]string{"Projects (direct roles): none.", "Teams: none."}},
		"Atlas could not be asked": {nil, nil, errors.New("HTTP 503"),
			[]string{"every project and team", "could not be read (HTTP 503)"}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got := destroyDetail("o1", "ann@example.com", tc.user, tc.teams, tc.err)
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("detail lacks %q:\n%s", w, got)
				}
			}
		})
	}
}
