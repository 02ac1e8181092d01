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
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client/clocktest"
)

// simClient returns a client of a fresh simulator with the given invitation
// limit and clock (nil: the system's). MaxRetries is 0, so only the
// invitation-limit wait can get an invitation through.
func simClient(t *testing.T, clock client.Clock, limit int, window, wait time.Duration, answer ...string) (*client.Client, *atlassim.Server) {
	t.Helper()
	o := atlassim.Options{Seed: 1, InviteRateLimit: limit, InviteRateWindow: window}
	if clock != nil {
		o.PaceClock = clock.Now
	}
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
		RateLimitWait: wait, Clock: clock,
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
			// The simulator times its invitation window by the same fake
			// clock as the client: the client's computed waits lift the
			// limit, and nothing waits in real time.
			clock := clocktest.New(time.Now())
			c, sim := simClient(t, clock, 2, 400*time.Millisecond, 30*time.Second, answer)
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
			var waited time.Duration
			for _, w := range clock.Waits() {
				waited += w
			}
			if waited < 400*time.Millisecond {
				t.Fatalf("the client waited %v in all, less than the 400ms window it had to wait out", waited)
			}
		})
	}
}

func TestAddProjectUser_givesUpWhenTheInvitationLimitNeverLifts(t *testing.T) {
	t.Parallel()
	clock := clocktest.New(time.Now())
	c, sim := simClient(t, clock, 1, time.Hour, 300*time.Millisecond)
	projectID := sim.Fixtures().ProjectID
	ctx := context.Background()
	if _, err := c.AddProjectUser(ctx, projectID, client.AddProjectUserRequest{Username: "first@example.com", Roles: []string{"GROUP_READ_ONLY"}}); err != nil {
		t.Fatalf("first invitation: %v", err)
	}
	_, err := c.AddProjectUser(ctx, projectID, client.AddProjectUserRequest{Username: "second@example.com", Roles: []string{"GROUP_READ_ONLY"}})
	if client.ErrorCode(err) != "INVITATIONS_RATE_LIMITED_IP" || !strings.Contains(err.Error(), "invitation limit after waiting") {
		t.Fatalf("second invitation: error %v, want the invitation limit after waiting", err)
	}
	// Back-offs of 50 to 200 ms, as many as fit in the 300 ms budget, and
	// one refused invitation after each.
	waits := clock.Waits()
	var total time.Duration
	for _, w := range waits {
		if w < 50*time.Millisecond || w > 200*time.Millisecond {
			t.Fatalf("waits = %v; want each within the 50 to 200 ms back-off", waits)
		}
		total += w
	}
	if len(waits) == 0 || total > 300*time.Millisecond {
		t.Fatalf("waits = %v (%s in all); want at least one, within the 300 ms budget", waits, total)
	}
	refused := 0
	for _, rec := range sim.Requests() {
		if rec.Method == http.MethodPost && rec.Status == http.StatusBadRequest {
			refused++
		}
	}
	if refused != len(waits)+1 {
		t.Fatalf("%d invitations refused after %d waits; want one more than the waits", refused, len(waits))
	}
}
