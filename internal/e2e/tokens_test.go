package e2e

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/atlassim"
)

// tokensConfig is one small workspace of TestManyProviderProcessesShareTheTokenLimit:
// one service account, named after the workspace, and a list of the
// project's accounts, which makes every plan sign in to read it.
const tokensConfig = cliProvider + projectIDVariable + `
data "atlasaccess_project_service_accounts" "all" {
  project_id = var.project_id
}

resource "atlasaccess_project_service_account" "ci" {
  project_id                 = var.project_id
  name                       = "token-limit-%02d"
  description                = "One of many workspaces signing in at once"
  roles                      = ["GROUP_READ_ONLY"]
  secret_expires_after_hours = 24
}
`

// TestManyProviderProcessesShareTheTokenLimit runs many provider processes at
// once against one simulator whose token endpoint is limited as Atlas limits
// it (10 requests per window per client IP and client ID; the window is
// shortened so the test takes seconds): 15 workspaces, each a plan and an
// apply, all signing in with the same service account from the same
// address. Every run must succeed, the provider waiting out the 429s, and
// every token the simulator issued must have been revoked by the process
// that fetched it when Terraform stopped it.
func TestManyProviderProcessesShareTheTokenLimit(t *testing.T) {
	t.Parallel()
	const (
		workspaces = 15
		limit      = 10
		window     = 3 * time.Second
	)
	first := newWorkspace(t, atlassim.Options{Seed: 40, TokenRateLimit: limit, TokenRateWindow: window})
	all := []*workspace{first}
	for len(all) < workspaces {
		all = append(all, newWorkspaceOn(t, first.tfPath, first.sim, first.url))
	}
	for i, w := range all {
		w.signInAsOrgOwner()
		w.setProjectVariable()
		w.write("main.tf", fmt.Sprintf(tokensConfig, i))
	}

	start := time.Now()
	var wg sync.WaitGroup
	for i, w := range all {
		wg.Go(func() {
			for _, args := range [][]string{{"plan", "-input=false"}, {"apply", "-auto-approve", "-input=false"}} {
				if out, err := w.terraform(true, args...); err != nil {
					t.Errorf("workspace %d: terraform %s: %v\n%s", i, strings.Join(args, " "), err, out)
					return
				}
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)

	var tokenRequests, issued, limited, revocations int
	for _, rec := range first.sim.Requests() {
		switch rec.Path {
		case "/api/oauth/token":
			tokenRequests++
			switch rec.Status {
			case 200:
				issued++
			case 429:
				limited++
			}
		case "/api/oauth/revoke":
			if rec.Status == 200 {
				revocations++
			}
		}
	}
	t.Logf("figures: %d terraform runs (%d workspaces, plan and apply) in %s; %d provider processes signed in (tokens issued); "+
		"%d token requests, %d answered 429 (limit %d per %s per client IP and client ID); %d tokens revoked",
		2*workspaces, workspaces, elapsed.Round(100*time.Millisecond), issued, tokenRequests, limited, limit, window, revocations)

	if t.Failed() {
		return
	}
	if limited == 0 {
		t.Errorf("no token request was answered 429: the test did not exercise the limit (%d token requests)", tokenRequests)
	}
	// Each process fetches one token; a 429 costs a retry, never a loop.
	if tokenRequests != issued+limited {
		t.Errorf("%d token requests, but %d issued and %d limited", tokenRequests, issued, limited)
	}
	issuedTokens, revokedTokens := first.sim.IssuedTokens(), first.sim.RevokedTokens()
	slices.Sort(issuedTokens)
	slices.Sort(revokedTokens)
	if len(issuedTokens) != issued || !slices.Equal(issuedTokens, revokedTokens) {
		t.Errorf("the simulator issued %d tokens and saw %d of them revoked; every provider process must revoke the tokens it fetched when it stops",
			len(issuedTokens), len(revokedTokens))
	}
}
