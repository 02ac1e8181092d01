package provider

import (
	"context"
	"net/http/httptest"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/atlassim"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/providerdata"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/accesstoken/opentokens"
)

// configure serves a new provider of s and configures it, through the
// protocol as Terraform does, to sign in to the simulator at url with the
// fixture's client credentials. It returns the data the provider configured.
func configure(t *testing.T, s *Servers, url string, fx atlassim.Fixtures) *providerdata.Data {
	t.Helper()
	ctx := context.Background()
	server, err := s.New()
	if err != nil {
		t.Fatal(err)
	}
	schema, err := server.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	typ := schema.Provider.ValueType().(tftypes.Object)
	values := map[string]tftypes.Value{}
	for name, at := range typ.AttributeTypes {
		values[name] = tftypes.NewValue(at, nil)
	}
	values["base_url"] = tftypes.NewValue(tftypes.String, url)
	values["client_id"] = tftypes.NewValue(tftypes.String, fx.ClientID)
	values["client_secret"] = tftypes.NewValue(tftypes.String, fx.ClientSecret)
	config, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, values))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := server.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{Config: &config})
	if err != nil || len(resp.Diagnostics) > 0 {
		t.Fatalf("configuring the provider: %v %v", err, resp.Diagnostics)
	}
	s.configured.mu.Lock()
	defer s.configured.mu.Unlock()
	return s.configured.data[len(s.configured.data)-1]
}

// Closing a Servers revokes exactly the tokens its providers fetched, their
// own and the access tokens they opened and Terraform never closed, and
// forgets them: providers of another Servers (another process, another
// test) keep theirs, and a test binary that makes many servers accumulates
// nothing once each is closed.
func TestServers_closeRevokesExactlyTheTokensOfItsProviders(t *testing.T) {
	t.Parallel()
	sim, err := atlassim.New(atlassim.Options{Seed: 3, TokenRateLimit: -1})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(sim)
	t.Cleanup(srv.Close)
	fx := sim.Fixtures()
	ctx := context.Background()

	other := NewServers("test")
	outsider := configure(t, other, srv.URL, fx)
	if _, err := outsider.Client.GetProject(ctx, fx.ProjectID); err != nil {
		t.Fatal(err)
	}
	before := sim.IssuedTokens()

	servers := NewServers("test")
	for range 3 { // three Terraform commands of one test, or three aliases
		d := configure(t, servers, srv.URL, fx)
		if _, err := d.Client.GetProject(ctx, fx.ProjectID); err != nil {
			t.Fatal(err)
		}
		tok, err := d.Client.IssueAccessToken(ctx, fx.ClientID, fx.ClientSecret)
		if err != nil {
			t.Fatal(err)
		}
		d.OpenTokens.Add(opentokens.Token{Revoker: d.Client, ClientID: fx.ClientID, ClientSecret: fx.ClientSecret, Token: tok.Token})
	}
	var theirs []string
	for _, tok := range sim.IssuedTokens() {
		if !slices.Contains(before, tok) {
			theirs = append(theirs, tok)
		}
	}
	if len(theirs) != 6 {
		t.Fatalf("the three providers fetched %d tokens, want 3 of their own and 3 opened", len(theirs))
	}

	closeCtx, cancel := context.WithTimeout(ctx, RevokeTimeout)
	defer cancel()
	if err := servers.Close(closeCtx); err != nil {
		t.Fatal(err)
	}
	revoked := sim.RevokedTokens()
	slices.Sort(theirs)
	slices.Sort(revoked)
	if !slices.Equal(theirs, revoked) {
		t.Fatalf("revoked %d tokens, want exactly the %d the closed servers' providers fetched", len(revoked), len(theirs))
	}
	if n := servers.configured.len(); n != 0 {
		t.Fatalf("the closed Servers still records %d providers", n)
	}
	if err := servers.Close(closeCtx); err != nil || len(sim.RevokedTokens()) != len(revoked) {
		t.Fatalf("a second Close: %v, revoked %d tokens in all, want %d", err, len(sim.RevokedTokens()), len(revoked))
	}
	if _, err := outsider.Client.GetProject(ctx, fx.ProjectID); err != nil {
		t.Fatalf("a provider of other servers lost its token: %v", err)
	}
	if got := sim.IssuedTokens(); len(got) != len(before)+len(theirs) {
		t.Fatalf("the other servers' provider fetched a new token: its own was revoked")
	}
}

// A provider signed in with an access token it was given never revokes it:
// it belongs to whoever obtained it.
func TestServers_closeLeavesAGivenAccessToken(t *testing.T) {
	t.Parallel()
	sim, err := atlassim.New(atlassim.Options{Seed: 3, TokenRateLimit: -1})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(sim)
	t.Cleanup(srv.Close)
	fx := sim.Fixtures()
	c, err := client.New(client.Config{BaseURL: srv.URL, PublicKey: fx.PublicKey, PrivateKey: fx.PrivateKey})
	if err != nil {
		t.Fatal(err)
	}
	tok, err := c.IssueAccessToken(context.Background(), fx.ClientID, fx.ClientSecret)
	if err != nil {
		t.Fatal(err)
	}
	given, err := client.New(client.Config{BaseURL: srv.URL, AccessToken: tok.Token})
	if err != nil {
		t.Fatal(err)
	}
	d := providerdata.New(given)
	if _, err := given.GetProject(context.Background(), fx.ProjectID); err != nil {
		t.Fatal(err)
	}
	servers := NewServers("test")
	servers.configured.add(d)
	if err := servers.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := sim.RevokedTokens(); len(got) != 0 {
		t.Fatalf("revoked %d tokens, want none: the access token was given", len(got))
	}
}
