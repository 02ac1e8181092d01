// Package provider implements the atlasaccess provider: its configuration
// schema, the one authenticated Atlas client it builds (handed to resources
// as a providerdata.Data), the list of resources and data sources it
// serves, and the Servers that serve it and close what it configured.
package provider

import (
	"context"
	"strconv"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/providerdata"
)

var (
	_ provider.Provider                       = (*atlasAccessProvider)(nil)
	_ provider.ProviderWithEphemeralResources = (*atlasAccessProvider)(nil)
	_ provider.ProviderWithListResources      = (*atlasAccessProvider)(nil)
)

// New returns a constructor of the provider for the given release version.
// What such a provider configures is closed by nobody: its OAuth tokens are
// left to expire. Serve it through Servers instead, which closes them.
func New(version string) func() provider.Provider {
	return func() provider.Provider {
		return &atlasAccessProvider{version: version}
	}
}

type atlasAccessProvider struct {
	version string
	// configured, if set, is handed the data of each Configure, so that
	// the Servers that made this provider closes it.
	configured func(*providerdata.Data)
}

// providerModel is the provider block.
type providerModel struct {
	BaseURL        types.String `tfsdk:"base_url"`
	ClientID       types.String `tfsdk:"client_id"`
	ClientSecret   types.String `tfsdk:"client_secret"`
	PublicKey      types.String `tfsdk:"public_key"`
	PrivateKey     types.String `tfsdk:"private_key"`
	AccessToken    types.String `tfsdk:"access_token"`
	MaxRetries     types.Int64  `tfsdk:"max_retries"`
	RequestTimeout types.String `tfsdk:"request_timeout"`
}

func (p *atlasAccessProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "atlasaccess"
	resp.Version = p.version
}

func (p *atlasAccessProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Manages who can reach a MongoDB Atlas project: project service accounts, " +
			"assignments of existing service accounts to projects, and invitations of people to projects. " +
			"Configure exactly one set of credentials in the block, or none and let the environment provide them.",
		Attributes: map[string]schema.Attribute{
			"base_url": schema.StringAttribute{
				MarkdownDescription: "Base URL of the Atlas Administration API. Defaults to `" + DefaultBaseURL + "`; " +
					"use `https://cloud.mongodbgov.com` for Atlas for Government, or the address `atlassim` prints. " +
					"`http://` is accepted only for a loopback host (`localhost`, `127.0.0.0/8`, `[::1]`): elsewhere the credentials would cross the network in clear. " +
					"Environment: `" + EnvBaseURL + "`.",
				Optional:   true,
				Validators: []validator.String{baseURLValidator{}},
			},
			"client_id": schema.StringAttribute{
				MarkdownDescription: "Client ID of an Atlas service account (OAuth2 client credentials). Requires `client_secret`. Environment: `" + EnvClientID + "`.",
				Optional:            true,
			},
			"client_secret": schema.StringAttribute{
				MarkdownDescription: "Client secret of the Atlas service account. Requires `client_id`. Environment: `" + EnvClientSecret + "`.",
				Optional:            true,
				Sensitive:           true,
			},
			"public_key": schema.StringAttribute{
				MarkdownDescription: "Public key of an Atlas programmatic API key (HTTP digest, a legacy method). Requires `private_key`. Environment: `" + EnvPublicKey + "` or `" + EnvPublicAPIKey + "`.",
				Optional:            true,
			},
			"private_key": schema.StringAttribute{
				MarkdownDescription: "Private key of the Atlas programmatic API key. Requires `public_key`. Environment: `" + EnvPrivateKey + "` or `" + EnvPrivateAPIKey + "`.",
				Optional:            true,
				Sensitive:           true,
			},
			"access_token": schema.StringAttribute{
				MarkdownDescription: "A bearer access token obtained elsewhere: by a CI job, or from the `atlasaccess_access_token` ephemeral resource to act as another service account in an aliased provider block. It is not refreshed: it must outlive the run. Environment: `" + EnvAccessToken + "`.",
				Optional:            true,
				Sensitive:           true,
			},
			"max_retries": schema.Int64Attribute{
				MarkdownDescription: "How many times a request is retried after a server error (500, 502, 503, 504) or a dropped connection, with exponential backoff and jitter. Between 0 and 20; default " + strconv.Itoa(DefaultMaxRetries) + ". " +
					"A rate limit (HTTP 429, or Atlas's per-IP invitation limit, HTTP 400 `INVITATIONS_RATE_LIMITED_IP`) proves nothing was done, so it is waited out instead, with the same backoff and at least `Retry-After`, for up to 15 minutes outside this budget: one apply can send more requests than Atlas's limits let through in a minute.",
				Optional:   true,
				Validators: []validator.Int64{int64validator.Between(0, 20)},
			},
			"request_timeout": schema.StringAttribute{
				MarkdownDescription: "Time limit of one HTTP attempt, as a Go duration such as `30s` or `2m`. Between 1s and 10m; default `" + strconv.Itoa(int(client.DefaultRequestTimeout/time.Second)) + "s`.",
				Optional:            true,
				Validators:          []validator.String{durationValidator{}},
			},
		},
	}
}

func (p *atlasAccessProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var config providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}

	cfg, diags := resolveConfig(config, lookupEnv)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	cfg.UserAgent = "terraform-provider-atlasaccess/" + p.version
	cfg.Logger = newLogger(cfg)

	c, err := client.New(cfg)
	if err != nil {
		resp.Diagnostics.AddError("Unable to Create Atlas API Client", err.Error())
		return
	}
	data := providerdata.New(c)
	if p.configured != nil {
		p.configured(data) // its tokens are revoked when the server closes
	}
	tflog.Debug(ctx, "configured Atlas API client", map[string]any{"base_url": cfg.BaseURL, "auth": authMethod(cfg)})
	resp.ResourceData = data
	resp.DataSourceData = data
	resp.EphemeralResourceData = data
	resp.ListResourceData = data
}

func (p *atlasAccessProvider) Resources(context.Context) []func() resource.Resource {
	return resources()
}

// ListResources lists the provider's list resources (terraform query).
func (p *atlasAccessProvider) ListResources(context.Context) []func() list.ListResource {
	return listResources()
}

func (p *atlasAccessProvider) DataSources(context.Context) []func() datasource.DataSource {
	return dataSources()
}

func (p *atlasAccessProvider) EphemeralResources(context.Context) []func() ephemeral.EphemeralResource {
	return ephemeralResources()
}
