package provider

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/accesstoken"
)

// RevokeTimeout bounds RevokeTokens when the process stops. Terraform's
// plugin client waits two seconds for a stopped provider to exit before it
// kills it, so revocation must fit well inside that.
const RevokeTimeout = 1500 * time.Millisecond

// tokenRecord is a record of the Atlas clients that sign in with client
// credentials, and so fetch OAuth2 tokens, so that their tokens can be
// revoked when the process stops. Terraform configures a provider once per
// process (per alias), so it holds a client or two; the in-process test
// harness configures one per command, and the record keeps those until the
// test binary exits, which costs only memory.
type tokenRecord struct {
	mu      sync.Mutex
	clients []*client.Client
}

// add records c; only a client configured with client ID and secret fetches
// tokens of its own to revoke.
func (r *tokenRecord) add(c *client.Client) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.clients = append(r.clients, c)
}

// revoke revokes the tokens of every recorded client, all at once.
func (r *tokenRecord) revoke(ctx context.Context) error {
	r.mu.Lock()
	clients := append([]*client.Client(nil), r.clients...)
	r.mu.Unlock()
	errs := make([]error, len(clients))
	var wg sync.WaitGroup
	for i, c := range clients {
		wg.Go(func() { errs[i] = c.RevokeTokens(ctx) })
	}
	wg.Wait()
	return errors.Join(errs...)
}

// processTokens is the record of this process: Configure adds to it, and
// RevokeTokens revokes its clients' tokens when the process stops (each
// client then forgets them).
var processTokens tokenRecord

// RevokeTokens revokes every OAuth2 access token the provider fetched in
// this process, so that none outlives the run that needed it (a token is
// otherwise valid for an hour): its own, and those atlasaccess_access_token
// opened that Terraform never closed. main.go calls it once the plugin
// server has stopped, with RevokeTimeout. An access token the provider was
// given (access_token) is never revoked: it belongs to whoever obtained it.
func RevokeTokens(ctx context.Context) error {
	return errors.Join(processTokens.revoke(ctx), accesstoken.RevokeUnclosed(ctx))
}
