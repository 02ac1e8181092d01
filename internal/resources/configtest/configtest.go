// Package configtest runs a resource's ValidateConfig on a model in unit
// tests, the way Terraform would on a configuration, without the
// Terraform CLI. It imports no resource package, so a resource package's
// own tests can use it.
package configtest

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// ValidateErrors runs r's ValidateConfig on model (a struct of the
// schema's tfsdk fields, unknown values allowed) as the configuration, and
// returns its errors as "summary: detail".
func ValidateErrors(t *testing.T, r resource.ResourceWithValidateConfig, s schema.Schema, model any) []string {
	t.Helper()
	ctx := context.Background()
	plan := tfsdk.Plan{Schema: s, Raw: tftypes.NewValue(s.Type().TerraformType(ctx), nil)}
	if d := plan.Set(ctx, model); d.HasError() {
		t.Fatal(d)
	}
	var resp resource.ValidateConfigResponse
	r.ValidateConfig(ctx, resource.ValidateConfigRequest{Config: tfsdk.Config{Schema: s, Raw: plan.Raw}}, &resp)
	var out []string
	for _, d := range resp.Diagnostics.Errors() {
		out = append(out, d.Summary()+": "+d.Detail())
	}
	return out
}
