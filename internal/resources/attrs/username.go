package attrs

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
)

// CaseInsensitiveUsername is the plan modifier of a username attribute (an
// email address): see caseInsensitiveUsername.
func CaseInsensitiveUsername() planmodifier.String { return caseInsensitiveUsername{} }

// caseInsensitiveUsername keeps the username in state when the configuration
// differs from it only in letter case. Atlas usernames are email addresses,
// which Atlas compares without regard to case, so such a change is no change:
// without this, it would plan an update (or, with RequiresReplace, a new
// invitation). Terraform accepts a planned value equal to the prior state in
// place of the configured one for exactly this kind of normalisation.
type caseInsensitiveUsername struct{}

var _ planmodifier.String = caseInsensitiveUsername{}

func (caseInsensitiveUsername) Description(context.Context) string {
	return "A change of letter case only is not a change."
}

func (m caseInsensitiveUsername) MarkdownDescription(ctx context.Context) string {
	return m.Description(ctx)
}

func (caseInsensitiveUsername) PlanModifyString(_ context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if req.StateValue.IsNull() || req.StateValue.IsUnknown() || req.PlanValue.IsNull() || req.PlanValue.IsUnknown() {
		return
	}
	if strings.EqualFold(req.StateValue.ValueString(), req.PlanValue.ValueString()) {
		resp.PlanValue = req.StateValue
	}
}
