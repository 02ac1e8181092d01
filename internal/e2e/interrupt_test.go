package e2e

import (
	"context"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/atlassim"
)

const manyAccountsConfig = cliProvider + projectIDVariable + `
resource "atlasaccess_project_service_account" "many" {
  count                      = 20
  project_id                 = var.project_id
  name                       = "worker ${count.index}"
  description                = "Interrupted apply"
  roles                      = ["GROUP_READ_ONLY"]
  secret_expires_after_hours = 24
}
`

// TestInterruptedApplyConverges interrupts terraform apply while service
// accounts are being created, then applies again: the second apply finishes
// the job, Atlas holds exactly the accounts in state (none orphaned, none
// duplicated), and the next plan is empty.
func TestInterruptedApplyConverges(t *testing.T) {
	t.Parallel()
	w := newWorkspace(t, atlassim.Options{Seed: 5, Faults: "latency=300ms"})
	w.signInAsOrgOwner()
	w.setProjectVariable()
	w.write("main.tf", manyAccountsConfig)

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := w.command(ctx, "apply", "-auto-approve", "-input=false")
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	created := func() int {
		n := 0
		for _, r := range w.sim.Requests() {
			if r.Method == http.MethodPost && r.Status == 201 && strings.HasSuffix(r.Path, "/serviceAccounts") {
				n++
			}
		}
		return n
	}
	deadline := time.Now().Add(2 * time.Minute)
	for created() < 3 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	interruptedAt := created()
	if interruptedAt >= 20 {
		t.Fatalf("all 20 accounts were created before the interrupt; the test proves nothing\n%s", out.String())
	}
	if !strings.Contains(out.String(), "Interrupt received") {
		t.Fatalf("terraform did not report the interrupt:\n%s", out.String())
	}
	t.Logf("interrupted after %d of 20 creates", interruptedAt)

	if err := w.sim.SetFaults(""); err != nil {
		t.Fatal(err)
	}
	w.terraform(false, "apply", "-auto-approve", "-input=false")

	state, _ := w.terraform(false, "state", "list")
	inState := strings.Count(state, "atlasaccess_project_service_account.many[")
	c := w.orgOwnerClient()
	accounts, err := c.ListProjectServiceAccounts(context.Background(), w.fx.ProjectID)
	if err != nil {
		t.Fatal(err)
	}
	if inState != 20 || len(accounts) != 20 {
		t.Fatalf("after the second apply: %d accounts in state, %d in Atlas; want 20 and 20 (no orphans, no duplicates)", inState, len(accounts))
	}
	if _, err := w.terraform(true, "plan", "-detailed-exitcode", "-input=false"); err != nil {
		t.Fatalf("the plan after convergence is not empty: %v", err)
	}
}

// TestTokenExpiresDuringApply runs one apply, in one provider process, that
// outlives several one-second access tokens: the provider replaces each
// expiring token and the apply succeeds.
func TestTokenExpiresDuringApply(t *testing.T) {
	t.Parallel()
	w := newWorkspace(t, atlassim.Options{Seed: 6, TokenLifetime: time.Second, Faults: "latency=300ms"})
	w.signInAsOrgOwner()
	w.setProjectVariable()
	w.write("main.tf", manyAccountsConfig)

	before := len(w.sim.Requests())
	started := time.Now()
	w.terraform(false, "apply", "-auto-approve", "-input=false", "-parallelism=2")
	elapsed := time.Since(started)
	tokens := 0
	for _, r := range w.sim.Requests()[before:] {
		if r.Path == "/api/oauth/token" && r.Status == 200 {
			tokens++
		}
	}
	if elapsed < 2*time.Second || tokens < 2 {
		t.Fatalf("the apply took %s and fetched %d tokens: it did not outlive a token, so it proves nothing", elapsed, tokens)
	}
	t.Logf("apply took %s with %d one-second tokens", elapsed.Round(time.Millisecond), tokens)
	w.terraform(false, "destroy", "-auto-approve", "-input=false")
}
