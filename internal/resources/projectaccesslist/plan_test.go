package projectaccesslist

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/safeops"
)

func entrySet(t *testing.T, cidrs ...string) types.Set {
	t.Helper()
	elems := make([]attr.Value, len(cidrs))
	for i, c := range cidrs {
		m := entryModel{CIDRBlock: types.StringValue(c), AWSSecurityGroup: types.StringNull(), Comment: types.StringNull()}
		if c == "unknown" {
			m.CIDRBlock = types.StringUnknown()
		}
		if c == "unknown element" {
			elems[i] = types.ObjectUnknown(entryAttrTypes)
			continue
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
		"an entry of the plan not known":   {state: []string{"10.1.0.0/16", "0.0.0.0/0"}, plan: []string{"10.1.0.0/16", "unknown element"}},
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

// A configuration whose conditional chooses a whole entry, read before its
// variables are known, has an unknown element: the checks of the entries
// that are known still run, and nothing fails for the unknown one.
func TestChecksOfKnownEntries_withAnUnknownEntry(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	var open diag.Diagnostics
	warnOpenEntries(ctx, entrySet(t, "unknown element", "0.0.0.0/0", "10.1.0.0/16"), &open)
	if open.HasError() || open.WarningsCount() != 1 || !strings.Contains(open.Warnings()[0].Summary(), "Admits Every Address") {
		t.Errorf("open-entry check: %v", open)
	}
	var dup diag.Diagnostics
	duplicateEntries(ctx, entrySet(t, "unknown element", "203.0.113.5", "203.0.113.5/32"), path.Root("entries"), &dup)
	if dup.ErrorsCount() != 1 || !strings.Contains(dup.Errors()[0].Summary(), "Duplicate") {
		t.Errorf("duplicate check: %v", dup)
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

// An entry Atlas kept temporary after the apply sent it again is an error
// naming the entry, its date and what to do, and what the apply did first.
func TestAddWriteError_entryStillTemporary(t *testing.T) {
	t.Parallel()
	var d diag.Diagnostics
	err := &safeops.ProjectAccessListError{Entry: "10.0.1.0/24",
		Cause: fmt.Errorf("%w: Atlas still deletes 10.0.1.0/24 at 2030-01-02T03:04:05Z", safeops.ErrEntryStillTemporary)}
	addWriteError(&d, "Error Updating Project IP Access List", "P", safeops.ProjectAccessListChange{Removed: []string{"0.0.0.0/0"}}, err)
	if len(d) != 1 {
		t.Fatalf("diagnostics %v", d)
	}
	for _, want := range []string{"still holds 10.0.1.0/24 in the IP access list of project P as temporary",
		"10.0.1.0/24 at 2030-01-02T03:04:05Z", "Make it permanent in the Atlas UI", "removed 0.0.0.0/0"} {
		if !strings.Contains(d[0].Detail(), want) {
			t.Errorf("detail %q lacks %q", d[0].Detail(), want)
		}
	}
}
