package accesstoken

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"sync"
	"time"
)

// openToken is a token this process issued and has to revoke when
// Terraform closes it. Revoking needs the secret: Atlas's revocation
// endpoint authenticates the client the token was issued to.
type openToken struct {
	api                    api
	clientID, clientSecret string
	token                  string
	expiresAt              time.Time
}

// registry is the record of the tokens this process opened and has not yet
// closed, keyed by a random handle that is all Terraform's private data
// carries. That works because Terraform closes an ephemeral resource
// instance through the same provider instance (so the same plugin process)
// that opened it, within the same run: it keeps the provider client it
// opened the instance with and calls Close on it, at the latest when the
// graph walk ends, before it stops the provider. A later run opens its own
// token, so nothing needs to survive the process.
type registry struct {
	mu   sync.Mutex
	open map[string]openToken
}

// add records t and returns its handle.
func (r *registry) add(t openToken) string {
	raw := make([]byte, 16)
	_, _ = rand.Read(raw) // never fails (crypto/rand panics instead)
	handle := hex.EncodeToString(raw)
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.open == nil {
		r.open = map[string]openToken{}
	}
	r.open[handle] = t
	return handle
}

// take returns the token of handle and forgets it: a token is closed once.
func (r *registry) take(handle string) (openToken, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	t, ok := r.open[handle]
	delete(r.open, handle)
	return t, ok
}

// takeAll returns every open token and forgets them.
func (r *registry) takeAll() []openToken {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]openToken, 0, len(r.open))
	for _, t := range r.open {
		out = append(out, t)
	}
	r.open = nil
	return out
}

// revokeAll revokes every open token, all at once, and forgets them.
func (r *registry) revokeAll(ctx context.Context) error {
	tokens := r.takeAll()
	errs := make([]error, len(tokens))
	var wg sync.WaitGroup
	for i, t := range tokens {
		wg.Go(func() {
			if err := t.api.RevokeAccessToken(ctx, t.clientID, t.clientSecret, t.token); err != nil {
				errs[i] = fmt.Errorf("revoking the access token of service account %s: %w", t.clientID, err)
			}
		})
	}
	wg.Wait()
	return errors.Join(errs...)
}

// RevokeUnclosed revokes the tokens this process opened with
// revoke_on_close and that Terraform never closed (it stopped the provider
// first, for example after an interrupt or a crash of the run), so that none
// outlives the process by up to an hour. The provider calls it when the
// process stops.
func RevokeUnclosed(ctx context.Context) error {
	return openTokens.revokeAll(ctx)
}

// len is the number of tokens open, for tests.
func (r *registry) len() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.open)
}

// openTokens is this process's record.
var openTokens registry
