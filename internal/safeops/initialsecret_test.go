package safeops

import (
	"context"
	"net/http"
	"slices"
	"testing"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

// The initial secret is known only by the ID recorded at create; without
// it, no secret is picked by its creation time, not even the only one
// issued in the same second as the account: someone else's secret can look
// just like it. (Moved from attrs' TestInitialSecretID, with the DELETE it
// decides on.)
func TestDeleteInitialSecret(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		record       func(initial string) string
		deletedFirst bool // the secret is gone before the call
		notListed    bool // the secrets passed in no longer list it
		want         InitialSecretOutcome
		wantDeletes  int
		wantGone     bool
	}{
		"recorded at create":                      {record: func(id string) string { return id }, want: InitialSecretDeleted, wantDeletes: 1, wantGone: true},
		"imported: never guessed by time":         {record: func(string) string { return "" }, want: InitialSecretNotIdentified},
		"recorded, but no longer listed":          {record: func(id string) string { return id }, notListed: true, want: InitialSecretAlreadyGone},
		"recorded, deleted on the way: not found": {record: func(id string) string { return id }, deletedFirst: true, want: InitialSecretDeleted, wantDeletes: 2, wantGone: true},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			e := newSimEnv(t)
			ctx := context.Background()
			sa, err := e.c.CreateProjectServiceAccount(ctx, e.fx.ProjectID, accountRequest("ci"))
			if err != nil {
				t.Fatal(err)
			}
			owner, initial := client.ProjectOwner(e.fx.ProjectID), InitialSecretID(sa.Secrets)
			if initial != sa.Secrets[0].ID {
				t.Fatalf("InitialSecretID = %q, want the create's first secret %q", initial, sa.Secrets[0].ID)
			}
			// A second secret issued at once: it looks just like the initial one.
			if _, err := e.c.CreateServiceAccountSecret(ctx, owner, sa.ClientID, 24); err != nil {
				t.Fatal(err)
			}
			if tc.deletedFirst {
				if err := e.c.DeleteServiceAccountSecret(ctx, owner, sa.ClientID, initial); err != nil {
					t.Fatal(err)
				}
			}
			secrets := sa.Secrets
			if tc.notListed {
				secrets = nil
			}
			got, err := e.s.DeleteInitialSecret(ctx, owner, sa.ClientID, tc.record(initial), secrets)
			if err != nil || got != tc.want {
				t.Fatalf("DeleteInitialSecret = %v, %v; want %v", got, err, tc.want)
			}
			deletes := 0
			for _, r := range e.sim.Requests() {
				if r.Method == http.MethodDelete {
					deletes++
				}
			}
			if deletes != tc.wantDeletes {
				t.Errorf("%d DELETE requests, want %d", deletes, tc.wantDeletes)
			}
			ids := e.secretIDs(t, owner, sa.ClientID)
			if slices.Contains(ids, initial) == tc.wantGone || len(ids) < 1 {
				t.Errorf("secrets in Atlas %v: initial %s gone %v, want %v, and the other secret kept", ids, initial, !slices.Contains(ids, initial), tc.wantGone)
			}
		})
	}
}

// A DELETE that fails is returned: the caller keeps the secret in state.
func TestDeleteInitialSecret_failureIsReturned(t *testing.T) {
	t.Parallel()
	e := newSimEnv(t)
	ctx := context.Background()
	sa, err := e.c.CreateProjectServiceAccount(ctx, e.fx.ProjectID, accountRequest("ci"))
	if err != nil {
		t.Fatal(err)
	}
	owner := client.ProjectOwner(e.fx.ProjectID)
	e.faults(t, "500@DELETE=1")
	if _, err := e.s.DeleteInitialSecret(ctx, owner, sa.ClientID, InitialSecretID(sa.Secrets), sa.Secrets); err == nil {
		t.Fatal("a refused DELETE was reported as done")
	}
	if !slices.Contains(e.secretIDs(t, owner, sa.ClientID), sa.Secrets[0].ID) {
		t.Fatal("the initial secret is gone after a refused DELETE")
	}
}
