package main

import (
	"slices"
	"testing"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/atlassim"
)

func TestRoleList(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		roles, extra string
		want         []string
	}{
		"defaults":          {"", "", atlassim.DefaultRoles},
		"extra roles":       {"", "GROUP_FUTURE_ROLE, GROUP_OTHER", slices.Concat(atlassim.DefaultRoles, []string{"GROUP_FUTURE_ROLE", "GROUP_OTHER"})},
		"a list of its own": {"GROUP_OWNER,GROUP_READ_ONLY", "", []string{"GROUP_OWNER", "GROUP_READ_ONLY"}},
		"both":              {"GROUP_OWNER", "GROUP_FUTURE_ROLE", []string{"GROUP_OWNER", "GROUP_FUTURE_ROLE"}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if got := roleList(tc.roles, tc.extra); !slices.Equal(got, tc.want) {
				t.Fatalf("roleList(%q, %q) = %q, want %q", tc.roles, tc.extra, got, tc.want)
			}
		})
	}
	if roleList("", "GROUP_X"); len(atlassim.DefaultRoles) != len(roleList("", "")) {
		t.Fatal("extra roles were appended to atlassim.DefaultRoles itself")
	}
}
