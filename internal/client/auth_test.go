package client

import (
	"context"
	"encoding/base64"
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestNew_credentialValidation(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		cfg     Config
		wantErr string
	}{
		"client credentials":     {cfg: Config{ClientID: "id", ClientSecret: "s"}},
		"api keys":               {cfg: Config{PublicKey: "pub", PrivateKey: "priv"}},
		"access token":           {cfg: Config{AccessToken: "tok"}},
		"none":                   {cfg: Config{}, wantErr: "no credentials"},
		"client id only":         {cfg: Config{ClientID: "id"}, wantErr: "client ID and client secret must be given together"},
		"private key only":       {cfg: Config{PrivateKey: "priv"}, wantErr: "public key and private key must be given together"},
		"two sets":               {cfg: Config{AccessToken: "tok", PublicKey: "pub", PrivateKey: "priv"}, wantErr: "more than one credential set"},
		"bad scheme":             {cfg: Config{BaseURL: "ftp://x", AccessToken: "tok"}, wantErr: "must start with https://"},
		"userinfo in base url":   {cfg: Config{BaseURL: "https://u:p@cloud.mongodb.com", AccessToken: "tok"}, wantErr: "must not contain user information"},
		"negative retries":       {cfg: Config{AccessToken: "tok", MaxRetries: -1}, wantErr: "must not be negative"},
		"trailing slash allowed": {cfg: Config{BaseURL: "https://cloud.mongodb.com/", AccessToken: "tok"}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, err := New(tc.cfg)
			if tc.wantErr == "" {
				if err != nil || c == nil {
					t.Fatalf("New() = %v, %v; want a client", c, err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("New() error = %v; want it to contain %q", err, tc.wantErr)
			}
			if strings.Contains(err.Error(), ":p@") {
				t.Fatalf("error leaks userinfo: %v", err)
			}
		})
	}
}

func TestAuth_eachMethodPutsItsHeaderOnTheWire(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		setup func(t *testing.T) (baseURL string, cfg func(*Config), check func(t *testing.T))
	}{
		"oauth2 client credentials": {setup: func(t *testing.T) (string, func(*Config), func(*testing.T)) {
			ts := &tokenServer{clientID: "sa-client", clientSecret: "sa-secret", expiresIn: 3600}
			var apiAuth atomic.Value
			srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path == TokenPath {
					ts.serveToken(w, r)
					return
				}
				apiAuth.Store(r.Header.Get("Authorization"))
				writeJSON(w, http.StatusOK, map[string]any{"id": testProjectID, "name": "p", "orgId": testOrgID})
			})
			return srv.URL, func(c *Config) {
					c.AccessToken = ""
					c.ClientID, c.ClientSecret = "sa-client", "sa-secret"
				}, func(t *testing.T) {
					if got := apiAuth.Load(); got != "Bearer issued-token-1" {
						t.Errorf("API Authorization = %q; want the issued bearer token", got)
					}
					if got := ts.tokenRequests.Load(); got != 1 {
						t.Errorf("token requests = %d; want 1", got)
					}
					if got := ts.tokenUA.Load(); got != testUA {
						t.Errorf("token request User-Agent = %q; want %q", got, testUA)
					}
				}
		}},
		"http digest": {setup: func(t *testing.T) (string, func(*Config), func(*testing.T)) {
			d := newDigestChecker("pubkey", "privkey")
			var authed atomic.Bool
			srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
				if !d.authorize(w, r) {
					return
				}
				authed.Store(true)
				writeJSON(w, http.StatusOK, map[string]any{"id": testProjectID})
			})
			return srv.URL, func(c *Config) {
					c.AccessToken = ""
					c.PublicKey, c.PrivateKey = "pubkey", "privkey"
				}, func(t *testing.T) {
					if !authed.Load() || d.challenges.Load() != 1 || d.failures.Load() != 0 {
						t.Errorf("digest: authed=%v challenges=%d failures=%d; want true, 1, 0", authed.Load(), d.challenges.Load(), d.failures.Load())
					}
				}
		}},
		"static bearer": {setup: func(t *testing.T) (string, func(*Config), func(*testing.T)) {
			var apiAuth atomic.Value
			srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
				apiAuth.Store(r.Header.Get("Authorization"))
				writeJSON(w, http.StatusOK, map[string]any{"id": testProjectID})
			})
			return srv.URL, func(c *Config) { c.AccessToken = "static-token" }, func(t *testing.T) {
				if got := apiAuth.Load(); got != "Bearer static-token" {
					t.Errorf("Authorization = %q; want %q", got, "Bearer static-token")
				}
			}
		}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			baseURL, mutate, check := tc.setup(t)
			c := newTestClient(t, baseURL, mutate)
			if _, err := c.GetProject(context.Background(), testProjectID); err != nil {
				t.Fatalf("GetProject: %v", err)
			}
			check(t)
		})
	}
}

func TestOAuth_tokenRequestUsesBasicClientAuthentication(t *testing.T) {
	t.Parallel()
	var gotAuth, gotBody, gotCT atomic.Value
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == TokenPath {
			gotAuth.Store(r.Header.Get("Authorization"))
			gotCT.Store(r.Header.Get("Content-Type"))
			_ = r.ParseForm()
			gotBody.Store(r.PostForm.Encode())
			writeJSON(w, http.StatusOK, map[string]any{"access_token": "t", "token_type": "Bearer", "expires_in": 3600})
			return
		}
		writeJSON(w, http.StatusOK, map[string]any{})
	})
	c := newTestClient(t, srv.URL+"/", func(c *Config) {
		c.AccessToken = ""
		c.ClientID, c.ClientSecret = "my-id", "my-secret"
	})
	if _, err := c.GetProject(context.Background(), testProjectID); err != nil {
		t.Fatal(err)
	}
	want := "Basic " + base64.StdEncoding.EncodeToString([]byte("my-id:my-secret"))
	if got := gotAuth.Load(); got != want {
		t.Errorf("token Authorization = %q; want %q", got, want)
	}
	if got := gotBody.Load(); got != "grant_type=client_credentials" {
		t.Errorf("token body = %q; want grant_type=client_credentials only", got)
	}
	if got := gotCT.Load(); got != "application/x-www-form-urlencoded" {
		t.Errorf("token Content-Type = %q", got)
	}
}

func TestOAuth_tokenFetchedOnceThenAgainAfterExpiry(t *testing.T) {
	t.Parallel()
	// A 1 s token is refreshed a tenth of its lifetime early, after 0.9 s.
	ts := &tokenServer{clientID: "id", clientSecret: "secret", expiresIn: 1}
	var lastAuth atomic.Value
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == TokenPath {
			ts.serveToken(w, r)
			return
		}
		if !ts.validBearer(r) {
			writeAPIError(w, http.StatusUnauthorized, "UNAUTHORIZED", "no token")
			return
		}
		lastAuth.Store(r.Header.Get("Authorization"))
		writeJSON(w, http.StatusOK, map[string]any{"id": testProjectID})
	})
	clock := testClock()
	c := newTestClient(t, srv.URL, func(c *Config) {
		c.AccessToken = ""
		c.ClientID, c.ClientSecret = "id", "secret"
		c.Clock = clock
	})
	ctx := context.Background()
	for range 20 {
		if _, err := c.GetProject(ctx, testProjectID); err != nil {
			t.Fatal(err)
		}
	}
	if got := ts.tokenRequests.Load(); got != 1 {
		t.Fatalf("token requests after 20 calls = %d; want 1", got)
	}
	clock.Advance(899 * time.Millisecond)
	if _, err := c.GetProject(ctx, testProjectID); err != nil {
		t.Fatal(err)
	}
	if got := ts.tokenRequests.Load(); got != 1 {
		t.Fatalf("token requests 0.899 s into a 1 s token = %d; want still 1", got)
	}
	clock.Advance(time.Millisecond)
	if _, err := c.GetProject(ctx, testProjectID); err != nil {
		t.Fatal(err)
	}
	if got := ts.tokenRequests.Load(); got != 2 {
		t.Fatalf("token requests after expiry = %d; want 2", got)
	}
	if got := lastAuth.Load(); got != "Bearer issued-token-2" {
		t.Fatalf("Authorization after refresh = %q; want the new token", got)
	}
}

func TestOAuth_tokenEndpointFailures(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		tokenStatuses     []int // answers before success; 0 = success
		wantErr           string
		wantTokenRequests int32
	}{
		"bad credentials are not retried": {tokenStatuses: []int{401}, wantErr: "client credentials were rejected", wantTokenRequests: 1},
		"400 invalid_client not retried":  {tokenStatuses: []int{400}, wantErr: "client credentials were rejected", wantTokenRequests: 1},
		"503 is retried":                  {tokenStatuses: []int{503, 0}, wantTokenRequests: 2},
		"429 is retried":                  {tokenStatuses: []int{429, 500, 0}, wantTokenRequests: 3},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var n atomic.Int32
			srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path == TokenPath {
					i := int(n.Add(1)) - 1
					st := tc.tokenStatuses[min(i, len(tc.tokenStatuses)-1)]
					if st != 0 {
						writeJSON(w, st, map[string]string{"error": "invalid_client", "error_description": "top-secret-value"})
						return
					}
					writeJSON(w, http.StatusOK, map[string]any{"access_token": "t", "token_type": "Bearer", "expires_in": 3600})
					return
				}
				writeJSON(w, http.StatusOK, map[string]any{"id": testProjectID})
			})
			c := newTestClient(t, srv.URL, func(c *Config) {
				c.AccessToken = ""
				c.ClientID, c.ClientSecret = "id", "top-secret-value"
			})
			_, err := c.GetProject(context.Background(), testProjectID)
			if tc.wantErr == "" {
				if err != nil {
					t.Fatalf("GetProject: %v", err)
				}
			} else {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("error = %v; want it to contain %q", err, tc.wantErr)
				}
				if strings.Contains(err.Error(), "top-secret-value") {
					t.Fatalf("error leaks the client secret: %v", err)
				}
			}
			if got := n.Load(); got != tc.wantTokenRequests {
				t.Fatalf("token requests = %d; want %d", got, tc.wantTokenRequests)
			}
		})
	}
}

func TestDigest_challengeRedoneOnRetry(t *testing.T) {
	t.Parallel()
	d := newDigestChecker("pub", "priv")
	var authed atomic.Int32
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		if !d.authorize(w, r) {
			return
		}
		if authed.Add(1) == 1 {
			writeAPIError(w, http.StatusServiceUnavailable, "SERVICE_UNAVAILABLE", "try again")
			return
		}
		writeJSON(w, http.StatusOK, serviceAccountJSON(""))
	})
	c := newTestClient(t, srv.URL, func(c *Config) {
		c.AccessToken = ""
		c.PublicKey, c.PrivateKey = "pub", "priv"
	})
	sa, err := c.GetProjectServiceAccount(context.Background(), testProjectID, testClientID)
	if err != nil {
		t.Fatal(err)
	}
	if sa.ClientID != testClientID {
		t.Fatalf("clientId = %q", sa.ClientID)
	}
	if got := d.challenges.Load(); got != 2 {
		t.Fatalf("digest challenges = %d; want 2 (one per attempt)", got)
	}
	if got := d.failures.Load(); got != 0 {
		t.Fatalf("digest failures = %d; want 0", got)
	}
}

func TestDigest_postBodyReplayedAfterChallenge(t *testing.T) {
	t.Parallel()
	d := newDigestChecker("pub", "priv")
	var rec recorder
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		if !d.authorize(w, r) {
			return
		}
		rec.record(r)
		writeJSON(w, http.StatusCreated, serviceAccountJSON("plain"))
	})
	c := newTestClient(t, srv.URL, func(c *Config) {
		c.AccessToken = ""
		c.PublicKey, c.PrivateKey = "pub", "priv"
	})
	_, err := c.CreateProjectServiceAccount(context.Background(), testProjectID, CreateServiceAccountRequest{Name: "n", Description: "d", Roles: []string{"GROUP_OWNER"}, SecretExpiresAfterHours: 8})
	if err != nil {
		t.Fatal(err)
	}
	want := `{"name":"n","description":"d","roles":["GROUP_OWNER"],"secretExpiresAfterHours":8}`
	if got := rec.last().Body; got != want {
		t.Fatalf("body after challenge = %q; want %q", got, want)
	}
}

func TestParseBaseURL(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		raw     string
		want    string // the URL returned; "" when an error is expected
		wantErr string
	}{
		"atlas":                  {raw: "https://cloud.mongodb.com", want: "https://cloud.mongodb.com"},
		"trailing slash dropped": {raw: "https://cloud.mongodb.com/", want: "https://cloud.mongodb.com"},
		"local simulator":        {raw: "http://127.0.0.1:8080", want: "http://127.0.0.1:8080"},
		"surrounding spaces":     {raw: " https://cloud.mongodbgov.com ", want: "https://cloud.mongodbgov.com"},
		"empty":                  {raw: "", wantErr: "base URL is empty"},
		"no scheme":              {raw: "cloud.mongodb.com", wantErr: "must start with https:// or http://"},
		"ftp":                    {raw: "ftp://cloud.mongodb.com", wantErr: "must start with https:// or http://"},
		"no host":                {raw: "https://", wantErr: "has no host"},
		"user information":       {raw: "https://u:p@cloud.mongodb.com", wantErr: "must not contain user information"},
		"query":                  {raw: "https://cloud.mongodb.com?envelope=true", wantErr: "must not contain a query or fragment"},
		"empty query":            {raw: "https://cloud.mongodb.com/?", wantErr: "must not contain a query or fragment"},
		"fragment":               {raw: "https://cloud.mongodb.com#top", wantErr: "must not contain a query or fragment"},
		"unparsable":             {raw: "https://u:p@cloud.mongodb.com:port", wantErr: "not a valid URL"},
		"http to a remote host":  {raw: "http://cloud.mongodb.com", wantErr: "credentials would cross the network in clear"},
		"http to a private IP":   {raw: "http://10.0.0.5:8080", wantErr: "http:// only with localhost, 127.0.0.0/8 or [::1]"},
		"http to a look-alike":   {raw: "http://localhost.example.com", wantErr: "not loopback"},
		"http to 127.0.0.0/8":    {raw: "http://127.1.2.3:9", want: "http://127.1.2.3:9"},
		"http to localhost":      {raw: "http://LocalHost:8080/", want: "http://LocalHost:8080"},
		"http to ::1":            {raw: "http://[::1]:8080", want: "http://[::1]:8080"},
		"https to a remote IP":   {raw: "https://10.0.0.5", want: "https://10.0.0.5"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			u, err := ParseBaseURL(tc.raw)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("ParseBaseURL(%q) error = %v; want it to contain %q", tc.raw, err, tc.wantErr)
				}
				if strings.Contains(err.Error(), ":p@") {
					t.Fatalf("error leaks userinfo: %v", err)
				}
				return
			}
			if err != nil || u.String() != tc.want {
				t.Fatalf("ParseBaseURL(%q) = %v, %v; want %s", tc.raw, u, err, tc.want)
			}
		})
	}
}

// TestParseBaseURL_neverQuotesAPassword checks that no error about a base
// URL repeats the user information in it, however the URL is broken.
func TestParseBaseURL_neverQuotesAPassword(t *testing.T) {
	t.Parallel()
	const password = "s3cr3t-pw"
	for _, raw := range []string{
		"https://user:" + password + "@cloud.mongodb.com",
		"http://user:" + password + "@cloud.mongodb.com",
		"ftp://user:" + password + "@cloud.mongodb.com",
		"https://user:" + password + "@cloud.mongodb.com:port",
		"https://user:" + password + "/x@cloud.mongodb.com",
		"https://user:" + password + "@cloud.mongodb.com?q=1",
		"user:" + password + "@cloud.mongodb.com",
		"https://" + password + "@",
	} {
		_, err := ParseBaseURL(raw)
		if err == nil {
			t.Fatalf("ParseBaseURL(%q) accepted a URL with user information", raw)
		}
		if strings.Contains(err.Error(), password) {
			t.Errorf("ParseBaseURL(%q) error quotes the password: %v", raw, err)
		}
		if got := RedactURL(raw); strings.Contains(got, password) {
			t.Errorf("RedactURL(%q) = %q, which still holds the password", raw, got)
		}
	}
}

func TestRedactURL(t *testing.T) {
	t.Parallel()
	tests := map[string]struct{ raw, want string }{
		"no user information": {raw: "https://cloud.mongodb.com/x", want: "https://cloud.mongodb.com/x"},
		"user and password":   {raw: "https://u:p@cloud.mongodb.com", want: "https://REDACTED@cloud.mongodb.com"},
		"user only":           {raw: "https://public-key@host:8080/p", want: "https://REDACTED@host:8080/p"},
		"no scheme":           {raw: "u:p@host", want: "REDACTED@host"},
		"not a URL":           {raw: "cloud.mongodb.com", want: "cloud.mongodb.com"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if got := RedactURL(tc.raw); got != tc.want {
				t.Fatalf("RedactURL(%q) = %q; want %q", tc.raw, got, tc.want)
			}
		})
	}
}

func TestInspectCredentials(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		cfg          Config
		wantComplete []CredentialSet
		wantPartial  []PartialSet
	}{
		"nothing":          {cfg: Config{}},
		"token":            {cfg: Config{AccessToken: "t"}, wantComplete: []CredentialSet{AccessTokenSet}},
		"client secret":    {cfg: Config{ClientSecret: "s"}, wantPartial: []PartialSet{{Set: ClientCredentialsSet, Missing: []int{0}}}},
		"public key":       {cfg: Config{PublicKey: "p"}, wantPartial: []PartialSet{{Set: APIKeySet, Missing: []int{1}}}},
		"all, precedence":  {cfg: Config{PublicKey: "p", PrivateKey: "q", ClientID: "i", ClientSecret: "s", AccessToken: "t"}, wantComplete: []CredentialSet{AccessTokenSet, ClientCredentialsSet, APIKeySet}},
		"complete+partial": {cfg: Config{ClientID: "i", ClientSecret: "s", PrivateKey: "q"}, wantComplete: []CredentialSet{ClientCredentialsSet}, wantPartial: []PartialSet{{Set: APIKeySet, Missing: []int{0}}}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got := InspectCredentials(tc.cfg)
			if fmt.Sprint(got.Complete) != fmt.Sprint(tc.wantComplete) || fmt.Sprint(got.Partial) != fmt.Sprint(tc.wantPartial) {
				t.Fatalf("InspectCredentials = %+v; want complete %v, partial %+v", got, tc.wantComplete, tc.wantPartial)
			}
			for _, s := range got.Complete {
				kept := s.Keep(tc.cfg)
				if n := len(InspectCredentials(kept).Complete); n != 1 {
					t.Fatalf("%v.Keep left %d complete sets, want 1", s, n)
				}
			}
		})
	}
}
