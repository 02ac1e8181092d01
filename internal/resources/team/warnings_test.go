package team

import (
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
)

// The plan warning names only the members added outside Terraform when the
// last apply recorded what it wrote: a person the configuration moved to
// another team is a removal the user asked for. An imported team has no
// record, and every member the plan drops is named.
func TestMembersToName(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		have, want, applied []string
		recorded            bool
		names               []string
	}{
		"moved to another team": {have: []string{"ann@example.com", "bob@example.com"}, want: []string{"ann@example.com"},
			applied: []string{"ann@example.com", "bob@example.com"}, recorded: true},
		"added by hand": {have: []string{"ann@example.com", "eve@example.com"}, want: []string{"ann@example.com"},
			applied: []string{"ann@example.com"}, recorded: true, names: []string{"eve@example.com"}},
		"moved and added by hand": {have: []string{"ann@example.com", "bob@example.com", "eve@example.com"}, want: []string{"ann@example.com"},
			applied: []string{"ann@example.com", "bob@example.com"}, recorded: true, names: []string{"eve@example.com"}},
		"record in another letter case": {have: []string{"Bob@Example.com"}, applied: []string{"bob@example.com"}, recorded: true},
		"imported, no record": {have: []string{"ann@example.com", "bob@example.com"}, want: []string{"ann@example.com"},
			names: []string{"bob@example.com"}},
		"nothing removed": {have: []string{"ann@example.com"}, want: []string{"Ann@example.com"}},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if got := membersToName(tc.have, tc.want, tc.applied, tc.recorded); !slices.Equal(got, tc.names) {
				t.Errorf("got %v, want %v", got, tc.names)
			}
		})
	}
}

// The warning says why each member is removed, in the grammar of one or
// several people.
func TestRemovalDetail(t *testing.T) {
	t.Parallel()
	state := teamModel{OrgID: types.StringValue(org), TeamID: types.StringValue("65a1b2c3d4e5f60718293a4b"), Name: types.StringValue("platform")}
	for name, tc := range map[string]struct {
		removed   []string
		recorded  bool
		want, not []string
	}{
		"one added outside Terraform": {removed: []string{"eve@example.com"}, recorded: true,
			want: []string{`Applying removes eve@example.com from team "platform"`, "lists this person as a member", "added outside Terraform", "They stay in the organization."},
			not:  []string{"imported", "as members"}},
		"two added outside Terraform": {removed: []string{"eve@example.com", "mal@example.com"}, recorded: true,
			want: []string{"eve@example.com, mal@example.com", "lists these people as members", "added outside Terraform"}},
		"imported team": {removed: []string{"bob@example.com"},
			want: []string{"lists this person as a member", "usernames does not declare them", "this team was imported"},
			not:  []string{"Terraform did not add"}},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got := removalDetail(state, tc.removed, tc.recorded)
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("%q lacks %q", got, w)
				}
			}
			for _, n := range tc.not {
				if strings.Contains(got, n) {
					t.Errorf("%q holds %q", got, n)
				}
			}
		})
	}
}

func TestNotInOrgHint_grammar(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		missing []string
		want    string
	}{
		"one person":    {missing: []string{"ann@example.com"}, want: "ann@example.com is not an active or invited user of organization " + org + ","},
		"two people":    {missing: []string{"ann@example.com", "bob@example.com"}, want: "ann@example.com, bob@example.com are not active or invited users of organization " + org + ","},
		"not known who": {want: "Some members are not active or invited users of organization " + org + ","},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if got := notInOrgHint(org, tc.missing); !strings.HasPrefix(got, tc.want) {
				t.Errorf("got %q, want it to start with %q", got, tc.want)
			}
		})
	}
}
