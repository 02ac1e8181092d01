package serviceaccountsecret_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/acctest"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

// warnings records the warnings the provider returns from applies.
type warnings struct {
	mu   sync.Mutex
	list []*tfprotov6.Diagnostic
}

func (w *warnings) factories(e *acctest.Env) map[string]func() (tfprotov6.ProviderServer, error) {
	return map[string]func() (tfprotov6.ProviderServer, error){
		acctest.ProviderSource: func() (tfprotov6.ProviderServer, error) {
			s, err := e.ProviderFactories()[acctest.ProviderSource]()
			return &recordingServer{ProviderServer: s, w: w}, err
		},
	}
}

func (w *warnings) withSummary(summary string) []*tfprotov6.Diagnostic {
	w.mu.Lock()
	defer w.mu.Unlock()
	var out []*tfprotov6.Diagnostic
	for _, d := range w.list {
		if d.Summary == summary {
			out = append(out, d)
		}
	}
	return out
}

type recordingServer struct {
	tfprotov6.ProviderServer
	w *warnings
}

func (s *recordingServer) ApplyResourceChange(ctx context.Context, req *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	resp, err := s.ProviderServer.ApplyResourceChange(ctx, req)
	if resp != nil {
		s.w.mu.Lock()
		for _, d := range resp.Diagnostics {
			if d.Severity == tfprotov6.DiagnosticSeverityWarning {
				s.w.list = append(s.w.list, d)
			}
		}
		s.w.mu.Unlock()
	}
	return resp, err
}

// onSecretPost runs action once, just before the simulator handles the next
// secret create: what happens at Atlas while that request is on its way.
type onSecretPost struct {
	next   http.Handler
	mu     sync.Mutex
	action func()
}

func (h *onSecretPost) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h.mu.Lock()
	var action func()
	if r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/secrets") {
		action, h.action = h.action, nil
	}
	h.mu.Unlock()
	if action != nil {
		action()
	}
	h.next.ServeHTTP(w, r)
}

// A secret create whose answer is lost never deletes a secret the same
// configuration keeps in state, nor one another team issued while the
// request was on its way: when the lost request's secret cannot be told
// apart from the other team's, both are left, the apply succeeds with a new
// secret, and one warning names each possible leftover and how to delete it.
func TestAccServiceAccountSecret_lostAnswerKeepsOthersSecretsAndWarns(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.RequireSim(t)
	f := newOrgFixture(t, e)
	hook := &onSecretPost{next: e.Sim}
	srv := httptest.NewServer(hook)
	t.Cleanup(srv.Close)
	fx := e.Sim.Fixtures()
	secret := func(name string) string {
		return acctest.Resource(f.typ, name, acctest.Attrs{f.ownerAttr: f.ownerID, "client_id": f.clientID, "expires_after_hours": 720})
	}
	provider := acctest.ProviderBlock(srv.URL, fx.ClientID, fx.ClientSecret)
	var rec warnings
	var other *client.ServiceAccountSecret
	signsIn := func(address string) resource.TestCheckFunc {
		return func(s *terraform.State) error {
			if _, err := e.Client.IssueAccessToken(context.Background(), f.clientID, acctest.Attribute(s, address, "secret")); err != nil {
				return fmt.Errorf("the secret of %s does not sign in: %w", address, err)
			}
			return nil
		}
	}
	e.Run(t, resource.TestCase{
		ProtoV6ProviderFactories: rec.factories(e),
		Steps: []resource.TestStep{
			{Config: provider + secret("kept")},
			{
				PreConfig: func() {
					hook.mu.Lock()
					defer hook.mu.Unlock()
					hook.action = func() {
						// Atlas reaches the request seconds after it was sent;
						// meanwhile another team issues a look-alike.
						e.Sim.SetClockOffset(time.Until(e.Sim.Now()) + 5*time.Second)
						var err error
						if other, err = e.Client.CreateServiceAccountSecret(context.Background(), f.owner, f.clientID, 720); err != nil {
							t.Errorf("the other team's secret: %v", err)
						}
						if err := e.Sim.SetFaults("lost@POST=1#1"); err != nil {
							t.Error(err)
						}
					}
				},
				Config: provider + secret("kept") + secret("added"),
				Check: resource.ComposeAggregateTestCheckFunc(
					signsIn(f.typ+".kept"),
					signsIn(f.typ+".added"),
					func(s *terraform.State) error {
						if other == nil {
							return fmt.Errorf("the other team's secret was not issued")
						}
						if _, err := e.Client.IssueAccessToken(context.Background(), f.clientID, other.Secret); err != nil {
							return fmt.Errorf("the other team's secret %s no longer signs in: %w", other.ID, err)
						}
						got := rec.withSummary("Possible Leftover Service Account Secrets")
						if len(got) != 1 {
							return fmt.Errorf("%d leftover warnings, want one", len(got))
						}
						detail := got[0].Detail
						known := map[string]bool{other.ID: true}
						for _, address := range []string{f.typ + ".kept", f.typ + ".added"} {
							known[acctest.Attribute(s, address, "secret_id")] = true
						}
						left := 0
						for i, sec := range f.secrets(t) {
							if i == 0 || known[sec.ID] {
								continue // the account's first secret, or one someone holds
							}
							left++
							call := "DELETE /api/atlas/v2/orgs/" + f.ownerID + "/serviceAccounts/" + f.clientID + "/secrets/" + sec.ID
							for _, want := range []string{sec.ID, call, "nobody holds it", "secret slots"} {
								if !strings.Contains(detail, want) {
									return fmt.Errorf("the warning does not say %q: %s", want, detail)
								}
							}
						}
						if left == 0 {
							return fmt.Errorf("the lost request's secret is gone, although it cannot be told from the other team's")
						}
						return nil
					},
				),
			},
		},
	})
}
