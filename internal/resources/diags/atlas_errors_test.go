package diags

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/atlassim"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

// The diagnostics stay useful for each error body Atlas sends, as the
// simulator sends them: each names the error code (or status), Atlas's
// detail, and what to do.
func TestAPIErrorDetail_usefulForEachAtlasErrorBody(t *testing.T) {
	t.Parallel()
	sim, err := atlassim.New(atlassim.Options{Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(sim)
	t.Cleanup(srv.Close)
	fx := sim.Fixtures()
	ctx := context.Background()
	newClient := func(cfg client.Config) *client.Client {
		cfg.BaseURL, cfg.MinBackoff, cfg.MaxBackoff = srv.URL, time.Millisecond, time.Millisecond
		c, err := client.New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	owner := newClient(client.Config{ClientID: fx.ClientID, ClientSecret: fx.ClientSecret})

	// A Project Owner service account, to be denied an organization read.
	po, err := owner.CreateProjectServiceAccount(ctx, fx.ProjectID, client.CreateServiceAccountRequest{
		Name: "po", Description: "project owner", Roles: []string{"GROUP_OWNER"}, SecretExpiresAfterHours: 24})
	if err != nil {
		t.Fatal(err)
	}
	projectOwner := newClient(client.Config{ClientID: po.ClientID, ClientSecret: po.Secrets[0].Secret})

	cases := map[string]struct {
		call func() error
		want []string
	}{
		"a bad body: the first violation's code": {
			call: func() error {
				_, err := owner.CreateProjectServiceAccount(ctx, fx.ProjectID, client.CreateServiceAccountRequest{
					Name: strings.Repeat("n", 65), Description: "d", Roles: []string{"GROUP_READ_ONLY"}, SecretExpiresAfterHours: 24})
				return err
			},
			want: []string{"HTTP 400 with error code INVALID_ATTRIBUTE", "name"},
		},
		"a failed digest authentication, which has no error code": {
			call: func() error {
				_, err := newClient(client.Config{PublicKey: fx.PublicKey, PrivateKey: "wrong"}).GetProject(ctx, fx.ProjectID)
				return err
			},
			want: []string{"HTTP 401", "You are not authorized for this resource", "they were not accepted"},
		},
		"valid credentials lacking a role": {
			call: func() error {
				_, err := projectOwner.ListOrgServiceAccountProjects(ctx, fx.OrgID, po.ClientID)
				return err
			},
			want: []string{"USER_UNAUTHORIZED", "lack the Atlas role"},
		},
		"rate limited past the retries": {
			call: func() error {
				limited, err := atlassim.New(atlassim.Options{Seed: 3, Faults: "429=1"})
				if err != nil {
					t.Fatal(err)
				}
				lsrv := httptest.NewServer(limited)
				defer lsrv.Close()
				c, err := client.New(client.Config{BaseURL: lsrv.URL, AccessToken: "t", MaxRetries: 1, MinBackoff: time.Millisecond, MaxBackoff: time.Millisecond,
					RateLimitWait: 100 * time.Millisecond})
				if err != nil {
					t.Fatal(err)
				}
				_, err = c.GetProject(ctx, fx.ProjectID)
				return err
			},
			want: []string{"HTTP 429 with error code RATE_LIMITED_TOKEN_BUCKET", "the provider already retried"},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			err := tc.call()
			if err == nil {
				t.Fatal("the call succeeded")
			}
			got := APIErrorDetail("Doing x", err, "")
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("detail %q lacks %q", got, w)
				}
			}
		})
	}
}
