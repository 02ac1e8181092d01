package atlassim

import (
	"crypto/hmac"
	"crypto/md5" //nolint:gosec // HTTP digest auth is defined over MD5.
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// digestRealm is the realm real Atlas announces.
const digestRealm = "MMS Public API"

// nonceLifetime bounds how long a digest nonce is accepted. Clients such as
// github.com/mongodb-forks/digest fetch a fresh challenge for every request,
// so a short lifetime costs nothing.
const nonceLifetime = 5 * time.Minute

// authenticate checks digest or bearer credentials on an API request. On
// failure it writes the 401 and returns false.
func (s *Server) authenticate(w http.ResponseWriter, r *http.Request) (caller, bool) {
	_, rest, _ := strings.Cut(strings.TrimSpace(r.Header.Get("Authorization")), " ")
	switch authKind(r) {
	case "digest":
		stale, ok := s.checkDigest(r, rest)
		if ok {
			return caller{username: adminUsername}, true
		}
		s.challenge(w, stale)
		writeDigestUnauthorized(w, r)
	case "bearer":
		c, code, detail := s.checkBearer(strings.TrimSpace(rest))
		if code == "" && c.clientID != "" {
			// The token endpoint admits any address; the API admits a
			// service account only from its access list.
			s.mu.Lock()
			e := s.checkAccessListLocked(c.clientID, r)
			s.mu.Unlock()
			if e != nil {
				writeErr(w, r, e)
				return caller{}, false
			}
		}
		if code == "" {
			return c, true
		}
		w.Header().Set("WWW-Authenticate", `Bearer realm="`+digestRealm+`", error="invalid_token"`)
		writeError(w, r, http.StatusUnauthorized, code, detail)
	default:
		// No credentials (or Basic, which the API does not accept): issue the
		// digest challenge a digest client waits for.
		s.challenge(w, false)
		writeError(w, r, http.StatusUnauthorized, "NOT_AUTHENTICATED", "You are not authenticated. Use HTTP digest authentication with an API key or a service-account bearer token.")
	}
	return caller{}, false
}

// challenge sets the digest WWW-Authenticate header. The parameters are
// separated by ", " exactly, because github.com/mongodb-forks/digest splits
// on that string.
func (s *Server) challenge(w http.ResponseWriter, stale bool) {
	w.Header().Set("WWW-Authenticate", fmt.Sprintf(
		`Digest realm="%s", domain="", nonce="%s", algorithm=MD5, qop="auth", stale=%t`,
		digestRealm, s.newNonce(time.Now()), stale))
}

// newNonce makes a stateless nonce: issue time plus an HMAC over it, so the
// server can recognise its own nonces without storing them.
func (s *Server) newNonce(now time.Time) string {
	var buf [16]byte
	binary.BigEndian.PutUint64(buf[:8], uint64(now.UnixNano()))
	_, _ = rand.Read(buf[8:])
	mac := hmac.New(sha256.New, s.nonceKey)
	mac.Write(buf[:])
	return hex.EncodeToString(buf[:]) + hex.EncodeToString(mac.Sum(nil)[:16])
}

// checkNonce reports whether the nonce is ours and whether it is still fresh.
func (s *Server) checkNonce(nonce string, now time.Time) (ours, fresh bool) {
	raw, err := hex.DecodeString(nonce)
	if err != nil || len(raw) != 32 {
		return false, false
	}
	mac := hmac.New(sha256.New, s.nonceKey)
	mac.Write(raw[:16])
	if !hmac.Equal(mac.Sum(nil)[:16], raw[16:]) {
		return false, false
	}
	issued := time.Unix(0, int64(binary.BigEndian.Uint64(raw[:8])))
	return true, now.Sub(issued) <= nonceLifetime
}

// parseAuthParams parses the comma-separated key=value (optionally quoted)
// list of a Digest Authorization header.
func parseAuthParams(s string) map[string]string {
	out := map[string]string{}
	for len(s) > 0 {
		s = strings.TrimLeft(s, " ,\t")
		eq := strings.IndexByte(s, '=')
		if eq < 0 {
			break
		}
		key := strings.ToLower(strings.TrimSpace(s[:eq]))
		s = strings.TrimLeft(s[eq+1:], " \t")
		var val string
		if strings.HasPrefix(s, `"`) {
			var b strings.Builder
			i := 1
			for ; i < len(s) && s[i] != '"'; i++ {
				if s[i] == '\\' && i+1 < len(s) {
					i++
				}
				b.WriteByte(s[i])
			}
			val = b.String()
			s = s[min(i+1, len(s)):]
		} else {
			end := strings.IndexByte(s, ',')
			if end < 0 {
				end = len(s)
			}
			val = strings.TrimSpace(s[:end])
			s = s[end:]
		}
		out[key] = val
	}
	return out
}

// checkDigest verifies an RFC 7616 digest response (MD5 or SHA-256, qop=auth
// or the RFC 2069 form without qop). Nonce counts are not tracked: replay
// protection is out of scope for a local simulator.
func (s *Server) checkDigest(r *http.Request, params string) (stale, ok bool) {
	p := parseAuthParams(params)
	fx := s.Fixtures()
	if subtle.ConstantTimeCompare([]byte(p["username"]), []byte(fx.PublicKey)) != 1 || p["realm"] != digestRealm {
		return false, false
	}
	if p["uri"] != r.URL.RequestURI() && p["uri"] != r.RequestURI {
		return false, false
	}
	var newHash func() hash.Hash
	switch strings.ToUpper(p["algorithm"]) {
	case "", "MD5":
		newHash = md5.New
	case "SHA-256":
		newHash = sha256.New
	default:
		return false, false
	}
	h := func(data string) string {
		hh := newHash()
		hh.Write([]byte(data))
		return hex.EncodeToString(hh.Sum(nil))
	}
	ha1 := h(p["username"] + ":" + digestRealm + ":" + fx.PrivateKey)
	ha2 := h(r.Method + ":" + p["uri"])
	var want string
	switch p["qop"] {
	case "auth":
		want = h(ha1 + ":" + p["nonce"] + ":" + p["nc"] + ":" + p["cnonce"] + ":auth:" + ha2)
	case "":
		want = h(ha1 + ":" + p["nonce"] + ":" + ha2)
	default:
		return false, false
	}
	if subtle.ConstantTimeCompare([]byte(want), []byte(strings.ToLower(p["response"]))) != 1 {
		return false, false
	}
	ours, fresh := s.checkNonce(p["nonce"], time.Now())
	if !ours {
		return false, false
	}
	if !fresh {
		// Right credentials, old nonce: tell the client to retry with a new one.
		return true, false
	}
	return false, true
}

// checkBearer validates an access token; code is "" on success.
func (s *Server) checkBearer(tok string) (c caller, code, detail string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.st.Tokens[tok]
	switch {
	case tok == "" || t == nil || t.Revoked:
		return caller{}, "INVALID_TOKEN", "The access token is not valid."
	case !s.atlasTime().Before(t.ExpiresAt):
		return caller{}, "TOKEN_EXPIRED", "The access token has expired."
	}
	sa := s.st.ServiceAccounts[t.ClientID]
	if sa == nil {
		// The account was deleted: its tokens die with it.
		return caller{}, "INVALID_TOKEN", "The access token belongs to a deleted service account."
	}
	if sa.Fixture {
		return caller{username: adminUsername}, "", ""
	}
	return caller{username: strings.ToLower(sa.ClientID) + "@serviceaccounts.atlassim.example", clientID: sa.ClientID}, "", ""
}

// oauthError answers the token and revoke endpoints in the OAuth 2.0 style
// (RFC 6749 5.2), which is what OAuth clients parse.
func oauthError(w http.ResponseWriter, status int, code string) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	if status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Basic realm="oauth"`)
	}
	w.WriteHeader(status)
	_, _ = w.Write(encodeJSON(map[string]string{"error": code}, false))
}

// clientAuthLocked checks HTTP Basic client credentials against every live
// secret of every service account. Callers hold s.mu.
func (s *Server) clientAuthLocked(r *http.Request, now time.Time) (*serviceAccount, *secret) {
	id, plain, ok := r.BasicAuth()
	if !ok {
		return nil, nil
	}
	sa := s.st.ServiceAccounts[id]
	if sa == nil {
		return nil, nil
	}
	want := hashSecret(plain)
	for _, sec := range sa.Secrets {
		if now.Before(sec.ExpiresAt) && subtle.ConstantTimeCompare([]byte(sec.Hash), []byte(want)) == 1 {
			return sa, sec
		}
	}
	return nil, nil
}

// serveToken is POST /api/oauth/token (client credentials grant).
func (s *Server) serveToken(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", "POST")
		oauthError(w, http.StatusMethodNotAllowed, "invalid_request")
		return
	}
	if err := r.ParseForm(); err != nil {
		oauthError(w, http.StatusBadRequest, "invalid_request")
		return
	}
	// The rate limit counts real time; secret and token expiry are Atlas's.
	if wait, ok := s.admitTokenRequest(r, s.opts.PaceClock()); !ok {
		limit, window := s.tokenLimits()
		w.Header().Set("Retry-After", strconv.Itoa(retryAfterSeconds(wait)))
		writeError(w, r, http.StatusTooManyRequests, "RATE_LIMITED",
			fmt.Sprintf("Resource /api/oauth/token is limited to %d requests every %s.", limit, windowText(window)))
		return
	}
	now := s.atlasTime()
	s.mu.Lock()
	sa, sec := s.clientAuthLocked(r, now)
	if sa == nil {
		s.mu.Unlock()
		oauthError(w, http.StatusUnauthorized, "invalid_client")
		return
	}
	if r.PostForm.Get("grant_type") != "client_credentials" {
		s.mu.Unlock()
		oauthError(w, http.StatusBadRequest, "unsupported_grant_type")
		return
	}
	raw := make([]byte, 32)
	_, _ = rand.Read(raw)
	tok := hex.EncodeToString(raw)
	s.st.Tokens[tok] = &token{ClientID: sa.ClientID, ExpiresAt: now.Add(s.opts.TokenLifetime)}
	used := now.UTC().Truncate(time.Second)
	sec.LastUsedAt = &used
	s.pruneTokensLocked(now)
	err := s.saveLocked()
	s.mu.Unlock()
	if err != nil {
		oauthError(w, http.StatusInternalServerError, "server_error")
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write(encodeJSON(map[string]any{
		"access_token": tok,
		"token_type":   "Bearer",
		"expires_in":   int(s.opts.TokenLifetime.Round(time.Second) / time.Second),
	}, false))
}

// tokenLimiter is the token endpoint's rate limit: a sliding window of the
// requests it let through, per client IP address and client ID. Atlas's
// limit is reported by users of the official provider, not documented (see
// the package doc).
type tokenLimiter struct {
	mu       sync.Mutex
	admitted map[string][]time.Time
}

// tokenLimits returns Options.TokenRateLimit and TokenRateWindow with their
// defaults, 10 requests a minute; a negative limit disables the limiter.
func (s *Server) tokenLimits() (int, time.Duration) {
	limit, window := s.opts.TokenRateLimit, s.opts.TokenRateWindow
	if limit == 0 {
		limit = 10
	}
	if window <= 0 {
		window = time.Minute
	}
	return limit, window
}

// admitTokenRequest counts a token request against the limit of its client
// IP and client ID. Every request counts, whether or not its credentials are
// right, as long as it is let through; a refused request does not, so a
// client that waits Retry-After gets in. When it refuses, wait is how long
// until the oldest counted request leaves the window.
func (s *Server) admitTokenRequest(r *http.Request, now time.Time) (wait time.Duration, ok bool) {
	limit, window := s.tokenLimits()
	if limit < 0 {
		return 0, true
	}
	id, _, _ := r.BasicAuth()
	key := clientIP(r) + " " + id
	l := &s.tokenLimiter
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.admitted == nil {
		l.admitted = map[string][]time.Time{}
	}
	recent := l.admitted[key][:0]
	for _, t := range l.admitted[key] {
		if now.Sub(t) < window {
			recent = append(recent, t)
		}
	}
	if len(recent) >= limit {
		l.admitted[key] = recent
		return recent[0].Add(window).Sub(now), false
	}
	l.admitted[key] = append(recent, now)
	return 0, true
}

// windowText renders a rate-limit window as Atlas words it ("1 minutes").
func windowText(d time.Duration) string {
	if d%time.Minute == 0 {
		return fmt.Sprintf("%d minutes", d/time.Minute)
	}
	return fmt.Sprintf("%g seconds", d.Seconds())
}

// pruneTokensLocked forgets tokens long past expiry so the store stays small;
// recently expired ones are kept to answer TOKEN_EXPIRED rather than INVALID_TOKEN.
func (s *Server) pruneTokensLocked(now time.Time) {
	for k, t := range s.st.Tokens {
		if now.Sub(t.ExpiresAt) > 24*time.Hour {
			delete(s.st.Tokens, k)
		}
	}
}

// serveRevoke is POST /api/oauth/revoke (RFC 7009): 200 whether or not the
// token was known, once the client has authenticated.
func (s *Server) serveRevoke(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", "POST")
		oauthError(w, http.StatusMethodNotAllowed, "invalid_request")
		return
	}
	if err := r.ParseForm(); err != nil || r.PostForm.Get("token") == "" {
		oauthError(w, http.StatusBadRequest, "invalid_request")
		return
	}
	s.mu.Lock()
	sa, _ := s.clientAuthLocked(r, s.atlasTime())
	if sa == nil {
		s.mu.Unlock()
		oauthError(w, http.StatusUnauthorized, "invalid_client")
		return
	}
	var err error
	// RFC 7009: a client revokes only tokens issued to it; another client's
	// token is left alone, with the same 200.
	if t := s.st.Tokens[r.PostForm.Get("token")]; t != nil && !t.Revoked && t.ClientID == sa.ClientID {
		t.Revoked = true
		err = s.saveLocked()
	}
	s.mu.Unlock()
	if err != nil {
		oauthError(w, http.StatusInternalServerError, "server_error")
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(3))
	_, _ = w.Write([]byte("{}\n"))
}

// RevokedTokens returns every access token issued and since revoked through
// POST /api/oauth/revoke, so that tests can check that a client cleaned up.
func (s *Server) RevokedTokens() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for tok, t := range s.st.Tokens {
		if t.Revoked {
			out = append(out, tok)
		}
	}
	return out
}

// IssuedTokens returns every access token the token endpoint has issued and
// still remembers, so that tests can prove none of them reaches a log.
func (s *Server) IssuedTokens() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]string, 0, len(s.st.Tokens))
	for tok := range s.st.Tokens {
		out = append(out, tok)
	}
	return out
}
