package provider

import (
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

// Defaults and environment variables of the provider configuration. The
// base URL and request timeout defaults are the client's, so that the
// provider and the client cannot disagree.
const (
	DefaultBaseURL    = client.DefaultBaseURL
	DefaultMaxRetries = 5

	EnvBaseURL       = client.EnvBaseURL
	EnvClientID      = "MONGODB_ATLAS_CLIENT_ID"
	EnvClientSecret  = "MONGODB_ATLAS_CLIENT_SECRET"
	EnvPublicKey     = "MONGODB_ATLAS_PUBLIC_KEY"
	EnvPrivateKey    = "MONGODB_ATLAS_PRIVATE_KEY"
	EnvPublicAPIKey  = "MONGODB_ATLAS_PUBLIC_API_KEY"
	EnvPrivateAPIKey = "MONGODB_ATLAS_PRIVATE_API_KEY"
	EnvAccessToken   = "MONGODB_ATLAS_ACCESS_TOKEN"
)

func lookupEnv(name string) string { return os.Getenv(name) }

// credentialNames are the names of the parts of each credential set, in the
// order of client.CredentialSet.Values: the attributes of the provider block
// and the environment variables. Which sets exist, what makes one complete
// and the order of precedence are the client's (client.InspectCredentials).
var credentialNames = map[client.CredentialSet]struct{ attributes, variables []string }{
	client.AccessTokenSet:       {[]string{"access_token"}, []string{EnvAccessToken}},
	client.ClientCredentialsSet: {[]string{"client_id", "client_secret"}, []string{EnvClientID, EnvClientSecret}},
	client.APIKeySet:            {[]string{"public_key", "private_key"}, []string{EnvPublicKey, EnvPrivateKey}},
}

func pick(names []string, indexes []int) []string {
	out := make([]string, len(indexes))
	for i, idx := range indexes {
		out[i] = names[idx]
	}
	return out
}

// resolveConfig turns the provider block and the environment into a client
// configuration. The credential rules:
//   - A value not known at plan time is an error naming the attribute.
//   - Credentials in the block must be exactly one complete set (client_id
//     and client_secret, public_key and private_key, or access_token). Half
//     a pair is an error naming the missing attribute; two sets are an error
//     naming both.
//   - A block that names no credential takes them from the environment: the
//     first complete set in the order access token, client ID and secret,
//     API keys is used, with a warning naming any other set found there.
//   - No credentials anywhere is an error naming both the attributes and the
//     environment variables.
func resolveConfig(m providerModel, getenv func(string) string) (client.Config, diag.Diagnostics) {
	if diags := unknownValues(m); diags.HasError() {
		return client.Config{}, diags
	}
	cfg, credentialsInBlock, diags := resolveBlock(m)
	cfg, envDiags := resolveEnvironment(cfg, getenv, !credentialsInBlock)
	diags.Append(envDiags...)
	return cfg, diags
}

// unknownValues reports every attribute of the block not known at plan time.
func unknownValues(m providerModel) diag.Diagnostics {
	var diags diag.Diagnostics
	for name, v := range map[string]interface{ IsUnknown() bool }{
		"base_url": m.BaseURL, "client_id": m.ClientID, "client_secret": m.ClientSecret,
		"public_key": m.PublicKey, "private_key": m.PrivateKey, "access_token": m.AccessToken,
		"max_retries": m.MaxRetries, "request_timeout": m.RequestTimeout,
	} {
		if v.IsUnknown() {
			diags.AddAttributeError(path.Root(name), "Unknown Provider Configuration Value",
				fmt.Sprintf("The provider cannot be configured because %s is not known until apply. "+
					"Set it to a value known at plan time, or leave it out and use the environment.", name)+unknownCredentialAdvice(name))
		}
	}
	return diags
}

// unknownCredentialAdvice is what to do when a credential is unknown at
// plan time because it comes from a service account or secret created in
// the same run. Terraform 1.11 configures a provider during plan and cannot
// defer it, and it opens no ephemeral resource whose arguments are unknown,
// so such a configuration can only be applied in two steps.
func unknownCredentialAdvice(name string) string {
	switch name {
	case "access_token", "client_id", "client_secret":
	default:
		return ""
	}
	from := "a service account or secret"
	if name == "access_token" {
		from = "an atlasaccess_access_token ephemeral resource whose client_id or client_secret come from a service account or secret"
	}
	return "\n\nWhen " + name + " comes from " + from + " created in the same apply, Terraform cannot configure this provider " +
		"until that account or secret exists. Apply in two steps: first create it alone, with " +
		"terraform apply -target=<the resource that creates the account or secret>, then run terraform apply again; " +
		"or create the account and its secret in one root module and use them in another."
}

// resolveBlock reads the provider block: the settings it gives, and its
// credentials, which must be exactly one complete set. credentialsInBlock is
// true when the block names any credential, complete or not; then the
// environment's credentials are not looked at.
func resolveBlock(m providerModel) (cfg client.Config, credentialsInBlock bool, diags diag.Diagnostics) {
	cfg = client.Config{
		BaseURL:        m.BaseURL.ValueString(),
		MaxRetries:     DefaultMaxRetries,
		RequestTimeout: client.DefaultRequestTimeout,
		AccessToken:    m.AccessToken.ValueString(),
		ClientID:       m.ClientID.ValueString(),
		ClientSecret:   m.ClientSecret.ValueString(),
		PublicKey:      m.PublicKey.ValueString(),
		PrivateKey:     m.PrivateKey.ValueString(),
	}
	if !m.MaxRetries.IsNull() {
		cfg.MaxRetries = int(m.MaxRetries.ValueInt64())
	}
	if s := m.RequestTimeout.ValueString(); s != "" {
		if d, err := time.ParseDuration(s); err == nil {
			cfg.RequestTimeout = d
		}
	}

	creds := client.InspectCredentials(cfg)
	credentialsInBlock = len(creds.Complete)+len(creds.Partial) > 0
	for _, p := range creds.Partial {
		missing := pick(credentialNames[p.Set].attributes, p.Missing)
		diags.AddAttributeError(path.Root(missing[0]), "Incomplete Provider Credentials",
			fmt.Sprintf("%s must be set together; %s is missing.",
				strings.Join(credentialNames[p.Set].attributes, " and "), strings.Join(missing, ", ")))
	}
	if diags.HasError() {
		return cfg, credentialsInBlock, diags
	}
	if len(creds.Complete) > 1 {
		labels := make([]string, len(creds.Complete))
		for i, s := range creds.Complete {
			labels[i] = strings.Join(credentialNames[s].attributes, " and ")
		}
		diags.AddAttributeError(path.Root(credentialNames[creds.Complete[1]].attributes[0]), "Conflicting Provider Credentials",
			fmt.Sprintf("Set exactly one set of credentials in the provider block; found %s. "+
				"Remove all but one of them.", strings.Join(labels, " and ")))
	}
	return cfg, credentialsInBlock, diags
}

// resolveEnvironment fills in from the environment, and then from the
// defaults, what the block left out: the base URL always, the credentials
// when withCredentials (the block named none). From the environment the first
// complete set in the client's order of precedence (client.InspectCredentials) is used, with a warning
// naming any other set found there.
func resolveEnvironment(cfg client.Config, getenv func(string) string, withCredentials bool) (client.Config, diag.Diagnostics) {
	var diags diag.Diagnostics
	source := "base_url"
	if cfg.BaseURL == "" {
		source = EnvBaseURL
		cfg.BaseURL = firstNonEmpty(getenv(EnvBaseURL), DefaultBaseURL)
	}
	if _, err := client.ParseBaseURL(cfg.BaseURL); err != nil {
		diags.AddAttributeError(path.Root("base_url"), "Invalid Atlas Base URL",
			fmt.Sprintf("%s must be an absolute https URL such as %s (http only for localhost, 127.0.0.0/8 or [::1]): %s", source, DefaultBaseURL, err))
	}
	if !withCredentials {
		return cfg, diags
	}

	env := cfg
	env.AccessToken = getenv(EnvAccessToken)
	env.ClientID, env.ClientSecret = getenv(EnvClientID), getenv(EnvClientSecret)
	env.PublicKey = firstNonEmpty(getenv(EnvPublicKey), getenv(EnvPublicAPIKey))
	env.PrivateKey = firstNonEmpty(getenv(EnvPrivateKey), getenv(EnvPrivateAPIKey))
	creds := client.InspectCredentials(env)
	label := func(s client.CredentialSet) string {
		return strings.Join(credentialNames[s].variables, " and ")
	}
	var partial []string
	for _, p := range creds.Partial {
		partial = append(partial, fmt.Sprintf("%s (missing %s)", label(p.Set),
			strings.Join(pick(credentialNames[p.Set].variables, p.Missing), ", ")))
	}
	if len(creds.Complete) == 0 {
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
	chosen := creds.Complete[0]
	var ignored []string
	for _, s := range creds.Complete[1:] {
		ignored = append(ignored, label(s))
	}
	if len(ignored) > 0 || len(partial) > 0 {
		diags.AddWarning("Several Atlas Credentials in the Environment",
			fmt.Sprintf("Using %s; ignoring %s. Unset the variables you do not mean to use.",
				label(chosen), strings.Join(append(ignored, partial...), ", ")))
	}
	return chosen.Keep(env), diags
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

type baseURLValidator struct{}

var _ validator.String = baseURLValidator{}

func (baseURLValidator) Description(context.Context) string {
	return "value must be an absolute https URL (http only for localhost, 127.0.0.0/8 or [::1]) without user information, a query or a fragment"
}

func (v baseURLValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (baseURLValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if _, err := client.ParseBaseURL(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid Atlas Base URL",
			fmt.Sprintf("Attribute %s must be an absolute https URL such as %s (http only for localhost, 127.0.0.0/8 or [::1]), got %q: %s",
				req.Path, DefaultBaseURL, client.RedactURL(req.ConfigValue.ValueString()), err))
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
