package attrs

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

type pairModel struct {
	Name types.String `tfsdk:"name"`
}

// KnownObjects reads the known elements of a set of objects and says when
// it left one out for being unknown, where ElementsAs fails.
func TestKnownObjects(t *testing.T) {
	t.Parallel()
	at := map[string]attr.Type{"name": types.StringType}
	ot := types.ObjectType{AttrTypes: at}
	known := types.ObjectValueMust(at, map[string]attr.Value{"name": types.StringValue("a")})
	for name, tc := range map[string]struct {
		set         types.Set
		wantNames   []string
		wantSkipped bool
	}{
		"null":                    {set: types.SetNull(ot)},
		"unknown":                 {set: types.SetUnknown(ot), wantSkipped: true},
		"known elements":          {set: types.SetValueMust(ot, []attr.Value{known}), wantNames: []string{"a"}},
		"an unknown element":      {set: types.SetValueMust(ot, []attr.Value{types.ObjectUnknown(at), known}), wantNames: []string{"a"}, wantSkipped: true},
		"an unknown value inside": {set: types.SetValueMust(ot, []attr.Value{types.ObjectValueMust(at, map[string]attr.Value{"name": types.StringUnknown()})}), wantNames: []string{"<unknown>"}},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got, skipped, d := KnownObjects[pairModel](context.Background(), tc.set)
			if d.HasError() {
				t.Fatal(d)
			}
			var names []string
			for _, g := range got {
				names = append(names, g.Name.String())
			}
			if skipped != tc.wantSkipped || len(names) != len(tc.wantNames) {
				t.Fatalf("got %v (skipped %v); want %v (skipped %v)", names, skipped, tc.wantNames, tc.wantSkipped)
			}
			for i := range names {
				if names[i] != `"`+tc.wantNames[i]+`"` && names[i] != tc.wantNames[i] {
					t.Fatalf("got %v; want %v", names, tc.wantNames)
				}
			}
		})
	}
}
