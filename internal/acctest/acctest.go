// Package acctest runs the Terraform-driven tests of every resource against
// an in-process atlassim simulator, or against real Atlas when
// ATLASACCESS_ACC_REAL=1 and real credentials are set.
package acctest

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/atlassim"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/provider"
)

// Environment variables of the real-Atlas mode.
const (
	EnvReal        = "ATLASACCESS_ACC_REAL"
	EnvProjectID   = "ATLASACCESS_ACC_PROJECT_ID"
	EnvProject2ID  = "ATLASACCESS_ACC_PROJECT2_ID"
	EnvOrgMember   = "ATLASACCESS_ACC_ORG_MEMBER"
	ProviderSource = "atlasaccess"
)

// Env is where one test runs: the project IDs to use, a client for
// out-of-band changes, and the simulator when there is one.
type Env struct {
	OrgID, ProjectID, Project2ID string
	// OrgMember is the email of a user active in the organization and in none of its projects.
	OrgMember string
	// Sim is the in-process simulator; nil against real Atlas.
	Sim *atlassim.Server
	// Client talks to the same API as the provider, for out-of-band changes.
	Client *client.Client
	// BaseURL is the API's base URL.
	BaseURL string

	providerBlock string
	// servers makes the provider servers of this test and, when the test
	// ends, closes what their providers configured.
	servers *provider.Servers
}

// Real reports whether the tests run against real Atlas.
func Real() bool { return os.Getenv(EnvReal) == "1" }

// New prepares an Env for t: a fresh simulator (configured by opts), or real
// Atlas. Against the simulator the tests need nothing but Go and terraform,
// so they run under plain go test; against real Atlas they also need TF_ACC,
// as every acceptance test does. It fails the test when terraform is
// missing, so that CI can never pass by skipping every Terraform-driven test.
func New(t *testing.T, opts ...func(*atlassim.Options)) *Env {
	t.Helper()
	requireTerraform(t)
	if Real() {
		if os.Getenv("TF_ACC") == "" {
			t.Skip("real-Atlas acceptance test: set TF_ACC=1 (make testacc-atlas does)")
		}
		return newReal(t)
	}
	// Each terraform command configures a new provider, which signs in
	// afresh: Atlas's token limit (which the simulator models by default)
	// would only slow these tests down. The e2e tests exercise the limit.
	o := atlassim.Options{Seed: 1, TokenRateLimit: -1}
	for _, f := range opts {
		f(&o)
	}
	sim, err := atlassim.New(o)
	if err != nil {
		t.Fatalf("starting simulator: %v", err)
	}
	srv := httptest.NewServer(sim)
	t.Cleanup(srv.Close)
	fx := sim.Fixtures()
	c, err := client.New(client.Config{
		BaseURL: srv.URL, ClientID: fx.ClientID, ClientSecret: fx.ClientSecret,
		MaxRetries: 5, MinBackoff: 10 * time.Millisecond, MaxBackoff: 200 * time.Millisecond,
		UserAgent: "atlasaccess-acctest",
	})
	if err != nil {
		t.Fatalf("building client: %v", err)
	}
	return &Env{
		OrgID: fx.OrgID, ProjectID: fx.ProjectID, Project2ID: fx.Project2ID, OrgMember: fx.OrgMember,
		Sim: sim, Client: c, BaseURL: srv.URL,
		providerBlock: ProviderBlock(srv.URL, fx.ClientID, fx.ClientSecret),
		servers:       newServers(t),
	}
}

// newServers returns the provider servers of test t, closed when t ends
// (before the simulator stops), as main.go closes them when Terraform stops
// the plugin: the OAuth tokens the test's providers fetched are revoked, and
// nothing they configured outlives the test.
func newServers(t *testing.T) *provider.Servers {
	t.Helper()
	servers := provider.NewServers("acctest")
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), provider.RevokeTimeout)
		defer cancel()
		if err := servers.Close(ctx); err != nil {
			t.Logf("revoking the OAuth tokens of the test's providers: %v", err)
		}
	})
	return servers
}

// ProviderFactories serves a fresh provider of this Env to each Terraform
// command; what the providers configure is closed when the test ends.
func (e *Env) ProviderFactories() map[string]func() (tfprotov6.ProviderServer, error) {
	return map[string]func() (tfprotov6.ProviderServer, error){ProviderSource: e.servers.New}
}

func newReal(t *testing.T) *Env {
	t.Helper()
	var missing []string
	get := func(name string) string {
		v := os.Getenv(name)
		if v == "" {
			missing = append(missing, name)
		}
		return v
	}
	projectID, project2ID, member := get(EnvProjectID), get(EnvProject2ID), get(EnvOrgMember)
	cfg := client.Config{
		BaseURL:      firstNonEmpty(os.Getenv(provider.EnvBaseURL), provider.DefaultBaseURL),
		ClientID:     os.Getenv(provider.EnvClientID),
		ClientSecret: os.Getenv(provider.EnvClientSecret),
		MaxRetries:   5,
		UserAgent:    "atlasaccess-acctest",
	}
	if cfg.ClientID == "" || cfg.ClientSecret == "" {
		missing = append(missing, provider.EnvClientID, provider.EnvClientSecret)
	}
	if len(missing) > 0 {
		t.Skipf("real-Atlas acceptance test skipped: set %s (and %s=1)", strings.Join(missing, ", "), EnvReal)
	}
	c, err := client.New(cfg)
	if err != nil {
		t.Fatalf("building client: %v", err)
	}
	p, err := c.GetProject(t.Context(), projectID)
	if err != nil {
		t.Fatalf("reading project %s: %v", projectID, err)
	}
	return &Env{OrgID: p.OrgID, ProjectID: projectID, Project2ID: project2ID, OrgMember: member, Client: c, BaseURL: cfg.BaseURL,
		providerBlock: "\nprovider \"atlasaccess\" {}\n", servers: newServers(t)}
}

// Run runs a Terraform-driven test case: as a unit test against the
// simulator (plain go test runs it), as an acceptance test against real Atlas.
func (e *Env) Run(t *testing.T, tc resource.TestCase) {
	t.Helper()
	if tc.ProtoV6ProviderFactories == nil {
		tc.ProtoV6ProviderFactories = e.ProviderFactories()
	}
	if e.Sim != nil {
		resource.UnitTest(t, tc)
		return
	}
	resource.Test(t, tc)
}

// Config prefixes body with the provider block of this Env.
func (e *Env) Config(body string) string { return e.providerBlock + body }

// RequireSim skips t when it needs the simulator (admin operations, fault
// injection or request counting) and runs against real Atlas.
func (e *Env) RequireSim(t *testing.T) {
	t.Helper()
	if e.Sim == nil {
		t.Skip("needs the simulator: it inspects or steers the API in ways real Atlas does not allow")
	}
}

// WriteRequests counts the requests that could change something (anything but
// GET and the token endpoint) made to the simulator so far.
func (e *Env) WriteRequests() []atlassim.RequestRecord {
	if e.Sim == nil {
		return nil
	}
	var out []atlassim.RequestRecord
	for _, r := range e.Sim.Requests() {
		if r.Method != http.MethodGet && !strings.HasPrefix(r.Path, "/api/oauth/") {
			out = append(out, r)
		}
	}
	return out
}

func requireTerraform(t *testing.T) {
	t.Helper()
	p := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if p == "" {
		if found, err := exec.LookPath("terraform"); err == nil {
			p = found
		}
	}
	if p == "" {
		t.Fatal("terraform CLI not found: put terraform on PATH or set TF_ACC_TERRAFORM_PATH; these tests must not be skipped")
	}
	// os.Setenv, not t.Setenv: the tests run in parallel, and the value is
	// the same for all of them.
	_ = os.Setenv("TF_ACC_TERRAFORM_PATH", p)
}

func firstNonEmpty(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}

// PlanFailure is a configuration that must fail at validate or plan with an
// error matching Want (which should name the attribute and the allowed form).
type PlanFailure struct {
	Config string
	Want   *regexp.Regexp
}

// TestPlanFailures runs each configuration as a plan-only step, then checks
// that the simulator saw no request at all: bad input must be caught before
// anything reaches Atlas. The check runs after the test case, because the
// testing framework skips CheckDestroy when nothing was created.
func (e *Env) TestPlanFailures(t *testing.T, cases map[string]PlanFailure) {
	t.Helper()
	e.RequireSim(t)
	steps := make([]resource.TestStep, 0, len(cases))
	for name, c := range cases {
		steps = append(steps, resource.TestStep{
			PreConfig:   func() { t.Logf("invalid input: %s", name) },
			Config:      c.Config,
			PlanOnly:    true,
			ExpectError: c.Want,
		})
	}
	e.Run(t, resource.TestCase{Steps: steps})
	if reqs := e.Sim.Requests(); len(reqs) != 0 {
		t.Errorf("invalid configurations sent %d requests to Atlas, first %s %s; want none", len(reqs), reqs[0].Method, reqs[0].Path)
	}
}
