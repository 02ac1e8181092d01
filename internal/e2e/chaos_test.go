package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/atlassim"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

// TestChaos_randomizedFaultCampaign is the project's own fault campaign:
// for each seed, one round applies, edits and destroys a configuration
// that uses every resource type while the simulator fails writes, another
// team issues secrets for our accounts, and look-alikes made outside
// Terraform sit beside ours. After each faulty step a clean apply must
// converge to an empty plan, nothing made outside Terraform may change,
// everything that appeared must be in state (or, for a secret nobody can
// use, named in a warning), and the last destroy must leave Atlas as it was.
// One exception: the project's IP access list is Terraform's whole (the
// resource is authoritative), so the entry added there by hand is expected
// to go (see chaos_projectaccesslist_test.go).
//
// CHAOS_ROUNDS (default 3) rounds run, with seeds CHAOS_SEED (default 1),
// CHAOS_SEED+1, ... (`make chaos ROUNDS=N SEED=S`). A failure names its seed.
func TestChaos_randomizedFaultCampaign(t *testing.T) {
	t.Parallel()
	rounds, first := chaosEnv(t, "CHAOS_ROUNDS", 3), chaosEnv(t, "CHAOS_SEED", 1)
	for i := 0; i < rounds; i++ {
		seed := int64(first + i)
		t.Run("seed="+strconv.FormatInt(seed, 10), func(t *testing.T) {
			r := newChaosRound(t, seed, i+1)
			r.run()
		})
	}
}

func chaosEnv(t *testing.T, name string, def int) int {
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		t.Fatalf("%s=%q: want a whole number", name, v)
	}
	return n
}

// chaosFaultPool is what a faulty step may inject on writes; each round
// picks a few, with a probability and sometimes a limit.
var chaosFaultPool = []string{"lost@POST", "500@POST", "reset@POST", "503@POST", "503@DELETE", "lost@DELETE", "reset@DELETE", "lost@PATCH", "500@PATCH", "503@PATCH"}

// secretCreatePath matches a secret create of a project or organization
// service account.
var secretCreatePath = regexp.MustCompile(`^/api/atlas/v2/(groups|orgs)/([0-9a-f]{24})/serviceAccounts/([^/]+)/secrets$`)

// hexID finds Atlas object IDs (secret IDs among them) in diagnostics.
var hexID = regexp.MustCompile(`\b[0-9a-f]{24}\b`)

// chaosRound is one seeded round of the campaign.
type chaosRound struct {
	t     *testing.T
	seed  int64
	round int
	rng   *rand.Rand
	w     *workspace
	sim   *atlassim.Server
	c     *client.Client // the test's own client, on the unwrapped server
	ctx   context.Context

	// lookAlikes are the client IDs and usernames made outside Terraform.
	lookAlikeAccounts map[string]bool
	before            map[string]string // snapshot of step 1

	// The other team and the wrapper that lets it act inside an apply.
	mu         sync.Mutex
	otherTeam  *otherTeam
	secretPOST int // secret creates on our accounts seen in the current step
	targetPOST int // the secret create (1-based) whose answer is lost after the other team issues; 0 for none
	plainPOST  int // the secret create before which the other team issues and the answer arrives; 0 for none
	otherHours int // lifetime of the other team's secrets
	faultsSpec string
	theirs     []otherSecret // every secret the other team issued
	dropped    int           // answers the wrapper dropped

	ipWant  []string        // the project IP access list the current configuration declares
	db      chaosDB         // database users and custom roles (see chaos_databaseaccess_test.go)
	named   map[string]bool // 24-hex IDs named in any CLI output of the round
	figures struct {
		steps, failedApplies, simFaults int
	}
}

// otherSecret is a secret the other team issued.
type otherSecret struct {
	owner    client.Owner
	clientID string
	id       string
}

// otherTeam issues secrets for our accounts when the wrapper asks, at most
// budget times; it stops by itself once the budget is spent or asks closes.
type otherTeam struct {
	asks   chan otherAsk
	budget int
	done   chan struct{}
}

type otherAsk struct {
	owner    client.Owner
	clientID string
	reply    chan string
}

func newChaosRound(t *testing.T, seed int64, round int) *chaosRound {
	tf := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if tf == "" {
		p, err := exec.LookPath("terraform")
		if err != nil {
			t.Fatal("terraform CLI not found: put terraform on PATH or set TF_ACC_TERRAFORM_PATH; these tests must not be skipped")
		}
		tf = p
	}
	if os.Getenv("ATLASACCESS_ACC_REAL") == "1" {
		t.Skip("end-to-end tests inspect the simulator; they do not run against real Atlas")
	}
	// A round runs a dozen terraform commands in a few seconds, each
	// fetching a token: the token endpoint's limit (tested elsewhere) would
	// only make it wait.
	sim, err := atlassim.New(atlassim.Options{Seed: seed, TokenRateLimit: -1})
	if err != nil {
		t.Fatal(err)
	}
	raw := httptest.NewServer(sim)
	t.Cleanup(raw.Close)
	r := &chaosRound{t: t, seed: seed, round: round, rng: rand.New(rand.NewSource(seed)), sim: sim, ctx: context.Background(), named: map[string]bool{}}
	wrapped := httptest.NewServer(http.HandlerFunc(r.serveTerraform))
	t.Cleanup(wrapped.Close)
	r.w = newWorkspaceOn(t, tf, sim, wrapped.URL)
	r.w.signInAsOrgOwner()
	r.c, err = client.New(client.Config{BaseURL: raw.URL, ClientID: r.w.fx.ClientID, ClientSecret: r.w.fx.ClientSecret})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// fatalf fails the round, naming its seed so that it can be replayed.
func (r *chaosRound) fatalf(format string, args ...any) {
	r.t.Helper()
	r.t.Fatalf("seed=%d round=%d (replay: make chaos ROUNDS=1 SEED=%d): %s", r.seed, r.round, r.seed, fmt.Sprintf(format, args...))
}

func (r *chaosRound) check(err error, what string) {
	r.t.Helper()
	if err != nil {
		r.fatalf("%s: %v", what, err)
	}
}

// serveTerraform serves the simulator to Terraform. At the secret creates
// the round chose, the other team first issues a secret for the same
// account; at the target, Atlas then carries the create out and its answer
// is lost. The other team acts with the faults off, so that its own write
// is certain; the lost answer is this wrapper's, so that it hits exactly
// the request chosen whatever the order of Terraform's concurrent requests.
// (Turning the faults off and on again restarts their #limits, and a
// concurrent request of Terraform may slip through that moment unfaulted:
// the campaign gets a few more faults or a few fewer, never a wrong answer.)
func (r *chaosRound) serveTerraform(w http.ResponseWriter, req *http.Request) {
	m := secretCreatePath.FindStringSubmatch(req.URL.Path)
	if req.Method != http.MethodPost || m == nil || r.lookAlikeAccounts[m[3]] {
		r.sim.ServeHTTP(w, req)
		return
	}
	owner := client.ProjectOwner(m[2])
	if m[1] == "orgs" {
		owner = client.OrgOwner(m[2])
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.secretPOST++
	n := r.secretPOST
	if r.otherTeam == nil || (n != r.targetPOST && n != r.plainPOST) {
		r.sim.ServeHTTP(w, req)
		return
	}
	_ = r.sim.SetFaults("")
	ask := otherAsk{owner: owner, clientID: m[3], reply: make(chan string, 1)}
	select {
	case r.otherTeam.asks <- ask:
		if id := <-ask.reply; id != "" {
			r.theirs = append(r.theirs, otherSecret{owner: owner, clientID: m[3], id: id})
		}
	case <-r.otherTeam.done:
	}
	if n != r.targetPOST {
		_ = r.sim.SetFaults(r.faultsSpec)
		r.sim.ServeHTTP(w, req)
		return
	}
	r.sim.ServeHTTP(httptest.NewRecorder(), req)
	_ = r.sim.SetFaults(r.faultsSpec)
	r.dropped++
	hijackAndDrop(w)
}

// hijackAndDrop closes the connection without an answer.
func hijackAndDrop(w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic(http.ErrAbortHandler)
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	_ = conn.Close()
}

// startOtherTeam starts the other team's goroutine for one step.
func (r *chaosRound) startOtherTeam(budget int) *otherTeam {
	o := &otherTeam{asks: make(chan otherAsk), budget: budget, done: make(chan struct{})}
	go func() {
		defer close(o.done)
		for issued := 0; issued < o.budget; issued++ {
			ask, ok := <-o.asks
			if !ok {
				return
			}
			sec, err := r.c.CreateServiceAccountSecret(r.ctx, ask.owner, ask.clientID, r.otherHours)
			if err != nil {
				ask.reply <- ""
				continue
			}
			ask.reply <- sec.ID
		}
	}()
	return o
}

// stopOtherTeam ends the step's other team and waits for its goroutine.
func (r *chaosRound) stopOtherTeam() {
	r.mu.Lock()
	o := r.otherTeam
	r.otherTeam = nil
	r.mu.Unlock()
	if o != nil {
		close(o.asks)
		<-o.done
	}
}

// chaosConfig is what one configuration of the round declares.
type chaosConfig struct {
	appRoles, assignRoles, inviteRoles []string
	appSecrets                         int // secrets of the project account: 1 or 2
	appCIDRs, orgCIDRs                 []string
	ipEntries                          []string      // the project IP access list: "cidr|comment" (see chaos_projectaccesslist_test.go)
	db                                 chaosDBConfig // database users and a custom role (see chaos_databaseaccess_test.go)
	people                             chaosPeople
}

func hclList(xs []string) string {
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = strconv.Quote(x)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

func (r *chaosRound) render(c chaosConfig) string {
	fx := r.w.fx
	return cliProvider + fmt.Sprintf(`
resource "atlasaccess_project_service_account" "app" {
  project_id                 = %[1]q
  name                       = "chaos-app"
  description                = "Chaos campaign"
  roles                      = %[3]s
  secret_expires_after_hours = 720
  keep_initial_secret        = false
}

resource "atlasaccess_project_service_account_secret" "app" {
  count               = %[4]d
  project_id          = atlasaccess_project_service_account.app.project_id
  client_id           = atlasaccess_project_service_account.app.client_id
  expires_after_hours = 240
  rotate_before_hours = 24

  lifecycle {
    create_before_destroy = true
  }
}

resource "atlasaccess_project_service_account_access_list" "app" {
  project_id  = atlasaccess_project_service_account.app.project_id
  client_id   = atlasaccess_project_service_account.app.client_id
  cidr_blocks = %[5]s
}

resource "atlasaccess_service_account" "org" {
  org_id                     = %[2]q
  name                       = "chaos-org"
  description                = "Chaos campaign"
  roles                      = ["ORG_MEMBER"]
  secret_expires_after_hours = 720
  keep_initial_secret        = false
}

resource "atlasaccess_service_account_secret" "org" {
  org_id              = atlasaccess_service_account.org.org_id
  client_id           = atlasaccess_service_account.org.client_id
  expires_after_hours = 240
  rotate_before_hours = 24

  lifecycle {
    create_before_destroy = true
  }
}

resource "atlasaccess_service_account_access_list" "org" {
  org_id      = atlasaccess_service_account.org.org_id
  client_id   = atlasaccess_service_account.org.client_id
  cidr_blocks = %[6]s
}

resource "atlasaccess_project_service_account_assignment" "org" {
  project_id = %[7]q
  client_id  = atlasaccess_service_account.org.client_id
  roles      = %[8]s
}

resource "atlasaccess_project_user_invite" "person" {
  project_id = %[1]q
  username   = "chaos-person@example.com"
  roles      = %[9]s
}
`, fx.ProjectID, fx.OrgID, hclList(c.appRoles), c.appSecrets, hclList(c.appCIDRs), hclList(c.orgCIDRs),
		fx.Project2ID, hclList(c.assignRoles), hclList(c.inviteRoles)) + r.renderProjectIPList(c) + r.renderDatabaseAccess(c.db) + r.renderPeople(c.people)
}

var (
	chaosProjectRoles = []string{"GROUP_READ_ONLY", "GROUP_CLUSTER_MANAGER", "GROUP_DATA_ACCESS_READ_ONLY", "GROUP_SEARCH_INDEX_EDITOR"}
	chaosCIDRs        = []string{"203.0.113.0/24", "198.51.100.17", "192.0.2.0/28", "2001:db8:4000::/48", "198.51.100.64/26"}
)

// pick returns n distinct elements of xs chosen by the round's seed, in
// the order of xs.
func (r *chaosRound) pick(xs []string, n int) []string {
	idx := r.rng.Perm(len(xs))[:n]
	slices.Sort(idx)
	out := make([]string, n)
	for i, j := range idx {
		out[i] = xs[j]
	}
	return out
}

func (r *chaosRound) randomConfig() chaosConfig {
	return chaosConfig{
		appRoles:    r.pick(chaosProjectRoles, 1+r.rng.Intn(2)),
		assignRoles: r.pick(chaosProjectRoles, 1+r.rng.Intn(2)),
		inviteRoles: r.pick(chaosProjectRoles, 1+r.rng.Intn(2)),
		appSecrets:  1 + r.rng.Intn(2),
		appCIDRs:    r.pick(chaosCIDRs, 1+r.rng.Intn(3)),
		orgCIDRs:    r.pick(chaosCIDRs, 1+r.rng.Intn(3)),
		ipEntries:   r.pickProjectIPEntries(),
		db:          r.pickDatabaseAccess(),
		people:      r.randomPeople(),
	}
}

// randomFaults is a fault SPEC of two to four write faults, each with a
// probability from 8 to 25 percent (four on one method sum to at most 1).
func (r *chaosRound) randomFaults() string {
	var parts []string
	for _, i := range r.rng.Perm(len(chaosFaultPool))[:2+r.rng.Intn(3)] {
		entry := fmt.Sprintf("%s=%.2f", chaosFaultPool[i], 0.08+0.17*r.rng.Float64())
		if r.rng.Intn(2) == 0 {
			entry += "#" + strconv.Itoa(1+r.rng.Intn(3))
		}
		parts = append(parts, entry)
	}
	return strings.Join(parts, ",")
}

func (r *chaosRound) run() {
	r.seedLookAlikes()
	r.seedDatabaseLookAlikes()
	r.before = r.snapshot()
	config := r.randomConfig()
	r.w.write("main.tf", r.render(config))

	// Step 2: the first apply, under faults, with the other team issuing a
	// secret just before one of our secret creates whose answer is lost.
	r.faultyStep("apply", 1+r.rng.Intn(2), r.rng.Intn(2) == 0, "apply", "-auto-approve", "-input=false")
	r.converge("first apply")

	// Step 5: an edit, under faults.
	edits := r.edit(&config)
	r.w.write("main.tf", r.render(config))
	r.addProjectIPLookAlike()
	r.faultyStep("edit", 1, r.rng.Intn(2) == 0, "apply", "-auto-approve", "-input=false")
	r.converge("edit (" + strings.Join(edits, ", ") + ")")

	// Step 6: destroy under faults, then a clean destroy.
	r.faultyStep("destroy", 0, false, "destroy", "-auto-approve", "-input=false")
	r.tf(false, "destroy", "-auto-approve", "-input=false")
	if after := r.snapshot(); !mapsEqual(after, r.before) {
		r.fatalf("after the last destroy Atlas does not hold what it held before:\n%s", snapshotDiff(r.before, after))
	}
	r.projectIPListAfterDestroy()
	r.databaseAccessAfterDestroy()

	r.logPeopleFigures()
	var total int
	for _, q := range r.sim.Requests() {
		if strings.HasPrefix(q.Path, "/api/atlas/v2/") {
			total++
			if q.Fault != "" {
				r.figures.simFaults++
			}
		}
	}
	r.t.Logf("figures: seed=%d round=%d steps=%d requests=%d injected=%d answers_dropped=%d other_team_secrets=%d failed_faulty_runs=%d edits=%q",
		r.seed, r.round, r.figures.steps, total, r.figures.simFaults, r.dropped, len(r.theirs), r.figures.failedApplies, edits)
}

// tf runs a terraform apply, plan or destroy with -json and returns its
// messages as the CLI would print them. It remembers every ID that a
// warning or error names: a secret so named is a leftover the user was told
// about. (Only diagnostics count: a plan's diff also lists secret IDs.)
func (r *chaosRound) tf(allowFail bool, args ...string) (string, error) {
	r.t.Helper()
	ctx, cancel := context.WithTimeout(r.ctx, 10*time.Minute)
	defer cancel()
	cmd := r.w.command(ctx, append(args, "-json")...)
	var raw strings.Builder
	cmd.Stdout, cmd.Stderr = &raw, &raw
	err := cmd.Run()
	var out strings.Builder
	for _, line := range strings.Split(raw.String(), "\n") {
		var msg struct {
			Message    string `json:"@message"`
			Type       string `json:"type"`
			Diagnostic struct {
				Summary, Detail string
			} `json:"diagnostic"`
		}
		if json.Unmarshal([]byte(line), &msg) != nil {
			out.WriteString(line + "\n")
			continue
		}
		out.WriteString(msg.Message + "\n")
		if msg.Type == "diagnostic" {
			out.WriteString("  " + msg.Diagnostic.Detail + "\n")
			for _, id := range hexID.FindAllString(msg.Diagnostic.Summary+" "+msg.Diagnostic.Detail, -1) {
				r.named[id] = true
			}
		}
	}
	if err != nil && !allowFail {
		r.fatalf("terraform %s: %v\n%s", strings.Join(args, " "), err, out.String())
	}
	return out.String(), err
}

// faultyStep runs terraform under a fault mix chosen by the seed. When
// target > 0 the other team issues a secret before our target-th secret
// create, whose answer is then lost; with plain, it also issues one before
// another create that succeeds.
func (r *chaosRound) faultyStep(name string, target int, plain bool, args ...string) {
	r.t.Helper()
	r.figures.steps++
	spec := r.randomFaults()
	r.mu.Lock()
	r.faultsSpec, r.secretPOST, r.targetPOST, r.plainPOST = spec, 0, target, 0
	if plain {
		r.plainPOST = target + 1
		if target == 0 {
			r.plainPOST = 1
		}
	}
	r.otherHours = []int{240, 480}[r.rng.Intn(2)]
	if target > 0 || plain {
		r.otherTeam = r.startOtherTeam(2)
	}
	r.mu.Unlock()
	r.check(r.sim.SetFaults(spec), "setting faults")
	_, err := r.tf(true, args...)
	r.check(r.sim.SetFaults(""), "clearing faults")
	r.stopOtherTeam()
	if err != nil {
		r.figures.failedApplies++
	}
	r.t.Logf("seed=%d round=%d %s under faults %q: err=%v", r.seed, r.round, name, spec, err)
}

// converge is steps 3 and 4: a clean apply, an empty plan, the invariants.
func (r *chaosRound) converge(after string) {
	r.t.Helper()
	if out, err := r.tf(true, "apply", "-auto-approve", "-input=false"); err != nil {
		// Leftover secrets (named in warnings, never deleted by the
		// provider) can fill an account's secret slots over many faulty
		// steps. The error tells the user to delete the leftovers the
		// warnings named, and this user does; anything else is a failure.
		if !strings.Contains(out, "SERVICE_ACCOUNT_SECRET_LIMIT_EXCEEDED") || r.deleteNamedLeftovers() == 0 {
			r.fatalf("after %s, the clean apply failed (%v):\n%s", after, err, out)
		}
		r.tf(false, "apply", "-auto-approve", "-input=false")
	}
	out, err := r.tf(true, "plan", "-input=false", "-detailed-exitcode")
	if err != nil {
		r.fatalf("after %s, the plan after a clean apply is not empty (%v):\n%s", after, err, out)
	}
	r.invariants(after)
}

// deleteNamedLeftovers deletes, as a user told by the warnings would, every
// live secret of the accounts in state that a warning or error named and
// that neither the state nor the other team holds, and returns how many.
func (r *chaosRound) deleteNamedLeftovers() int {
	st := r.state()
	held := map[string]bool{}
	for _, s := range st.secrets {
		held[s.id] = true
	}
	theirs := map[string]bool{}
	for _, o := range r.theirs {
		theirs[o.id] = true
	}
	var deleted int
	for k := range r.snapshot() {
		f := strings.Fields(k)
		if _, old := r.before[k]; old || f[len(f)-2] != "account" {
			continue
		}
		clientID, owner := f[len(f)-1], client.OrgOwner(f[1])
		if f[0] == "project" {
			owner = client.ProjectOwner(f[1])
		}
		for _, sec := range r.secretsOf(owner, clientID) {
			if r.named[sec.ID] && !held[sec.ID] && !theirs[sec.ID] {
				r.check(r.c.DeleteServiceAccountSecret(r.ctx, owner, clientID, sec.ID), "deleting a leftover secret a warning named")
				deleted++
			}
		}
	}
	r.t.Logf("seed=%d round=%d: the account's secret slots were full; deleted %d leftover secrets that warnings named", r.seed, r.round, deleted)
	return deleted
}

// edit changes the configuration at random (at least one change) and may
// move Atlas's clock into the secrets' rotation window.
func (r *chaosRound) edit(c *chaosConfig) []string {
	var edits []string
	for len(edits) == 0 {
		if r.rng.Intn(2) == 0 {
			c.appRoles, c.assignRoles, c.inviteRoles = r.pick(chaosProjectRoles, 1+r.rng.Intn(2)), r.pick(chaosProjectRoles, 1+r.rng.Intn(2)), r.pick(chaosProjectRoles, 1+r.rng.Intn(2))
			edits = append(edits, "roles")
		}
		if r.rng.Intn(2) == 0 {
			c.appSecrets = 3 - c.appSecrets
			edits = append(edits, fmt.Sprintf("project secrets=%d", c.appSecrets))
		}
		if r.rng.Intn(2) == 0 {
			c.appCIDRs, c.orgCIDRs = r.pick(chaosCIDRs, 1+r.rng.Intn(3)), r.pick(chaosCIDRs, 1+r.rng.Intn(3))
			edits = append(edits, "access lists")
		}
		if r.rng.Intn(2) == 0 {
			c.ipEntries = r.pickProjectIPEntries()
			edits = append(edits, "project IP access list")
		}
		if r.rng.Intn(2) == 0 {
			edits = append(edits, r.editDatabaseAccess(&c.db))
		}
		if r.rng.Intn(2) == 0 {
			edits = append(edits, "clock into rotation window")
			r.clockIntoRotationWindow()
		}
		edits = append(edits, r.editPeople(&c.people)...)
	}
	return edits
}

// clockIntoRotationWindow moves Atlas's clock to an hour after the first
// of our state secrets enters its 24-hour rotation window.
func (r *chaosRound) clockIntoRotationWindow() {
	st := r.state()
	var earliest time.Time
	for _, s := range st.secrets {
		for _, sec := range r.secretsOf(s.owner, s.clientID) {
			if sec.ID != s.id {
				continue
			}
			exp, err := time.Parse(time.RFC3339, sec.ExpiresAt)
			r.check(err, "reading a secret's expiry")
			if earliest.IsZero() || exp.Before(earliest) {
				earliest = exp
			}
		}
	}
	if earliest.IsZero() {
		r.fatalf("no secret of the state found in Atlas to move the clock to")
	}
	r.sim.SetClockNow(earliest.Add(-23 * time.Hour))
}

// seedLookAlikes is step 1: objects made outside Terraform beside ours.
func (r *chaosRound) seedLookAlikes() {
	fx := r.w.fx
	r.lookAlikeAccounts = map[string]bool{}
	sa, err := r.c.CreateProjectServiceAccount(r.ctx, fx.ProjectID, client.CreateServiceAccountRequest{
		Name: "chaos-app", Description: "Made by hand", Roles: []string{"GROUP_READ_ONLY"}, SecretExpiresAfterHours: 240,
	})
	r.check(err, "creating the look-alike project account")
	r.lookAlikeAccounts[sa.ClientID] = true
	org, err := r.c.CreateOrgServiceAccount(r.ctx, fx.OrgID, client.CreateServiceAccountRequest{
		Name: "chaos-org", Description: "Made by hand", Roles: []string{"ORG_MEMBER"}, SecretExpiresAfterHours: 240,
	})
	r.check(err, "creating the look-alike organization account")
	r.lookAlikeAccounts[org.ClientID] = true
	r.check(r.c.AddAccessListEntries(r.ctx, client.OrgOwner(fx.OrgID), org.ClientID, []client.AccessListEntry{{CIDRBlock: "192.0.2.0/24"}}), "fencing the look-alike organization account")
	_, err = r.c.AddProjectUser(r.ctx, fx.ProjectID, client.AddProjectUserRequest{Username: fx.OrgMember, Roles: []string{"GROUP_OWNER"}})
	r.check(err, "adding the look-alike project owner")
	r.addProjectIPLookAlike()
	r.seedPeopleLookAlikes()
}

// snapshot is everything Atlas holds that a user could see change: every
// account with its roles, secrets and access list, every project user with
// roles and status.
func (r *chaosRound) snapshot() map[string]string {
	fx := r.w.fx
	out := map[string]string{}
	for _, p := range []string{fx.ProjectID, fx.Project2ID} {
		accounts, err := r.c.ListProjectServiceAccounts(r.ctx, p)
		r.check(err, "listing project accounts")
		for _, a := range accounts {
			out["project "+p+" account "+a.ClientID] = r.describeAccount(client.ProjectOwner(p), a.ClientID, a.Name, a.Roles, a.Secrets)
		}
		users, err := r.c.ListProjectUsers(r.ctx, p, client.ListProjectUsersOptions{})
		r.check(err, "listing project users")
		for _, u := range users {
			roles := slices.Clone(u.Roles)
			slices.Sort(roles)
			out["project "+p+" user "+u.ID] = fmt.Sprintf("%s %s roles=%v", u.Username, u.OrgMembershipStatus, roles)
		}
	}
	accounts, err := r.c.ListOrgServiceAccounts(r.ctx, fx.OrgID)
	r.check(err, "listing organization accounts")
	for _, a := range accounts {
		out["organization "+fx.OrgID+" account "+a.ClientID] = r.describeAccount(client.OrgOwner(fx.OrgID), a.ClientID, a.Name, a.Roles, a.Secrets)
	}
	r.snapshotPeople(out)
	return out
}

func (r *chaosRound) describeAccount(owner client.Owner, clientID, name string, roles []string, secrets []client.ServiceAccountSecret) string {
	roles = slices.Clone(roles)
	slices.Sort(roles)
	var secs []string
	for _, s := range secrets {
		secs = append(secs, s.ID+"/"+s.CreatedAt+"/"+s.ExpiresAt)
	}
	slices.Sort(secs)
	entries, err := r.c.ListAccessList(r.ctx, owner, clientID)
	r.check(err, "listing an access list")
	var cidrs []string
	for _, e := range entries {
		cidrs = append(cidrs, e.CIDRBlock+e.IPAddress)
	}
	slices.Sort(cidrs)
	return fmt.Sprintf("name=%q roles=%v secrets=%v access=%v", name, roles, secs, cidrs)
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

func snapshotDiff(before, after map[string]string) string {
	var lines []string
	for k, v := range before {
		if w, ok := after[k]; !ok {
			lines = append(lines, "  gone:    "+k+" "+v)
		} else if w != v {
			lines = append(lines, "  changed: "+k+"\n    was "+v+"\n    now "+w)
		}
	}
	for k, v := range after {
		if _, ok := before[k]; !ok {
			lines = append(lines, "  new:     "+k+" "+v)
		}
	}
	slices.Sort(lines)
	return strings.Join(lines, "\n")
}

// chaosState is what the Terraform state holds.
type chaosState struct {
	accounts map[string]bool // client IDs
	users    map[string]bool // user IDs
	secrets  []stateSecret
}

type stateSecret struct {
	owner        client.Owner
	clientID, id string
}

func (r *chaosRound) state() chaosState {
	ctx, cancel := context.WithTimeout(r.ctx, time.Minute)
	defer cancel()
	cmd := r.w.command(ctx, "show", "-json")
	out, err := cmd.Output()
	r.check(err, "terraform show -json")
	var doc struct {
		Values struct {
			RootModule struct {
				Resources []struct {
					Type   string         `json:"type"`
					Values map[string]any `json:"values"`
				} `json:"resources"`
			} `json:"root_module"`
		} `json:"values"`
	}
	r.check(json.Unmarshal(out, &doc), "decoding terraform show -json")
	st := chaosState{accounts: map[string]bool{}, users: map[string]bool{}}
	str := func(v map[string]any, k string) string { s, _ := v[k].(string); return s }
	for _, res := range doc.Values.RootModule.Resources {
		v := res.Values
		switch res.Type {
		case "atlasaccess_project_service_account", "atlasaccess_service_account", "atlasaccess_project_service_account_assignment":
			st.accounts[str(v, "client_id")] = true
		case "atlasaccess_project_user_invite":
			st.users[str(v, "user_id")] = true
		case "atlasaccess_project_service_account_secret":
			st.secrets = append(st.secrets, stateSecret{client.ProjectOwner(str(v, "project_id")), str(v, "client_id"), str(v, "secret_id")})
		case "atlasaccess_service_account_secret":
			st.secrets = append(st.secrets, stateSecret{client.OrgOwner(str(v, "org_id")), str(v, "client_id"), str(v, "secret_id")})
		}
	}
	return st
}

func (r *chaosRound) secretsOf(owner client.Owner, clientID string) []client.ServiceAccountSecret {
	secrets, err := r.c.ServiceAccountSecrets(r.ctx, owner, clientID)
	if err != nil && !client.IsNotFound(err) {
		r.fatalf("reading the secrets of %s of %s: %v", clientID, owner, err)
	}
	return secrets
}

// invariants is step 4.
func (r *chaosRound) invariants(after string) {
	r.t.Helper()
	now := r.sim.Now()
	snap := r.snapshot()
	// Nothing made outside Terraform changed.
	var changed []string
	for k, v := range r.before {
		if snap[k] != v {
			changed = append(changed, fmt.Sprintf("%s\n    was %s\n    now %q", k, v, snap[k]))
		}
	}
	if len(changed) > 0 {
		r.fatalf("after %s, objects made outside Terraform changed:\n  %s", after, strings.Join(changed, "\n  "))
	}
	r.projectIPListInvariants(after)
	r.databaseAccessInvariants(after)
	st := r.state()
	// Every account and person that appeared is in state, and the other
	// team's secrets still exist.
	var orphans []string
	for k := range snap {
		if _, old := r.before[k]; old || isPeopleKey(k) {
			continue
		}
		f := strings.Fields(k)
		id := f[len(f)-1]
		if strings.Contains(k, " user ") && !st.users[id] || !strings.Contains(k, " user ") && !st.accounts[id] {
			orphans = append(orphans, k+" "+snap[k])
		}
	}
	if len(orphans) > 0 {
		r.fatalf("after %s, Atlas holds objects that are not in state:\n  %s", after, strings.Join(orphans, "\n  "))
	}
	r.peopleInvariants(after, snap)
	// Nothing in state is missing from Atlas.
	inAtlas := map[string]bool{}
	for k := range snap {
		f := strings.Fields(k)
		inAtlas[f[len(f)-1]] = true
	}
	for id := range st.accounts {
		if !inAtlas[id] {
			r.fatalf("after %s, service account %s is in state but not in Atlas", after, id)
		}
	}
	for id := range st.users {
		if !inAtlas[id] {
			r.fatalf("after %s, project user %s is in state but not in Atlas", after, id)
		}
	}
	theirs := map[string]bool{}
	for _, o := range r.theirs {
		theirs[o.id] = true
		if !st.accounts[o.clientID] {
			continue
		}
		found := false
		for _, sec := range r.secretsOf(o.owner, o.clientID) {
			found = found || sec.ID == o.id
		}
		if !found {
			r.fatalf("after %s, secret %s that another team issued for service account %s of %s was deleted", after, o.id, o.clientID, o.owner)
		}
	}
	// Every live secret of our accounts is in state, the other team's, or
	// named in a warning (a leftover nobody can use); every secret in state
	// exists.
	held := map[string]bool{}
	for _, s := range st.secrets {
		found := false
		for _, sec := range r.secretsOf(s.owner, s.clientID) {
			found = found || sec.ID == s.id
		}
		if !found {
			r.fatalf("after %s, secret %s of service account %s of %s is in state but not in Atlas", after, s.id, s.clientID, s.owner)
		}
		held[s.id] = true
	}
	for k := range snap {
		f := strings.Fields(k)
		if _, old := r.before[k]; old || f[len(f)-2] != "account" {
			continue
		}
		clientID, owner := f[len(f)-1], client.OrgOwner(f[1])
		if f[0] == "project" {
			owner = client.ProjectOwner(f[1])
		}
		for _, sec := range r.secretsOf(owner, clientID) {
			exp, err := time.Parse(time.RFC3339, sec.ExpiresAt)
			r.check(err, "reading a secret's expiry")
			if !exp.After(now) || held[sec.ID] || theirs[sec.ID] || r.named[sec.ID] {
				continue
			}
			r.fatalf("after %s, live secret %s (created %s, expires %s) of service account %s of %s is not in state, not another team's, and no warning named it",
				after, sec.ID, sec.CreatedAt, sec.ExpiresAt, clientID, owner)
		}
	}
}
