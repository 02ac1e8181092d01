// Package client is a small, typed HTTP client for the parts of the MongoDB
// Atlas Administration API v2 that the atlasaccess provider manages: project
// and organization service accounts, their secrets, project and
// organization users, teams, and teams' project roles.
//
// It knows HTTP and Atlas and nothing of Terraform. Requests are layered,
// outermost first, as retry -> logging -> authentication -> base transport, so
// that every retry redoes the digest challenge or obtains a token, and so that
// the logging layer never sees an Authorization header.
package client

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/mongodb-forks/digest"
	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"
	"golang.org/x/sync/singleflight"
)

// Media-type versions of the Atlas resources this client uses. Each request
// sends Accept (and Content-Type when it has a body) as
// application/vnd.atlas.<version>+json.
const (
	// VersionServiceAccounts is the version of every service-account operation.
	VersionServiceAccounts = "2024-08-05"
	// VersionProjectUsers is the version of the /groups/{groupId}/users operations.
	VersionProjectUsers = "2025-02-19"
	// VersionProjects is the version of GET /groups/{groupId} and GET
	// /orgs/{orgId}/groups.
	VersionProjects = "2023-01-01"
	// VersionOrgUsers is the version of the /orgs/{orgId}/users operations
	// (create, list, get, update, :addRole, :removeRole, delete).
	VersionOrgUsers = "2025-02-19"
	// VersionTeams is the version of the /orgs/{orgId}/teams operations
	// (create, list, get, get by name, rename, delete).
	VersionTeams = "2023-01-01"
	// VersionTeamUsers is the version of a team's members: GET
	// /orgs/{orgId}/teams/{teamId}/users, :addUser and :removeUser. The
	// older member calls (2023-01-01) sunset on 2027-07-01.
	VersionTeamUsers = "2025-02-19"
	// VersionProjectTeams is the version of the /groups/{groupId}/teams
	// operations: a team's roles in a project.
	VersionProjectTeams = "2023-01-01"
	// VersionDatabaseAccess is the version of the database-user
	// (/groups/{groupId}/databaseUsers) and custom database role
	// (/groups/{groupId}/customDBRoles/roles) operations.
	VersionDatabaseAccess = "2023-01-01"
)

// DefaultBaseURL is used when Config.BaseURL is empty. The provider's
// base_url default is this constant.
const DefaultBaseURL = "https://cloud.mongodb.com"

// EnvBaseURL is the environment variable Atlas's tools (the Atlas CLI, the
// official Terraform provider, this one) read the base URL from. The
// provider reads it; messages about a wrong base URL name it.
const EnvBaseURL = "MONGODB_ATLAS_BASE_URL"

// DefaultRequestTimeout bounds each attempt when Config.RequestTimeout is 0.
// The provider's request_timeout default is this constant.
const DefaultRequestTimeout = 60 * time.Second

// TokenPath is the path, below the base URL, of the OAuth2 token endpoint.
const TokenPath = "/api/oauth/token"

const (
	defaultMinBackoff = time.Second
	defaultMaxBackoff = 30 * time.Second
	// defaultRateLimitWait bounds how long one request waits for a rate
	// limit to let it in: Atlas's token buckets (a 429) or its per-IP
	// invitation limit (observed: 10 a minute).
	defaultRateLimitWait = 15 * time.Minute
	// tokenEarlyExpiry caps how long before its expiry a cached token is refreshed; it
	// expires, so a token never runs out while a request is in flight.
	tokenEarlyExpiry = 60 * time.Second
)

// Logger receives structured debug logs. Fields never contain credentials.
type Logger interface {
	Debug(ctx context.Context, msg string, fields map[string]any)
}

// WarnLogger is a Logger that also logs warnings: what a user should see
// without debug logging, such as a wait for Atlas's token rate limit. A
// Logger without Warn gets those at debug level.
type WarnLogger interface {
	Logger
	Warn(ctx context.Context, msg string, fields map[string]any)
}

// warn logs msg as a warning through c's logger, if it has one.
func (c *Client) warn(ctx context.Context, msg string, fields map[string]any) {
	switch l := c.logger.(type) {
	case nil:
	case WarnLogger:
		l.Warn(ctx, msg, fields)
	default:
		l.Debug(ctx, msg, fields)
	}
}

// Config configures a Client. Exactly one credential set must be given:
// ClientID and ClientSecret, PublicKey and PrivateKey, or AccessToken.
type Config struct {
	// BaseURL is the Atlas base URL, e.g. https://cloud.mongodb.com. A
	// trailing slash is tolerated. Empty means DefaultBaseURL.
	BaseURL string
	// ClientID and ClientSecret are OAuth2 client credentials of a service account.
	ClientID     string
	ClientSecret string
	// PublicKey and PrivateKey are a legacy API key pair used with HTTP digest.
	PublicKey  string
	PrivateKey string
	// AccessToken is a bearer token obtained elsewhere.
	AccessToken string
	// MaxRetries is the number of retries after the first attempt; 0 means none.
	MaxRetries int
	// RequestTimeout bounds each attempt; 0 means 60 seconds.
	RequestTimeout time.Duration
	// UserAgent is the full User-Agent value, e.g. "terraform-provider-atlasaccess/1.2.3".
	UserAgent string
	// Logger receives one debug log per attempt and per back-off; nil means no logs.
	Logger Logger
	// HTTPClient optionally supplies the innermost transport (its Transport
	// field; other fields are ignored). Nil means a clone of http.DefaultTransport.
	HTTPClient *http.Client
	// MinBackoff is the shortest wait between attempts; 0 means 1 second.
	MinBackoff time.Duration
	// MaxBackoff caps the exponential back-off; 0 means 30 seconds. A
	// Retry-After header longer than this is still honoured.
	MaxBackoff time.Duration
	// RateLimitWait is how long a request refused by a rate limit (HTTP 429,
	// or Atlas's HTTP 400 INVITATIONS_RATE_LIMITED_IP for invitations) keeps
	// being retried, with the same back-off and at least Retry-After, outside
	// the MaxRetries budget. A rate limit proves the request was not carried
	// out, so waiting is always safe, and one apply may send more requests
	// than a limit lets through in a window: counting its refusals against
	// MaxRetries made large applies fail under tight limits. 0 means 15
	// minutes.
	RateLimitWait time.Duration
	// Clock is the local time and the waits between attempts; nil means
	// SystemClock. Tests set a fake one.
	Clock Clock
}

// Client calls the Atlas Administration API v2. It is safe for concurrent use.
type Client struct {
	baseURL       *url.URL
	transport     http.RoundTripper // logging -> auth -> trace -> base
	userAgent     string
	logger        Logger
	maxRetries    int
	timeout       time.Duration
	minBackoff    time.Duration
	maxBackoff    time.Duration
	rateLimitWait time.Duration
	// maxListBytes is listAll's byte budget: maxListBytes, lowered by tests.
	maxListBytes int

	// orgIDs caches project ID -> organization ID: a project never changes
	// organization during a run, and destroying many accounts would
	// otherwise read the same project once per account.
	orgIDs sync.Map
	// orgIDCalls makes concurrent lookups of one project (Terraform destroys
	// ten accounts at once) share a single request.
	orgIDCalls singleflight.Group
	// orgIDWaiting, set only by tests, is called by each lookup once it
	// waits for the shared request: the moment it can no longer send its own.
	orgIDWaiting func()

	// atlas follows Atlas's clock through the Date header of its answers.
	atlas atlasClock
	// local is this machine's clock: send and answer times, and the waits
	// between attempts.
	local Clock

	// tokens is the OAuth2 token cache; nil with other credentials.
	tokens *cachedTokenSource
	// revoker revokes what tokens fetched (RevokeTokens); nil with other
	// credentials.
	revoker *tokenRevoker

	// oauthTransport carries the OAuth2 requests made for other service
	// accounts (IssueAccessToken, RevokeAccessToken): the base transport,
	// under the trace layer (Atlas's clock, whether a request was sent) and
	// the logging layer, without the client's own authentication.
	oauthTransport http.RoundTripper

	// signInClientID is the client ID of the service account whose client
	// credentials sign the requests; empty with other credentials.
	signInClientID string
}

// SignInClientID is the client ID of the service account the client signs
// in as (Config.ClientID), or "" when it uses API keys or an access token.
// An API access list of that account decides whether this client's own
// requests are let through.
func (c *Client) SignInClientID() string { return c.signInClientID }

// New validates cfg and returns a Client. It returns an error when the
// credentials are missing, incomplete or ambiguous, or when the base URL is
// not an absolute http(s) URL.
func New(cfg Config) (*Client, error) {
	raw := cfg.BaseURL
	if strings.TrimSpace(raw) == "" {
		raw = DefaultBaseURL
	}
	base, err := ParseBaseURL(raw)
	if err != nil {
		return nil, fmt.Errorf("atlas client: %w", err)
	}
	if err := CheckCredentials(cfg); err != nil {
		return nil, err
	}
	if cfg.MaxRetries < 0 {
		return nil, fmt.Errorf("atlas client: max retries must not be negative, got %d", cfg.MaxRetries)
	}
	if cfg.RequestTimeout < 0 {
		return nil, fmt.Errorf("atlas client: request timeout must not be negative, got %s", cfg.RequestTimeout)
	}

	c := &Client{
		baseURL:       base,
		userAgent:     cfg.UserAgent,
		logger:        cfg.Logger,
		maxRetries:    cfg.MaxRetries,
		timeout:       cfg.RequestTimeout,
		minBackoff:    cfg.MinBackoff,
		maxBackoff:    cfg.MaxBackoff,
		rateLimitWait: cfg.RateLimitWait,
		maxListBytes:  maxListBytes,
		local:         cfg.Clock,
	}
	if c.local == nil {
		c.local = SystemClock()
	}
	if cfg.ClientID != "" {
		c.signInClientID = cfg.ClientID
	}
	if c.timeout == 0 {
		c.timeout = DefaultRequestTimeout
	}
	if c.minBackoff <= 0 {
		c.minBackoff = defaultMinBackoff
	}
	if c.rateLimitWait <= 0 {
		c.rateLimitWait = defaultRateLimitWait
	}
	if c.maxBackoff <= 0 {
		c.maxBackoff = defaultMaxBackoff
	}
	if c.maxBackoff < c.minBackoff {
		c.maxBackoff = c.minBackoff
	}

	var baseTransport http.RoundTripper
	if cfg.HTTPClient != nil && cfg.HTTPClient.Transport != nil {
		baseTransport = cfg.HTTPClient.Transport
	} else {
		t := http.DefaultTransport.(*http.Transport).Clone()
		// Terraform calls a provider up to 10 times at once (-parallelism),
		// all to one host. Go keeps only 2 idle connections per host by
		// default, so after each burst most connections were closed and the
		// next burst paid new TCP and TLS handshakes.
		t.MaxIdleConnsPerHost = maxIdleConnsPerHost
		baseTransport = t
	}

	// The trace layer sits directly on the base transport so that it sees
	// each request actually sent (including the digest challenge request).
	var rt http.RoundTripper = &traceTransport{next: baseTransport, atlas: &c.atlas, local: c.local}
	c.oauthTransport = rt
	if cfg.Logger != nil {
		c.oauthTransport = &loggingTransport{next: rt, logger: cfg.Logger, local: c.local}
	}
	switch {
	case cfg.ClientID != "":
		rt = &oauth2.Transport{Source: c.newTokenSource(cfg, baseTransport), Base: rt}
	case cfg.PublicKey != "":
		rt = digest.NewTransportWithHTTPRoundTripper(cfg.PublicKey, cfg.PrivateKey, rt)
	default:
		rt = &bearerTransport{token: cfg.AccessToken, next: rt}
	}
	if cfg.Logger != nil {
		rt = &loggingTransport{next: rt, logger: cfg.Logger, local: c.local}
	}
	c.transport = rt
	return c, nil
}

// maxIdleConnsPerHost is how many idle connections to Atlas the client keeps
// for reuse: enough for Terraform's default parallelism (10) with room for
// users who raise it.
const maxIdleConnsPerHost = 32

// ParseBaseURL checks raw as an Atlas base URL, the scheme and host of the
// Atlas Administration API such as https://cloud.mongodb.com, and returns it
// without a trailing slash. It is the one definition of a valid base URL:
// New uses it, and so does the provider's plan-time validator, so that
// nothing passes the plan that the client then rejects.
//
// http:// is accepted only for a loopback host (localhost, 127.0.0.0/8,
// ::1), such as a local atlassim: anywhere else the client secret, the
// tokens and the API keys' digest exchanges would cross the network in
// clear. No error text repeats the user information of raw (RedactURL).
func ParseBaseURL(raw string) (*url.URL, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return nil, errors.New("base URL is empty")
	}
	u, err := url.Parse(raw)
	if err != nil {
		// The inner error only: url.Error quotes the whole URL, which may
		// hold a password. The inner error may quote a piece of it too (an
		// "invalid port" that is the text after a colon), so it is left out
		// when raw has an @, the mark of user information.
		if strings.Contains(raw, "@") {
			return nil, fmt.Errorf("base URL %q is not a valid URL", RedactURL(raw))
		}
		var urlErr *url.Error
		if errors.As(err, &urlErr) {
			err = urlErr.Err
		}
		return nil, fmt.Errorf("base URL is not a valid URL: %w", err)
	}
	if u.User != nil {
		// Userinfo would end up in logs and error texts; credentials belong in Config.
		return nil, errors.New("base URL must not contain user information; set credentials in the configuration instead")
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("base URL %q must start with https:// or http://", RedactURL(raw))
	}
	if u.Host == "" {
		return nil, fmt.Errorf("base URL %q has no host", RedactURL(raw))
	}
	if u.Scheme == "http" && !IsLoopbackHost(u.Hostname()) {
		return nil, fmt.Errorf("base URL %q uses http:// with a host that is not loopback: the credentials would cross the network in clear; "+
			"use https://, or http:// only with localhost, 127.0.0.0/8 or [::1] (a local simulator)", RedactURL(raw))
	}
	if u.RawQuery != "" || u.ForceQuery || u.Fragment != "" {
		return nil, fmt.Errorf("base URL %q must not contain a query or fragment", RedactURL(raw))
	}
	u.Path = strings.TrimRight(u.Path, "/")
	u.RawPath = strings.TrimRight(u.RawPath, "/")
	return u, nil
}

// IsLoopbackHost reports whether host (without a port or brackets) names
// this machine: localhost, an address in 127.0.0.0/8, or ::1. A name that
// merely resolves to a loopback address does not count: resolution can
// change between the check and the request.
func IsLoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// RedactURL returns raw with everything between its scheme and its last @
// replaced by "REDACTED", also when raw does not parse as a URL, so that a
// message may quote a URL the user gave without quoting a password in it
// (https://user:password@host). An @ is rare elsewhere in a URL, and where
// it is (user:pw/x@host does not parse, and its password ends before the
// first slash) hiding more than the user information errs the right way.
func RedactURL(raw string) string {
	at := strings.LastIndex(raw, "@")
	if at < 0 {
		return raw
	}
	start := 0
	if i := strings.Index(raw, "://"); i >= 0 && i < at {
		start = i + len("://")
	}
	return raw[:start] + "REDACTED" + raw[at:]
}

// newTokenSource builds the cached OAuth2 client-credentials token source.
// The token request goes through the same base transport as API calls and
// carries the configured User-Agent.
func (c *Client) newTokenSource(cfg Config, baseTransport http.RoundTripper) oauth2.TokenSource {
	var tokenTransport = baseTransport
	if cfg.Logger != nil {
		// The token fetch and revocation get log lines of their own.
		tokenTransport = &loggingTransport{next: baseTransport, logger: cfg.Logger, local: c.local}
	}
	hc := c.tokenHTTPClient(tokenTransport)
	// oauth2 captures this context for every token fetch; the request's own
	// context is not available to a TokenSource, so the HTTP client timeout
	// bounds each fetch instead.
	fetch := c.clientCredentialsSource(context.Background(), hc, cfg.ClientID, cfg.ClientSecret)
	c.tokens = newCachedTokenSource(fetch, c.local)
	c.revoker = c.newTokenRevoker(hc, cfg.ClientID, cfg.ClientSecret)
	return c.tokens
}

// tokenHTTPClient is the HTTP client of the OAuth2 endpoints: next, with the
// configured User-Agent and the per-attempt timeout. It follows no
// redirect: the token request carries a client secret and the revocation a
// token, and a 3xx would resend them (the body, and the Authorization
// header to any subdomain) to wherever Location points. A 3xx is a
// *redirectRefusedError naming the endpoint.
func (c *Client) tokenHTTPClient(next http.RoundTripper) *http.Client {
	return &http.Client{
		Transport:     &userAgentTransport{userAgent: c.userAgent, next: next},
		Timeout:       c.timeout,
		CheckRedirect: refuseRedirect,
	}
}

// refuseRedirect is the CheckRedirect of the OAuth2 endpoints' client.
func refuseRedirect(req *http.Request, via []*http.Request) error {
	e := &redirectRefusedError{endpoint: via[0].URL.Redacted()}
	if req.Response != nil {
		e.status = req.Response.StatusCode
	}
	return e
}

// redirectRefusedError is an OAuth2 endpoint answering with a redirect,
// which the client does not follow.
type redirectRefusedError struct {
	endpoint string
	status   int
}

func (e *redirectRefusedError) Error() string {
	return fmt.Sprintf("the OAuth2 endpoint %s answered HTTP %d, a redirect, which is not followed because it would send the credentials to another address: "+
		"check that the base URL is the Atlas host itself, such as %s", e.endpoint, e.status, DefaultBaseURL)
}

// clientCredentialsSource returns a token source that exchanges clientID and
// clientSecret for a new access token at Atlas's token endpoint on every
// call, with hc and within ctx. Its failures are *tokenError values (or
// wrap one) whose text holds neither the secret nor the endpoint's answer.
func (c *Client) clientCredentialsSource(ctx context.Context, hc *http.Client, clientID, clientSecret string) oauth2.TokenSource {
	cc := &clientcredentials.Config{
		ClientID:     clientID,
		ClientSecret: clientSecret,
		TokenURL:     c.baseURL.String() + TokenPath,
		AuthStyle:    oauth2.AuthStyleInHeader,
	}
	ctx = context.WithValue(ctx, oauth2.HTTPClient, hc)
	return &explainingTokenSource{
		next:     &sanitizingTokenSource{fetch: func() (*oauth2.Token, error) { return cc.Token(ctx) }, local: c.local},
		tokenURL: cc.TokenURL,
	}
}

// newTokenRevoker returns the revoker of tokens issued to clientID.
func (c *Client) newTokenRevoker(hc *http.Client, clientID, clientSecret string) *tokenRevoker {
	return &tokenRevoker{url: c.baseURL.String() + RevokePath, clientID: clientID, clientSecret: clientSecret, http: hc, local: c.local}
}

// apiURL joins the base URL with an already escaped API path. Path and
// RawPath are both set so that escaped path parameters (%2F) and literal
// colon suffixes (":invite") reach the server exactly as built.
func (c *Client) apiURL(escapedPath string, query url.Values) (*url.URL, error) {
	u := *c.baseURL
	raw := u.EscapedPath() + escapedPath
	p, err := url.PathUnescape(raw)
	if err != nil {
		return nil, fmt.Errorf("atlas client: invalid request path %q: %w", raw, err)
	}
	u.Path = p
	u.RawPath = raw
	u.RawQuery = ""
	if len(query) > 0 {
		u.RawQuery = query.Encode()
	}
	return &u, nil
}

// pathParam escapes one path parameter. It is the one place every path
// parameter passes through, whatever its source (configuration, state, an
// import ID, an API answer), and it rejects the values that would silently
// address a different resource: empty (/serviceAccounts//secrets), and "."
// or "..", which url.PathEscape leaves as they are and which a server or
// proxy resolves to the parent path (/groups/../orgs/x).
func pathParam(name, value string) (string, error) {
	switch value {
	case "":
		return "", fmt.Errorf("atlas client: %s must not be empty", name)
	case ".", "..":
		return "", fmt.Errorf("atlas client: %s must not be %q, which would address another path", name, value)
	}
	return url.PathEscape(value), nil
}

// buildPath concatenates literal path pieces and named parameters. Its
// arguments alternate: literal, name, value, literal, name, value, ..., literal.
func buildPath(parts ...string) (string, error) {
	var b strings.Builder
	for i := 0; i < len(parts); {
		b.WriteString(parts[i])
		i++
		if i+1 < len(parts) {
			esc, err := pathParam(parts[i], parts[i+1])
			if err != nil {
				return "", err
			}
			b.WriteString(esc)
			i += 2
		}
	}
	return b.String(), nil
}
