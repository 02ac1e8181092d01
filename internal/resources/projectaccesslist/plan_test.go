package projectaccesslist

import (
	"context"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func entrySet(t *testing.T, cidrs ...string) types.Set {
	t.Helper()
	elems := make([]attr.Value, len(cidrs))
	for i, c := range cidrs {
		m := entryModel{CIDRBlock: types.StringValue(c), AWSSecurityGroup: types.StringNull(), Comment: types.StringNull()}
		if c == "unknown" {
			m.CIDRBlock = types.StringUnknown()
		}
		if len(c) > 3 && c[:3] == "sg-" {
			m.CIDRBlock, m.AWSSecurityGroup = types.StringNull(), types.StringValue(c)
		}
		obj, d := types.ObjectValueFrom(context.Background(), entryAttrTypes, m)
		if d.HasError() {
			t.Fatal(d)
		}
		elems[i] = obj
	}
	set, d := types.SetValue(entryType, elems)
	if d.HasError() {
		t.Fatal(d)
	}
	return set
}

// The plan warning names an entry of the refreshed state only when the
// plan drops it and no apply of the resource wrote it: an entry removed
// from the configuration is a plain removal, not one added outside Terraform.
func TestAddedOutside(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		state, plan []string
		applied     map[string]bool
		want        []string
	}{
		"added by hand": {state: []string{"10.1.0.0/16", "0.0.0.0/0", "sg-0123abcd"}, plan: []string{"10.1.0.0/16"},
			applied: map[string]bool{"10.1.0.0/16": true}, want: []string{"0.0.0.0/0", "sg-0123abcd"}},
		"removed from the configuration": {state: []string{"10.1.0.0/16", "10.2.0.0/16"}, plan: []string{"10.1.0.0/16"},
			applied: map[string]bool{"10.1.0.0/16": true, "10.2.0.0/16": true}},
		"other spelling is the same entry": {state: []string{"203.0.113.5/32"}, plan: []string{"203.0.113.5"}},
		"imported, no record":              {state: []string{"10.1.0.0/16", "10.2.0.0/16"}, plan: []string{"10.1.0.0/16"}, want: []string{"10.2.0.0/16"}},
		"plan not known yet":               {state: []string{"0.0.0.0/0"}, plan: []string{"unknown"}},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got := addedOutside(context.Background(), entrySet(t, tc.state...), entrySet(t, tc.plan...), tc.applied)
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

// An apply names the entries it removed that the plan did not show: those
// the refreshed state lacked.
func TestRemovedUnplanned(t *testing.T) {
	t.Parallel()
	prior := entrySet(t, "10.1.0.0/16", "203.0.113.5", "sg-0123abcd")
	got := removedUnplanned(context.Background(), []string{"10.1.0.0/16", "203.0.113.5/32", "sg-0123abcd", "0.0.0.0/0", "sg-89abcdef"}, prior)
	if want := []string{"0.0.0.0/0", "sg-89abcdef"}; !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}
