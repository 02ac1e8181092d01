package peoplelist

import (
	"context"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// TestStatuses_sameQueryHoweverConfigured: the statuses asked of Atlas are
// sorted whatever order the configuration gives, and null asks the default.
func TestStatuses_sameQueryHoweverConfigured(t *testing.T) {
	t.Parallel()
	set := func(values ...string) types.Set {
		elems := make([]attr.Value, len(values))
		for i, v := range values {
			elems[i] = types.StringValue(v)
		}
		return types.SetValueMust(types.StringType, elems)
	}
	cases := map[string]struct {
		config   types.Set
		defaults []string
		want     []string
	}{
		"null, no default":      {config: types.SetNull(types.StringType), want: nil},
		"null, default sorted":  {config: types.SetNull(types.StringType), defaults: []string{"PENDING", "ACTIVE"}, want: []string{"ACTIVE", "PENDING"}},
		"configured, sorted":    {config: set("PENDING", "INVITATION_EXPIRED", "ACTIVE"), defaults: []string{"ACTIVE"}, want: []string{"ACTIVE", "INVITATION_EXPIRED", "PENDING"}},
		"configured, one value": {config: set("INVITATION_REJECTED"), want: []string{"INVITATION_REJECTED"}},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got, d := Statuses(context.Background(), c.config, c.defaults)
			if d.HasError() {
				t.Fatalf("diagnostics: %v", d)
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("Statuses = %q; want %q", got, c.want)
			}
		})
	}
}

// TestSortByUsername_ignoresCaseThenUserID: the list's order does not
// depend on Atlas's order or on letter case.
func TestSortByUsername_ignoresCaseThenUserID(t *testing.T) {
	t.Parallel()
	type person struct{ username, id string }
	in := []person{{"b@example.com", "1"}, {"A@example.com", "3"}, {"a@example.com", "2"}, {"C@example.com", "0"}}
	got := SortByUsername(in, func(p person) (string, string) { return p.username, p.id })
	want := []person{{"a@example.com", "2"}, {"A@example.com", "3"}, {"b@example.com", "1"}, {"C@example.com", "0"}}
	if !slices.Equal(got, want) {
		t.Errorf("SortByUsername = %v; want %v", got, want)
	}
	if in[0].username != "b@example.com" {
		t.Errorf("SortByUsername changed its argument: %v", in)
	}
}
