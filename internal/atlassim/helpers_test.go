package atlassim

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
)

// Media types used by the tests.
const (
	sa     = "application/vnd.atlas.2024-08-05+json"
	users  = "application/vnd.atlas.2025-02-19+json"
	v0201  = "application/vnd.atlas.2023-02-01+json"
	v0101  = "application/vnd.atlas.2023-01-01+json"
	latest = "application/vnd.atlas.2025-03-12+json"
)

// The contract: testdata/openapi.yaml is an excerpt of the official Atlas
// Admin API v2 OpenAPI spec (the paths of service accounts, project users and
// invitations, and every component they reference) with prose removed; see
// testdata/strip_openapi.py. It is committed, so tests need nothing outside
// the repository.
var (
	specOnce   sync.Once
	specDoc    *openapi3.T
	specErr    error
	specRoutes []specRoute
)

type specRoute struct {
	re    *regexp.Regexp
	names []string
	path  string
	item  *openapi3.PathItem
}

func loadSpec(t testing.TB) {
	t.Helper()
	specOnce.Do(func() {
		loader := openapi3.NewLoader()
		specDoc, specErr = loader.LoadFromFile("testdata/openapi.yaml")
		if specErr != nil {
			return
		}
		if specErr = specDoc.Validate(context.Background()); specErr != nil {
			return
		}
		applySchemaExceptions(specDoc)
		varRe := regexp.MustCompile(`\{[^}]+\}`)
		for path, item := range specDoc.Paths.Map() {
			var names []string
			expr := regexp.QuoteMeta(path)
			for _, m := range varRe.FindAllString(path, -1) {
				names = append(names, m[1:len(m)-1])
				// Paths are matched escaped: an access-list entry's "/" is
				// %2F, and only an IPv6 {ipAddress} and an AWS IAM ARN in
				// a database user's {username} hold colons.
				varExpr := `([^/:]+)`
				if m == "{ipAddress}" || m == "{username}" {
					varExpr = `([^/]+)`
				}
				expr = strings.Replace(expr, regexp.QuoteMeta(m), varExpr, 1)
			}
			specRoutes = append(specRoutes, specRoute{re: regexp.MustCompile("^" + expr + "$"), names: names, path: path, item: item})
		}
		// Longer templates first, so ".../{clientId}:invite" wins over ".../{clientId}".
		sort.Slice(specRoutes, func(i, j int) bool { return len(specRoutes[i].path) > len(specRoutes[j].path) })
	})
	if specErr != nil {
		t.Fatalf("load contract: %v", specErr)
	}
}

// contractTransport validates every response to an operation of the
// contract: a status the operation declares against the official schemas, any
// other status against the list of documented exceptions (contract_test.go).
type contractTransport struct {
	errorf    func(format string, args ...any)
	base      http.RoundTripper
	validated *atomic.Int64
	// seen, if set, records the statuses validated per operation.
	seen *seenStatuses
}

// seenStatuses records, per operation ("POST /api/atlas/v2/groups/{groupId}/users"),
// the statuses of the responses validated.
type seenStatuses struct {
	mu sync.Mutex
	m  map[string]map[int]bool
}

func (s *seenStatuses) add(op string, status int) {
	if s == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.m == nil {
		s.m = map[string]map[int]bool{}
	}
	if s.m[op] == nil {
		s.m[op] = map[int]bool{}
	}
	s.m[op][status] = true
}

func (s *seenStatuses) statuses(op string) map[int]bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.m[op]
}

func (ct *contractTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := ct.base.RoundTrip(req)
	if err != nil {
		return resp, err
	}
	body, rerr := io.ReadAll(resp.Body)
	resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(body))
	if rerr != nil {
		return nil, rerr
	}
	ct.validate(req, resp, body)
	return resp, nil
}

func (ct *contractTransport) validate(req *http.Request, resp *http.Response, body []byte) {
	if req.URL.Query().Get("envelope") == "true" || !strings.HasPrefix(req.URL.Path, apiPrefix) {
		return // enveloped bodies are not the declared schemas
	}
	for _, r := range specRoutes {
		m := r.re.FindStringSubmatch(req.URL.EscapedPath())
		if m == nil {
			continue
		}
		op := r.item.GetOperation(req.Method)
		if op == nil {
			return // not an operation of the contract: the simulator answers 405
		}
		opName := req.Method + " " + r.path
		if op.Responses.Status(resp.StatusCode) == nil {
			ct.validateException(opName, resp, body)
			ct.seen.add(opName, resp.StatusCode)
			ct.validated.Add(1)
			return
		}
		if bodyException(resp, body) {
			ct.validateAgainst(opName, resp, body, apiErrorWithoutCode())
			ct.seen.add(opName, resp.StatusCode)
			ct.validated.Add(1)
			return
		}
		params := map[string]string{}
		for i, n := range r.names {
			params[n] = m[i+1]
		}
		opts := &openapi3filter.Options{MultiError: true}
		in := &openapi3filter.ResponseValidationInput{
			RequestValidationInput: &openapi3filter.RequestValidationInput{
				Request: req, PathParams: params, Options: opts,
				Route: &routers.Route{Spec: specDoc, Path: r.path, PathItem: r.item, Method: req.Method, Operation: op},
			},
			Status: resp.StatusCode, Header: resp.Header, Options: opts,
		}
		in.SetBodyBytes(body)
		if err := openapi3filter.ValidateResponse(req.Context(), in); err != nil {
			ct.errorf("contract violation: %s %s -> %d %s\nbody: %s\n%v", req.Method, req.URL.Path, resp.StatusCode, resp.Header.Get("Content-Type"), body, err)
		}
		ct.seen.add(opName, resp.StatusCode)
		ct.validated.Add(1)
		return
	}
}

// env is one simulator behind an httptest server, with a bearer-token client
// whose responses are all checked against the contract.
type env struct {
	t         testing.TB
	srv       *Server
	ts        *httptest.Server
	fx        Fixtures
	token     string
	client    *http.Client
	validated *atomic.Int64
	seen      *seenStatuses
}

func newEnv(t testing.TB, opts Options) *env {
	t.Helper()
	loadSpec(t)
	srv, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	e := &env{t: t, srv: srv, ts: ts, fx: srv.Fixtures(), validated: &atomic.Int64{}, seen: &seenStatuses{}}
	e.client = &http.Client{Transport: e.transport(&http.Transport{})}
	e.token = e.getToken(e.fx.ClientID, e.fx.ClientSecret)
	return e
}

// transport wraps base with contract validation.
func (e *env) transport(base http.RoundTripper) http.RoundTripper {
	return &contractTransport{errorf: e.t.Errorf, base: base, validated: e.validated, seen: e.seen}
}

func (e *env) getToken(id, secret string) string {
	e.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, e.ts.URL+"/api/oauth/token", strings.NewReader("grant_type=client_credentials"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(id, secret)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	var out struct {
		AccessToken string `json:"access_token"`
	}
	if resp.StatusCode != http.StatusOK || json.NewDecoder(resp.Body).Decode(&out) != nil {
		e.t.Fatalf("token: status %d", resp.StatusCode)
	}
	return out.AccessToken
}

// response is a decoded answer.
type response struct {
	status int
	header http.Header
	body   []byte
}

func (r response) json(t testing.TB) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(r.body, &m); err != nil {
		t.Fatalf("decode %s: %v", r.body, err)
	}
	return m
}

func (r response) errorCode(t testing.TB) string {
	t.Helper()
	code, _ := r.json(t)["errorCode"].(string)
	return code
}

// call sends an API request (path below /api/atlas/v2) with the bearer token.
func (e *env) call(method, path, accept string, body any) response {
	e.t.Helper()
	return e.callWith(e.client, "Bearer "+e.token, method, path, accept, body)
}

func (e *env) callWith(c *http.Client, auth, method, path, accept string, body any) response {
	e.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	default:
		data, err := json.Marshal(b)
		if err != nil {
			e.t.Fatal(err)
		}
		rd = bytes.NewReader(data)
	}
	req, err := http.NewRequest(method, e.ts.URL+apiPrefix+path, rd)
	if err != nil {
		e.t.Fatal(err)
	}
	if accept != "" {
		req.Header.Set("Accept", accept)
	}
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	resp, err := c.Do(req)
	if err != nil {
		e.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	return response{status: resp.StatusCode, header: resp.Header, body: data}
}

// mustStatus fails the test unless the answer has the wanted status.
func mustStatus(t testing.TB, r response, want int) {
	t.Helper()
	if r.status != want {
		t.Fatalf("status %d, want %d; body %s", r.status, want, r.body)
	}
}

// createSA creates a project service account and returns its decoded body.
func (e *env) createSA(groupID, name string, roles ...string) map[string]any {
	e.t.Helper()
	if len(roles) == 0 {
		roles = []string{"GROUP_READ_ONLY"}
	}
	r := e.call("POST", "/groups/"+groupID+"/serviceAccounts", sa, map[string]any{
		"name": name, "description": "made by a test", "roles": roles, "secretExpiresAfterHours": 24,
	})
	mustStatus(e.t, r, http.StatusCreated)
	return r.json(e.t)
}

func query(kv ...string) string {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Add(kv[i], kv[i+1])
	}
	return "?" + v.Encode()
}

// admin sends an unauthenticated request to a /__atlassim/ test hook and
// returns the status and body.
func (e *env) admin(method, path, body string) (int, string) {
	e.t.Helper()
	req, err := http.NewRequest(method, e.ts.URL+path, strings.NewReader(body))
	if err != nil {
		e.t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(data)
}

// firstSecret is the plaintext of the secret in an account's create answer.
func firstSecret(created map[string]any) string {
	return created["secrets"].([]any)[0].(map[string]any)["secret"].(string)
}
