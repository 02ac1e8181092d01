package acctest

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

// RFC3339Regexp matches the start of an RFC 3339 timestamp, as Atlas
// writes created_at and expires_at.
var RFC3339Regexp = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d`)

// StringSet checks that a value is a set of exactly the given strings.
func StringSet(values ...string) knownvalue.Check {
	checks := make([]knownvalue.Check, len(values))
	for i, v := range values {
		checks[i] = knownvalue.StringExact(v)
	}
	return knownvalue.SetExact(checks)
}

// Attribute returns one attribute of the resource at address name in s, or
// "" when there is no such resource.
func Attribute(s *terraform.State, name, key string) string {
	rs, ok := s.RootModule().Resources[name]
	if !ok {
		return ""
	}
	return rs.Primary.Attributes[key]
}

// RecordAttribute keeps one attribute of the resource at address name in
// *dst, for later steps and CheckDestroy (client_id, user_id).
func RecordAttribute(name, key string, dst *string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		*dst = Attribute(s, name, key)
		return nil
	}
}

// Diagnostic matches the given phrases in order in Terraform's output,
// which wraps long diagnostics at any space.
func Diagnostic(phrases ...string) *regexp.Regexp {
	quoted := make([]string, len(phrases))
	for i, p := range phrases {
		quoted[i] = strings.Join(strings.Fields(regexp.QuoteMeta(p)), `\s+`)
	}
	return regexp.MustCompile(`(?s)` + strings.Join(quoted, `.*`))
}

// ExpectNotInProject checks that service account clientID is not in
// projectID: neither created there nor assigned to it.
func (e *Env) ExpectNotInProject(projectID, clientID string) error {
	_, err := e.Client.GetProjectServiceAccount(context.Background(), projectID, clientID)
	switch {
	case err == nil:
		return fmt.Errorf("service account %s still in project %s", clientID, projectID)
	case !client.IsNotFound(err):
		return fmt.Errorf("service account %s: cannot tell whether it is still in project %s: %w", clientID, projectID, err)
	}
	return nil
}

// ValuesNotIn returns the values of a that b does not hold, in a's order:
// what two lists of IDs or roles disagree on, for an error message.
func ValuesNotIn(a, b []string) []string {
	var out []string
	for _, v := range a {
		if !slices.Contains(b, v) {
			out = append(out, v)
		}
	}
	return out
}
