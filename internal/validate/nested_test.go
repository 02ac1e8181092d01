package validate_test

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/validate"
)

var roleTypes = map[string]attr.Type{"role_name": types.StringType, "database_name": types.StringType}

// rolesConfig is a configuration of one attribute, roles, a set of
// { role_name, database_name } holding elems.
func rolesConfig(t *testing.T, elems ...attr.Value) tfsdk.Config {
	t.Helper()
	ctx := context.Background()
	s := schema.Schema{Attributes: map[string]schema.Attribute{"roles": schema.SetNestedAttribute{Optional: true, NestedObject: schema.NestedAttributeObject{
		Attributes: map[string]schema.Attribute{"role_name": schema.StringAttribute{Optional: true}, "database_name": schema.StringAttribute{Optional: true}}}}}}
	plan := tfsdk.Plan{Schema: s}
	plan.Raw = tfsdkNull(ctx, s)
	roles := types.SetValueMust(types.ObjectType{AttrTypes: roleTypes}, elems)
	if d := plan.SetAttribute(ctx, path.Root("roles"), roles); d.HasError() {
		t.Fatal(d)
	}
	return tfsdk.Config{Schema: s, Raw: plan.Raw}
}

func role(name, db attr.Value) attr.Value {
	return types.ObjectValueMust(roleTypes, map[string]attr.Value{"role_name": name, "database_name": db})
}

// A nested attribute that RequiredInElement checks: skipped while its
// element is unknown (a conditional choosing the whole element, before
// Terraform knows the variable), refused once the element is known and
// lacks it, with an error that names the attribute and shows an element.
func TestRequiredInElement(t *testing.T) {
	t.Parallel()
	const example = `{ role_name = "read", database_name = "orders" }`
	unknownElem := types.ObjectUnknown(roleTypes)
	noName := role(types.StringNull(), types.StringValue("orders"))
	complete := role(types.StringValue("read"), types.StringValue("orders"))
	unknownName := role(types.StringUnknown(), types.StringValue("orders"))
	for name, tc := range map[string]struct {
		elem  attr.Value
		value types.String
		want  []string
	}{
		"unknown element":                 {elem: unknownElem, value: types.StringNull()},
		"known element without role_name": {elem: noName, value: types.StringNull(), want: []string{"Missing Required Attribute", "roles[", "].role_name is required", "each element of roles needs role_name", example}},
		"known element with role_name":    {elem: complete, value: types.StringValue("read")},
		"role_name not known yet":         {elem: unknownName, value: types.StringUnknown()},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			req := validator.StringRequest{Config: rolesConfig(t, tc.elem), Path: path.Root("roles").AtSetValue(tc.elem).AtName("role_name"), ConfigValue: tc.value}
			var resp validator.StringResponse
			validate.RequiredInElement(example).ValidateString(context.Background(), req, &resp)
			if len(tc.want) == 0 {
				if resp.Diagnostics.HasError() {
					t.Fatalf("got %v; want no error", resp.Diagnostics)
				}
				return
			}
			if resp.Diagnostics.ErrorsCount() != 1 {
				t.Fatalf("got %v; want one error", resp.Diagnostics)
			}
			got := resp.Diagnostics[0].Summary() + " " + resp.Diagnostics[0].Detail()
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("error %q lacks %q", got, w)
				}
			}
		})
	}
}

func tfsdkNull(ctx context.Context, s schema.Schema) tftypes.Value {
	return tftypes.NewValue(s.Type().TerraformType(ctx), nil)
}
