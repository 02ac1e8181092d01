package safeops

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

// secretAccount makes a project service account, an hour old by Atlas's
// clock, and returns its owner, its client ID and the ID of the secret
// issued with it.
func (e *simEnv) secretAccount(t *testing.T) (client.Owner, string, string) {
	t.Helper()
	sa, err := e.c.CreateProjectServiceAccount(context.Background(), e.fx.ProjectID, accountRequest("rotated"))
	if err != nil {
		t.Fatal(err)
	}
	e.sim.SetClockOffset(time.Hour)
	owner := client.ProjectOwner(e.fx.ProjectID)
	e.secretIDs(t, owner, sa.ClientID) // an answer by the moved clock
	return owner, sa.ClientID, sa.Secrets[0].ID
}

func (e *simEnv) secretIDs(t *testing.T, owner client.Owner, clientID string) []string {
	t.Helper()
	secrets, err := e.c.ServiceAccountSecrets(context.Background(), owner, clientID)
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]string, len(secrets))
	for i, s := range secrets {
		ids[i] = s.ID
	}
	slices.Sort(ids)
	return ids
}

func sorted(ids ...string) []string { slices.Sort(ids); return ids }

// A secret issued by a request whose answer was lost has a plaintext nobody
// knows: it is deleted, not adopted, and a secret is issued again, whose
// plaintext the caller gets. The account's other secret is untouched.
func TestCreateServiceAccountSecret_lostAnswerDeletesTheUnknownSecret(t *testing.T) {
	t.Parallel()
	e := newSimEnv(t)
	owner, clientID, initial := e.secretAccount(t)
	e.faults(t, "lost@POST=1#1")
	sec, err := e.s.CreateServiceAccountSecret(context.Background(), owner, clientID, 24)
	if err != nil {
		t.Fatalf("create after a lost answer: %v", err)
	}
	if sec.Secret == "" {
		t.Fatal("the secret returned has no plaintext")
	}
	if got, want := e.secretIDs(t, owner, clientID), sorted(initial, sec.ID); !slices.Equal(got, want) {
		t.Fatalf("the account holds secrets %v, want the initial one and the one returned %v", got, want)
	}
	if _, err := e.c.IssueAccessToken(context.Background(), clientID, sec.Secret); err != nil {
		t.Fatalf("the returned secret does not sign in: %v", err)
	}
}

// A sibling secret that another resource of the process holds, issued just
// before (inside the clock-skew allowance), is never taken for the work of
// the lost request.
func TestCreateServiceAccountSecret_lostAnswerSparesAHeldSibling(t *testing.T) {
	t.Parallel()
	e := newSimEnv(t)
	owner, clientID, initial := e.secretAccount(t)
	sibling, err := e.s.CreateServiceAccountSecret(context.Background(), owner, clientID, 24)
	if err != nil {
		t.Fatal(err)
	}
	e.faults(t, "lost@POST=1#1")
	sec, err := e.s.CreateServiceAccountSecret(context.Background(), owner, clientID, 24)
	if err != nil {
		t.Fatalf("create after a lost answer: %v", err)
	}
	if got, want := e.secretIDs(t, owner, clientID), sorted(initial, sibling.ID, sec.ID); !slices.Equal(got, want) {
		t.Fatalf("the account holds secrets %v, want %v (initial, held sibling, new)", got, want)
	}
}

// When every answer is lost, the create gives up after a bounded number of
// attempts and leaves no secret behind.
func TestCreateServiceAccountSecret_everyAnswerLostLeavesNoSecret(t *testing.T) {
	t.Parallel()
	e := newSimEnv(t)
	owner, clientID, initial := e.secretAccount(t)
	e.faults(t, "lost@POST=1")
	_, err := e.s.CreateServiceAccountSecret(context.Background(), owner, clientID, 24)
	if err == nil {
		t.Fatal("create succeeded although every answer was lost")
	}
	if got := e.secretIDs(t, owner, clientID); !slices.Equal(got, []string{initial}) {
		t.Fatalf("the account holds secrets %v after the failed create, want only the initial %s", got, initial)
	}
	var posts int
	for _, r := range e.sim.Requests() {
		if r.Method == http.MethodPost && r.Path == "/api/atlas/v2/groups/"+e.fx.ProjectID+"/serviceAccounts/"+clientID+"/secrets" {
			posts++
		}
	}
	if posts != createTries {
		t.Fatalf("%d creates were sent, want the bound of %d", posts, createTries)
	}
}

// A 500 proves nothing either way: the account is read, nothing new is
// found, and the create is sent again.
func TestCreateServiceAccountSecret_serverErrorIsSentAgain(t *testing.T) {
	t.Parallel()
	e := newSimEnv(t)
	owner, clientID, initial := e.secretAccount(t)
	e.faults(t, "500@POST=1#1")
	sec, err := e.s.CreateServiceAccountSecret(context.Background(), owner, clientID, 24)
	if err != nil {
		t.Fatalf("create after a 500: %v", err)
	}
	if got, want := e.secretIDs(t, owner, clientID), sorted(initial, sec.ID); !slices.Equal(got, want) {
		t.Fatalf("the account holds secrets %v, want %v", got, want)
	}
}

func TestDeleteServiceAccountSecret_goneIsNotFound(t *testing.T) {
	t.Parallel()
	e := newSimEnv(t)
	owner, clientID, initial := e.secretAccount(t)
	if err := e.s.DeleteServiceAccountSecret(context.Background(), owner, clientID, initial); err != nil {
		t.Fatal(err)
	}
	if err := e.s.DeleteServiceAccountSecret(context.Background(), owner, clientID, initial); !client.IsNotFound(err) {
		t.Fatalf("deleting a deleted secret: %v, want a not-found error", err)
	}
}

// An account created moments before the lost request has a first secret
// that looks like the request's work by its creation time. The account's
// resource may hold that secret's plaintext, so nothing issued at the
// account's creation is deleted: the create fails and names what it left.
func TestCreateServiceAccountSecret_lostAnswerNeverDeletesANewAccountsFirstSecret(t *testing.T) {
	t.Parallel()
	e := newSimEnv(t)
	sa, err := e.c.CreateProjectServiceAccount(context.Background(), e.fx.ProjectID, accountRequest("new"))
	if err != nil {
		t.Fatal(err)
	}
	owner, initial := client.ProjectOwner(e.fx.ProjectID), sa.Secrets[0].ID
	e.faults(t, "lost@POST=1#1")
	_, err = e.s.CreateServiceAccountSecret(context.Background(), owner, sa.ClientID, 24)
	ids := e.secretIDs(t, owner, sa.ClientID)
	if !slices.Contains(ids, initial) {
		t.Fatalf("the account's first secret %s was deleted (left: %v)", initial, ids)
	}
	if len(ids) != 2 {
		t.Fatalf("the account holds secrets %v, want its first and the lost request's", ids)
	}
	// The lost secret was issued within seconds of the account: it cannot
	// be told from the first secret, and the error names it.
	lost := ids[0]
	if lost == initial {
		lost = ids[1]
	}
	if err == nil || !strings.Contains(err.Error(), lost) {
		t.Fatalf("the secret of the lost request %s was left without an error naming it: %v", lost, err)
	}
}

// An account this process created holds its first secret, so a secret
// create whose answer is lost seconds later deletes only its own secret,
// keeps the first, and succeeds.
func TestCreateServiceAccountSecret_lostAnswerAfterOwnAccountCreateKeepsItsFirstSecret(t *testing.T) {
	t.Parallel()
	e := newSimEnv(t)
	sa, _, err := e.s.CreateProjectServiceAccount(context.Background(), e.fx.ProjectID, accountRequest("ours"))
	if err != nil {
		t.Fatal(err)
	}
	owner, initial := client.ProjectOwner(e.fx.ProjectID), sa.Secrets[0].ID
	e.faults(t, "lost@POST=1#1")
	sec, err := e.s.CreateServiceAccountSecret(context.Background(), owner, sa.ClientID, 24)
	if err != nil {
		t.Fatalf("create after a lost answer: %v", err)
	}
	ids := e.secretIDs(t, owner, sa.ClientID)
	slices.Sort(ids)
	want := []string{initial, sec.ID}
	slices.Sort(want)
	if !slices.Equal(ids, want) {
		t.Fatalf("the account holds secrets %v, want its first %s and the new %s only", ids, initial, sec.ID)
	}
}
