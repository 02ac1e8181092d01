package databaseuser

import (
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/diags"
)

// A create that Atlas refuses for a reason the configuration can fix says,
// after Atlas's sentence, what to change.
func TestCreateErrorDetailSaysWhatToDo(t *testing.T) {
	t.Parallel()
	const projectID = "5f1e2d3c4b5a69788796a5b4"
	roles := []client.DatabaseUserRole{{RoleName: "read", DatabaseName: "orders"}, {RoleName: "orders-writer", DatabaseName: "admin"}}
	for name, tc := range map[string]struct {
		username string
		err      error
		want     []string
	}{
		"custom role that does not exist": {"app", &client.APIError{StatusCode: http.StatusBadRequest, ErrorCode: codeInvalidRole, Detail: "The specified role orders-writer@admin does not exist."},
			[]string{"ATLAS_INVALID_ROLE", "orders-writer@admin does not exist", "Role orders-writer is not a built-in role", "refer to it: role_name = atlasaccess_custom_db_role.<name>.role_name",
				"named by a string has no order", "declare the role with atlasaccess_custom_db_role", "fix role_name"}},
		"username of the wrong form": {"orders", &client.APIError{StatusCode: http.StatusBadRequest, ErrorCode: codeInvalidUsername, Detail: "The specified username orders is not valid for an Atlas database user."},
			[]string{"ATLAS_INVALID_USERNAME", `Username "orders" is not of the form`, "RFC 2253 distinguished name for x509_type", "Fix username"}},
		"ldap name": {"jane", &client.APIError{StatusCode: http.StatusBadRequest, ErrorCode: codeInvalidLDAPName, Detail: "The distinguished name specified in the username field, jane, is not valid according to RFC 2253."},
			[]string{"ATLAS_INVALID_LDAP_NAME", `Username "jane" must be the RFC 2253 distinguished name`, `as \,`, "Fix username"}},
		"users limit": {"app", &client.APIError{StatusCode: http.StatusBadRequest, ErrorCode: codeUsersLimit},
			[]string{"GROUP_USERS_LIMIT_EXCEEDED", "100 database users per project", "Remove a user"}},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got := diags.APIErrorDetail("Creating "+what(projectID, "admin", tc.username), tc.err, createHint(projectID, tc.username, roles, tc.err))
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

// The hint of a failed update names a missing custom role, and keeps the
// note about an unsure password rotation.
func TestUpdateHint(t *testing.T) {
	t.Parallel()
	roles := []client.DatabaseUserRole{{RoleName: "strrole7", DatabaseName: "admin"}}
	if got := updateHint("p", roles, &client.APIError{ErrorCode: codeInvalidRole}); !strings.Contains(got, "Role strrole7 is not a built-in role") ||
		!strings.Contains(got, "role_name = atlasaccess_custom_db_role.<name>.role_name") {
		t.Fatalf("updateHint(ATLAS_INVALID_ROLE) = %q; want it to name strrole7 and the reference to atlasaccess_custom_db_role", got)
	}
	for _, err := range []error{&client.APIError{ErrorCode: "UNEXPECTED_ERROR"}, errors.New("connection reset")} {
		if got := updateHint("p", roles, err); got != "" {
			t.Fatalf("updateHint(%v) = %q; want none", err, got)
		}
	}
}
