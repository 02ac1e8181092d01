package attrs

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestCaseInsensitiveUsername(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		state, plan types.String
		want        types.String
	}{
		"case only keeps state":  {types.StringValue("ann@example.com"), types.StringValue("Ann@Example.COM"), types.StringValue("ann@example.com")},
		"same value":             {types.StringValue("ann@example.com"), types.StringValue("ann@example.com"), types.StringValue("ann@example.com")},
		"other person":           {types.StringValue("ann@example.com"), types.StringValue("bob@example.com"), types.StringValue("bob@example.com")},
		"create":                 {types.StringNull(), types.StringValue("Ann@example.com"), types.StringValue("Ann@example.com")},
		"unknown plan":           {types.StringValue("ann@example.com"), types.StringUnknown(), types.StringUnknown()},
		"destroy (null plan)":    {types.StringValue("ann@example.com"), types.StringNull(), types.StringNull()},
		"similar but not folded": {types.StringValue("ann@example.com"), types.StringValue("ann@example.co"), types.StringValue("ann@example.co")},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			req := planmodifier.StringRequest{Path: path.Root("username"), StateValue: tc.state, PlanValue: tc.plan, ConfigValue: tc.plan}
			resp := &planmodifier.StringResponse{PlanValue: tc.plan}
			CaseInsensitiveUsername().PlanModifyString(context.Background(), req, resp)
			if !resp.PlanValue.Equal(tc.want) {
				t.Fatalf("planned %s, want %s", resp.PlanValue, tc.want)
			}
		})
	}
}
