package serviceaccountsecret_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/acctest"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/atlassim"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

// observation is what a watcher saw of the account at one moment.
type observation struct {
	at        time.Time // the simulator's clock
	unexpired []string  // IDs of the secrets not yet expired at that moment
}

// watcher reads the account over and over while an apply runs.
type watcher struct {
	stop chan struct{}
	done chan struct{}
	mu   sync.Mutex
	seen []observation
	errs []error
}

func watch(f *fixture) *watcher {
	w := &watcher{stop: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(w.done)
		for {
			secrets, err := f.e.Client.ServiceAccountSecrets(context.Background(), f.owner, f.clientID)
			now := f.e.Sim.Now()
			w.mu.Lock()
			if err != nil {
				w.errs = append(w.errs, err)
			} else {
				o := observation{at: now}
				for _, s := range secrets {
					if exp, err := time.Parse(time.RFC3339, s.ExpiresAt); err == nil && exp.After(now) {
						o.unexpired = append(o.unexpired, s.ID)
					}
				}
				w.seen = append(w.seen, o)
			}
			w.mu.Unlock()
			select {
			case <-w.stop:
				return
			case <-time.After(10 * time.Millisecond):
			}
		}
	}()
	return w
}

func (w *watcher) finish() ([]observation, []error) {
	close(w.stop)
	<-w.done
	return w.seen, w.errs
}

// TestAccProjectServiceAccountSecret_rotationHasNoDowntime proves that a
// rotation with create_before_destroy never leaves the account without a
// secret that signs in. The account holds only the resource's secret (its
// initial secret was deleted, as keep_initial_secret = false does) under a
// limit of 2 secrets per account, the tightest that allows a rotation. The
// clock is moved into the rotation window and, while the apply runs, a
// watcher reads the account every few milliseconds. Afterwards:
//   - the request log shows the new secret issued (201) before the old one
//     was deleted (204);
//   - at every observation the account held an unexpired secret whose
//     plaintext is known to sign in: the old one (checked just before the
//     apply, still unexpired when deleted) or the new one (checked after);
//   - the new secret in state signs in, and the old one no longer does.
func TestAccProjectServiceAccountSecret_rotationHasNoDowntime(t *testing.T) {
	t.Parallel()
	e := acctest.New(t, func(o *atlassim.Options) { o.MaxSecrets = 2 })
	e.RequireSim(t)
	f := newProjectFixture(t, e)
	f.dropInitialSecret(t)
	config := f.config(acctest.Attrs{"expires_after_hours": 48, "rotate_before_hours": 24},
		"  lifecycle {\n    create_before_destroy = true\n  }")
	var oldID, oldSecret, oldExpires string
	var w *watcher
	var logStart int
	e.Run(t, resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config: config,
				Check: resource.ComposeAggregateTestCheckFunc(
					acctest.RecordAttribute(f.address(), "secret_id", &oldID),
					acctest.RecordAttribute(f.address(), "secret", &oldSecret),
					acctest.RecordAttribute(f.address(), "expires_at", &oldExpires),
				),
			},
			{
				PreConfig: func() {
					e.Sim.SetClockOffset(30 * time.Hour)
					if _, err := e.Client.IssueAccessToken(context.Background(), f.clientID, oldSecret); err != nil {
						t.Fatalf("the old secret does not sign in before the rotation: %v", err)
					}
					logStart = len(e.Sim.Requests())
					w = watch(f)
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(f.address(), plancheck.ResourceActionCreateBeforeDestroy)},
				},
				Check: func(s *terraform.State) error {
					seen, errs := w.finish()
					if len(errs) > 0 {
						return fmt.Errorf("the watcher could not read the account: %v", errs[0])
					}
					newID := acctest.Attribute(s, f.address(), "secret_id")
					if newID == oldID || newID == "" {
						return fmt.Errorf("secret_id %q after the rotation, want a new one", newID)
					}
					if err := checkIssuedBeforeDeleted(e.Sim.Requests()[logStart:], f.clientID, oldID); err != nil {
						return err
					}
					if exp, _ := time.Parse(time.RFC3339, oldExpires); !exp.After(e.Sim.Now()) {
						return fmt.Errorf("the old secret expired (%s) before it was deleted: the test did not exercise a rotation inside the window", oldExpires)
					}
					if len(seen) < 2 {
						return fmt.Errorf("the watcher saw the account only %d times during the apply", len(seen))
					}
					signsIn := map[string]bool{oldID: true, newID: true}
					sawNew := false
					for i, o := range seen {
						ok := false
						for _, id := range o.unexpired {
							ok = ok || signsIn[id]
							sawNew = sawNew || id == newID
						}
						if !ok {
							return fmt.Errorf("observation %d of %d (at %s): the account held no unexpired secret that signs in (unexpired: %v)",
								i+1, len(seen), o.at.Format(time.RFC3339), o.unexpired)
						}
					}
					if !sawNew {
						t.Logf("the watcher saw %d states of the account, none with the new secret yet", len(seen))
					}
					if err := f.checkSignsIn(s); err != nil {
						return err
					}
					if _, err := e.Client.IssueAccessToken(context.Background(), f.clientID, oldSecret); !client.IsClientCredentialsRejected(err) {
						return fmt.Errorf("the old secret still signs in after the rotation (err=%v)", err)
					}
					return nil
				},
			},
		},
	})
}

// checkIssuedBeforeDeleted checks, in the simulator's request log, that a
// secret of clientID was issued (201) before secret oldID was deleted (204).
func checkIssuedBeforeDeleted(log []atlassim.RequestRecord, clientID, oldID string) error {
	issued, deleted := -1, -1
	for i, r := range log {
		switch {
		case r.Method == http.MethodPost && strings.HasSuffix(r.Path, "/serviceAccounts/"+clientID+"/secrets") && r.Status == http.StatusCreated && issued < 0:
			issued = i
		case r.Method == http.MethodDelete && strings.HasSuffix(r.Path, "/serviceAccounts/"+clientID+"/secrets/"+oldID) && r.Status == http.StatusNoContent:
			deleted = i
		}
	}
	switch {
	case issued < 0:
		return fmt.Errorf("no secret was issued during the rotation")
	case deleted < 0:
		return fmt.Errorf("the old secret %s was not deleted during the rotation", oldID)
	case deleted < issued:
		return fmt.Errorf("the old secret was deleted (request %d) before the new one was issued (request %d)", deleted, issued)
	}
	return nil
}
