package validate_test

import (
	"slices"
	"testing"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/atlassim"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/validate"
)

// TestProjectRolesMatchTheSimulator pins the roles the provider accepts at
// plan to the roles the simulator accepts by default, so that neither list
// can gain or lose a role alone: a role only the provider knows would pass
// plan and fail at apply, and one only the simulator knows would never be
// tested through the provider.
func TestProjectRolesMatchTheSimulator(t *testing.T) {
	t.Parallel()
	onlyProvider := missingFrom(validate.ProjectRoles, atlassim.DefaultRoles)
	onlySimulator := missingFrom(atlassim.DefaultRoles, validate.ProjectRoles)
	if len(onlyProvider)+len(onlySimulator) != 0 {
		t.Errorf("project roles differ: only in validate.ProjectRoles %q; only in atlassim.DefaultRoles %q", onlyProvider, onlySimulator)
	}
	for name, roles := range map[string][]string{"validate.ProjectRoles": validate.ProjectRoles, "atlassim.DefaultRoles": atlassim.DefaultRoles} {
		if sorted := slices.Sorted(slices.Values(roles)); len(slices.Compact(sorted)) != len(roles) {
			t.Errorf("%s lists a role twice: %q", name, roles)
		}
	}
}

// missingFrom returns the values of a that b does not hold. (acctest has the
// same helper; this test does without it so that the validate tests build
// without the provider.)
func missingFrom(a, b []string) []string {
	return slices.DeleteFunc(slices.Clone(a), func(v string) bool { return slices.Contains(b, v) })
}
