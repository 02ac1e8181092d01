package acctest

import (
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// ListBlock is a list block of a .tfquery.hcl file for typ, labelled label,
// with the config arguments config (HCL values, as Resource writes them) and
// block arguments such as limit and include_resource (extra).
func ListBlock(typ, label string, config Attrs, extra map[string]string) string {
	body := Resource(typ, label, config)
	body = strings.TrimPrefix(body, fmt.Sprintf("\nresource %q %q {\n", typ, label))
	body = strings.TrimSuffix(body, "}\n")
	var b strings.Builder
	fmt.Fprintf(&b, "\nlist %q %q {\n  provider = %s\n", typ, label, ProviderSource)
	keys := make([]string, 0, len(extra))
	for k := range extra {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(&b, "  %s = %s\n", k, extra[k])
	}
	b.WriteString("  config {\n")
	for _, line := range strings.Split(strings.TrimSuffix(body, "\n"), "\n") {
		if line != "" {
			b.WriteString("  " + line + "\n")
		}
	}
	b.WriteString("  }\n}\n")
	return b.String()
}

// QueryTestCase runs each configuration of list blocks as a query step
// (terraform query, Terraform 1.14+). It skips on an older Terraform, or
// fails where CI asks for a current one.
func QueryTestCase(steps ...resource.TestStep) resource.TestCase {
	for i := range steps {
		steps[i].Query = true
	}
	return resource.TestCase{
		TerraformVersionChecks: []tfversion.TerraformVersionCheck{NeedsTerraform(TerraformQuery)},
		Steps:                  steps,
	}
}
