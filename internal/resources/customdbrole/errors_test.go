package customdbrole

import (
	"net/http"
	"strings"
	"testing"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/diags"
)

// A role that inherits a role that does not exist fails with Atlas's
// sentence and then what to change.
func TestWriteErrorDetailSaysWhatToDo(t *testing.T) {
	t.Parallel()
	const projectID = "5f1e2d3c4b5a69788796a5b4"
	for name, tc := range map[string]struct {
		err  error
		want []string
	}{
		"inherited role that does not exist": {&client.APIError{StatusCode: http.StatusBadRequest, ErrorCode: codeInvalidInheritance, Detail: "One or more of the specified inherited roles do not exist."},
			[]string{"ATLAS_INVALID_CUSTOM_ROLE_INHERITANCE", "do not exist.", "inherited_roles", "declare it with atlasaccess_custom_db_role", ".role_name", "fix role_name"}},
		"other error": {&client.APIError{StatusCode: http.StatusBadRequest, ErrorCode: "DUPLICATE_ACTIONS"}, nil},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			hint := writeHint(projectID, tc.err)
			if tc.want == nil {
				if hint != "" {
					t.Fatalf("writeHint = %q; want none", hint)
				}
				return
			}
			got := diags.APIErrorDetail("Creating "+what(projectID, "orders-writer"), tc.err, hint)
			at := 0
			for _, w := range tc.want {
				i := strings.Index(got[at:], w)
				if i < 0 {
					t.Fatalf("detail lacks %q after position %d:\n%s", w, at, got)
				}
				at += i + len(w)
			}
		})
	}
}
