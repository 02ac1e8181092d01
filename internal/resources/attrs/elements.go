package attrs

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
)

// KnownObjects reads the elements of a set of objects that are known, each
// into a T (a model struct of types.* fields), and reports whether any was
// left out because it is unknown. A null or unknown set has no known
// elements; an unknown one counts as left out.
//
// ValidateConfig and ModifyPlan read configurations in which a whole
// element can be unknown (a conditional choosing it, on a variable
// Terraform has not evaluated yet): ElementsAs fails on such an element
// with a "Value Conversion Error", so those paths read sets with this.
func KnownObjects[T any](ctx context.Context, set types.Set) (known []T, skipped bool, d diag.Diagnostics) {
	if set.IsNull() {
		return nil, false, nil
	}
	if set.IsUnknown() {
		return nil, true, nil
	}
	for _, el := range set.Elements() {
		if el.IsUnknown() {
			skipped = true
			continue
		}
		obj, ok := el.(basetypes.ObjectValuable)
		if !ok {
			d.AddError("Unexpected Set Element", fmt.Sprintf("An element of the set is a %T, not an object. This is a bug in the provider: please report it.", el))
			return nil, skipped, d
		}
		o, od := obj.ToObjectValue(ctx)
		if d.Append(od...); od.HasError() {
			return nil, skipped, d
		}
		var t T
		if d.Append(o.As(ctx, &t, basetypes.ObjectAsOptions{})...); d.HasError() {
			return nil, skipped, d
		}
		known = append(known, t)
	}
	return known, skipped, d
}
