package validate

import (
	"context"
	"math/big"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestHours(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		value types.Number
		want  string // "" for valid
	}{
		"lowest":          {types.NumberValue(big.NewFloat(8)), ""},
		"highest":         {types.NumberValue(big.NewFloat(8760)), ""},
		"fractional":      {types.NumberValue(big.NewFloat(24.5)), "got: 24.5"},
		"too few":         {types.NumberValue(big.NewFloat(7)), "got: 7"},
		"too many":        {types.NumberValue(big.NewFloat(8761)), "got: 8761"},
		"negative":        {types.NumberValue(big.NewFloat(-24)), "got: -24"},
		"beyond int64":    {types.NumberValue(new(big.Float).SetFloat64(1e30)), "got: 1e+30"},
		"null is skipped": {types.NumberNull(), ""},
		"unknown skipped": {types.NumberUnknown(), ""},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var resp validator.NumberResponse
			Hours(8, 8760).ValidateNumber(context.Background(), validator.NumberRequest{Path: path.Root("secret_expires_after_hours"), ConfigValue: tc.value}, &resp)
			if tc.want == "" {
				if resp.Diagnostics.HasError() {
					t.Fatalf("unexpected error: %v", resp.Diagnostics)
				}
				return
			}
			if !resp.Diagnostics.HasError() {
				t.Fatal("no error")
			}
			detail := resp.Diagnostics[0].Detail()
			for _, part := range []string{"secret_expires_after_hours", "value must be between 8 and 8760, a whole number of hours", tc.want} {
				if !strings.Contains(detail, part) {
					t.Errorf("detail %q does not contain %q", detail, part)
				}
			}
		})
	}
}
