package atlassim

import (
	"fmt"
	"regexp"
	"strings"
	"time"
)

// ExportLines renders the shell "export NAME=value" lines that cmd/atlassim
// prints when it is ready, one per line, values shell-quoted when needed.
func ExportLines(baseURL string, fx Fixtures) string {
	return exportLines([][2]string{
		{"MONGODB_ATLAS_BASE_URL", baseURL},
		{"MONGODB_ATLAS_CLIENT_ID", fx.ClientID},
		{"MONGODB_ATLAS_CLIENT_SECRET", fx.ClientSecret},
		{"MONGODB_ATLAS_PUBLIC_KEY", fx.PublicKey},
		{"MONGODB_ATLAS_PRIVATE_KEY", fx.PrivateKey},
		{"ATLASSIM_ORG_ID", fx.OrgID},
		{"ATLASSIM_PROJECT_ID", fx.ProjectID},
		{"ATLASSIM_PROJECT2_ID", fx.Project2ID},
		{"ATLASSIM_ORG_MEMBER", fx.OrgMember},
	})
}

// EnvFileLines renders the file cmd/atlassim -env-file writes: the lines of
// ExportLines with one credential set, the client ID and secret, and without
// the API keys. A shell that sources it hands the provider exactly one set,
// as a real environment would, so the provider does not warn about several
// credential sets in the environment.
func EnvFileLines(baseURL string, fx Fixtures) string {
	return exportLines([][2]string{
		{"MONGODB_ATLAS_BASE_URL", baseURL},
		{"MONGODB_ATLAS_CLIENT_ID", fx.ClientID},
		{"MONGODB_ATLAS_CLIENT_SECRET", fx.ClientSecret},
		{"ATLASSIM_ORG_ID", fx.OrgID},
		{"ATLASSIM_PROJECT_ID", fx.ProjectID},
		{"ATLASSIM_PROJECT2_ID", fx.Project2ID},
		{"ATLASSIM_ORG_MEMBER", fx.OrgMember},
	})
}

func exportLines(pairs [][2]string) string {
	var b strings.Builder
	for _, kv := range pairs {
		fmt.Fprintf(&b, "export %s=%s\n", kv[0], shellQuote(kv[1]))
	}
	return b.String()
}

var shellSafe = regexp.MustCompile(`^[A-Za-z0-9_@%+=:,./-]+$`)

// shellQuote single-quotes s unless it is made only of characters that are
// safe unquoted in POSIX shells.
func shellQuote(s string) string {
	if shellSafe.MatchString(s) {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// Now returns the simulator's clock: what Atlas takes the time to be. It is
// real time until SetClockOffset, SetClockNow or PUT /__atlassim/clock moves
// it.
func (s *Server) Now() time.Time { return s.atlasTime() }

// SetClockOffset sets the clock to real time plus d (d may be negative).
func (s *Server) SetClockOffset(d time.Duration) { s.clockOffset.Store(int64(d)) }

// SetClockNow sets the clock to t; it then runs on from t at the pace of
// real time.
func (s *Server) SetClockNow(t time.Time) { s.SetClockOffset(time.Until(t)) }

// ResetClock puts the clock back on real time.
func (s *Server) ResetClock() { s.SetClockOffset(0) }
