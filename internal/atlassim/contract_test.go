package atlassim

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
)

// fixedResponse answers every request with one canned response.
type fixedResponse struct {
	status int
	ctype  string
	body   string
}

func (f fixedResponse) RoundTrip(req *http.Request) (*http.Response, error) {
	h := http.Header{}
	h.Set("Content-Type", f.ctype)
	return &http.Response{StatusCode: f.status, Header: h, Body: io.NopCloser(strings.NewReader(f.body)), Request: req}, nil
}

// TestContract_validatorCatchesViolations proves the contract check used by
// every other test is not vacuous, including on the polymorphic user schema.
func TestContract_validatorCatchesViolations(t *testing.T) {
	t.Parallel()
	loadSpec(t)
	const g = "0123456789abcdef01234567"
	const uid = "0123456789abcdef01234568"
	pending := `{"id":"` + uid + `","orgMembershipStatus":"PENDING","roles":["GROUP_OWNER"],"username":"a@example.com","invitationCreatedAt":"2025-01-01T00:00:00Z","invitationExpiresAt":"2025-01-31T00:00:00Z","inviterUsername":"b@example.com"}`
	active := `{"id":"` + uid + `","orgMembershipStatus":"ACTIVE","roles":["GROUP_OWNER"],"username":"a@example.com","createdAt":"2025-01-01T00:00:00Z","firstName":"A","lastName":"B"}`
	tests := map[string]struct {
		path  string
		resp  fixedResponse
		valid bool
	}{
		"pending user":          {"/groups/" + g + "/users/" + uid, fixedResponse{200, users, pending}, true},
		"active user":           {"/groups/" + g + "/users/" + uid, fixedResponse{200, users, active}, true},
		"active without names":  {"/groups/" + g + "/users/" + uid, fixedResponse{200, users, strings.Replace(active, `,"firstName":"A","lastName":"B"`, "", 1)}, false},
		"bad status enum":       {"/groups/" + g + "/users/" + uid, fixedResponse{200, users, strings.Replace(pending, "PENDING", "WAITING", 1)}, false},
		"account bad client id": {"/groups/" + g + "/serviceAccounts/mdb_sa_id_0123456789abcdef01234567", fixedResponse{200, sa, `{"clientId":"nope","roles":[],"secrets":[]}`}, false},
		"wrong media type":      {"/groups/" + g + "/serviceAccounts/mdb_sa_id_0123456789abcdef01234567", fixedResponse{200, users, `{}`}, false},
		"api error ok":          {"/groups/" + g + "/serviceAccounts", fixedResponse{404, "application/json", `{"error":404,"errorCode":"GROUP_NOT_FOUND"}`}, true},
		"api error no code":     {"/groups/" + g + "/serviceAccounts", fixedResponse{404, "application/json", `{"error":404}`}, false},
		"list without results":  {"/groups/" + g + "/serviceAccounts", fixedResponse{200, sa, `{"totalCount":0}`}, false},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			var errs []string
			ct := &contractTransport{
				errorf:    func(f string, a ...any) { errs = append(errs, fmt.Sprintf(f, a...)) },
				base:      tc.resp,
				validated: &atomic.Int64{},
			}
			req, _ := http.NewRequest(http.MethodGet, "http://sim"+apiPrefix+tc.path, nil)
			resp, err := ct.RoundTrip(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if ct.validated.Load() != 1 {
				t.Fatal("response not validated")
			}
			if (len(errs) == 0) != tc.valid {
				t.Fatalf("valid=%v, errors: %v", tc.valid, errs)
			}
		})
	}
}
