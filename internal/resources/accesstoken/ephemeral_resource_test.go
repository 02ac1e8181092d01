package accesstoken

import (
	"context"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/atlassim"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/providerdata"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/accesstoken/opentokens"
)

// These tests drive the ephemeral resource through the plugin protocol, as
// Terraform does (Open, then Close with the private data Open returned),
// against an in-process simulator, with the provider's client signed in by
// API key so that every token the simulator issues is one the resource
// asked for.

// fixture is a simulator, a provider server whose configured client talks
// to it, the record of open tokens that server uses, and a service account
// with one secret.
type fixture struct {
	sim      *atlassim.Server
	url      string
	admin    *client.Client
	server   tfprotov6.ProviderServer
	tokens   *opentokens.Record
	clientID string
	secret   string
	secretID string
}

func newFixture(t *testing.T, secretHours int) *fixture {
	t.Helper()
	sim, err := atlassim.New(atlassim.Options{Seed: 7, TokenRateLimit: -1})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(sim)
	t.Cleanup(srv.Close)
	fx := sim.Fixtures()
	admin, err := client.New(client.Config{BaseURL: srv.URL, PublicKey: fx.PublicKey, PrivateKey: fx.PrivateKey, MaxRetries: 1,
		MinBackoff: time.Millisecond, MaxBackoff: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	sa, err := admin.CreateProjectServiceAccount(t.Context(), fx.ProjectID, client.CreateServiceAccountRequest{
		Name: "deployer", Description: "Signs in with an ephemeral token", Roles: []string{"GROUP_READ_ONLY"}, SecretExpiresAfterHours: secretHours})
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{sim: sim, url: srv.URL, admin: admin, tokens: &opentokens.Record{},
		clientID: sa.ClientID, secret: sa.Secrets[0].Secret, secretID: sa.Secrets[0].ID}
	f.server = providerserver.NewProtocol6(&testProvider{client: admin, tokens: f.tokens})()
	resp, err := f.server.ConfigureProvider(t.Context(), &tfprotov6.ConfigureProviderRequest{
		Config: dynamicValue(t, tftypes.Object{AttributeTypes: map[string]tftypes.Type{}}, map[string]tftypes.Value{}),
	})
	if err != nil || len(resp.Diagnostics) > 0 {
		t.Fatalf("configuring the provider: %v %v", err, resp.Diagnostics)
	}
	return f
}

// testProvider serves only the ephemeral resource, handing it the client
// and a record of open tokens as the real provider does.
type testProvider struct {
	client *client.Client
	tokens *opentokens.Record
}

func (p *testProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "atlasaccess"
}
func (p *testProvider) Schema(context.Context, provider.SchemaRequest, *provider.SchemaResponse) {}
func (p *testProvider) Configure(_ context.Context, _ provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	resp.EphemeralResourceData = &providerdata.Data{Client: p.client, OpenTokens: p.tokens}
}
func (p *testProvider) Resources(context.Context) []func() resource.Resource       { return nil }
func (p *testProvider) DataSources(context.Context) []func() datasource.DataSource { return nil }
func (p *testProvider) EphemeralResources(context.Context) []func() ephemeral.EphemeralResource {
	return []func() ephemeral.EphemeralResource{NewEphemeralResource}
}

func dynamicValue(t *testing.T, typ tftypes.Type, attrs map[string]tftypes.Value) *tfprotov6.DynamicValue {
	t.Helper()
	dv, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, attrs))
	if err != nil {
		t.Fatal(err)
	}
	return &dv
}

func objectType(t *testing.T) tftypes.Object {
	t.Helper()
	typ, ok := ephemeralSchema().Type().TerraformType(t.Context()).(tftypes.Object)
	if !ok {
		t.Fatal("the schema is not an object")
	}
	return typ
}

// config is the configuration of one token; revoke is nil when
// revoke_on_close is left out.
func (f *fixture) config(t *testing.T, clientID, secret string, revoke *bool) *tfprotov6.DynamicValue {
	t.Helper()
	var r any
	if revoke != nil {
		r = *revoke
	}
	return dynamicValue(t, objectType(t), map[string]tftypes.Value{
		"client_id":       tftypes.NewValue(tftypes.String, clientID),
		"client_secret":   tftypes.NewValue(tftypes.String, secret),
		"revoke_on_close": tftypes.NewValue(tftypes.Bool, r),
		"access_token":    tftypes.NewValue(tftypes.String, nil),
		"expires_at":      tftypes.NewValue(tftypes.String, nil),
	})
}

type opened struct {
	token, expiresAt string
	private          []byte
	diags            []*tfprotov6.Diagnostic
}

func (f *fixture) open(t *testing.T, clientID, secret string, revoke *bool) opened {
	t.Helper()
	resp, err := f.server.OpenEphemeralResource(t.Context(), &tfprotov6.OpenEphemeralResourceRequest{
		TypeName: typeName, Config: f.config(t, clientID, secret, revoke)})
	if err != nil {
		t.Fatal(err)
	}
	out := opened{private: resp.Private, diags: resp.Diagnostics}
	if resp.Result == nil {
		return out
	}
	v, err := resp.Result.Unmarshal(objectType(t))
	if err != nil {
		t.Fatal(err)
	}
	var attrs map[string]tftypes.Value
	if err := v.As(&attrs); err != nil {
		t.Fatal(err)
	}
	_ = attrs["access_token"].As(&out.token)
	_ = attrs["expires_at"].As(&out.expiresAt)
	return out
}

func (f *fixture) close(t *testing.T, private []byte) []*tfprotov6.Diagnostic {
	t.Helper()
	resp, err := f.server.CloseEphemeralResource(t.Context(), &tfprotov6.CloseEphemeralResourceRequest{TypeName: typeName, Private: private})
	if err != nil {
		t.Fatal(err)
	}
	return resp.Diagnostics
}

// signsIn reports whether Atlas accepts token for a read of the project.
func (f *fixture) signsIn(t *testing.T, token string) bool {
	t.Helper()
	c, err := client.New(client.Config{BaseURL: f.url, AccessToken: token, MaxRetries: 0})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.GetProject(t.Context(), f.sim.Fixtures().ProjectID)
	if err != nil && !client.IsAccessTokenRejected(err) {
		t.Fatalf("reading the project with the token: %v", err)
	}
	return err == nil
}

func diagText(ds []*tfprotov6.Diagnostic) string {
	var b strings.Builder
	for _, d := range ds {
		b.WriteString(d.Summary + ": " + d.Detail + "\n")
	}
	return b.String()
}

func TestAccessToken_openIssuesATokenOfTheAccountAndCloseRevokesIt(t *testing.T) {
	t.Parallel()
	f := newFixture(t, 24)
	o := f.open(t, f.clientID, f.secret, nil)
	if len(o.diags) > 0 {
		t.Fatalf("open: %s", diagText(o.diags))
	}
	if issued := f.sim.IssuedTokens(); len(issued) != 1 || issued[0] != o.token {
		t.Fatalf("the result's access_token is not the one token the simulator issued (%d issued)", len(issued))
	}
	if !f.signsIn(t, o.token) {
		t.Fatal("Atlas refuses the token Open returned")
	}
	exp, err := time.Parse(time.RFC3339, o.expiresAt)
	if err != nil {
		t.Fatalf("expires_at %q is not RFC 3339: %v", o.expiresAt, err)
	}
	if now := f.sim.Now(); !exp.After(now) || exp.After(now.Add(time.Hour)) {
		t.Errorf("expires_at %s is not within the simulator's one-hour token lifetime from %s", exp, now)
	}
	for what, v := range map[string]string{"the secret": f.secret, "the token": o.token} {
		if strings.Contains(string(o.private), v) {
			t.Errorf("the private data Terraform keeps holds %s", what)
		}
	}
	if f.tokens.Len() != 1 {
		t.Fatalf("%d tokens recorded as open, want 1", f.tokens.Len())
	}

	if ds := f.close(t, o.private); len(ds) > 0 {
		t.Fatalf("close: %s", diagText(ds))
	}
	if !slices.Contains(f.sim.RevokedTokens(), o.token) {
		t.Error("Close did not revoke the token at Atlas")
	}
	if f.signsIn(t, o.token) {
		t.Error("Atlas still accepts the token after Close")
	}
	if f.tokens.Len() != 0 {
		t.Errorf("%d tokens still recorded as open after Close", f.tokens.Len())
	}
	// Terraform closes an instance once; a second Close finds nothing to
	// revoke and says so instead of failing.
	if ds := f.close(t, o.private); len(ds) != 1 || ds[0].Severity != tfprotov6.DiagnosticSeverityWarning {
		t.Errorf("a second Close: %s", diagText(ds))
	}
}

func TestAccessToken_revokeOnCloseFalseLeavesTheTokenValid(t *testing.T) {
	t.Parallel()
	f := newFixture(t, 24)
	no := false
	o := f.open(t, f.clientID, f.secret, &no)
	if len(o.diags) > 0 {
		t.Fatalf("open: %s", diagText(o.diags))
	}
	if f.tokens.Len() != 0 {
		t.Error("a token that is not to be revoked was recorded with its secret")
	}
	if ds := f.close(t, o.private); len(ds) > 0 {
		t.Fatalf("close: %s", diagText(ds))
	}
	if len(f.sim.RevokedTokens()) != 0 || !f.signsIn(t, o.token) {
		t.Error("Close revoked a token opened with revoke_on_close = false")
	}
}

// Every way Atlas can refuse the credentials gives one error, on
// client_secret, that names the client ID and says what to do, and never
// the secret.
func TestAccessToken_refusedCredentialsNameTheClientID(t *testing.T) {
	t.Parallel()
	cases := map[string]func(f *fixture) (clientID, secret string){
		"wrong secret": func(f *fixture) (string, string) {
			return f.clientID, "mdb_sa_sk_" + strings.Repeat("x", 40)
		},
		"expired secret": func(f *fixture) (string, string) {
			f.sim.SetClockOffset(9 * time.Hour) // past the 8-hour secret
			return f.clientID, f.secret
		},
		"deleted secret": func(f *fixture) (string, string) {
			if err := f.admin.DeleteProjectServiceAccountSecret(context.Background(), f.sim.Fixtures().ProjectID, f.clientID, f.secretID); err != nil {
				panic(err)
			}
			return f.clientID, f.secret
		},
		"unknown account": func(f *fixture) (string, string) {
			return "mdb_sa_id_" + strings.Repeat("0", 24), f.secret
		},
	}
	for name, setup := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f := newFixture(t, 8)
			clientID, secret := setup(f)
			o := f.open(t, clientID, secret, nil)
			if len(o.diags) != 1 {
				t.Fatalf("want one diagnostic, got: %s", diagText(o.diags))
			}
			d := o.diags[0]
			if d.Severity != tfprotov6.DiagnosticSeverityError || d.Summary != "Service Account Credentials Rejected" {
				t.Errorf("diagnostic %q (%v), want the error Service Account Credentials Rejected", d.Summary, d.Severity)
			}
			if d.Attribute == nil || d.Attribute.String() != tftypes.NewAttributePath().WithAttributeName("client_secret").String() {
				t.Errorf("diagnostic on %v, want client_secret", d.Attribute)
			}
			for _, want := range []string{clientID, "expired", "current secret"} {
				if !strings.Contains(d.Detail, want) {
					t.Errorf("detail lacks %q: %s", want, d.Detail)
				}
			}
			if strings.Contains(d.Summary+d.Detail, secret) {
				t.Error("the diagnostic shows the secret")
			}
			if len(f.sim.IssuedTokens()) != 0 || f.tokens.Len() != 0 {
				t.Error("a refused exchange left a token behind")
			}
		})
	}
}

// When the secret is deleted while the token is open, Close cannot revoke
// it: a warning says how long the token stays valid; the run does not fail.
func TestAccessToken_closeWarnsWhenTheTokenCannotBeRevoked(t *testing.T) {
	t.Parallel()
	f := newFixture(t, 24)
	o := f.open(t, f.clientID, f.secret, nil)
	if len(o.diags) > 0 {
		t.Fatalf("open: %s", diagText(o.diags))
	}
	if err := f.admin.DeleteProjectServiceAccountSecret(t.Context(), f.sim.Fixtures().ProjectID, f.clientID, f.secretID); err != nil {
		t.Fatal(err)
	}
	ds := f.close(t, o.private)
	if len(ds) != 1 || ds[0].Severity != tfprotov6.DiagnosticSeverityWarning || ds[0].Summary != "Access Token Not Revoked" {
		t.Fatalf("want one warning Access Token Not Revoked, got: %s", diagText(ds))
	}
	for _, want := range []string{f.clientID, o.expiresAt} {
		if !strings.Contains(ds[0].Detail, want) {
			t.Errorf("warning lacks %q: %s", want, ds[0].Detail)
		}
	}
	if strings.Contains(ds[0].Detail, f.secret) || strings.Contains(ds[0].Detail, o.token) {
		t.Error("the warning shows the secret or the token")
	}
}

// A Close whose handle this process does not hold (Terraform always closes
// through the process that opened; this guards the assumption) warns with
// the client ID and expiry from the private data.
func TestAccessToken_closeOfATokenOpenedElsewhereWarns(t *testing.T) {
	t.Parallel()
	f := newFixture(t, 24)
	o := f.open(t, f.clientID, f.secret, nil)
	if len(o.diags) > 0 {
		t.Fatalf("open: %s", diagText(o.diags))
	}
	*f.tokens = opentokens.Record{} // as a process other than the one that opened it
	ds := f.close(t, o.private)
	if len(ds) != 1 || ds[0].Severity != tfprotov6.DiagnosticSeverityWarning {
		t.Fatalf("want one warning, got: %s", diagText(ds))
	}
	for _, want := range []string{f.clientID, o.expiresAt, "not revoked"} {
		if !strings.Contains(ds[0].Detail, want) {
			t.Errorf("warning lacks %q: %s", want, ds[0].Detail)
		}
	}
}

func TestAccessToken_validatesClientID(t *testing.T) {
	t.Parallel()
	f := newFixture(t, 24)
	resp, err := f.server.ValidateEphemeralResourceConfig(t.Context(), &tfprotov6.ValidateEphemeralResourceConfigRequest{
		TypeName: typeName, Config: f.config(t, "deployer", f.secret, nil)})
	if err != nil {
		t.Fatal(err)
	}
	text := diagText(resp.Diagnostics)
	if len(resp.Diagnostics) != 1 || !strings.Contains(text, "client_id") || !strings.Contains(text, "mdb_sa_id_") {
		t.Errorf("want one error naming client_id and the mdb_sa_id_ form, got: %s", text)
	}
	if strings.Contains(text, f.secret) {
		t.Error("the validation error shows the secret")
	}
}

// A token Terraform never closed (it stopped the provider first) is revoked
// when the process stops; one opened with revoke_on_close = false is not.
func TestAccessToken_unclosedTokensAreRevokedWhenTheProcessStops(t *testing.T) {
	t.Parallel()
	f := newFixture(t, 24)
	keep := false
	unclosed := f.open(t, f.clientID, f.secret, nil)
	kept := f.open(t, f.clientID, f.secret, &keep)
	if len(unclosed.diags)+len(kept.diags) > 0 {
		t.Fatalf("open: %s %s", diagText(unclosed.diags), diagText(kept.diags))
	}
	if err := f.tokens.RevokeAll(t.Context()); err != nil {
		t.Fatalf("revoking at stop: %v", err)
	}
	if f.signsIn(t, unclosed.token) {
		t.Error("Atlas still accepts the unclosed token after the process stopped")
	}
	if !f.signsIn(t, kept.token) {
		t.Error("the token opened with revoke_on_close = false was revoked")
	}
	if f.tokens.Len() != 0 {
		t.Errorf("%d tokens still recorded as open after the stop", f.tokens.Len())
	}
}
