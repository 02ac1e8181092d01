package atlassim

import (
	"bufio"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// apiPrefix is where every Atlas Administration API v2 path starts.
const apiPrefix = "/api/atlas/v2"

// DefaultRoles are the project roles accepted when Options.Roles is empty.
// The current Atlas Admin API v2 spec types project roles as plain strings.
// The first 11 are the values of the enum it last published (January 2026),
// before the enums were dropped. The others are the project roles that the
// spec's operations require by display name (x-rolesRequirements, such as
// "Project Access Manager") and whose API names the MongoDB documentation
// page "Atlas User Roles" gives. Atlas may know more; Options.Roles (the
// -roles and -extra-roles flags of cmd/atlassim) sets the list.
var DefaultRoles = []string{
	"GROUP_OWNER", "GROUP_READ_ONLY", "GROUP_DATA_ACCESS_ADMIN", "GROUP_DATA_ACCESS_READ_ONLY",
	"GROUP_DATA_ACCESS_READ_WRITE", "GROUP_CLUSTER_MANAGER", "GROUP_SEARCH_INDEX_EDITOR",
	"GROUP_STREAM_PROCESSING_OWNER", "GROUP_BACKUP_MANAGER", "GROUP_OBSERVABILITY_VIEWER",
	"GROUP_DATABASE_ACCESS_ADMIN",
	"GROUP_ACCESS_MANAGER", "GROUP_NETWORK_ACCESS_MANAGER", "GROUP_ALERTS_MANAGER",
	"GROUP_BACKUP_CREATOR", "GROUP_BACKUP_EXPORT_OPERATOR", "GROUP_BACKUP_RECOVERY_OPERATOR",
	"GROUP_CLUSTER_CREATOR", "GROUP_CLUSTER_LOG_VIEWER", "GROUP_CLUSTER_RESILIENCE_TESTER",
	"GROUP_INDEX_MANAGER", "GROUP_MODEL_OWNER", "GROUP_REPLICA_SET_MANAGER", "GROUP_SUPPORT_ACCESS_MANAGER",
}

// Options configures a Server. Zero values mean the documented defaults.
type Options struct {
	Seed             int64         // seeds fault injection, generated IDs and fixture credentials
	Faults           string        // fault SPEC, e.g. "429=0.2,503=0.1,reset=0.05,latency=50ms"; "" = none
	TokenLifetime    time.Duration // lifetime of OAuth access tokens; default 3600s
	InviteRateLimit  int           // max new invitations per InviteRateWindow per client IP; default 10; negative disables
	InviteRateWindow time.Duration // default 1 minute
	TokenRateLimit   int           // max /api/oauth/token requests per TokenRateWindow per client IP and client ID; default 10; negative disables
	TokenRateWindow  time.Duration // default 1 minute
	StateFile        string        // if set: load the store at New (if the file exists) and save it atomically after every change
	RequestsLog      io.Writer     // if set: one JSON RequestRecord per line per request
	Roles            []string      // allowed project roles, replacing DefaultRoles; default DefaultRoles
	BaseURL          string        // optional: used for `links` hrefs; default derived from the request Host
	// AccessListForm is how an access-list entry reads back; default AccessListAsGiven.
	AccessListForm AccessListForm
	// AccessListDuplicate answers an added entry the list already holds; default AccessListDuplicateConflict.
	AccessListDuplicate AccessListDuplicate
	MaxSecrets          int           // secrets one service account may hold; default DefaultMaxSecrets; negative = no limit
	ClockOffset         time.Duration // Atlas's clock at start: real time plus this (clock.go); PUT /__atlassim/clock moves it later
	// PaceClock is the clock of the rate limits, which measure a client's
	// pace in real time (Atlas's calendar clock, ClockOffset, never moves
	// them); nil is real time. A test gives the simulator and a client one
	// fake clock, so that a client's computed waits lift the limits without
	// real waiting.
	PaceClock    func() time.Time
	APIRateLimit string // token-bucket SPEC for the service-account and project-user endpoints, per client identity, e.g. "100/60s" (apilimit.go); "" = off

	// Behaviours Atlas does not document, each offered so that the provider
	// can be tested against every plausible one (see doc.go).
	InviteExistingAccount InviteExistingAccount // :invite of an account already in the project; default InviteExistingConflict
	RemoveLastRole        RemoveLastRole        // :removeRole of a user's last role; default RemoveLastRole400
	InvitationLimit       InvitationLimit       // answer to too many new invitations; default InvitationLimit400
	DeleteAssignedTeam    DeleteAssignedTeam    // DELETE of a team still assigned to a project; default DeleteAssignedTeamRefused

	// IPAccessPendingReads is how many status reads of a new project IP
	// access list entry answer PENDING before ACTIVE; default 1, negative 0.
	IPAccessPendingReads int
	// IPAccessNoAWSPeering refuses AWS security groups in project IP access
	// lists, as Atlas does in a project without AWS network peering.
	IPAccessNoAWSPeering bool

	// RandomCredentials draws the fixture credentials (client secret, API
	// key pair) from crypto/rand instead of deriving them from Seed, so
	// that two runs never share a secret. The command sets it unless -seed
	// is given; tests keep Seed's repeatable ones. IDs stay seeded either
	// way: they are not secrets. A state file keeps whatever was made.
	RandomCredentials bool
}

// Fixtures are the pre-seeded organization, projects and credentials.
type Fixtures struct {
	OrgID, OrgName        string
	ProjectID, Project2ID string
	// OrgMember is the email of a user ACTIVE in the org and in none of its projects.
	OrgMember string
	// ClientID and ClientSecret are the OAuth2 client credentials of an
	// org-owner service account; the account itself is invisible to the API.
	ClientID, ClientSecret string
	// PublicKey and PrivateKey are an API key pair for HTTP digest auth (org owner).
	PublicKey, PrivateKey string
}

// Server simulates the Atlas Administration API. It is an http.Handler and is
// safe for concurrent use.
type Server struct {
	opts  Options
	roles map[string]bool

	mu sync.Mutex // guards st and inviteLog
	st *state
	// inviteLog holds, per client IP, the times of recent new invitations.
	inviteLog map[string][]time.Time

	faultMu sync.Mutex
	faults  *faultInjector

	tokenLimiter tokenLimiter // the token endpoint's rate limit (auth.go)
	apiLimiter   *apiLimiter  // Options.APIRateLimit (apilimit.go); nil when off

	logMu    sync.Mutex
	requests []RequestRecord

	nonceKey []byte
	routes   []*route
	// ipAccess tracks project IP access list POSTs in flight (projectaccess.go).
	ipAccess projectWriteGate
	// customRoles tracks custom database role writes in flight
	// (customroles.go).
	customRoles projectWriteGate
	// clockOffset is Atlas's clock, in nanoseconds ahead of real time
	// (clock.go).
	clockOffset atomic.Int64
	// now is Atlas's time to the second, the precision of the timestamps
	// it returns. Tests may replace it to freeze the clock.
	now func() time.Time
}

// New builds a Server, loading Options.StateFile when it exists.
func New(opts Options) (*Server, error) {
	if opts.TokenLifetime <= 0 {
		opts.TokenLifetime = time.Hour
	}
	if opts.InviteRateLimit == 0 {
		opts.InviteRateLimit = 10
	}
	if opts.InviteRateWindow <= 0 {
		opts.InviteRateWindow = time.Minute
	}
	if opts.MaxSecrets == 0 {
		opts.MaxSecrets = DefaultMaxSecrets
	}
	if opts.PaceClock == nil {
		opts.PaceClock = time.Now
	}
	switch {
	case opts.IPAccessPendingReads == 0:
		opts.IPAccessPendingReads = 1
	case opts.IPAccessPendingReads < 0:
		opts.IPAccessPendingReads = 0
	}
	if len(opts.Roles) == 0 {
		opts.Roles = DefaultRoles
	}
	opts.BaseURL = strings.TrimRight(opts.BaseURL, "/")
	if err := opts.checkBehaviours(); err != nil {
		return nil, fmt.Errorf("atlassim: %w", err)
	}
	s := &Server{
		opts:      opts,
		roles:     map[string]bool{},
		inviteLog: map[string][]time.Time{},
		faults:    newFaultInjector(opts.Seed),
		nonceKey:  make([]byte, 32),
	}
	s.now = func() time.Time { return s.atlasTime().Truncate(time.Second) }
	s.SetClockOffset(opts.ClockOffset)
	for _, r := range opts.Roles {
		s.roles[r] = true
	}
	if _, err := rand.Read(s.nonceKey); err != nil {
		return nil, fmt.Errorf("atlassim: nonce key: %w", err)
	}
	if err := s.SetFaults(opts.Faults); err != nil {
		return nil, fmt.Errorf("atlassim: faults: %w", err)
	}
	apiLimit, err := ParseAPIRateLimit(opts.APIRateLimit)
	if err != nil {
		return nil, fmt.Errorf("atlassim: %w", err)
	}
	if apiLimit.Enabled() {
		s.apiLimiter = newAPILimiter(apiLimit)
	}
	s.routes = s.buildRoutes()
	loaded := false
	if opts.StateFile != "" {
		var err error
		if loaded, err = s.loadState(); err != nil {
			return nil, err
		}
	}
	if !loaded {
		s.newState(s.now())
		if err := s.saveLocked(); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// Fixtures returns the pre-seeded organization, projects and credentials.
func (s *Server) Fixtures() Fixtures {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.st.Fixtures
}

// ServeHTTP routes admin, OAuth and Atlas API requests.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	// Atlas's time, which clients read from the Date header, is the
	// simulator's clock, not the host's (net/http only adds a Date header
	// when the handler sets none).
	w.Header().Set("Date", s.now().Format(http.TimeFormat))
	if strings.HasPrefix(r.URL.Path, "/__atlassim/") {
		s.serveAdmin(w, r)
		return
	}
	rec := RequestRecord{
		Time:   time.Now().UTC(),
		Method: r.Method,
		Path:   r.URL.Path,
		Query:  r.URL.RawQuery,
		Accept: r.Header.Get("Accept"),
		Auth:   authKind(r),
	}
	// The record is logged as soon as the status is known, before the client
	// can see the answer (or the dropped connection): a client that reacts at
	// once must find its request in the log.
	var logOnce sync.Once
	logRecord := func(status int) {
		logOnce.Do(func() { rec.Status = status; s.logRequest(rec) })
	}
	sw := &statusWriter{ResponseWriter: w, onStatus: logRecord}
	defer func() { logRecord(sw.status) }()

	switch {
	case r.URL.Path == apiPrefix || strings.HasPrefix(r.URL.Path, apiPrefix+"/"):
		lw, ok := s.limitAPI(sw, r)
		if !ok {
			return
		}
		fault, latency := s.nextFault(r.Method)
		rec.Fault = fault
		if latency > 0 {
			select {
			case <-time.After(latency):
			case <-r.Context().Done():
				return
			}
		}
		switch fault {
		case "":
			s.serveAPI(lw, r)
		case FaultReset:
			logRecord(0)
			hijackAndClose(w)
		case FaultLost:
			// Handle fully (the store changes), then drop the answer.
			lw := &statusWriter{ResponseWriter: discardWriter{h: http.Header{}}}
			s.serveAPI(lw, r)
			logRecord(lw.status)
			hijackAndClose(w)
			return
		default:
			s.serveFault(sw, r, faultStatuses[fault])
		}
	case r.URL.Path == "/api/oauth/token":
		s.serveToken(sw, r)
	case r.URL.Path == "/api/oauth/revoke":
		s.serveRevoke(sw, r)
	default:
		writeError(sw, r, http.StatusNotFound, "RESOURCE_NOT_FOUND", fmt.Sprintf("Cannot find resource %s.", r.URL.Path))
	}
}

func (s *Server) serveFault(w http.ResponseWriter, r *http.Request, status int) {
	switch status {
	case http.StatusTooManyRequests:
		writeRateLimited(w, r)
	case http.StatusInternalServerError:
		writeError(w, r, status, "UNEXPECTED_ERROR", "Unexpected error (injected by atlassim).")
	case http.StatusBadGateway:
		writeError(w, r, status, "BAD_GATEWAY", "Bad gateway (injected by atlassim).")
	case http.StatusServiceUnavailable:
		w.Header().Set("Retry-After", "1")
		writeError(w, r, status, "SERVICE_UNAVAILABLE", "Service unavailable (injected by atlassim).")
	default:
		writeError(w, r, status, "GATEWAY_TIMEOUT", "Gateway timeout (injected by atlassim).")
	}
}

// hijackAndClose drops the connection without writing a response. Linger 0
// makes the kernel send a RST, which is what a client sees on a reset.
func hijackAndClose(w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		// HTTP/2 or a recorder: abort the handler the way net/http documents.
		panic(http.ErrAbortHandler)
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	if tc, ok := conn.(*net.TCPConn); ok {
		_ = tc.SetLinger(0)
	}
	_ = conn.Close()
}

// statusWriter remembers the status code written.
type statusWriter struct {
	http.ResponseWriter
	status int
	// onStatus, if set, is told the status once, before it is sent.
	onStatus func(status int)
}

func (w *statusWriter) setStatus(code int) {
	if w.status != 0 {
		return
	}
	w.status = code
	if w.onStatus != nil {
		w.onStatus(code)
	}
}

func (w *statusWriter) WriteHeader(code int) {
	w.setStatus(code)
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	w.setStatus(http.StatusOK)
	return w.ResponseWriter.Write(b)
}

// Hijack lets faults close the underlying connection.
func (w *statusWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	hj, ok := w.ResponseWriter.(http.Hijacker)
	if !ok {
		return nil, nil, errors.New("atlassim: hijack not supported")
	}
	return hj.Hijack()
}

// discardWriter swallows the response of a request whose answer is "lost".
type discardWriter struct{ h http.Header }

func (d discardWriter) Header() http.Header         { return d.h }
func (d discardWriter) Write(b []byte) (int, error) { return len(b), nil }
func (d discardWriter) WriteHeader(int)             {}

// clientIP is the host part of the remote address, the key of the
// invitation rate limit.
func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

type ctxKey int

const callerKey ctxKey = 0

// caller is the identity behind an authenticated API request.
type caller struct {
	username string // used as inviterUsername
	// clientID is the service account behind a bearer token, whose roles
	// limit what it may do; "" for the fixture credentials (organization
	// owner, allowed everything).
	clientID string
}

func withCaller(ctx context.Context, c caller) context.Context {
	return context.WithValue(ctx, callerKey, c)
}

func callerFrom(ctx context.Context) caller {
	c, _ := ctx.Value(callerKey).(caller)
	if c.username == "" {
		c.username = adminUsername
	}
	return c
}
