package listing

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/list"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

// TestFail_notFoundSaysWhichArgumentToCheck: a list block naming an owner
// Atlas does not know fails with what to check, by Atlas's errorCode; other
// failures quote Atlas without that advice.
func TestFail_notFoundSaysWhichArgumentToCheck(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		err     error
		want    []string
		notWant string
	}{
		"unknown project": {
			err:  &client.APIError{StatusCode: http.StatusNotFound, ErrorCode: "GROUP_NOT_FOUND", Detail: "No group with ID 0123456789abcdef01234567 exists."},
			want: []string{"GROUP_NOT_FOUND", "Check the list block's project_id"},
		},
		"unknown organization": {
			err:  &client.APIError{StatusCode: http.StatusNotFound, ErrorCode: "ORG_NOT_FOUND"},
			want: []string{"ORG_NOT_FOUND", "Check the list block's org_id"},
		},
		"unknown account": {
			err:  &client.APIError{StatusCode: http.StatusNotFound, ErrorCode: "SERVICE_ACCOUNT_NOT_FOUND"},
			want: []string{"Check the list block's client_id"},
		},
		"other not found": {
			err:  &client.APIError{StatusCode: http.StatusNotFound, ErrorCode: "RESOURCE_NOT_FOUND"},
			want: []string{"Check the IDs in the list block's config"},
		},
		"server error": {
			err:     &client.APIError{StatusCode: http.StatusInternalServerError, ErrorCode: "UNEXPECTED_ERROR"},
			want:    []string{"UNEXPECTED_ERROR"},
			notWant: "Check",
		},
		"not an API error": {
			err:     fmt.Errorf("connection reset"),
			want:    []string{"connection reset"},
			notWant: "Check",
		},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var stream list.ListResultsStream
			Fail(&stream, "Error Listing Project Teams", "Listing the teams of project 0123456789abcdef01234567", c.err)
			var details []string
			for r := range stream.Results {
				for _, d := range r.Diagnostics {
					if d.Summary() != "Error Listing Project Teams" {
						t.Errorf("summary = %q", d.Summary())
					}
					details = append(details, d.Detail())
				}
			}
			if len(details) != 1 {
				t.Fatalf("got %d diagnostics; want 1", len(details))
			}
			for _, w := range c.want {
				if !strings.Contains(details[0], w) {
					t.Errorf("detail lacks %q: %s", w, details[0])
				}
			}
			if c.notWant != "" && strings.Contains(details[0], c.notWant) {
				t.Errorf("detail says %q: %s", c.notWant, details[0])
			}
		})
	}
}
