// Command atlassim serves the local MongoDB Atlas Administration API
// simulator (package internal/atlassim) until interrupted.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/atlassim"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:0", "address to listen on")
	stateFile := flag.String("state", "", "load the store from FILE and save it after every change")
	requestsLog := flag.String("requests-log", "", "append one JSON object per request to FILE")
	envFile := flag.String("env-file", "", "once listening, write FILE (atomically) with the export lines of the base URL, one credential set (client ID and secret) and the fixture IDs, for a shell to source")
	faults := flag.String("faults", "", "fault SPEC, e.g. 429=0.2,503=0.1,reset=0.05,latency=50ms")
	seed := flag.Int64("seed", 1, "seed for fault injection and IDs; when given, the fixture credentials are derived from it too (reproducible runs), otherwise they are fresh at each start")
	tokenLifetime := flag.Duration("token-lifetime", time.Hour, "lifetime of OAuth access tokens")
	inviteLimit := flag.Int("invite-rate-limit", 10, "max new invitations per window per client IP (negative disables)")
	inviteWindow := flag.Duration("invite-rate-window", time.Minute, "invitation rate-limit window")
	roles := flag.String("roles", "", "comma-separated project roles to accept instead of the default list (atlassim.DefaultRoles)")
	extraRoles := flag.String("extra-roles", "", "comma-separated project roles to accept besides the default list, e.g. roles Atlas added since")
	tokenLimit := flag.Int("token-rate-limit", 10, "max /api/oauth/token requests per window per client IP and client ID (negative disables)")
	tokenWindow := flag.Duration("token-rate-window", time.Minute, "token endpoint rate-limit window")
	accessListForm := flag.String("access-list-form", string(atlassim.AccessListAsGiven),
		"how an API access-list entry reads back: as-given (only the field it was added with) or both (a single address also as /32 or /128 cidrBlock, and the reverse)")
	accessListDuplicate := flag.String("access-list-duplicate", string(atlassim.AccessListDuplicateConflict),
		"answer to adding an access-list entry the list already holds: 409 (DUPLICATE_ACCESS_LIST_ENTRY, nothing added) or 200 (kept unchanged)")
	maxSecrets := flag.Int("max-secrets", atlassim.DefaultMaxSecrets, "secrets one service account may hold; a create beyond answers 400 SERVICE_ACCOUNT_SECRET_LIMIT_EXCEEDED (negative: no limit)")
	clockOffset := flag.Duration("clock-offset", 0, "start Atlas's clock this far from real time (e.g. 72h or -1h); PUT /__atlassim/clock moves it later")
	apiRateLimit := flag.String("api-rate-limit", "", "token bucket per client identity on the service-account and project-user endpoints, answered 429 RATE_LIMITED_TOKEN_BUCKET: CAPACITY/INTERVAL (e.g. 100/60s) or capacity=N,refill=N/INTERVAL; off by default")
	inviteExisting := flag.String("invite-existing-account", string(atlassim.InviteExistingConflict),
		"answer to :invite of a service account already in the project: 409 (SERVICE_ACCOUNT_ALREADY_IN_GROUP) or 200 (roles replaced)")
	removeLastRole := flag.String("remove-last-role", string(atlassim.RemoveLastRole400),
		"answer to :removeRole of a user's last role: 400 or 409 (CANNOT_REMOVE_LAST_ROLE), or remove-user (removed from the project)")
	invitationLimit := flag.String("invitation-limit", string(atlassim.InvitationLimit400),
		"answer to an invitation over the limit: 400 or 429 (INVITATIONS_RATE_LIMITED_IP), or 429-token-bucket (RATE_LIMITED_TOKEN_BUCKET)")
	deleteAssignedTeam := flag.String("delete-assigned-team", string(atlassim.DeleteAssignedTeamRefused),
		"answer to deleting a team still assigned to a project: 400 (CANNOT_DELETE_TEAM_ASSIGNED_TO_PROJECT, as Atlas) or unassign (deleted with its project roles)")
	flag.Parse()
	log.SetOutput(os.Stderr)
	log.SetPrefix("atlassim: ")

	opts := atlassim.Options{
		Seed: *seed, Faults: *faults, StateFile: *stateFile, TokenLifetime: *tokenLifetime,
		InviteRateLimit: *inviteLimit, InviteRateWindow: *inviteWindow,
		TokenRateLimit: *tokenLimit, TokenRateWindow: *tokenWindow,
		APIRateLimit:          *apiRateLimit,
		ClockOffset:           *clockOffset,
		MaxSecrets:            *maxSecrets,
		AccessListForm:        atlassim.AccessListForm(*accessListForm),
		AccessListDuplicate:   atlassim.AccessListDuplicate(*accessListDuplicate),
		InviteExistingAccount: atlassim.InviteExistingAccount(*inviteExisting),
		RemoveLastRole:        atlassim.RemoveLastRole(*removeLastRole),
		InvitationLimit:       atlassim.InvitationLimit(*invitationLimit),
		DeleteAssignedTeam:    atlassim.DeleteAssignedTeam(*deleteAssignedTeam),
	}
	opts.Roles = roleList(*roles, *extraRoles)
	opts.RandomCredentials = !flagGiven("seed")
	if err := serve(*listen, *requestsLog, *envFile, opts); err != nil {
		log.Fatal(err)
	}
}

// flagGiven reports whether the command line set the flag name.
func flagGiven(name string) bool {
	given := false
	flag.Visit(func(f *flag.Flag) { given = given || f.Name == name })
	return given
}

// nonLoopbackWarning is the warning printed when the simulator listens
// where other machines may reach it, or "" on a loopback address.
func nonLoopbackWarning(addr net.Addr) string {
	tcp, ok := addr.(*net.TCPAddr)
	if ok && tcp.IP.IsLoopback() {
		return ""
	}
	return fmt.Sprintf("warning: listening on %s, which is not a loopback address: anyone who can reach it can use the admin endpoints "+
		"(/__atlassim/...), which have no authentication, and the credentials cross the network in clear (http); "+
		"atlassim is a local development tool: use -listen 127.0.0.1:PORT", addr)
}

// roleList is the project roles the -roles and -extra-roles flags ask for:
// roles (or, when empty, atlassim.DefaultRoles) and then extra.
func roleList(roles, extra string) []string {
	split := func(s string) []string {
		var out []string
		for _, r := range strings.Split(s, ",") {
			if r = strings.TrimSpace(r); r != "" {
				out = append(out, r)
			}
		}
		return out
	}
	base := split(roles)
	if len(base) == 0 {
		base = atlassim.DefaultRoles
	}
	return append(slices.Clone(base), split(extra)...)
}

// serve runs the simulator until SIGINT or SIGTERM.
func serve(listen, requestsLog, envFile string, opts atlassim.Options) error {
	if requestsLog != "" {
		f, err := os.OpenFile(requestsLog, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
		if err != nil {
			return err
		}
		defer f.Close()
		opts.RequestsLog = f
	}
	srv, err := atlassim.New(opts)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", listen)
	if err != nil {
		return err
	}
	if w := nonLoopbackWarning(ln.Addr()); w != "" {
		log.Print(w)
	}
	baseURL := "http://" + ln.Addr().String()
	fmt.Print(atlassim.ExportLines(baseURL, srv.Fixtures()))
	if envFile != "" {
		// Written only now that the listener accepts connections, and in
		// one rename, so whoever waits for the file never reads half of it
		// nor reaches a server that is not listening yet.
		if err := writeFileAtomically(envFile, []byte(atlassim.EnvFileLines(baseURL, srv.Fixtures()))); err != nil {
			_ = ln.Close()
			return fmt.Errorf("writing the environment file: %w", err)
		}
	}

	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = hs.Shutdown(shutdownCtx)
	}()
	log.Printf("serving on %s", ln.Addr())
	if err := hs.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	log.Print("stopped")
	return nil
}

// writeFileAtomically writes data to a temporary file beside path and renames
// it to path, so that path either does not exist or holds all of data. The
// file is readable by its owner only: it holds a client secret.
func writeFileAtomically(path string, data []byte) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			_ = tmp.Close()
			_ = os.Remove(tmp.Name())
		}
	}()
	if err = tmp.Chmod(0o600); err != nil {
		return err
	}
	if _, err = tmp.Write(data); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
