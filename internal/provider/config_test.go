package provider

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

func model(attrs map[string]string) providerModel {
	str := func(k string) types.String {
		if v, ok := attrs[k]; ok {
			return types.StringValue(v)
		}
		return types.StringNull()
	}
	return providerModel{
		BaseURL: str("base_url"), ClientID: str("client_id"), ClientSecret: str("client_secret"),
		PublicKey: str("public_key"), PrivateKey: str("private_key"), AccessToken: str("access_token"),
		MaxRetries: types.Int64Null(), RequestTimeout: str("request_timeout"),
	}
}

func TestResolveConfig(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		block map[string]string
		env   map[string]string
		// want describes the chosen credentials: "token:X", "oauth:ID", "digest:PUB".
		want        string
		wantBaseURL string
		wantErr     string
		wantWarn    string
	}{
		"oauth in block":          {block: map[string]string{"client_id": "id", "client_secret": "s"}, want: "oauth:id"},
		"keys in block":           {block: map[string]string{"public_key": "pub", "private_key": "priv"}, want: "digest:pub"},
		"token in block":          {block: map[string]string{"access_token": "tok"}, want: "token:tok"},
		"block beats environment": {block: map[string]string{"public_key": "pub", "private_key": "priv"}, env: map[string]string{EnvAccessToken: "envtok"}, want: "digest:pub"},
		"half pair in block":      {block: map[string]string{"client_id": "id"}, wantErr: "client_secret is missing"},
		"half key pair in block":  {block: map[string]string{"private_key": "priv"}, wantErr: "public_key is missing"},
		"two sets in block": {
			block:   map[string]string{"client_id": "id", "client_secret": "s", "public_key": "pub", "private_key": "priv"},
			wantErr: "found client_id and client_secret and public_key and private_key",
		},
		"token and oauth in block": {block: map[string]string{"access_token": "t", "client_id": "id", "client_secret": "s"}, wantErr: "exactly one set"},
		"env oauth":                {env: map[string]string{EnvClientID: "eid", EnvClientSecret: "es"}, want: "oauth:eid"},
		"env keys":                 {env: map[string]string{EnvPublicKey: "epub", EnvPrivateKey: "epriv"}, want: "digest:epub"},
		"env legacy key names":     {env: map[string]string{EnvPublicAPIKey: "lpub", EnvPrivateAPIKey: "lpriv"}, want: "digest:lpub"},
		"env token first": {
			env:  map[string]string{EnvAccessToken: "et", EnvClientID: "eid", EnvClientSecret: "es"},
			want: "token:et", wantWarn: "ignoring " + EnvClientID,
		},
		"env oauth before keys": {
			env:  map[string]string{EnvClientID: "eid", EnvClientSecret: "es", EnvPublicKey: "p", EnvPrivateKey: "q"},
			want: "oauth:eid", wantWarn: "ignoring " + EnvPublicKey,
		},
		"env half pair":    {env: map[string]string{EnvClientID: "eid"}, wantErr: "missing " + EnvClientSecret},
		"no credentials":   {wantErr: "No Atlas credentials were found"},
		"base url block":   {block: map[string]string{"access_token": "t", "base_url": "http://127.0.0.1:9"}, want: "token:t", wantBaseURL: "http://127.0.0.1:9"},
		"base url env":     {block: map[string]string{"access_token": "t"}, env: map[string]string{EnvBaseURL: "https://cloud.mongodbgov.com"}, want: "token:t", wantBaseURL: "https://cloud.mongodbgov.com"},
		"base url default": {block: map[string]string{"access_token": "t"}, want: "token:t", wantBaseURL: DefaultBaseURL},
		"bad base url env": {block: map[string]string{"access_token": "t"}, env: map[string]string{EnvBaseURL: "cloud.mongodb.com"}, wantErr: EnvBaseURL + " must be an absolute https URL"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			cfg, diags := resolveConfig(model(tc.block), func(k string) string { return tc.env[k] })
			var errs, warns []string
			for _, d := range diags.Errors() {
				errs = append(errs, d.Summary()+": "+d.Detail())
			}
			for _, d := range diags.Warnings() {
				warns = append(warns, d.Detail())
			}
			if tc.wantErr != "" {
				if !strings.Contains(strings.Join(errs, "\n"), tc.wantErr) {
					t.Fatalf("errors %q do not contain %q", errs, tc.wantErr)
				}
				return
			}
			if len(errs) > 0 {
				t.Fatalf("unexpected errors: %q", errs)
			}
			if tc.wantWarn != "" && !strings.Contains(strings.Join(warns, "\n"), tc.wantWarn) {
				t.Fatalf("warnings %q do not contain %q", warns, tc.wantWarn)
			}
			if tc.wantWarn == "" && len(warns) > 0 {
				t.Fatalf("unexpected warnings %q", warns)
			}
			var got string
			switch {
			case cfg.AccessToken != "":
				got = "token:" + cfg.AccessToken
			case cfg.ClientID != "":
				got = "oauth:" + cfg.ClientID
			case cfg.PublicKey != "":
				got = "digest:" + cfg.PublicKey
			}
			if got != tc.want {
				t.Fatalf("credentials = %q, want %q", got, tc.want)
			}
			if n := countSets(cfg.AccessToken, cfg.ClientID+cfg.ClientSecret, cfg.PublicKey+cfg.PrivateKey); n != 1 {
				t.Fatalf("%d credential sets passed to the client, want exactly 1", n)
			}
			if tc.wantBaseURL != "" && cfg.BaseURL != tc.wantBaseURL {
				t.Fatalf("base URL = %q, want %q", cfg.BaseURL, tc.wantBaseURL)
			}
		})
	}
}

func countSets(values ...string) int {
	n := 0
	for _, v := range values {
		if v != "" {
			n++
		}
	}
	return n
}

func TestResolveConfigUnknownValue(t *testing.T) {
	t.Parallel()
	m := model(map[string]string{"client_secret": "s"})
	m.ClientID = types.StringUnknown()
	_, diags := resolveConfig(m, func(string) string { return "" })
	if !diags.HasError() || !strings.Contains(diags.Errors()[0].Detail(), "client_id is not known until apply") {
		t.Fatalf("want an unknown-value error naming client_id, got %v", diags)
	}
}

// TestBaseURLValidator_agreesWithTheClient checks the plan-time validator
// rejects exactly what client.New rejects, a query or fragment included.
func TestBaseURLValidator_agreesWithTheClient(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		value   string
		wantErr string
	}{
		"atlas":          {value: "https://cloud.mongodb.com"},
		"simulator":      {value: "http://127.0.0.1:8080"},
		"trailing slash": {value: "https://cloud.mongodb.com/"},
		"query":          {value: "https://cloud.mongodb.com?pretty=true", wantErr: "must not contain a query or fragment"},
		"fragment":       {value: "https://cloud.mongodb.com#x", wantErr: "must not contain a query or fragment"},
		"no scheme":      {value: "cloud.mongodb.com", wantErr: "must start with https:// or http://"},
		"user info":      {value: "https://u:p@cloud.mongodb.com", wantErr: "must not contain user information"},
		"empty":          {value: "", wantErr: "base URL is empty"},
		"http remote":    {value: "http://cloud.mongodb.com", wantErr: "credentials would cross the network in clear"},
		"http localhost": {value: "http://localhost:8080"},
		"http ::1":       {value: "http://[::1]:8080"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			req := validator.StringRequest{Path: path.Root("base_url"), ConfigValue: types.StringValue(tc.value)}
			var resp validator.StringResponse
			baseURLValidator{}.ValidateString(context.Background(), req, &resp)
			_, clientErr := client.New(client.Config{BaseURL: tc.value, AccessToken: "t"})
			if tc.value == "" {
				clientErr = errors.New("the client substitutes its default; the attribute may not be empty")
			}
			if (clientErr != nil) != resp.Diagnostics.HasError() {
				t.Fatalf("validator errors %v, client.New error %v: they must agree", resp.Diagnostics, clientErr)
			}
			if tc.wantErr == "" {
				return
			}
			if !resp.Diagnostics.HasError() || !strings.Contains(resp.Diagnostics.Errors()[0].Detail(), tc.wantErr) {
				t.Fatalf("validator diagnostics %v; want an error containing %q", resp.Diagnostics, tc.wantErr)
			}
		})
	}
}

// TestBaseURLDiagnostics_neverQuoteAPassword checks that neither the
// plan-time validator nor Configure repeats the password of a base URL
// with user information, wherever the URL came from.
func TestBaseURLDiagnostics_neverQuoteAPassword(t *testing.T) {
	t.Parallel()
	const password = "s3cr3t-pw"
	for _, raw := range []string{
		"https://user:" + password + "@cloud.mongodb.com",
		"http://user:" + password + "@cloud.mongodb.com",
		"https://user:" + password + "@cloud.mongodb.com:port",
		"user:" + password + "@cloud.mongodb.com",
	} {
		req := validator.StringRequest{Path: path.Root("base_url"), ConfigValue: types.StringValue(raw)}
		var resp validator.StringResponse
		baseURLValidator{}.ValidateString(context.Background(), req, &resp)
		_, fromBlock := resolveConfig(model(map[string]string{"access_token": "t", "base_url": raw}), func(string) string { return "" })
		_, fromEnv := resolveConfig(model(map[string]string{"access_token": "t"}),
			func(k string) string { return map[string]string{EnvBaseURL: raw}[k] })
		for name, d := range map[string]diag.Diagnostics{"validator": resp.Diagnostics, "block": fromBlock, "environment": fromEnv} {
			if !d.HasError() {
				t.Fatalf("%s accepted %q", name, raw)
			}
			for _, e := range d.Errors() {
				if strings.Contains(e.Summary()+e.Detail(), password) {
					t.Errorf("%s diagnostic for %q quotes the password: %s", name, raw, e.Detail())
				}
			}
		}
	}
}

func TestResolveConfig_baseURLWithQueryIsRejected(t *testing.T) {
	t.Parallel()
	_, diags := resolveConfig(model(map[string]string{"access_token": "t"}),
		func(k string) string {
			return map[string]string{EnvBaseURL: "https://cloud.mongodb.com/?envelope=true"}[k]
		})
	if !diags.HasError() || !strings.Contains(diags.Errors()[0].Detail(), EnvBaseURL+" must be an absolute https URL") ||
		!strings.Contains(diags.Errors()[0].Detail(), "query") {
		t.Fatalf("want an error naming %s and the query, got %v", EnvBaseURL, diags)
	}
}
