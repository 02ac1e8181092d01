package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"golang.org/x/oauth2"
)

// cachedTokenSource hands out one OAuth2 token until shortly before it
// expires, so a provider process normally makes one token request. The
// safety margin is a tenth of the token's lifetime, capped at
// tokenEarlyExpiry: a fixed one-minute margin would make a token that lives
// for less than a minute (a tightened organization policy, or a test) useless.
type cachedTokenSource struct {
	fetch oauth2.TokenSource
	now   func() time.Time

	mu        sync.Mutex
	tok       *oauth2.Token
	refreshAt time.Time
	// fetched lists the access tokens fetched and not known to be dead, for
	// Client.RevokeTokens. Never logged.
	fetched []string
}

func newCachedTokenSource(fetch oauth2.TokenSource, local Clock) *cachedTokenSource {
	return &cachedTokenSource{fetch: fetch, now: local.Now}
}

// Token returns the cached token, fetching a new one when it is due.
func (s *cachedTokenSource) Token() (*oauth2.Token, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	if s.tok != nil && now.Before(s.refreshAt) {
		return s.tok, nil
	}
	tok, err := s.fetch.Token()
	if err != nil {
		return nil, err
	}
	s.tok = tok
	s.fetched = append(s.fetched, tok.AccessToken)
	if tok.Expiry.IsZero() {
		s.refreshAt = now.Add(100 * 365 * 24 * time.Hour)
	} else {
		margin := min(tokenEarlyExpiry, tok.Expiry.Sub(now)/10)
		s.refreshAt = tok.Expiry.Add(-margin)
	}
	return tok, nil
}

// invalidate drops the cached token if it is accessToken, which Atlas has
// just rejected with 401 (revoked, or expired early). A newer token, fetched
// meanwhile by a concurrent request, is kept, so concurrent rejections cause
// one new fetch, not many.
func (s *cachedTokenSource) invalidate(accessToken string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.tok != nil && s.tok.AccessToken == accessToken {
		s.tok = nil
	}
	// Atlas refused it: there is nothing left to revoke.
	s.fetched = slices.DeleteFunc(s.fetched, func(t string) bool { return t == accessToken })
}

// takeFetched returns the tokens fetched so far and forgets them, with the
// cached token: once they are revoked, a later request fetches a new one.
func (s *cachedTokenSource) takeFetched() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := s.fetched
	s.fetched, s.tok = nil, nil
	return out
}

// explainingTokenSource turns a 404 from the token endpoint into an error
// that says the base URL is wrong: the endpoint's address is derived from
// it, so a 404 there is never a verdict on the credentials.
type explainingTokenSource struct {
	next     oauth2.TokenSource
	tokenURL string
}

func (s *explainingTokenSource) Token() (*oauth2.Token, error) {
	tok, err := s.next.Token()
	var te *tokenError
	if err != nil && errors.As(err, &te) && te.status == http.StatusNotFound {
		return nil, &tokenEndpointNotFoundError{tokenURL: s.tokenURL, err: err}
	}
	return tok, err
}

// RevokePath is the path, below the base URL, of the OAuth2 token
// revocation endpoint (RFC 7009).
const RevokePath = "/api/oauth/revoke"

// tokenRevoker revokes the tokens a client fetched with its client
// credentials.
type tokenRevoker struct {
	url                    string
	clientID, clientSecret string
	http                   *http.Client
	local                  Clock
}

// revoke asks Atlas to revoke one access token, authenticating as the
// client that fetched it, as the token request does.
func (r *tokenRevoker) revoke(ctx context.Context, accessToken string) error {
	_, err := r.revokeOnce(ctx, accessToken)
	return err
}

// revokeOnce sends one revocation and returns, on failure, the outcome the
// retry loop decides on. A *revokeError is Atlas's refusal.
func (r *tokenRevoker) revokeOnce(ctx context.Context, accessToken string) (outcome, error) {
	form := url.Values{"token": {accessToken}, "token_type_hint": {"access_token"}}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, r.url, strings.NewReader(form.Encode()))
	if err != nil {
		return outcome{}, fmt.Errorf("atlas client: building the token revocation: %w", err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	// Encoded as golang.org/x/oauth2 encodes them for the token request.
	req.SetBasicAuth(url.QueryEscape(r.clientID), url.QueryEscape(r.clientSecret))
	resp, err := r.http.Do(req)
	if err != nil {
		var urlErr *url.Error
		if errors.As(err, &urlErr) {
			err = urlErr.Err // its text would repeat the URL; the caller names it
		}
		var redirect *redirectRefusedError
		if errors.As(err, &redirect) {
			// Not followed (tokenHTTPClient): the revocation was not done.
			return outcome{err: err, wrote: true}, fmt.Errorf("atlas client: revoking an access token: %w", err)
		}
		o := outcome{err: err}
		if info := attemptFromContext(ctx); info != nil {
			o.wrote = info.wrote.Load()
		}
		return o, fmt.Errorf("atlas client: revoking an access token at %s: %w", r.url, err)
	}
	// The body is read only for its OAuth2 "error" value: it is never
	// quoted, so nothing it echoes reaches an error text.
	data, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
	_ = resp.Body.Close()
	// RFC 7009 section 2.2: the endpoint answers 200 when the token is
	// revoked or was already invalid, and atlassim does the same. Any other
	// answer, a 204 or another 2xx included, is not that documented success
	// and is not counted as a revocation: the token may still be live.
	if resp.StatusCode == http.StatusOK {
		return outcome{}, nil
	}
	var body struct {
		Error string `json:"error"`
	}
	_ = json.Unmarshal(data, &body)
	o := outcome{status: resp.StatusCode, wrote: true}
	if resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable {
		o.retryAfter = parseRetryAfter(resp.Header.Get("Retry-After"), r.local.Now())
	}
	return o, &revokeError{url: r.url, status: resp.StatusCode, code: body.Error}
}

// revokeError is a non-200 answer of the revocation endpoint.
type revokeError struct {
	url    string
	status int
	code   string // OAuth2 "error" value, if any
}

func (e *revokeError) Error() string {
	msg := fmt.Sprintf("atlas client: revoking an access token at %s: HTTP %d", e.url, e.status)
	if e.code != "" {
		msg += " " + e.code
	}
	return msg
}

// RevokeTokens revokes every OAuth2 access token this client fetched and
// Atlas has not already refused, so that none outlives the process that
// needed it; they are revoked at once, each within ctx. A client configured
// with an access token obtained elsewhere, or with API keys, revokes
// nothing: a token it was given belongs to whoever gave it. Requests after
// RevokeTokens fetch a new token.
func (c *Client) RevokeTokens(ctx context.Context) error {
	if c.tokens == nil || c.revoker == nil {
		return nil
	}
	tokens := c.tokens.takeFetched()
	errs := make([]error, len(tokens))
	var wg sync.WaitGroup
	for i, tok := range tokens {
		wg.Go(func() { errs[i] = c.revoker.revoke(ctx, tok) })
	}
	wg.Wait()
	return errors.Join(errs...)
}
