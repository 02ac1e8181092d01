package validate

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// OneOfSuggesting is stringvalidator.OneOf that also names the allowed value
// closest to a wrong one, as the role validators do: a long enum (such as
// the ~75 privilege actions of a custom role) is hard to search for the
// upper-case FIND that "find" meant. what names the values in the message,
// e.g. "privilege action".
func OneOfSuggesting(what string, values ...string) validator.String {
	return oneOfSuggesting{what: what, values: values}
}

type oneOfSuggesting struct {
	what   string
	values []string
}

func (o oneOfSuggesting) Description(context.Context) string {
	return fmt.Sprintf("value must be one of: %s", quotedList(o.values))
}

func (o oneOfSuggesting) MarkdownDescription(ctx context.Context) string { return o.Description(ctx) }

func (o oneOfSuggesting) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	s := req.ConfigValue.ValueString()
	if slices.Contains(o.values, s) {
		return
	}
	didYouMean := ""
	if suggestion := Suggest(o.values, s); suggestion != "" {
		didYouMean = " Did you mean " + suggestion + "?"
	}
	resp.Diagnostics.AddAttributeError(req.Path, "Invalid Attribute Value Match",
		fmt.Sprintf("Attribute %s value must be one of the %ss, got: %q.%s Allowed values: %s.", req.Path, o.what, s, didYouMean, quotedList(o.values)))
}

// Suggest names the values of known closest to s, allowing a few wrong
// letters or a different letter case ("A" or "A or B" on a tie); "" when
// none is close.
func Suggest(known []string, s string) string {
	if suggestion := nearestOf(known, s); suggestion != "" {
		return suggestion
	}
	for _, c := range []string{strings.ToUpper(s), strings.ToLower(s)} {
		if c == s {
			continue
		}
		if suggestion := nearestOf(known, c); suggestion != "" {
			return suggestion
		}
	}
	return ""
}

func quotedList(values []string) string {
	q := make([]string, len(values))
	for i, v := range values {
		q[i] = fmt.Sprintf("%q", v)
	}
	return "[" + strings.Join(q, " ") + "]"
}
