package validate

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// Hours validates a number of hours: a whole number between lowest and
// highest, inclusive.
// The attribute is a Number rather than an Int64 so that a fractional value
// (24.5) reaches this validator and gets an error naming the attribute;
// an Int64 attribute fails earlier, in the framework's conversion, with a
// message that blames the provider.
func Hours(lowest, highest int64) validator.Number {
	return hoursValidator{lowest: lowest, highest: highest}
}

type hoursValidator struct{ lowest, highest int64 }

func (v hoursValidator) Description(context.Context) string {
	return fmt.Sprintf("value must be between %d and %d, a whole number of hours", v.lowest, v.highest)
}

func (v hoursValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v hoursValidator) ValidateNumber(_ context.Context, req validator.NumberRequest, resp *validator.NumberResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	f := req.ConfigValue.ValueBigFloat()
	n, accuracy := f.Int64()
	if !f.IsInt() || accuracy != 0 || n < v.lowest || n > v.highest {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid Number of Hours",
			fmt.Sprintf("Attribute %s %s, got: %s", req.Path, v.Description(context.Background()), f.Text('g', -1)))
	}
}
