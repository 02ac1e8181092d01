package projectteam

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

func TestParseImportID(t *testing.T) {
	t.Parallel()
	const project, team = "32b6e34b3d91647abb20e7b8", "6a0b1c2d3e4f506172839405"
	cases := map[string]struct {
		id, wantProject, wantTeam, wantErr string
	}{
		"project and team": {id: project + "/" + team, wantProject: project, wantTeam: team},
		"no slash":         {id: project, wantErr: "expected project_id/team_id"},
		"three parts":      {id: project + "/" + team + "/x", wantErr: "expected project_id/team_id"},
		"bad project":      {id: "xyz/" + team, wantErr: `project_id "xyz" must be 24 lowercase hexadecimal digits`},
		"team name":        {id: project + "/backend", wantErr: `team_id "backend" must be 24 lowercase hexadecimal digits`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			p, tm, err := parseImportID(tc.id)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want one containing %q", err, tc.wantErr)
				}
				return
			}
			if err != nil || p != tc.wantProject || tm != tc.wantTeam {
				t.Fatalf("= %q, %q, %v; want %q, %q", p, tm, err, tc.wantProject, tc.wantTeam)
			}
		})
	}
}

// An unknown team and the project's team limit get their own summary and
// say what to do; other errors are Atlas's.
func TestCreateErrorDiagnostic(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		err         error
		wantSummary string
		want        []string
	}{
		"unknown team": {&client.APIError{StatusCode: http.StatusNotFound, ErrorCode: "TEAM_NOT_FOUND", Detail: "No team with ID t1 exists."},
			"Team Not Found", []string{"TEAM_NOT_FOUND", "team_id t1 names no team", "atlasaccess_team"}},
		"limit": {&client.APIError{StatusCode: http.StatusBadRequest, ErrorCode: "MAX_TEAMS_PER_GROUP_EXCEEDED"},
			"Too Many Teams in Project", []string{`Adding team "platform" (ID t1) to project p1`, "MAX_TEAMS_PER_GROUP_EXCEEDED", "Atlas allows 100 teams per project", "p1 has that many"}},
		"other": {&client.APIError{StatusCode: http.StatusNotFound, ErrorCode: "GROUP_NOT_FOUND"},
			"Error Adding Team to Project", []string{`Adding team "platform" (ID t1) to project p1`, "GROUP_NOT_FOUND"}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			named := func(context.Context, string, string) string { return `team "platform" (ID t1)` }
			summary, detail := createErrorDiagnostic(context.Background(), "p1", "t1", named, tc.err)
			if summary != tc.wantSummary {
				t.Errorf("summary = %q, want %q", summary, tc.wantSummary)
			}
			for _, w := range tc.want {
				if !strings.Contains(detail, w) {
					t.Errorf("detail lacks %q:\n%s", w, detail)
				}
			}
		})
	}
}

// The data source's teams are sorted by team ID, whatever Atlas's order.
func TestTeamsFromAPI_sortedByTeamID(t *testing.T) {
	t.Parallel()
	got := teamsFromAPI([]client.ProjectTeam{{TeamID: "b", RoleNames: []string{"GROUP_OWNER"}}, {TeamID: "a", RoleNames: []string{"GROUP_READ_ONLY"}}})
	if len(got) != 2 || got[0].TeamID.ValueString() != "a" || got[1].TeamID.ValueString() != "b" {
		t.Fatalf("teams = %v, want a then b", got)
	}
}

// A result is labelled by its team's name, or by the team's ID when the
// name could not be read, with its roles in a stable order.
func TestFoundTeamsDisplayName(t *testing.T) {
	t.Parallel()
	teams := []namedTeam{
		{ProjectTeam: client.ProjectTeam{TeamID: "t1", RoleNames: []string{"GROUP_READ_ONLY", "GROUP_DATA_ACCESS_ADMIN"}}, Name: "platform"},
		{ProjectTeam: client.ProjectTeam{TeamID: "t2", RoleNames: []string{"GROUP_OWNER"}}},
	}
	got := foundTeams("p1", teams)
	want := []string{"platform (GROUP_DATA_ACCESS_ADMIN, GROUP_READ_ONLY)", "t2 (GROUP_OWNER)"}
	for i, f := range got {
		if f.DisplayName != want[i] {
			t.Errorf("result %d: display name %q, want %q", i, f.DisplayName, want[i])
		}
		if f.Identity["team_id"] != teams[i].TeamID || f.Identity["project_id"] != "p1" {
			t.Errorf("result %d: identity %v", i, f.Identity)
		}
	}
}
