package client

import (
	"errors"
	"net/http"
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
}

func newCachedTokenSource(fetch oauth2.TokenSource) *cachedTokenSource {
	return &cachedTokenSource{fetch: fetch, now: time.Now}
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
