package serviceaccount

import (
	"context"
	"errors"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

// orgReader answers orgRolesOf's lookup of the project's organization.
type orgReader struct {
	reader
	orgErr error
}

func (f orgReader) ProjectOrgID(context.Context, string) (string, error) { return "o", f.orgErr }

// Organization roles come from one list of the organization; credentials
// that may not read it still get the project's accounts, with a warning,
// while any other failure fails the read.
func TestOrgRolesOf(t *testing.T) {
	t.Parallel()
	denied := &client.APIError{StatusCode: 401, ErrorCode: "USER_UNAUTHORIZED"}
	server := &client.APIError{StatusCode: 500, ErrorCode: "UNEXPECTED_ERROR"}
	listed := []client.OrgServiceAccount{{ClientID: "a", Roles: []string{"ORG_MEMBER"}}, {ClientID: "b", Roles: []string{"ORG_READ_ONLY"}}}
	cases := map[string]struct {
		orgErr, listErr       error
		wantRoles             map[string]int
		wantWarning, wantFail bool
	}{
		"listed":                     {wantRoles: map[string]int{"a": 1, "b": 1}},
		"listing denied":             {listErr: denied, wantWarning: true},
		"organization lookup denied": {orgErr: denied, wantWarning: true},
		"listing fails":              {listErr: server, wantFail: true},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var d diag.Diagnostics
			calls := 0
			got := orgRolesOf(context.Background(), orgReader{orgErr: tc.orgErr}, "p", func(orgID string) ([]client.OrgServiceAccount, error) {
				calls++
				if orgID != "o" {
					return nil, errors.New("wrong organization " + orgID)
				}
				return listed, tc.listErr
			}, &d)
			if d.HasError() != tc.wantFail || (d.WarningsCount() > 0) != tc.wantWarning {
				t.Fatalf("diagnostics %v; want error %v, warning %v", d, tc.wantFail, tc.wantWarning)
			}
			if len(got) != len(tc.wantRoles) {
				t.Fatalf("roles %v, want accounts %v", got, tc.wantRoles)
			}
			for id, n := range tc.wantRoles {
				if len(got[id]) != n {
					t.Fatalf("roles of %s = %v", id, got[id])
				}
			}
			if calls > 1 {
				t.Fatalf("%d list calls; want at most one for all the accounts", calls)
			}
		})
	}
}
