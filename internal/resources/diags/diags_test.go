package diags

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/safeops"
)

func TestAPIErrorDetail(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		err  error
		hint string
		want []string
		not  []string
	}{
		"api error with code, detail and fields": {
			err: fmt.Errorf("wrapped: %w", &client.APIError{StatusCode: 400, ErrorCode: "VALIDATION_ERROR", Detail: "Request body is invalid.",
				BadRequestDetail: &client.BadRequestDetail{Fields: []client.FieldViolation{{Field: "name", Description: "too long"}}}}),
			want: []string{"Creating x: Atlas answered HTTP 400 with error code VALIDATION_ERROR: Request body is invalid.\n  - name: too long"},
			not:  []string{".."},
		},
		"a caller outside the access list is told so, not that it lacks a role": {
			err: fmt.Errorf("wrapped: %w", &client.APIError{StatusCode: 403, ErrorCode: "IP_ADDRESS_NOT_ON_ACCESS_LIST",
				Detail: "IP address 192.0.2.7 is not allowed to access this resource."}),
			want: []string{"HTTP 403 with error code IP_ADDRESS_NOT_ON_ACCESS_LIST: IP address 192.0.2.7 is not allowed to access this resource.",
				"outside the API access list of the service account (or API key) the provider signs in as", "Organization Owner"},
			not: []string{"lack the Atlas role"},
		},
		"a caller outside the access list keeps that hint before the caller's own": {
			err:  &client.APIError{StatusCode: 403, ErrorCode: "IP_ADDRESS_NOT_ON_ACCESS_LIST"},
			hint: "Nothing was deleted.",
			want: []string{"outside the API access list", "Organization Owner", "\n\nNothing was deleted."},
			not:  []string{"lack the Atlas role"},
		},
		"another 403 gets the role hint": {
			err:  &client.APIError{StatusCode: 403, ErrorCode: "SOME_OTHER_DENIAL"},
			want: []string{"HTTP 403 with error code SOME_OTHER_DENIAL.", "lack the Atlas role"},
			not:  []string{"outside the API access list"},
		},
		"a missing role, as Atlas answers it, is not a credentials problem": {
			err:  &client.APIError{StatusCode: 401, ErrorCode: "USER_UNAUTHORIZED", Detail: "Current user is not authorized to perform this action."},
			want: []string{"HTTP 401 with error code USER_UNAUTHORIZED", "were accepted but lack the Atlas role"},
			not:  []string{"were not accepted"},
		},
		"an API version Atlas no longer serves": {
			err:  &client.APIError{StatusCode: 406, ErrorCode: "INVALID_VERSION_DATE", Detail: "Invalid accept header or version date."},
			want: []string{"HTTP 406 with error code INVALID_VERSION_DATE", "Upgrade the atlasaccess provider"},
		},
		"a rejected credential": {
			err:  &client.APIError{StatusCode: 401},
			want: []string{"HTTP 401", "they were not accepted"},
		},
		"server error says state is safe": {
			err:  &client.APIError{StatusCode: 500, ErrorCode: "UNEXPECTED_ERROR", Detail: "boom"},
			want: []string{"UNEXPECTED_ERROR: boom.", "Run the same command again later"},
		},
		"the secret limit says what fills the slots, once": {
			err: &client.APIError{StatusCode: 400, ErrorCode: "SERVICE_ACCOUNT_SECRET_LIMIT_EXCEEDED",
				Detail: "Service Account mdb_sa_id_1 already has the maximum of 2 secrets. Delete a secret before creating another."},
			want: []string{"SERVICE_ACCOUNT_SECRET_LIMIT_EXCEEDED", "Expired secrets still fill a slot", "keep_initial_secret = true", "keep_initial_secret = false"},
		},
		"explicit hint wins": {
			err:  &client.APIError{StatusCode: 404, ErrorCode: "GROUP_NOT_FOUND"},
			hint: "Check the project ID.",
			want: []string{"GROUP_NOT_FOUND.\n\nCheck the project ID."},
		},
		"plain error": {
			err:  errors.New("dial tcp: connection refused"),
			want: []string{"Creating x: dial tcp: connection refused."},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got := APIErrorDetail("Creating x", tc.err, tc.hint)
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("detail %q does not contain %q", got, w)
				}
			}
			for _, n := range tc.not {
				if strings.Contains(got, n) {
					t.Errorf("detail %q contains %q", got, n)
				}
			}
		})
	}
}

func TestAPIErrorDetail_namesTheSettingToFix(t *testing.T) {
	t.Parallel()
	refused, err := client.New(client.Config{BaseURL: "http://127.0.0.1:1", AccessToken: "t", MaxRetries: 1})
	if err != nil {
		t.Fatal(err)
	}
	_, callErr := refused.GetProject(context.Background(), "32b6e34b3d91647abb20e7b8")
	if callErr == nil {
		t.Fatal("a request to a closed port succeeded")
	}
	got := APIErrorDetail("Reading x", callErr, "")
	for _, want := range []string{"base_url", "MONGODB_ATLAS_BASE_URL"} {
		if !strings.Contains(got, want) {
			t.Errorf("detail %q does not name %q", got, want)
		}
	}
}

// The Terraform command that starts afresh is written here, not by safeops:
// only a degradation that left no known secret gets it.
func TestDegradationDetail(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		d    safeops.Degradation
		want string
	}{
		"an account without a known secret can be replaced": {
			d: safeops.Degradation{Detail: "Service account x was created, but no secret was issued.", NoKnownSecret: true},
			want: "Service account x was created, but no secret was issued. It is kept in state. Create a new secret in Atlas, " +
				"or replace the resource to start afresh:\n\n  terraform apply -replace=atlasaccess_service_account.<name>",
		},
		"any other degradation is said as it is": {
			d:    safeops.Degradation{Detail: "Its first secret could not be deleted: delete it in Atlas."},
			want: "Its first secret could not be deleted: delete it in Atlas.",
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if got := DegradationDetail(tc.d, "atlasaccess_service_account"); got != tc.want {
				t.Fatalf("got %q\nwant %q", got, tc.want)
			}
		})
	}
}
