package atlassim

import (
	"net/http"
	"testing"

	"github.com/mongodb-forks/digest"
)

// TestFixtureCredentials_freshUnlessSeeded checks that two simulators with
// random credentials share no secret, that two with the same seed share
// all of them, and that random credentials sign in like seeded ones, by
// OAuth2 (newEnv fetches a token) and by digest.
func TestFixtureCredentials_freshUnlessSeeded(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		opts     Options
		wantSame bool
	}{
		"random":      {opts: Options{Seed: 1, RandomCredentials: true}},
		"same seed":   {opts: Options{Seed: 7}, wantSame: true},
		"random seed": {opts: Options{Seed: 7, RandomCredentials: true}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			a, b := newEnv(t, tc.opts), newEnv(t, tc.opts)
			pairs := map[string][2]string{
				"client secret": {a.fx.ClientSecret, b.fx.ClientSecret},
				"public key":    {a.fx.PublicKey, b.fx.PublicKey},
				"private key":   {a.fx.PrivateKey, b.fx.PrivateKey},
			}
			for what, p := range pairs {
				if (p[0] == p[1]) != tc.wantSame {
					t.Errorf("%s of two starts: %q and %q; want same = %v", what, p[0], p[1], tc.wantSame)
				}
			}
			if len(a.fx.ClientSecret) != len("mdb_sa_sk_")+40 || len(a.fx.PrivateKey) != 36 || len(a.fx.PublicKey) != 8 {
				t.Errorf("credentials lost their shape: %q %q %q", a.fx.ClientSecret, a.fx.PublicKey, a.fx.PrivateKey)
			}
			c := &http.Client{Transport: digest.NewTransportWithHTTPRoundTripper(a.fx.PublicKey, a.fx.PrivateKey, a.transport(&http.Transport{}))}
			mustStatus(t, a.callWith(c, "", "GET", "/groups/"+a.fx.ProjectID+"/serviceAccounts", sa, nil), http.StatusOK)
		})
	}
}
