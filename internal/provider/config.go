package provider

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

// Defaults and environment variables of the provider configuration.
const (
	DefaultBaseURL        = "https://cloud.mongodb.com"
	DefaultMaxRetries     = 5
	DefaultRequestTimeout = 60 * time.Second

	EnvBaseURL       = "MONGODB_ATLAS_BASE_URL"
	EnvClientID      = "MONGODB_ATLAS_CLIENT_ID"
	EnvClientSecret  = "MONGODB_ATLAS_CLIENT_SECRET"
	EnvPublicKey     = "MONGODB_ATLAS_PUBLIC_KEY"
	EnvPrivateKey    = "MONGODB_ATLAS_PRIVATE_KEY"
	EnvPublicAPIKey  = "MONGODB_ATLAS_PUBLIC_API_KEY"
	EnvPrivateAPIKey = "MONGODB_ATLAS_PRIVATE_API_KEY"
	EnvAccessToken   = "MONGODB_ATLAS_ACCESS_TOKEN"
)

func lookupEnv(name string) string { return os.Getenv(name) }

// credentialSet is one way of authenticating, with where each part comes from.
type credentialSet struct {
	label  string   // for messages, e.g. "client_id and client_secret"
	names  []string // attribute or variable names, in the order of values
	values []string
	apply  func(cfg *client.Config, values []string)
}

func useAccessToken(cfg *client.Config, v []string) { cfg.AccessToken = v[0] }
func useClientCredentials(cfg *client.Config, v []string) {
	cfg.ClientID, cfg.ClientSecret = v[0], v[1]
}
func useAPIKeys(cfg *client.Config, v []string) { cfg.PublicKey, cfg.PrivateKey = v[0], v[1] }

func (s credentialSet) complete() bool {
	for _, v := range s.values {
		if v == "" {
			return false
		}
	}
	return true
}

func (s credentialSet) partial() bool { return !s.complete() && !s.empty() }

func (s credentialSet) empty() bool {
	for _, v := range s.values {
		if v != "" {
			return false
		}
	}
	return true
}

func (s credentialSet) missing() []string {
	var out []string
	for i, v := range s.values {
		if v == "" {
			out = append(out, s.names[i])
		}
	}
	return out
}

// resolveConfig turns the provider block and the environment into a client
// configuration, following the credential rules of DESIGN.md: credentials in
// the block must be exactly one complete set; with none in the block, the
// environment is used in the order access token, client ID/secret, API keys.
func resolveConfig(m providerModel, getenv func(string) string) (client.Config, diag.Diagnostics) {
	var diags diag.Diagnostics
	for name, v := range map[string]interface{ IsUnknown() bool }{
		"base_url": m.BaseURL, "client_id": m.ClientID, "client_secret": m.ClientSecret,
		"public_key": m.PublicKey, "private_key": m.PrivateKey, "access_token": m.AccessToken,
		"max_retries": m.MaxRetries, "request_timeout": m.RequestTimeout,
	} {
		if v.IsUnknown() {
			diags.AddAttributeError(path.Root(name), "Unknown Provider Configuration Value",
				fmt.Sprintf("The provider cannot be configured because %s is not known until apply. "+
					"Set it to a value known at plan time, or leave it out and use the environment.", name))
		}
	}
	if diags.HasError() {
		return client.Config{}, diags
	}

	cfg := client.Config{
		BaseURL:        firstNonEmpty(m.BaseURL.ValueString(), getenv(EnvBaseURL), DefaultBaseURL),
		MaxRetries:     DefaultMaxRetries,
		RequestTimeout: DefaultRequestTimeout,
	}
	if err := checkBaseURL(cfg.BaseURL); err != nil {
		source := "base_url"
		if m.BaseURL.ValueString() == "" {
			source = EnvBaseURL
		}
		diags.AddAttributeError(path.Root("base_url"), "Invalid Atlas Base URL",
			fmt.Sprintf("%s must be an absolute http or https URL such as %s: %s", source, DefaultBaseURL, err))
	}
	if !m.MaxRetries.IsNull() {
		cfg.MaxRetries = int(m.MaxRetries.ValueInt64())
	}
	if s := m.RequestTimeout.ValueString(); s != "" {
		d, err := time.ParseDuration(s)
		if err == nil {
			cfg.RequestTimeout = d
		}
	}

	block := []credentialSet{
		{"access_token", []string{"access_token"}, []string{m.AccessToken.ValueString()}, useAccessToken},
		{"client_id and client_secret", []string{"client_id", "client_secret"}, []string{m.ClientID.ValueString(), m.ClientSecret.ValueString()}, useClientCredentials},
		{"public_key and private_key", []string{"public_key", "private_key"}, []string{m.PublicKey.ValueString(), m.PrivateKey.ValueString()}, useAPIKeys},
	}
	var given []credentialSet
	for _, s := range block {
		if s.partial() {
			diags.AddAttributeError(path.Root(s.missing()[0]), "Incomplete Provider Credentials",
				fmt.Sprintf("%s must be set together; %s is missing.", s.label, strings.Join(s.missing(), ", ")))
		}
		if !s.empty() {
			given = append(given, s)
		}
	}
	if diags.HasError() {
		return cfg, diags
	}
	switch {
	case len(given) > 1:
		labels := make([]string, len(given))
		for i, s := range given {
			labels[i] = s.label
		}
		diags.AddAttributeError(path.Root(given[1].names[0]), "Conflicting Provider Credentials",
			fmt.Sprintf("Set exactly one set of credentials in the provider block; found %s. "+
				"Remove all but one of them.", strings.Join(labels, " and ")))
		return cfg, diags
	case len(given) == 1:
		given[0].apply(&cfg, given[0].values)
		return cfg, diags
	}

	// Nothing in the block: the environment, in order of precedence.
	env := []credentialSet{
		{EnvAccessToken, []string{EnvAccessToken}, []string{getenv(EnvAccessToken)}, useAccessToken},
		{EnvClientID + " and " + EnvClientSecret, []string{EnvClientID, EnvClientSecret}, []string{getenv(EnvClientID), getenv(EnvClientSecret)}, useClientCredentials},
		{EnvPublicKey + " and " + EnvPrivateKey, []string{EnvPublicKey, EnvPrivateKey},
			[]string{firstNonEmpty(getenv(EnvPublicKey), getenv(EnvPublicAPIKey)), firstNonEmpty(getenv(EnvPrivateKey), getenv(EnvPrivateAPIKey))}, useAPIKeys},
	}
	var chosen *credentialSet
	var ignored, partial []string
	for i := range env {
		s := env[i]
		switch {
		case s.complete() && chosen == nil:
			chosen = &env[i]
		case s.complete():
			ignored = append(ignored, s.label)
		case s.partial():
			partial = append(partial, fmt.Sprintf("%s (missing %s)", s.label, strings.Join(s.missing(), ", ")))
		}
	}
	if chosen == nil {
		if len(partial) > 0 {
			diags.AddError("Incomplete Provider Credentials",
				fmt.Sprintf("The environment has an incomplete set of Atlas credentials: %s. Set the missing variable, or configure credentials in the provider block.",
					strings.Join(partial, "; ")))
			return cfg, diags
		}
		diags.AddError("Missing Provider Credentials",
			"No Atlas credentials were found. Set client_id and client_secret (a service account), "+
				"public_key and private_key (API keys), or access_token in the provider block, or the environment variables "+
				EnvClientID+" and "+EnvClientSecret+", "+EnvPublicKey+" and "+EnvPrivateKey+", or "+EnvAccessToken+".")
		return cfg, diags
	}
	if len(ignored) > 0 || len(partial) > 0 {
		diags.AddWarning("Several Atlas Credentials in the Environment",
			fmt.Sprintf("Using %s; ignoring %s. Unset the variables you do not mean to use.",
				chosen.label, strings.Join(append(ignored, partial...), ", ")))
	}
	chosen.apply(&cfg, chosen.values)
	return cfg, diags
}

func authMethod(cfg client.Config) string {
	switch {
	case cfg.AccessToken != "":
		return "access_token"
	case cfg.ClientID != "":
		return "oauth2_client_credentials"
	default:
		return "digest"
	}
}

func firstNonEmpty(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}

func checkBaseURL(s string) error {
	u, err := url.Parse(s)
	if err != nil {
		return err
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("scheme %q is not http or https", u.Scheme)
	}
	if u.Host == "" {
		return fmt.Errorf("no host in %q", s)
	}
	if u.User != nil {
		return fmt.Errorf("credentials in the URL are not allowed")
	}
	return nil
}

type baseURLValidator struct{}

var _ validator.String = baseURLValidator{}

func (baseURLValidator) Description(context.Context) string {
	return "value must be an absolute http or https URL"
}

func (v baseURLValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (baseURLValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if err := checkBaseURL(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid Atlas Base URL",
			fmt.Sprintf("Attribute %s must be an absolute http or https URL such as %s, got %q: %s", req.Path, DefaultBaseURL, req.ConfigValue.ValueString(), err))
	}
}

type durationValidator struct{}

var _ validator.String = durationValidator{}

func (durationValidator) Description(context.Context) string {
	return "value must be a duration between 1s and 10m, such as 30s or 2m"
}

func (v durationValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (durationValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	d, err := time.ParseDuration(req.ConfigValue.ValueString())
	if err != nil || d < time.Second || d > 10*time.Minute {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid Request Timeout",
			fmt.Sprintf("Attribute %s must be a duration between 1s and 10m, such as 30s or 2m, got %q.", req.Path, req.ConfigValue.ValueString()))
	}
}
