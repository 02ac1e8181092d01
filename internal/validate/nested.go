package validate

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
)

// RequiredInElement is the check that `Required: true` would make on an
// attribute of the objects of a set or list, for such an attribute declared
// Optional. example is one whole element in HCL, for the message, such as
// `{ role_name = "readWrite", database_name = "orders" }`.
//
// The framework's own check cannot be used there: Terraform validates a
// configuration before its variables are known, so a conditional that
// chooses a whole element (`var.admin ? [{...}] : [{...}]`) makes that
// element unknown, the framework reads each attribute of an unknown element
// as null, and `Required` then fails a valid configuration ("Missing
// Configuration for Required Attribute"). This check skips an attribute
// whose element (or any value that holds it) is unknown, and refuses a null
// once the element is known, naming the attribute.
func RequiredInElement(example string) RequiredValidator {
	return RequiredValidator{example: example}
}

// RequiredValidator is RequiredInElement's validator, for strings and sets.
type RequiredValidator struct{ example string }

var (
	_ validator.String = RequiredValidator{}
	_ validator.Set    = RequiredValidator{}
)

func (v RequiredValidator) Description(context.Context) string {
	return "must be set in each element, such as " + v.example
}

func (v RequiredValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v RequiredValidator) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	v.check(ctx, req.Config, req.Path, req.ConfigValue.IsNull(), &resp.Diagnostics)
}

func (v RequiredValidator) ValidateSet(ctx context.Context, req validator.SetRequest, resp *validator.SetResponse) {
	v.check(ctx, req.Config, req.Path, req.ConfigValue.IsNull(), &resp.Diagnostics)
}

func (v RequiredValidator) check(ctx context.Context, config tfsdk.Config, at path.Path, null bool, d *diag.Diagnostics) {
	if !null || UnderUnknown(ctx, config, at) {
		return
	}
	name, parent := attributeNames(at)
	d.AddAttributeError(at, "Missing Required Attribute",
		fmt.Sprintf("Attribute %s is required: each element of %s needs %s, such as %s.", at, parent, name, v.example))
}

// UnderUnknown reports whether a value that holds the one at p (its
// element, the collection of that element, and so on up to the root) is
// unknown in config, or cannot be read: then what p holds is not known yet.
func UnderUnknown(ctx context.Context, config tfsdk.Config, p path.Path) bool {
	for q := p.ParentPath(); len(q.Steps()) > 0; q = q.ParentPath() {
		steps := q.Steps()
		if el, ok := steps[len(steps)-1].(path.PathStepElementKeyValue); ok {
			// The step holds the element itself: an unknown element is
			// not found again by its (unknown) value.
			if el.Value == nil || el.IsUnknown() {
				return true
			}
			continue
		}
		var v attr.Value
		if d := config.GetAttribute(ctx, q, &v); d.HasError() || v == nil || v.IsUnknown() {
			return true
		}
	}
	return false
}

// attributeNames are the name of the attribute at p and of the attribute
// whose element holds it ("role_name", "roles").
func attributeNames(p path.Path) (name, parent string) {
	steps := p.Steps()
	for i := len(steps) - 1; i >= 0; i-- {
		n, ok := steps[i].(path.PathStepAttributeName)
		if !ok {
			continue
		}
		if name == "" {
			name = string(n)
			continue
		}
		return name, string(n)
	}
	return name, "its collection"
}
