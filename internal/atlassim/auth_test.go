package atlassim

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mongodb-forks/digest"
)

func TestAuth_digestRoundTrip(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{Seed: 20})
	c := &http.Client{Transport: digest.NewTransportWithHTTPRoundTripper(e.fx.PublicKey, e.fx.PrivateKey, e.transport(&http.Transport{}))}

	// The seed request: create a project service account with 2024-11-13.
	r := e.callWith(c, "", "POST", "/groups/"+e.fx.ProjectID+"/serviceAccounts", "application/vnd.atlas.2024-11-13+json",
		map[string]any{"name": "digest made", "description": "d", "roles": []string{"GROUP_OWNER"}, "secretExpiresAfterHours": 8})
	mustStatus(t, r, 201)
	// GET with a query string (the digest uri includes it).
	r = e.callWith(c, "", "GET", "/groups/"+e.fx.ProjectID+"/serviceAccounts?itemsPerPage=5&pageNum=1", sa, nil)
	mustStatus(t, r, 200)

	reqs := e.srv.Requests()
	var kinds []string
	for _, rec := range reqs {
		if strings.HasPrefix(rec.Path, apiPrefix) {
			kinds = append(kinds, rec.Auth+"/"+http.StatusText(rec.Status))
		}
	}
	if strings.Join(kinds, ",") != "none/Unauthorized,digest/Created,none/Unauthorized,digest/OK" {
		t.Fatalf("request log %v", kinds)
	}

	// Wrong private key: the retry is refused too.
	bad := &http.Client{Transport: digest.NewTransport(e.fx.PublicKey, "wrong")}
	r = e.callWith(bad, "", "GET", "/groups/"+e.fx.ProjectID+"/serviceAccounts", sa, nil)
	mustStatus(t, r, 401)
	// Atlas answers a failed digest with no errorCode (see doc.go).
	if r.errorCode(t) != "" || r.json(t)["detail"] != unauthorizedDetail || !strings.HasPrefix(r.header.Get("WWW-Authenticate"), "Digest ") {
		t.Fatalf("bad digest: %s %v", r.body, r.header)
	}
}

func TestAuth_failures(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{Seed: 21, TokenLifetime: 150 * time.Millisecond})
	path := "/groups/" + e.fx.ProjectID + "/serviceAccounts"
	expiring := e.getToken(e.fx.ClientID, e.fx.ClientSecret)
	revoked := e.getToken(e.fx.ClientID, e.fx.ClientSecret)

	form := url.Values{"token": {revoked}, "token_type_hint": {"access_token"}}
	req, _ := http.NewRequest(http.MethodPost, e.ts.URL+"/api/oauth/revoke", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(e.fx.ClientID, e.fx.ClientSecret)
	resp, err := http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("revoke: %v %v", err, resp)
	}
	resp.Body.Close()

	// A live token works before expiry.
	mustStatus(t, e.callWith(e.client, "Bearer "+expiring, "GET", path, sa, nil), 200)
	time.Sleep(200 * time.Millisecond)

	nonce := `Digest username="` + e.fx.PublicKey + `", realm="MMS Public API", nonce="00", uri="/x", response="00", qop=auth, nc=00000001, cnonce="ab"`
	tests := map[string]struct {
		auth      string
		code      string
		challenge string
	}{
		"no auth":        {"", "NOT_AUTHENTICATED", "Digest "},
		"basic":          {"Basic " + "dXNlcjpwYXNz", "NOT_AUTHENTICATED", "Digest "},
		"forged digest":  {nonce, "", "Digest "}, // no errorCode, as Atlas
		"bare digest":    {"Digest", "", "Digest "},
		"unknown token":  {"Bearer nope", "INVALID_TOKEN", "Bearer "},
		"empty bearer":   {"Bearer ", "INVALID_TOKEN", "Bearer "},
		"revoked token":  {"Bearer " + revoked, "INVALID_TOKEN", "Bearer "},
		"expired token":  {"Bearer " + expiring, "TOKEN_EXPIRED", "Bearer "},
		"garbage scheme": {"Negotiate xyz", "NOT_AUTHENTICATED", "Digest "},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			r := e.callWith(e.client, tc.auth, "GET", path, sa, nil)
			mustStatus(t, r, 401)
			if r.errorCode(t) != tc.code || !strings.HasPrefix(r.header.Get("WWW-Authenticate"), tc.challenge) {
				t.Fatalf("got %s, challenge %q", r.body, r.header.Get("WWW-Authenticate"))
			}
		})
	}
	// The log names the scheme, never the credential.
	for _, rec := range e.srv.Requests() {
		line, _ := json.Marshal(rec)
		for _, secret := range []string{revoked, expiring, e.fx.ClientSecret, e.fx.PrivateKey, "dXNlcjpwYXNz"} {
			if strings.Contains(string(line), secret) {
				t.Fatalf("request log leaks a credential: %s", line)
			}
		}
	}
}

func TestOAuth_tokenEndpoint(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{Seed: 22, TokenLifetime: 90 * time.Second})
	post := func(path, form, id, secret string) (int, map[string]any) {
		req, _ := http.NewRequest(http.MethodPost, e.ts.URL+path, strings.NewReader(form))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if id != "" {
			req.SetBasicAuth(id, secret)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		data, _ := io.ReadAll(resp.Body)
		var m map[string]any
		_ = json.Unmarshal(data, &m)
		return resp.StatusCode, m
	}
	status, m := post("/api/oauth/token", "grant_type=client_credentials", e.fx.ClientID, e.fx.ClientSecret)
	if status != 200 || m["token_type"] != "Bearer" || m["expires_in"] != float64(90) || m["access_token"] == "" {
		t.Fatalf("token: %d %v", status, m)
	}
	tests := map[string]struct {
		path, form, id, secret string
		status                 int
		err                    string
	}{
		"wrong secret":    {"/api/oauth/token", "grant_type=client_credentials", e.fx.ClientID, "mdb_sa_sk_wrong", 401, "invalid_client"},
		"no client auth":  {"/api/oauth/token", "grant_type=client_credentials", "", "", 401, "invalid_client"},
		"unknown client":  {"/api/oauth/token", "grant_type=client_credentials", "mdb_sa_id_0123456789abcdef01234567", "x", 401, "invalid_client"},
		"wrong grant":     {"/api/oauth/token", "grant_type=password", e.fx.ClientID, e.fx.ClientSecret, 400, "unsupported_grant_type"},
		"revoke no token": {"/api/oauth/revoke", "", e.fx.ClientID, e.fx.ClientSecret, 400, "invalid_request"},
		"revoke bad auth": {"/api/oauth/revoke", "token=abc", e.fx.ClientID, "x", 401, "invalid_client"},
		"revoke unknown":  {"/api/oauth/revoke", "token=abc", e.fx.ClientID, e.fx.ClientSecret, 200, ""},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			status, m := post(tc.path, tc.form, tc.id, tc.secret)
			if status != tc.status || (tc.err != "" && m["error"] != tc.err) {
				t.Fatalf("got %d %v", status, m)
			}
		})
	}

	// A deleted account's secret and tokens stop working; an expired secret
	// cannot mint tokens.
	created := e.createSA(e.fx.ProjectID, "short lived")
	id := created["clientId"].(string)
	plain := created["secrets"].([]any)[0].(map[string]any)["secret"].(string)
	tok := e.getToken(id, plain)
	mustStatus(t, e.callWith(e.client, "Bearer "+tok, "GET", "/groups/"+e.fx.ProjectID+"/serviceAccounts", sa, nil), 200)
	mustStatus(t, e.call("DELETE", "/orgs/"+e.fx.OrgID+"/serviceAccounts/"+id, sa, nil), 204)
	mustStatus(t, e.callWith(e.client, "Bearer "+tok, "GET", "/groups/"+e.fx.ProjectID+"/serviceAccounts", sa, nil), 401)
	if status, _ := post("/api/oauth/token", "grant_type=client_credentials", id, plain); status != 401 {
		t.Fatalf("deleted account got a token: %d", status)
	}
}

// tokenRequest posts a client-credentials token request and returns the
// answer's status, Retry-After and decoded body.
func (e *env) tokenRequest(id, secret string) (status int, retryAfter string, body map[string]any) {
	e.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, e.ts.URL+"/api/oauth/token", strings.NewReader("grant_type=client_credentials"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(id, secret)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	_ = json.Unmarshal(data, &body)
	return resp.StatusCode, resp.Header.Get("Retry-After"), body
}

// Atlas limits /api/oauth/token to 10 requests a minute per client IP and
// client ID (reported by users of the official provider); the simulator
// does the same by default, and answers 429 with Retry-After.
func TestOAuth_tokenEndpointRateLimit(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		opts       Options
		allowed    int
		wantDetail string
		maxWait    int
	}{
		"default 10 a minute": {opts: Options{Seed: 23}, allowed: 10, wantDetail: "Resource /api/oauth/token is limited to 10 requests every 1 minutes.", maxWait: 60},
		"3 every 2 seconds":   {opts: Options{Seed: 24, TokenRateLimit: 3, TokenRateWindow: 2 * time.Second}, allowed: 3, wantDetail: "limited to 3 requests every 2 seconds", maxWait: 2},
		"disabled":            {opts: Options{Seed: 25, TokenRateLimit: -1}, allowed: 40},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, tc.opts) // newEnv fetched one token already
			for i := 2; i <= tc.allowed; i++ {
				if status, _, body := e.tokenRequest(e.fx.ClientID, e.fx.ClientSecret); status != http.StatusOK {
					t.Fatalf("request %d: %d %v", i, status, body)
				}
			}
			// Another client ID from the same address has a limit of its own.
			other := e.createSA(e.fx.ProjectID, "other client")
			otherSecret := other["secrets"].([]any)[0].(map[string]any)["secret"].(string)
			if status, _, body := e.tokenRequest(other["clientId"].(string), otherSecret); status != http.StatusOK {
				t.Fatalf("another client ID: %d %v", status, body)
			}
			if tc.maxWait == 0 {
				return
			}
			// Wrong credentials are refused by the limit, too: it comes first.
			for _, secret := range []string{e.fx.ClientSecret, "mdb_sa_sk_wrong"} {
				status, retryAfter, body := e.tokenRequest(e.fx.ClientID, secret)
				if status != http.StatusTooManyRequests || body["errorCode"] != "RATE_LIMITED" || !strings.Contains(body["detail"].(string), tc.wantDetail) {
					t.Fatalf("over the limit: %d %v", status, body)
				}
				if n, err := strconv.Atoi(retryAfter); err != nil || n < 1 || n > tc.maxWait {
					t.Fatalf("Retry-After %q, want 1 to %d seconds", retryAfter, tc.maxWait)
				}
			}
			if tc.maxWait > 2 {
				return
			}
			_, retryAfter, _ := e.tokenRequest(e.fx.ClientID, e.fx.ClientSecret)
			wait, _ := strconv.Atoi(retryAfter)
			time.Sleep(time.Duration(wait) * time.Second)
			if status, _, body := e.tokenRequest(e.fx.ClientID, e.fx.ClientSecret); status != http.StatusOK {
				t.Fatalf("after Retry-After: %d %v", status, body)
			}
		})
	}
}

// A revoked token is refused with 401, and RevokedTokens shows it; a client
// cannot revoke another client's token (RFC 7009).
func TestOAuth_revocationIsRecordedAndOnlyByTheOwner(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{Seed: 26})
	other := e.createSA(e.fx.ProjectID, "other client")
	otherID := other["clientId"].(string)
	otherSecret := other["secrets"].([]any)[0].(map[string]any)["secret"].(string)
	otherToken := e.getToken(otherID, otherSecret)
	revoke := func(id, secret, tok string) {
		t.Helper()
		req, _ := http.NewRequest(http.MethodPost, e.ts.URL+"/api/oauth/revoke", strings.NewReader(url.Values{"token": {tok}}.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.SetBasicAuth(id, secret)
		resp, err := http.DefaultClient.Do(req)
		if err != nil || resp.StatusCode != http.StatusOK {
			t.Fatalf("revoke: %v %v", err, resp)
		}
		resp.Body.Close()
	}
	path := "/groups/" + e.fx.ProjectID + "/serviceAccounts"
	revoke(e.fx.ClientID, e.fx.ClientSecret, otherToken) // not the fixture's token: ignored
	mustStatus(t, e.callWith(e.client, "Bearer "+otherToken, "GET", path, sa, nil), http.StatusOK)
	if got := e.srv.RevokedTokens(); len(got) != 0 {
		t.Fatalf("RevokedTokens = %d tokens after revoking another client's token", len(got))
	}
	revoke(otherID, otherSecret, otherToken)
	r := e.callWith(e.client, "Bearer "+otherToken, "GET", path, sa, nil)
	mustStatus(t, r, http.StatusUnauthorized)
	if r.errorCode(t) != "INVALID_TOKEN" {
		t.Fatalf("revoked token: %s", r.body)
	}
	if got := e.srv.RevokedTokens(); len(got) != 1 || got[0] != otherToken {
		t.Fatalf("RevokedTokens = %v, want the one revoked token", len(got))
	}
}
