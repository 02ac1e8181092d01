package atlassim

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
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
