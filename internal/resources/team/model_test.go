package team

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

const org = "5f1e2d3c4b5a69788796a5b4"

func TestParseImportID(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		id, orgID, teamID, name, err string
	}{
		"team ID":              {id: org + "/65a1b2c3d4e5f60718293a4b", orgID: org, teamID: "65a1b2c3d4e5f60718293a4b"},
		"name":                 {id: org + "/Platform team", orgID: org, name: "Platform team"},
		"name with a slash":    {id: org + "/infra/dba", orgID: org, name: "infra/dba"},
		"uppercase hex a name": {id: org + "/65A1B2C3D4E5F60718293A4B", orgID: org, name: "65A1B2C3D4E5F60718293A4B"},
		"no second part":       {id: org + "/", err: "expected org_id/team_id or org_id/team name"},
		"no slash":             {id: org, err: "expected org_id/team_id or org_id/team name"},
		"bad org ID":           {id: "org/platform", err: `org_id "org" must be 24 lowercase hexadecimal digits`},
		"blank name":           {id: org + "/   ", err: "must be 1 to 255 characters and not blank"},
		"name too long":        {id: org + "/" + strings.Repeat("n", 256), err: "must be 1 to 255 characters"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			orgID, teamID, teamName, err := parseImportID(tc.id)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("parseImportID(%q) error %v, want one containing %q", tc.id, err, tc.err)
				}
				return
			}
			if err != nil || orgID != tc.orgID || teamID != tc.teamID || teamName != tc.name {
				t.Fatalf("parseImportID(%q) = %q, %q, %q, %v; want %q, %q, %q", tc.id, orgID, teamID, teamName, err, tc.orgID, tc.teamID, tc.name)
			}
		})
	}
}

func TestMissingFrom(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		a, b, want []string
	}{
		"hand-added member":  {a: []string{"ann@example.com", "bob@example.com"}, b: []string{"ann@example.com"}, want: []string{"bob@example.com"}},
		"case is not a diff": {a: []string{"Ann@example.com"}, b: []string{"ann@EXAMPLE.com"}},
		"everyone removed":   {a: []string{"b@example.com", "a@example.com"}, b: nil, want: []string{"a@example.com", "b@example.com"}},
		"nothing to compare": {},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if got := missingFrom(tc.a, tc.b); !slices.Equal(got, tc.want) {
				t.Fatalf("missingFrom(%v, %v) = %v, want %v", tc.a, tc.b, got, tc.want)
			}
		})
	}
}

// Atlas's spelling of a member replaces the state's only for another
// person: a letter-case difference keeps the configuration's spelling.
func TestSetFromAPI_keepsTheConfiguredSpelling(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	m := teamModel{Usernames: usernamesSet([]string{"Ann@Example.com"})}
	if d := m.setFromAPI(ctx, org, &client.Team{ID: "65a1b2c3d4e5f60718293a4b", Name: "platform"}, []string{"ann@example.com", "bob@example.com"}); d.HasError() {
		t.Fatal(d)
	}
	want := usernamesSet([]string{"Ann@Example.com", "bob@example.com"})
	if !m.Usernames.Equal(want) {
		t.Fatalf("usernames %v, want %v", m.Usernames, want)
	}
	if m.ID != types.StringValue(org+"/65a1b2c3d4e5f60718293a4b") || m.Name.ValueString() != "platform" || m.OrgID.ValueString() != org {
		t.Fatalf("model %+v", m)
	}
}

func TestFullyKnown(t *testing.T) {
	t.Parallel()
	withUnknown := types.SetValueMust(types.StringType, []attr.Value{types.StringValue("a@example.com"), types.StringUnknown()})
	tests := map[string]struct {
		set  types.Set
		want bool
	}{
		"known":           {usernamesSet([]string{"a@example.com"}), true},
		"unknown set":     {types.SetUnknown(types.StringType), false},
		"unknown element": {withUnknown, false},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if got := fullyKnown(tc.set); got != tc.want {
				t.Fatalf("fullyKnown = %v, want %v", got, tc.want)
			}
		})
	}
}
