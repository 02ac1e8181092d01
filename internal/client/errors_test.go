package client

import (
	"fmt"
	"net/http"
	"testing"
)

func TestIsPermissionDenied_missingRoleOrForbiddenOnly(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		err  error
		want bool
	}{
		"401 USER_UNAUTHORIZED (missing role)": {err: &APIError{StatusCode: http.StatusUnauthorized, ErrorCode: "USER_UNAUTHORIZED"}, want: true},
		"wrapped 401 USER_UNAUTHORIZED":        {err: &exhaustedError{attempts: 2, err: &APIError{StatusCode: http.StatusUnauthorized, ErrorCode: "USER_UNAUTHORIZED"}}, want: true},
		"403 with a code":                      {err: &APIError{StatusCode: http.StatusForbidden, ErrorCode: "IP_ADDRESS_NOT_ON_ACCESS_LIST"}, want: true},
		"403 without a code":                   {err: &APIError{StatusCode: http.StatusForbidden}, want: true},
		"401 INVALID_TOKEN (rejected token)":   {err: &APIError{StatusCode: http.StatusUnauthorized, ErrorCode: "INVALID_TOKEN"}, want: false},
		"401 without a code":                   {err: &APIError{StatusCode: http.StatusUnauthorized}, want: false},
		"404":                                  {err: &APIError{StatusCode: http.StatusNotFound, ErrorCode: "USER_UNAUTHORIZED"}, want: false},
		"not an API error":                     {err: fmt.Errorf("plain"), want: false},
		"nil":                                  {err: nil, want: false},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if got := IsPermissionDenied(tc.err); got != tc.want {
				t.Fatalf("IsPermissionDenied = %t, want %t", got, tc.want)
			}
		})
	}
}

func TestIsCallerNotOnAccessList_only403WithItsCode(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		err  error
		want bool
	}{
		"403 IP_ADDRESS_NOT_ON_ACCESS_LIST":         {err: &APIError{StatusCode: http.StatusForbidden, ErrorCode: "IP_ADDRESS_NOT_ON_ACCESS_LIST"}, want: true},
		"wrapped 403 IP_ADDRESS_NOT_ON_ACCESS_LIST": {err: fmt.Errorf("reading: %w", &APIError{StatusCode: http.StatusForbidden, ErrorCode: "IP_ADDRESS_NOT_ON_ACCESS_LIST"}), want: true},
		"403 with another code":                     {err: &APIError{StatusCode: http.StatusForbidden, ErrorCode: "ORG_REQUIRES_ACCESS_LIST"}, want: false},
		"401 USER_UNAUTHORIZED (missing role)":      {err: &APIError{StatusCode: http.StatusUnauthorized, ErrorCode: "USER_UNAUTHORIZED"}, want: false},
		"not an API error":                          {err: fmt.Errorf("IP_ADDRESS_NOT_ON_ACCESS_LIST"), want: false},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if got := IsCallerNotOnAccessList(tc.err); got != tc.want {
				t.Fatalf("IsCallerNotOnAccessList = %t, want %t", got, tc.want)
			}
		})
	}
}
