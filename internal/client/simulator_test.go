package client_test

import (
	"context"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/atlassim"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

// Against the simulator: a token issued for a project service account works
// for that account, stops working once revoked, and a deleted secret is
// refused with an error naming the account.
func TestAccessToken_lifecycleAgainstTheSimulator(t *testing.T) {
	t.Parallel()
	sim, err := atlassim.New(atlassim.Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(sim)
	t.Cleanup(srv.Close)
	fx := sim.Fixtures()
	newClient := func(cfg client.Config) *client.Client {
		cfg.BaseURL, cfg.MinBackoff, cfg.MaxBackoff = srv.URL, time.Millisecond, 5*time.Millisecond
		c, err := client.New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	c := newClient(client.Config{ClientID: fx.ClientID, ClientSecret: fx.ClientSecret})
	ctx := context.Background()
	sa, err := c.CreateProjectServiceAccount(ctx, fx.ProjectID, client.CreateServiceAccountRequest{
		Name: "consumer", Description: "token consumer", Roles: []string{"GROUP_READ_ONLY"}, SecretExpiresAfterHours: 8,
	})
	if err != nil {
		t.Fatal(err)
	}
	secret := sa.Secrets[0]
	tok, err := c.IssueAccessToken(ctx, sa.ClientID, secret.Secret)
	if err != nil {
		t.Fatal(err)
	}
	if atlasNow, _ := c.AtlasTime(time.Now()); !tok.ExpiresAt.After(atlasNow) {
		t.Fatalf("ExpiresAt = %s; want after Atlas's now %s", tok.ExpiresAt, atlasNow)
	}
	consumer := newClient(client.Config{AccessToken: tok.Token})
	if _, err := consumer.GetProjectServiceAccount(ctx, fx.ProjectID, sa.ClientID); err != nil {
		t.Fatalf("the issued token does not work: %v", err)
	}
	if err := c.RevokeAccessToken(ctx, sa.ClientID, secret.Secret, tok.Token); err != nil {
		t.Fatal(err)
	}
	if _, err := consumer.GetProjectServiceAccount(ctx, fx.ProjectID, sa.ClientID); !client.IsAccessTokenRejected(err) {
		t.Fatalf("after revocation: error = %v; want the token rejected", err)
	}
	if err := c.DeleteServiceAccountSecret(ctx, client.ProjectOwner(fx.ProjectID), sa.ClientID, secret.ID); err != nil {
		t.Fatal(err)
	}
	_, err = c.IssueAccessToken(ctx, sa.ClientID, secret.Secret)
	if !client.IsClientCredentialsRejected(err) || !strings.Contains(err.Error(), sa.ClientID) || strings.Contains(err.Error(), secret.Secret) {
		t.Fatalf("with a deleted secret: error = %v; want a rejection naming %s and not the secret", err, sa.ClientID)
	}
}

// Against the simulator: an organization account is created and updated, and
// its access list takes more entries than one request carries, lists them
// all, and removes a CIDR block by its escaped path.
func TestOrgAccountAndAccessListAgainstTheSimulator(t *testing.T) {
	t.Parallel()
	sim, err := atlassim.New(atlassim.Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(sim)
	t.Cleanup(srv.Close)
	fx := sim.Fixtures()
	c, err := client.New(client.Config{BaseURL: srv.URL, ClientID: fx.ClientID, ClientSecret: fx.ClientSecret})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	sa, err := c.CreateOrgServiceAccount(ctx, fx.OrgID, client.CreateServiceAccountRequest{
		Name: "fenced", Description: "fenced account", Roles: []string{"ORG_MEMBER"}, SecretExpiresAfterHours: 8,
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(sa.Secrets) != 1 || sa.Secrets[0].Secret == "" {
		t.Fatalf("created account carries no plaintext secret: %+v", sa.Secrets)
	}
	name := "renamed"
	updated, err := c.UpdateOrgServiceAccount(ctx, fx.OrgID, sa.ClientID, client.UpdateServiceAccountRequest{Name: &name, Roles: []string{"ORG_READ_ONLY"}})
	if err != nil || updated.Name != name || len(updated.Roles) != 1 || updated.Roles[0] != "ORG_READ_ONLY" {
		t.Fatalf("update = %+v, %v", updated, err)
	}
	owner := client.OrgOwner(fx.OrgID)
	var entries []client.AccessListEntry
	for i := range 250 {
		entries = append(entries, client.AccessListEntry{CIDRBlock: "10.1." + strconv.Itoa(i) + ".0/24"})
	}
	if err := c.AddAccessListEntries(ctx, owner, sa.ClientID, entries); err != nil {
		t.Fatal(err)
	}
	listed, err := c.ListAccessList(ctx, owner, sa.ClientID)
	if err != nil || len(listed) != 250 {
		t.Fatalf("listed %d entries, %v; want 250", len(listed), err)
	}
	if err := c.DeleteAccessListEntry(ctx, owner, sa.ClientID, "10.1.7.0/24"); err != nil {
		t.Fatal(err)
	}
	listed, err = c.ListAccessList(ctx, owner, sa.ClientID)
	if err != nil || len(listed) != 249 {
		t.Fatalf("after a delete: %d entries, %v; want 249", len(listed), err)
	}
	for _, e := range listed {
		if e.CIDRBlock == "10.1.7.0/24" {
			t.Fatal("the deleted block is still listed")
		}
	}
	secrets, err := c.ServiceAccountSecrets(ctx, owner, sa.ClientID)
	if err != nil || len(secrets) != 1 || secrets[0].ID != sa.Secrets[0].ID || secrets[0].Secret != "" {
		t.Fatalf("secrets = %+v, %v; want the one secret, without its plaintext", secrets, err)
	}
}
