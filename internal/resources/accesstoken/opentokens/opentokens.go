// Package opentokens is the record, kept by one configured provider, of the
// access tokens the atlasaccess_access_token ephemeral resource opened and
// Terraform has not closed yet. It is a package of its own, rather than part
// of the accesstoken package, so that the provider data that holds one
// Record per configured provider can name its type without importing the
// resources.
package opentokens

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"sync"
	"time"
)

// Revoker revokes an access token; *client.Client provides it.
type Revoker interface {
	RevokeAccessToken(ctx context.Context, clientID, clientSecret, token string) error
}

// Token is a token a provider issued and has to revoke when Terraform
// closes it. Revoking needs the secret: Atlas's revocation endpoint
// authenticates the client the token was issued to.
type Token struct {
	Revoker                Revoker
	ClientID, ClientSecret string
	Token                  string
	ExpiresAt              time.Time
}

// Record is the record of the tokens one configured provider opened and has
// not yet closed, keyed by a random handle that is all Terraform's private
// data carries. That works because Terraform closes an ephemeral resource
// instance through the same provider instance (so the same plugin process)
// that opened it, within the same run: it keeps the provider client it
// opened the instance with and calls Close on it, at the latest when the
// graph walk ends, before it stops the provider. A later run opens its own
// token, so nothing needs to survive the provider. The zero value is ready
// to use; it is safe for concurrent use.
type Record struct {
	mu   sync.Mutex
	open map[string]Token
}

// Add records t and returns its handle.
func (r *Record) Add(t Token) string {
	raw := make([]byte, 16)
	_, _ = rand.Read(raw) // never fails (crypto/rand panics instead)
	handle := hex.EncodeToString(raw)
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.open == nil {
		r.open = map[string]Token{}
	}
	r.open[handle] = t
	return handle
}

// Take returns the token of handle and forgets it: a token is closed once.
func (r *Record) Take(handle string) (Token, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	t, ok := r.open[handle]
	delete(r.open, handle)
	return t, ok
}

// takeAll returns every open token and forgets them.
func (r *Record) takeAll() []Token {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]Token, 0, len(r.open))
	for _, t := range r.open {
		out = append(out, t)
	}
	r.open = nil
	return out
}

// RevokeAll revokes every token still open, all at once, and forgets them:
// the tokens opened with revoke_on_close that Terraform never closed (it
// stopped the provider first, for example after an interrupt or a crash of
// the run), so that none outlives the provider by up to an hour. The
// provider calls it when its server closes.
func (r *Record) RevokeAll(ctx context.Context) error {
	tokens := r.takeAll()
	errs := make([]error, len(tokens))
	var wg sync.WaitGroup
	for i, t := range tokens {
		wg.Go(func() {
			if err := t.Revoker.RevokeAccessToken(ctx, t.ClientID, t.ClientSecret, t.Token); err != nil {
				errs[i] = fmt.Errorf("revoking the access token of service account %s: %w", t.ClientID, err)
			}
		})
	}
	wg.Wait()
	return errors.Join(errs...)
}

// Len is the number of tokens open.
func (r *Record) Len() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.open)
}
