package attrs

import (
	"errors"
	"slices"
	"testing"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/safeops"
)

func TestRoleChanges(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		have, want       []string
		added, removed   []string
		wantSameAsBefore bool
	}{
		"replace one":    {have: []string{"A"}, want: []string{"B"}, added: []string{"B"}, removed: []string{"A"}},
		"add only":       {have: []string{"A"}, want: []string{"B", "A"}, added: []string{"B"}},
		"remove only":    {have: []string{"A", "B"}, want: []string{"B"}, removed: []string{"A"}},
		"no change":      {have: []string{"B", "A"}, want: []string{"A", "B"}, wantSameAsBefore: true},
		"sorted":         {have: []string{"Z", "Y"}, want: []string{"D", "C"}, added: []string{"C", "D"}, removed: []string{"Y", "Z"}},
		"duplicates":     {have: []string{"A", "A"}, want: []string{"B", "B"}, added: []string{"B"}, removed: []string{"A"}},
		"from nothing":   {want: []string{"A"}, added: []string{"A"}},
		"overlap of two": {have: []string{"A", "B"}, want: []string{"B", "C"}, added: []string{"C"}, removed: []string{"A"}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			added, removed := RoleChanges(tc.have, tc.want)
			if !slices.Equal(added, tc.added) || !slices.Equal(removed, tc.removed) {
				t.Fatalf("RoleChanges(%v, %v) = %v, %v; want %v, %v", tc.have, tc.want, added, removed, tc.added, tc.removed)
			}
			if got := safeops.SameRoles(tc.have, tc.want); got != tc.wantSameAsBefore {
				t.Fatalf("SameRoles(%v, %v) = %v, want %v", tc.have, tc.want, got, tc.wantSameAsBefore)
			}
		})
	}
}

// ChangeRoles grants before it revokes, stops at the first failure, and
// reports the last answer that came back.
func TestChangeRoles(t *testing.T) {
	t.Parallel()
	type person struct{ roles []string }
	refused := errors.New("refused")
	cases := map[string]struct {
		have, want  []string
		failOn      string
		calls       []string
		latest      []string
		failedRole  string
		failedGrant bool
	}{
		"grants first":             {have: []string{"A"}, want: []string{"B"}, calls: []string{"+B", "-A"}, latest: []string{"B"}},
		"nothing to do":            {have: []string{"A"}, want: []string{"A"}},
		"a failed grant stops all": {have: []string{"A"}, want: []string{"B", "C"}, failOn: "+C", calls: []string{"+B", "+C"}, latest: []string{"A", "B"}, failedRole: "C", failedGrant: true},
		"a failed revoke":          {have: []string{"A", "B"}, want: []string{"C"}, failOn: "-A", calls: []string{"+C", "-A"}, latest: []string{"A", "B", "C"}, failedRole: "A"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			now := slices.Clone(tc.have)
			var calls []string
			call := func(op, role string) (*person, error) {
				calls = append(calls, op+role)
				if op+role == tc.failOn {
					return nil, refused
				}
				if op == "+" {
					now = append(now, role)
				} else {
					now = slices.DeleteFunc(now, func(r string) bool { return r == role })
				}
				slices.Sort(now)
				return &person{roles: slices.Clone(now)}, nil
			}
			latest, failed := ChangeRoles(tc.have, tc.want,
				func(role string) (*person, error) { return call("+", role) },
				func(role string) (*person, error) { return call("-", role) })
			if !slices.Equal(calls, tc.calls) {
				t.Fatalf("calls %v, want %v", calls, tc.calls)
			}
			switch {
			case tc.latest == nil && latest != nil:
				t.Fatalf("latest answer %v, want none", latest.roles)
			case tc.latest != nil && (latest == nil || !slices.Equal(latest.roles, tc.latest)):
				t.Fatalf("latest answer %+v, want roles %v", latest, tc.latest)
			}
			switch {
			case tc.failedRole == "" && failed != nil:
				t.Fatalf("failed at %+v, want no failure", failed)
			case tc.failedRole != "" && (failed == nil || failed.Role != tc.failedRole || failed.Adding != tc.failedGrant || !errors.Is(failed.Err, refused)):
				t.Fatalf("failed at %+v, want role %s (granting %v)", failed, tc.failedRole, tc.failedGrant)
			}
		})
	}
}
