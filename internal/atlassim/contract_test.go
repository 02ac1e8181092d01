package atlassim

import (
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/http"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
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
		"undeclared status":     {"/groups/" + g + "/serviceAccounts", fixedResponse{418, "application/json", `{"error":418,"errorCode":"TEAPOT"}`}, false},
		"listed 406":            {"/groups/" + g + "/serviceAccounts", fixedResponse{406, "application/json", `{"error":406,"errorCode":"INVALID_VERSION_DATE","detail":"Invalid accept header or version date.","parameters":[]}`}, true},
		"406 other code":        {"/groups/" + g + "/serviceAccounts", fixedResponse{406, "application/json", `{"error":406,"errorCode":"NOT_ACCEPTABLE"}`}, false},
		"digest 401 no code":    {"/groups/" + g + "/serviceAccounts", fixedResponse{401, "application/json", `{"error":401,"reason":"Unauthorized","detail":"You are not authorized for this resource.","parameters":[]}`}, true},
		"other 401 no code":     {"/groups/" + g + "/serviceAccounts", fixedResponse{401, "application/json", `{"error":401,"detail":"Go away."}`}, false},
		"scalar parameters":     {"/groups/" + g + "/serviceAccounts", fixedResponse{429, "application/json", `{"error":429,"errorCode":"RATE_LIMITED_TOKEN_BUCKET","parameters":["api/atlas/v2/orgs",55,10,5,60]}`}, true},
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

// Where the simulator departs from the letter of the contract, each departure
// is listed here with its source. Anything not listed fails the contract
// check: a status an operation does not declare, or a body its schema
// refuses.

// schemaException is a change made to the loaded spec before any check.
type schemaException struct {
	what, source string
	apply        func(*openapi3.T)
}

var schemaExceptions = []schemaException{{
	what: "ApiError.parameters holds scalars, not only objects",
	source: "docs: Atlas's rate-limit page shows a 429 body with " +
		`"parameters":["api/atlas/v2/orgs",55,10,5,60]; the spec types its items as objects`,
	apply: func(doc *openapi3.T) {
		doc.Components.Schemas["ApiError"].Value.Properties["parameters"].Value.Items = openapi3.NewSchemaRef("", &openapi3.Schema{})
	},
}, {
	what: "CloudDatabaseUser.groupId is answered, although the spec marks it writeOnly",
	source: "observed: Atlas's answer to PATCH .../databaseUsers/{databaseName}/{username} quoted in " +
		"mongodb/mongodb-atlas-cli#2378 carries \"groupId\"",
	apply: func(doc *openapi3.T) {
		doc.Components.Schemas["CloudDatabaseUser"].Value.Properties["groupId"].Value.WriteOnly = false
	},
}, {
	what:   "CloudAppUser.password is not answered, although the spec lists it as required",
	source: `spec: CloudAppUser.password "MongoDB Cloud does not return this parameter except in response to creating a new MongoDB Cloud user"`,
	apply: func(doc *openapi3.T) {
		s := doc.Components.Schemas["CloudAppUser"].Value
		s.Required = slices.DeleteFunc(slices.Clone(s.Required), func(f string) bool { return f == "password" })
	},
}, {
	what: "CloudAppUser.mobileNumber's pattern is not checked",
	source: `spec: the pattern is escaped twice ("\\s*", "\\+?"), so as a regular expression it asks for ` +
		"literal backslashes that no phone number has",
	apply: func(doc *openapi3.T) {
		doc.Components.Schemas["CloudAppUser"].Value.Properties["mobileNumber"].Value.Pattern = ""
	},
}, {
	what: "DatabaseUserRole.roleName may be a custom role's name",
	source: `spec: the enum's last value is the placeholder "<a custom role name>" and the description says ` +
		`"This value can either be a built-in role or a custom role"`,
	apply: func(doc *openapi3.T) {
		doc.Components.Schemas["DatabaseUserRole"].Value.Properties["roleName"].Value.Enum = nil
	},
}}

func applySchemaExceptions(doc *openapi3.T) {
	for _, e := range schemaExceptions {
		e.apply(doc)
	}
}

// apiErrorWithoutCode is ApiError without errorCode required, for the
// digest 401 (see bodyException).
var apiErrorWithoutCode = func() *openapi3.Schema {
	s := *specDoc.Components.Schemas["ApiError"].Value
	s.Required = []string{"error"}
	return &s
}

// bodyException reports a declared status whose body departs from the
// declared schema in a documented way: observed, a failed digest
// authentication answers 401 {"error":401,"reason":"Unauthorized","detail":
// "You are not authorized for this resource."} with no errorCode, which the
// spec's ApiError requires.
func bodyException(resp *http.Response, body []byte) bool {
	if resp.StatusCode != http.StatusUnauthorized {
		return false
	}
	var m map[string]any
	if json.Unmarshal(body, &m) != nil {
		return false
	}
	_, hasCode := m["errorCode"]
	return !hasCode && m["detail"] == unauthorizedDetail
}

// statusException is a status an operation answers although the spec does
// not declare it there. op is "METHOD /spec/path", or "" for every
// operation; codes are the errorCodes it may carry.
type statusException struct {
	op     string
	status int
	codes  []string
	source string
}

const invitePath = "POST " + apiPrefix + "/groups/{groupId}/serviceAccounts/{clientId}:invite"

var statusExceptions = []statusException{
	{"", http.StatusNotAcceptable, []string{"INVALID_VERSION_DATE"},
		`observed: an Accept header naming no version of the operation is answered 406 INVALID_VERSION_DATE "Invalid accept header or version date."`},
	{"", http.StatusBadRequest, []string{"INVALID_PATH_PARAMETER"},
		"spec: every path parameter has a pattern (groupId, orgId, userId ^([a-f0-9]{24})$, clientId ^mdb_sa_id_...); " +
			"operations that declare no 400 cannot serve a path outside it either (inference: 400 as #/components/responses/badRequest)"},
	{"", http.StatusBadRequest, []string{"INVALID_QUERY_PARAMETER"},
		"spec: #/components/parameters/itemsPerPage (1 to 500) and pageNum (at least 1); the list operations declare no 400 " +
			"(inference: 400 as #/components/responses/badRequest)"},
	{invitePath, http.StatusBadRequest, []string{"INVALID_ATTRIBUTE", "MISSING_ATTRIBUTE", "INVALID_JSON_ATTRIBUTE", "INVALID_JSON"},
		"spec: :invite requires the body GroupServiceAccountRoleAssignment (roles, minItems 1) but declares no 400; observed: Atlas's per-attribute codes for a bad body"},
	{invitePath, http.StatusConflict, []string{"SERVICE_ACCOUNT_ALREADY_IN_GROUP"},
		"simulator's choice (Options.InviteExistingAccount 409, the default) for an account already in the project; the spec lists no 409 for :invite"},
	{"", http.StatusBadGateway, []string{"BAD_GATEWAY"}, "injected fault (Options.Faults 502): a gateway in front of Atlas; the spec declares no 502"},
	{"", http.StatusServiceUnavailable, []string{"SERVICE_UNAVAILABLE"}, "injected fault (Options.Faults 503); #/components/responses/serviceUnavailable exists but these operations do not reference it"},
	{"", http.StatusGatewayTimeout, []string{"GATEWAY_TIMEOUT"}, "injected fault (Options.Faults 504): a gateway in front of Atlas; the spec declares no 504"},
}

// validateException checks a response with a status the operation does not
// declare: it must be a listed exception, and its body an ApiError.
func (ct *contractTransport) validateException(op string, resp *http.Response, body []byte) {
	var e struct {
		ErrorCode string `json:"errorCode"`
	}
	_ = json.Unmarshal(body, &e)
	for _, x := range statusExceptions {
		if (x.op == "" || x.op == op) && x.status == resp.StatusCode && slices.Contains(x.codes, e.ErrorCode) {
			ct.validateAgainst(op, resp, body, specDoc.Components.Schemas["ApiError"].Value)
			return
		}
	}
	ct.errorf("contract violation: %s answered %d %s, a status the spec does not declare for it and no listed exception covers\nbody: %s", op, resp.StatusCode, e.ErrorCode, body)
}

// validateAgainst checks an application/json error body against schema.
func (ct *contractTransport) validateAgainst(op string, resp *http.Response, body []byte, schema *openapi3.Schema) {
	if ctype := resp.Header.Get("Content-Type"); ctype != "application/json" {
		ct.errorf("contract violation: %s -> %d with Content-Type %q, want application/json", op, resp.StatusCode, ctype)
	}
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		ct.errorf("contract violation: %s -> %d body is not JSON: %s", op, resp.StatusCode, body)
		return
	}
	if err := schema.VisitJSON(v, openapi3.MultiErrors()); err != nil {
		ct.errorf("contract violation: %s -> %d\nbody: %s\n%v", op, resp.StatusCode, body, err)
	}
}

// providerOperations are the operations the provider calls (internal/client:
// service_accounts.go and project_users.go), by spec path.
var providerOperations = []string{
	"GET " + apiPrefix + "/groups/{groupId}",
	"GET " + apiPrefix + "/groups/{groupId}/serviceAccounts",
	"POST " + apiPrefix + "/groups/{groupId}/serviceAccounts",
	"GET " + apiPrefix + "/groups/{groupId}/serviceAccounts/{clientId}",
	"PATCH " + apiPrefix + "/groups/{groupId}/serviceAccounts/{clientId}",
	"DELETE " + apiPrefix + "/groups/{groupId}/serviceAccounts/{clientId}",
	invitePath,
	"POST " + apiPrefix + "/groups/{groupId}/serviceAccounts/{clientId}/secrets",
	"DELETE " + apiPrefix + "/groups/{groupId}/serviceAccounts/{clientId}/secrets/{secretId}",
	"GET " + apiPrefix + "/orgs/{orgId}/serviceAccounts",
	"POST " + apiPrefix + "/orgs/{orgId}/serviceAccounts",
	"GET " + apiPrefix + "/orgs/{orgId}/serviceAccounts/{clientId}",
	"PATCH " + apiPrefix + "/orgs/{orgId}/serviceAccounts/{clientId}",
	"DELETE " + apiPrefix + "/orgs/{orgId}/serviceAccounts/{clientId}",
	"GET " + apiPrefix + "/orgs/{orgId}/serviceAccounts/{clientId}/groups",
	"GET " + apiPrefix + "/groups/{groupId}/serviceAccounts/{clientId}/accessList",
	"POST " + apiPrefix + "/groups/{groupId}/serviceAccounts/{clientId}/accessList",
	"DELETE " + apiPrefix + "/groups/{groupId}/serviceAccounts/{clientId}/accessList/{ipAddress}",
	"GET " + apiPrefix + "/orgs/{orgId}/serviceAccounts/{clientId}/accessList",
	"POST " + apiPrefix + "/orgs/{orgId}/serviceAccounts/{clientId}/accessList",
	"DELETE " + apiPrefix + "/orgs/{orgId}/serviceAccounts/{clientId}/accessList/{ipAddress}",
	"GET " + apiPrefix + "/groups/{groupId}/users",
	"POST " + apiPrefix + "/groups/{groupId}/users",
	"GET " + apiPrefix + "/groups/{groupId}/users/{userId}",
	"DELETE " + apiPrefix + "/groups/{groupId}/users/{userId}",
	"POST " + apiPrefix + "/groups/{groupId}/users/{userId}:addRole",
	"POST " + apiPrefix + "/groups/{groupId}/users/{userId}:removeRole",
}

// TestContract_everyProviderOperation sends every operation the provider
// calls, in success and in the errors it can meet (bad input, unknown
// object, conflict, bad Accept, rate limit, server error, rejected
// credentials), and checks each answer against the contract: its status is
// one the operation declares or a listed exception, and its body matches.
func TestContract_everyProviderOperation(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{Seed: 51, InviteRateLimit: 1, InviteRateWindow: time.Hour})
	g, g2, org := e.fx.ProjectID, e.fx.Project2ID, e.fx.OrgID
	const noGroup = "0123456789abcdef01234567"
	const noAccount = "mdb_sa_id_0123456789abcdef01234567"
	id := e.createSA(g, "contract")["clientId"].(string)
	victim := e.createSA(g, "victim")["clientId"].(string)
	sec := e.call("POST", "/groups/"+g+"/serviceAccounts/"+id+"/secrets", sa, map[string]any{"secretExpiresAfterHours": 8})
	mustStatus(t, sec, 201)
	secretID := sec.json(t)["id"].(string)
	user := e.call("POST", "/groups/"+g+"/users", users, map[string]any{"username": "contract@example.com", "roles": []string{"GROUP_READ_ONLY"}})
	mustStatus(t, user, 201)
	uid := user.json(t)["id"].(string)
	role := map[string]any{"groupRole": "GROUP_OWNER"}

	type call struct {
		method, path, accept string
		body                 any
		status               int
	}
	calls := []call{
		{"GET", "/groups/" + g, v0101, nil, 200},
		{"GET", "/groups/" + noGroup, v0101, nil, 404},
		{"GET", "/groups/" + g + "/serviceAccounts", sa, nil, 200},
		{"GET", "/groups/" + g + "/serviceAccounts?itemsPerPage=0", sa, nil, 400},
		{"GET", "/groups/" + noGroup + "/serviceAccounts", sa, nil, 404},
		{"POST", "/groups/" + g + "/serviceAccounts", sa, map[string]any{"name": "x"}, 400},
		{"POST", "/groups/" + noGroup + "/serviceAccounts", sa, map[string]any{"name": "n", "description": "d", "roles": []string{"GROUP_OWNER"}, "secretExpiresAfterHours": 8}, 404},
		{"GET", "/groups/" + g + "/serviceAccounts/" + id, sa, nil, 200},
		{"GET", "/groups/" + g + "/serviceAccounts/" + noAccount, sa, nil, 404},
		{"PATCH", "/groups/" + g + "/serviceAccounts/" + id, sa, map[string]any{"roles": []string{"GROUP_OWNER"}}, 200},
		{"PATCH", "/groups/" + g + "/serviceAccounts/" + id, sa, map[string]any{"roles": "GROUP_OWNER"}, 400},
		{"PATCH", "/groups/" + g + "/serviceAccounts/" + noAccount, sa, map[string]any{"name": "n"}, 404},
		{"POST", "/groups/" + g2 + "/serviceAccounts/" + id + ":invite", sa, map[string]any{"roles": []string{"GROUP_READ_ONLY"}}, 200},
		{"POST", "/groups/" + g2 + "/serviceAccounts/" + id + ":invite", sa, map[string]any{"roles": []string{"GROUP_READ_ONLY"}}, 409},
		{"POST", "/groups/" + g2 + "/serviceAccounts/" + id + ":invite", sa, map[string]any{}, 400},
		{"POST", "/groups/" + g2 + "/serviceAccounts/" + noAccount + ":invite", sa, map[string]any{"roles": []string{"GROUP_READ_ONLY"}}, 404},
		{"POST", "/groups/" + g + "/serviceAccounts/" + id + "/secrets", sa, map[string]any{"secretExpiresAfterHours": 8}, 201},
		{"POST", "/groups/" + g + "/serviceAccounts/" + id + "/secrets", sa, map[string]any{"secretExpiresAfterHours": 1}, 400},
		{"POST", "/groups/" + g + "/serviceAccounts/" + noAccount + "/secrets", sa, map[string]any{"secretExpiresAfterHours": 8}, 404},
		{"DELETE", "/groups/" + g + "/serviceAccounts/" + id + "/secrets/" + secretID, sa, nil, 204},
		{"DELETE", "/groups/" + g + "/serviceAccounts/" + id + "/secrets/" + secretID, sa, nil, 404},
		{"DELETE", "/groups/" + g + "/serviceAccounts/" + id + "/secrets/nope", sa, nil, 400},
		{"GET", "/orgs/" + org + "/serviceAccounts", sa, nil, 200},
		{"GET", "/orgs/" + org + "/serviceAccounts?pageNum=0", sa, nil, 400},
		{"GET", "/orgs/" + noGroup + "/serviceAccounts", sa, nil, 404},
		{"POST", "/orgs/" + org + "/serviceAccounts", sa, map[string]any{"name": "o", "description": "d", "roles": []string{"ORG_MEMBER"}, "secretExpiresAfterHours": 8}, 201},
		{"POST", "/orgs/" + org + "/serviceAccounts", sa, map[string]any{"name": "o", "description": "d", "roles": []string{"GROUP_OWNER"}, "secretExpiresAfterHours": 8}, 400},
		{"POST", "/orgs/" + noGroup + "/serviceAccounts", sa, map[string]any{"name": "o", "description": "d", "roles": []string{"ORG_MEMBER"}, "secretExpiresAfterHours": 8}, 404},
		{"PATCH", "/orgs/" + org + "/serviceAccounts/" + id, sa, map[string]any{"name": "renamed", "roles": []string{"ORG_READ_ONLY"}}, 200},
		{"PATCH", "/orgs/" + org + "/serviceAccounts/" + id, sa, map[string]any{"roles": []string{"ORG_NOBODY"}}, 400},
		{"PATCH", "/orgs/" + org + "/serviceAccounts/" + noAccount, sa, map[string]any{"name": "n"}, 404},
		{"GET", "/orgs/" + org + "/serviceAccounts/" + id, sa, nil, 200},
		{"GET", "/orgs/" + org + "/serviceAccounts/" + noAccount, sa, nil, 404},
		{"GET", "/orgs/" + org + "/serviceAccounts/" + id + "/groups", sa, nil, 200},
		{"GET", "/orgs/" + org + "/serviceAccounts/" + noAccount + "/groups", sa, nil, 404},
		{"POST", "/groups/" + g + "/serviceAccounts/" + id + "/accessList", sa, []map[string]any{{"cidrBlock": "10.0.0.0/8"}, {"ipAddress": "2001:db8:0:0:0:0:0:1"}}, 200},
		{"POST", "/groups/" + g + "/serviceAccounts/" + id + "/accessList", sa, []map[string]any{{"cidrBlock": "10.0.0.0/8"}}, 409},
		{"POST", "/groups/" + g + "/serviceAccounts/" + id + "/accessList", sa, []map[string]any{{"cidrBlock": "10.0.0.0/99"}}, 400},
		{"POST", "/groups/" + g + "/serviceAccounts/" + noAccount + "/accessList", sa, []map[string]any{{"cidrBlock": "10.0.0.0/8"}}, 404},
		{"GET", "/groups/" + g + "/serviceAccounts/" + id + "/accessList?includeCount=false", sa, nil, 200},
		{"GET", "/groups/" + g + "/serviceAccounts/" + noAccount + "/accessList", sa, nil, 404},
		{"POST", "/orgs/" + org + "/serviceAccounts/" + id + "/accessList", sa, []map[string]any{{"cidrBlock": "192.168.0.0/16"}, {"cidrBlock": "2001:db8::/32"}}, 200},
		{"POST", "/orgs/" + org + "/serviceAccounts/" + id + "/accessList", sa, []map[string]any{{}}, 400},
		{"POST", "/orgs/" + org + "/serviceAccounts/" + id + "/accessList", sa, []map[string]any{{"cidrBlock": "2001:db8:0:0:0:0:0:1/128"}}, 409},
		{"POST", "/orgs/" + org + "/serviceAccounts/" + noAccount + "/accessList", sa, []map[string]any{{"cidrBlock": "10.0.0.0/8"}}, 404},
		{"GET", "/orgs/" + org + "/serviceAccounts/" + id + "/accessList", sa, nil, 200},
		{"GET", "/orgs/" + org + "/serviceAccounts/" + noAccount + "/accessList", sa, nil, 404},
		{"DELETE", "/groups/" + g + "/serviceAccounts/" + id + "/accessList/10.0.0.0%2F8", sa, nil, 204},
		{"DELETE", "/groups/" + g + "/serviceAccounts/" + id + "/accessList/10.0.0.0%2F8", sa, nil, 404},
		{"DELETE", "/groups/" + g + "/serviceAccounts/" + id + "/accessList/nowhere", sa, nil, 400},
		{"DELETE", "/orgs/" + org + "/serviceAccounts/" + id + "/accessList/2001:db8::%2F32", sa, nil, 204},
		{"DELETE", "/orgs/" + org + "/serviceAccounts/" + id + "/accessList/2001:db8::%2F32", sa, nil, 404},
		{"DELETE", "/orgs/" + org + "/serviceAccounts/" + id + "/accessList/10.0.0.300", sa, nil, 400},
		{"DELETE", "/groups/" + g2 + "/serviceAccounts/" + id, sa, nil, 204},
		{"DELETE", "/groups/" + g2 + "/serviceAccounts/" + id, sa, nil, 404},
		{"DELETE", "/orgs/" + org + "/serviceAccounts/" + victim, sa, nil, 204},
		{"DELETE", "/orgs/" + org + "/serviceAccounts/" + victim, sa, nil, 404},
		{"GET", "/groups/" + g + "/users", users, nil, 200},
		{"GET", "/groups/" + g + "/users?itemsPerPage=501", users, nil, 400},
		{"POST", "/groups/" + g + "/users", users, map[string]any{"username": "contract@example.com", "roles": []string{"GROUP_READ_ONLY"}}, 409},
		{"POST", "/groups/" + g + "/users", users, map[string]any{"username": "nope"}, 400},
		{"POST", "/groups/" + g + "/users", users, map[string]any{"username": "limited@example.com", "roles": []string{"GROUP_READ_ONLY"}}, 400},
		{"GET", "/groups/" + g + "/users/" + uid, users, nil, 200},
		{"GET", "/groups/" + g + "/users/" + noGroup, users, nil, 404},
		{"POST", "/groups/" + g + "/users/" + uid + ":addRole", users, role, 200},
		{"POST", "/groups/" + g + "/users/" + uid + ":addRole", users, map[string]any{}, 400},
		{"POST", "/groups/" + g + "/users/" + noGroup + ":addRole", users, role, 404},
		{"POST", "/groups/" + g + "/users/" + uid + ":removeRole", users, role, 200},
		{"POST", "/groups/" + g + "/users/" + uid + ":removeRole", users, map[string]any{"groupRole": "GROUP_READ_ONLY"}, 400},
		{"POST", "/groups/" + g + "/users/" + noGroup + ":removeRole", users, role, 404},
		{"DELETE", "/groups/" + g + "/users/" + uid, users, nil, 204},
		{"DELETE", "/groups/" + g + "/users/" + uid, users, nil, 404},
	}
	for _, c := range calls {
		mustStatus(t, e.call(c.method, c.path, c.accept, c.body), c.status)
	}
	// Errors every operation can meet: a bad Accept, a rate limit, a server
	// error, rejected credentials. The paths are those of the calls above.
	if err := e.srv.SetFaults("429=1"); err != nil {
		t.Fatal(err)
	}
	for _, c := range calls {
		mustStatus(t, e.call(c.method, c.path, c.accept, c.body), 429)
	}
	if err := e.srv.SetFaults("500=1"); err != nil {
		t.Fatal(err)
	}
	for _, c := range calls {
		mustStatus(t, e.call(c.method, c.path, c.accept, c.body), 500)
	}
	if err := e.srv.SetFaults(""); err != nil {
		t.Fatal(err)
	}
	for _, c := range calls {
		mustStatus(t, e.call(c.method, c.path, "application/json", c.body), 406)
		mustStatus(t, e.callWith(e.client, "Bearer nope", c.method, c.path, c.accept, c.body), 401)
	}

	for _, op := range providerOperations {
		seen := e.seen.statuses(op)
		var ok, failed bool
		for s := range seen {
			ok = ok || s < 300
			failed = failed || s >= 400
		}
		if !ok || !failed || !seen[401] || !seen[406] || !seen[429] || !seen[500] {
			t.Errorf("%s: checked statuses %v; want a success, its own errors and 401, 406, 429, 500", op, slices.Sorted(maps.Keys(seen)))
		}
	}
}
