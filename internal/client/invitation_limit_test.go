package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/atlassim"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

// simClient returns a client of a fresh simulator with the given invitation
// limit. MaxRetries is 0, so only the invitation-limit wait can get an
// invitation through.
func simClient(t *testing.T, limit int, window, wait time.Duration, answer ...string) (*client.Client, *atlassim.Server) {
	t.Helper()
	o := atlassim.Options{Seed: 1, InviteRateLimit: limit, InviteRateWindow: window}
	if len(answer) > 0 {
		o.InvitationLimit = atlassim.InvitationLimit(answer[0])
	}
	sim, err := atlassim.New(o)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(sim)
	t.Cleanup(srv.Close)
	fx := sim.Fixtures()
	c, err := client.New(client.Config{
		BaseURL: srv.URL, ClientID: fx.ClientID, ClientSecret: fx.ClientSecret,
		MaxRetries: 0, MinBackoff: 50 * time.Millisecond, MaxBackoff: 200 * time.Millisecond,
		RateLimitWait: wait,
	})
	if err != nil {
		t.Fatal(err)
	}
	return c, sim
}

// Atlas does not document how it answers an invitation over its limit: the
// 400 INVITATIONS_RATE_LIMITED_IP observed, or a 429. Either is waited out
// beyond MaxRetries.
func TestAddProjectUser_waitsOutTheInvitationLimitBeyondMaxRetries(t *testing.T) {
	t.Parallel()
	for _, answer := range []string{"400", "429", "429-token-bucket"} {
		t.Run(answer, func(t *testing.T) {
			t.Parallel()
			c, sim := simClient(t, 2, 400*time.Millisecond, 30*time.Second, answer)
			projectID := sim.Fixtures().ProjectID
			for _, name := range []string{"a", "b", "c", "d", "e"} {
				if _, err := c.AddProjectUser(context.Background(), projectID, client.AddProjectUserRequest{Username: name + "@example.com", Roles: []string{"GROUP_READ_ONLY"}}); err != nil {
					t.Fatalf("inviting %s: %v", name, err)
				}
			}
			limited := 0
			for _, rec := range sim.Requests() {
				if rec.Method == http.MethodPost && (rec.Status == http.StatusBadRequest || rec.Status == http.StatusTooManyRequests) {
					limited++
				}
			}
			if limited == 0 {
				t.Fatal("no invitation was refused: the test did not exercise the wait")
			}
		})
	}
}

func TestAddProjectUser_givesUpWhenTheInvitationLimitNeverLifts(t *testing.T) {
	t.Parallel()
	c, sim := simClient(t, 1, time.Hour, 300*time.Millisecond)
	projectID := sim.Fixtures().ProjectID
	ctx := context.Background()
	if _, err := c.AddProjectUser(ctx, projectID, client.AddProjectUserRequest{Username: "first@example.com", Roles: []string{"GROUP_READ_ONLY"}}); err != nil {
		t.Fatalf("first invitation: %v", err)
	}
	started := time.Now()
	_, err := c.AddProjectUser(ctx, projectID, client.AddProjectUserRequest{Username: "second@example.com", Roles: []string{"GROUP_READ_ONLY"}})
	if client.ErrorCode(err) != "INVITATIONS_RATE_LIMITED_IP" || !strings.Contains(err.Error(), "invitation limit after waiting") {
		t.Fatalf("second invitation: error %v, want the invitation limit after waiting", err)
	}
	if elapsed := time.Since(started); elapsed > 5*time.Second {
		t.Fatalf("gave up after %s, want about the 300ms wait budget", elapsed)
	}
}
