package accesstoken

import (
	"crypto/rand"
	"encoding/hex"
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

// len is the number of tokens open, for tests.
func (r *registry) len() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.open)
}

// openTokens is this process's record.
var openTokens registry
