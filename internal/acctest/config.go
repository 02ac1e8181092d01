package acctest

import (
	"fmt"
	"slices"
	"strings"
)

// Resource types of the provider, as configurations spell them.
const (
	ServiceAccountType = "atlasaccess_project_service_account"
	AssignmentType     = "atlasaccess_project_service_account_assignment"
	UserInviteType     = "atlasaccess_project_user_invite"
)

// Attrs are the arguments of a resource block, by name. Resource writes a
// string quoted, a []string as a list of quoted strings, an int or a bool
// as itself, and an Expr verbatim.
type Attrs map[string]any

// Expr is an HCL expression written as it is: a reference such as
// atlasaccess_project_service_account.home.client_id, or a list.
type Expr string

// argumentOrder puts the arguments of a block in the order the examples
// use: meta-arguments, then what identifies the object, then the rest.
var argumentOrder = []string{
	"count", "for_each", "project_id", "client_id", "name", "username", "description", "roles",
	"secret_expires_after_hours", "keep_in_organization",
}

// Resource renders a resource block of type typ named label.
func Resource(typ, label string, attrs Attrs) string {
	names := make([]string, 0, len(attrs))
	width := 0
	for name := range attrs {
		names = append(names, name)
		width = max(width, len(name))
	}
	slices.SortFunc(names, func(a, b string) int {
		ra, rb := rank(a), rank(b)
		if ra != rb {
			return ra - rb
		}
		return strings.Compare(a, b)
	})
	var b strings.Builder
	fmt.Fprintf(&b, "\nresource %q %q {\n", typ, label)
	for _, name := range names {
		fmt.Fprintf(&b, "  %-*s = %s\n", width, name, hclValue(attrs[name]))
	}
	b.WriteString("}\n")
	return b.String()
}

func rank(name string) int {
	if i := slices.Index(argumentOrder, name); i >= 0 {
		return i
	}
	return len(argumentOrder)
}

func hclValue(v any) string {
	switch v := v.(type) {
	case Expr:
		return string(v)
	case string:
		return fmt.Sprintf("%q", v)
	case []string:
		quoted := make([]string, len(v))
		for i, s := range v {
			quoted[i] = fmt.Sprintf("%q", s)
		}
		return "[" + strings.Join(quoted, ", ") + "]"
	case int, float64, bool:
		return fmt.Sprint(v)
	default:
		panic(fmt.Sprintf("acctest.Resource: no HCL form for %T", v))
	}
}

// ProviderBlock is a provider block that signs in to baseURL with OAuth
// client credentials.
func ProviderBlock(baseURL, clientID, clientSecret string) string {
	return fmt.Sprintf(`
provider "atlasaccess" {
  base_url      = %q
  client_id     = %q
  client_secret = %q
  max_retries   = 8
}
`, baseURL, clientID, clientSecret)
}
