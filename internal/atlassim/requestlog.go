package atlassim

import (
	"encoding/json"
	"net/http"
	"strings"
	"time"
)

// RequestRecord is one line of the request log. It never holds a credential,
// token, secret or body: only what identifies the request and its outcome.
type RequestRecord struct {
	Time   time.Time `json:"time"`
	Method string    `json:"method"`
	Path   string    `json:"path"`
	Query  string    `json:"query"`
	Status int       `json:"status"` // 0 when the connection was closed without a response
	Accept string    `json:"accept"`
	Auth   string    `json:"auth"`            // "digest", "bearer", "basic" or "none"
	Fault  string    `json:"fault,omitempty"` // the injected fault, if any
}

// authKind names the scheme of the Authorization header without looking at
// its value.
func authKind(r *http.Request) string {
	scheme, _, _ := strings.Cut(strings.TrimSpace(r.Header.Get("Authorization")), " ")
	switch strings.ToLower(scheme) {
	case "digest":
		return "digest"
	case "bearer":
		return "bearer"
	case "basic":
		return "basic"
	default:
		return "none"
	}
}

func (s *Server) logRequest(rec RequestRecord) {
	s.logMu.Lock()
	defer s.logMu.Unlock()
	s.requests = append(s.requests, rec)
	if s.opts.RequestsLog != nil {
		line, err := json.Marshal(rec)
		if err == nil {
			_, _ = s.opts.RequestsLog.Write(append(line, '\n'))
		}
	}
}

// Requests returns a copy of all requests so far. A record is appended when
// its request completes, so sequential requests appear in arrival order and
// concurrent ones in completion order. Admin endpoints are not included.
func (s *Server) Requests() []RequestRecord {
	s.logMu.Lock()
	defer s.logMu.Unlock()
	return append([]RequestRecord(nil), s.requests...)
}

// ResetRequests forgets the requests recorded so far.
func (s *Server) ResetRequests() {
	s.logMu.Lock()
	defer s.logMu.Unlock()
	s.requests = nil
}
