package client

import (
	"context"
	"errors"
	"fmt"
	"testing"
)

func TestMayHaveHappened(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		err  error
		want bool
	}{
		"success":                   {nil, false},
		"conflict, answered":        {&APIError{StatusCode: 409}, false},
		"bad request":               {&APIError{StatusCode: 400}, false},
		"not found":                 {&APIError{StatusCode: 404}, false},
		"rate limited":              {&APIError{StatusCode: 429}, false},
		"conflict after a lost one": {&afterUnansweredError{err: &APIError{StatusCode: 409}}, true},
		"ambiguous create":          {&ambiguousError{err: errors.New("reset")}, true},
		"server error":              {&exhaustedError{attempts: 3, err: &APIError{StatusCode: 500}}, true},
		"dropped connection":        {&requestError{method: "POST", path: "/x", err: errors.New("connection reset")}, true},
		"cancelled":                 {fmt.Errorf("stopped: %w", context.Canceled), true},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if got := MayHaveHappened(tc.err); got != tc.want {
				t.Fatalf("MayHaveHappened(%v) = %v, want %v", tc.err, got, tc.want)
			}
		})
	}
}
