package provider

import (
	"context"
	"net/http/httptest"
	"slices"
	"testing"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/atlassim"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

func TestTokenRecord_revokesEveryTokenItsClientsFetched(t *testing.T) {
	t.Parallel()
	sim, err := atlassim.New(atlassim.Options{Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(sim)
	t.Cleanup(srv.Close)
	fx := sim.Fixtures()
	var record tokenRecord
	for range 2 { // two provider aliases with the same service account
		c, err := client.New(client.Config{BaseURL: srv.URL, ClientID: fx.ClientID, ClientSecret: fx.ClientSecret})
		if err != nil {
			t.Fatal(err)
		}
		record.add(c)
		if _, err := c.GetProject(context.Background(), fx.ProjectID); err != nil {
			t.Fatal(err)
		}
	}
	issued := sim.IssuedTokens()
	if len(issued) != 2 {
		t.Fatalf("issued %d tokens, want 2", len(issued))
	}
	// A test's own client, never recorded, keeps its token.
	own, err := client.New(client.Config{BaseURL: srv.URL, ClientID: fx.ClientID, ClientSecret: fx.ClientSecret})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := own.GetProject(context.Background(), fx.ProjectID); err != nil {
		t.Fatal(err)
	}

	ctx, cancel := context.WithTimeout(context.Background(), RevokeTimeout)
	defer cancel()
	if err := record.revoke(ctx); err != nil {
		t.Fatal(err)
	}
	revoked := sim.RevokedTokens()
	slices.Sort(issued)
	slices.Sort(revoked)
	if !slices.Equal(issued, revoked) {
		t.Fatalf("revoked %d tokens, want exactly the %d the recorded clients fetched", len(revoked), len(issued))
	}
	if _, err := own.GetProject(context.Background(), fx.ProjectID); err != nil {
		t.Fatalf("an unrecorded client's token was revoked: %v", err)
	}
}
