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

// moveClock moves the simulator's clock by d more, and lets e's client read
// it from an answer.
func (e *simEnv) moveClock(t *testing.T, owner client.Owner, clientID string, d time.Duration) {
	t.Helper()
	e.sim.SetClockOffset(time.Until(e.sim.Now()) + d)
	e.secretIDs(t, owner, clientID)
}

// signsIn fails the test unless secret still gets an access token.
func (e *simEnv) signsIn(t *testing.T, clientID, secret, what string) {
	t.Helper()
	if _, err := e.c.IssueAccessToken(context.Background(), clientID, secret); err != nil {
		t.Fatalf("%s no longer signs in: %v", what, err)
	}
}

func sorted(ids ...string) []string { slices.Sort(ids); return ids }

func secretIDsOf(secrets []client.ServiceAccountSecret) []string {
	ids := make([]string, len(secrets))
	for i, s := range secrets {
		ids[i] = s.ID
	}
	return ids
}

// accountedFor fails the test unless every secret the account holds is one
// of known or named as a possible leftover: a secret the lost request may
// have issued is either deleted, because it was provably its, or named.
func (e *simEnv) accountedFor(t *testing.T, owner client.Owner, clientID string, leftovers []client.ServiceAccountSecret, known ...string) {
	t.Helper()
	named := secretIDsOf(leftovers)
	for _, id := range e.secretIDs(t, owner, clientID) {
		if !slices.Contains(known, id) && !slices.Contains(named, id) {
			t.Fatalf("secret %s is neither expected (%v) nor named as a possible leftover (%v)", id, known, named)
		}
	}
}

// lostSecretFaults are the failures after which a secret create's outcome is
// unknown: handled but unanswered, a connection reset before it was
// handled, a 500 that did nothing.
var lostSecretFaults = []string{"lost@POST=1#1", "reset@POST=1#1", "500@POST=1#1"}

// A secret with the very lifetime the create asks for, issued one second
// before the request, whose plaintext someone else holds, survives any
// unknown outcome of the create, and so does its consumer's sign-in. Such a
// secret is either another team's, or one the same configuration holds in
// state, issued by an earlier apply (another process, which this one knows
// nothing of).
func TestCreateServiceAccountSecret_unknownOutcomeSparesALookAlike(t *testing.T) {
	t.Parallel()
	issuers := map[string]func(e *simEnv, owner client.Owner, clientID string) (*client.ServiceAccountSecret, error){
		"another team's secret": func(e *simEnv, owner client.Owner, clientID string) (*client.ServiceAccountSecret, error) {
			return e.newClient(t).CreateServiceAccountSecret(context.Background(), owner, clientID, 24)
		},
		"a secret in state from an earlier apply": func(e *simEnv, owner client.Owner, clientID string) (*client.ServiceAccountSecret, error) {
			sec, _, err := New(e.newClient(t)).CreateServiceAccountSecret(context.Background(), owner, clientID, 24)
			return sec, err
		},
	}
	for issuer, issue := range issuers {
		for _, fault := range lostSecretFaults {
			t.Run(issuer+", "+fault, func(t *testing.T) {
				t.Parallel()
				e := newSimEnv(t)
				owner, clientID, initial := e.secretAccount(t)
				other, err := issue(e, owner, clientID)
				if err != nil {
					t.Fatal(err)
				}
				e.moveClock(t, owner, clientID, time.Second)
				e.faults(t, fault)
				sec, leftovers, err := e.s.CreateServiceAccountSecret(context.Background(), owner, clientID, 24)
				if err != nil {
					t.Fatalf("create after %s: %v", fault, err)
				}
				ids := e.secretIDs(t, owner, clientID)
				if !slices.Contains(ids, other.ID) {
					t.Fatalf("%s %s was deleted (the account holds %v)", issuer, other.ID, ids)
				}
				e.signsIn(t, clientID, other.Secret, issuer)
				e.signsIn(t, clientID, sec.Secret, "the secret returned")
				e.accountedFor(t, owner, clientID, leftovers, initial, other.ID, sec.ID)
			})
		}
	}
}

// A secret that Atlas stamped seconds after the request was sent, with the
// requested lifetime, held by nobody and alone of its kind, is provably the
// lost request's work: it is deleted, and a secret is issued again, whose
// plaintext the caller gets. Nothing is named as a leftover of it, and a
// look-alike issued a second before the request survives.
func TestCreateServiceAccountSecret_lostAnswerDeletesItsProvableSecret(t *testing.T) {
	t.Parallel()
	e := newSimEnv(t)
	owner, clientID, initial := e.secretAccount(t)
	other, err := e.newClient(t).CreateServiceAccountSecret(context.Background(), owner, clientID, 24)
	if err != nil {
		t.Fatal(err)
	}
	e.moveClock(t, owner, clientID, time.Second)
	e.faults(t, "lost@POST=1#1")
	// Atlas gets to the request five seconds (by its clock) after it was sent.
	e.before(http.MethodPost, "/secrets", func() { e.sim.SetClockOffset(time.Until(e.sim.Now()) + 5*time.Second) })
	sec, leftovers, err := e.s.CreateServiceAccountSecret(context.Background(), owner, clientID, 24)
	if err != nil {
		t.Fatalf("create after a lost answer: %v", err)
	}
	if got, want := e.secretIDs(t, owner, clientID), sorted(initial, other.ID, sec.ID); !slices.Equal(got, want) {
		t.Fatalf("the account holds secrets %v, want the initial one, the other team's and the one returned %v", got, want)
	}
	for _, l := range leftovers {
		if l.ID != other.ID {
			t.Fatalf("the deleted secret %s is named as a leftover", l.ID)
		}
	}
	e.signsIn(t, clientID, sec.Secret, "the secret returned")
	e.signsIn(t, clientID, other.Secret, "the other team's secret")
}

// When two secrets may each be the lost request's work (another team issued
// one while the request was on its way), neither is deleted, both are
// named, and the create is sent again.
func TestCreateServiceAccountSecret_twoCandidatesDeletesNothing(t *testing.T) {
	t.Parallel()
	e := newSimEnv(t)
	owner, clientID, initial := e.secretAccount(t)
	var other *client.ServiceAccountSecret
	e.before(http.MethodPost, "/secrets", func() {
		e.sim.SetClockOffset(time.Until(e.sim.Now()) + 5*time.Second)
		var err error
		if other, err = e.newClient(t).CreateServiceAccountSecret(context.Background(), owner, clientID, 24); err != nil {
			t.Error(err)
		}
		e.faults(t, "lost@POST=1#1")
	})
	sec, leftovers, err := e.s.CreateServiceAccountSecret(context.Background(), owner, clientID, 24)
	if err != nil || other == nil {
		t.Fatalf("create after a lost answer: %v", err)
	}
	ids := e.secretIDs(t, owner, clientID)
	if len(ids) != 4 || !slices.Contains(ids, initial) || !slices.Contains(ids, other.ID) || !slices.Contains(ids, sec.ID) {
		t.Fatalf("the account holds secrets %v, want the initial one, the other team's %s, the lost one and the returned %s", ids, other.ID, sec.ID)
	}
	named := secretIDsOf(leftovers)
	for _, id := range ids {
		if id != initial && id != sec.ID && !slices.Contains(named, id) {
			t.Fatalf("candidate %s is not named (named: %v)", id, named)
		}
	}
	e.signsIn(t, clientID, other.Secret, "the other team's secret")
}

// A sibling secret that another resource of the process holds, issued just
// before, is never taken for the work of the lost request.
func TestCreateServiceAccountSecret_lostAnswerSparesAHeldSibling(t *testing.T) {
	t.Parallel()
	e := newSimEnv(t)
	owner, clientID, initial := e.secretAccount(t)
	sibling, _, err := e.s.CreateServiceAccountSecret(context.Background(), owner, clientID, 24)
	if err != nil {
		t.Fatal(err)
	}
	e.faults(t, "lost@POST=1#1")
	sec, leftovers, err := e.s.CreateServiceAccountSecret(context.Background(), owner, clientID, 24)
	if err != nil {
		t.Fatalf("create after a lost answer: %v", err)
	}
	if ids := e.secretIDs(t, owner, clientID); !slices.Contains(ids, sibling.ID) {
		t.Fatalf("the held sibling %s was deleted (left: %v)", sibling.ID, ids)
	}
	if slices.Contains(secretIDsOf(leftovers), sibling.ID) {
		t.Fatalf("the held sibling %s is named as a possible leftover", sibling.ID)
	}
	e.accountedFor(t, owner, clientID, leftovers, initial, sibling.ID, sec.ID)
}

// When every answer is lost, the create gives up after a bounded number of
// attempts; every secret the attempts issued is deleted or named, and the
// account's first secret is untouched.
func TestCreateServiceAccountSecret_everyAnswerLostNamesWhatItLeft(t *testing.T) {
	t.Parallel()
	e := newSimEnv(t)
	owner, clientID, initial := e.secretAccount(t)
	e.faults(t, "lost@POST=1")
	_, leftovers, err := e.s.CreateServiceAccountSecret(context.Background(), owner, clientID, 24)
	if err == nil {
		t.Fatal("create succeeded although every answer was lost")
	}
	if !slices.Contains(e.secretIDs(t, owner, clientID), initial) {
		t.Fatalf("the initial secret %s was deleted", initial)
	}
	e.accountedFor(t, owner, clientID, leftovers, initial)
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
// found, nothing is named, and the create is sent again.
func TestCreateServiceAccountSecret_serverErrorIsSentAgain(t *testing.T) {
	t.Parallel()
	e := newSimEnv(t)
	owner, clientID, initial := e.secretAccount(t)
	e.faults(t, "500@POST=1#1")
	sec, leftovers, err := e.s.CreateServiceAccountSecret(context.Background(), owner, clientID, 24)
	if err != nil {
		t.Fatalf("create after a 500: %v", err)
	}
	if got, want := e.secretIDs(t, owner, clientID), sorted(initial, sec.ID); !slices.Equal(got, want) {
		t.Fatalf("the account holds secrets %v, want %v", got, want)
	}
	if len(leftovers) != 0 {
		t.Fatalf("possible leftovers %v named after a 500 that created nothing", secretIDsOf(leftovers))
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
// with the same lifetime, created in the same second or the one before: it
// may be held by the account's resource (in another process), so it is
// never deleted. The lost request's own secret cannot be told from it by
// time, and is named.
func TestCreateServiceAccountSecret_lostAnswerNeverDeletesANewAccountsFirstSecret(t *testing.T) {
	t.Parallel()
	e := newSimEnv(t)
	sa, err := e.c.CreateProjectServiceAccount(context.Background(), e.fx.ProjectID, accountRequest("new"))
	if err != nil {
		t.Fatal(err)
	}
	owner, initial := client.ProjectOwner(e.fx.ProjectID), sa.Secrets[0].ID
	e.faults(t, "lost@POST=1#1")
	sec, leftovers, err := e.s.CreateServiceAccountSecret(context.Background(), owner, sa.ClientID, 24)
	if err != nil {
		t.Fatalf("create after a lost answer: %v", err)
	}
	if !slices.Contains(e.secretIDs(t, owner, sa.ClientID), initial) {
		t.Fatalf("the account's first secret %s was deleted", initial)
	}
	e.signsIn(t, sa.ClientID, sa.Secrets[0].Secret, "the account's first secret")
	e.accountedFor(t, owner, sa.ClientID, leftovers, initial, sec.ID)
}

// An account this process created holds its first secret, so a secret
// create whose answer is lost seconds later never names or deletes it.
func TestCreateServiceAccountSecret_lostAnswerAfterOwnAccountCreateKeepsItsFirstSecret(t *testing.T) {
	t.Parallel()
	e := newSimEnv(t)
	sa, _, err := e.s.CreateProjectServiceAccount(context.Background(), e.fx.ProjectID, accountRequest("ours"))
	if err != nil {
		t.Fatal(err)
	}
	owner, initial := client.ProjectOwner(e.fx.ProjectID), sa.Secrets[0].ID
	e.faults(t, "lost@POST=1#1")
	sec, leftovers, err := e.s.CreateServiceAccountSecret(context.Background(), owner, sa.ClientID, 24)
	if err != nil {
		t.Fatalf("create after a lost answer: %v", err)
	}
	if !slices.Contains(e.secretIDs(t, owner, sa.ClientID), initial) || slices.Contains(secretIDsOf(leftovers), initial) {
		t.Fatalf("the first secret %s was deleted or named (leftovers %v)", initial, secretIDsOf(leftovers))
	}
	e.accountedFor(t, owner, sa.ClientID, leftovers, initial, sec.ID)
}

// An account adopted after a lost answer gets a new secret. Its first
// secret is deleted only when it is provably the one issued with the
// account; a secret someone issued for the account before the adoption
// read it survives, and the warning names every secret left.
func TestCreateProjectServiceAccount_adoptionSparesASecretIssuedSince(t *testing.T) {
	t.Parallel()
	e := newSimEnv(t)
	owner := client.ProjectOwner(e.fx.ProjectID)
	var other *client.ServiceAccountSecret
	e.faults(t, "lost@POST=1#1")
	e.before(http.MethodGet, "/serviceAccounts", func() {
		c := e.newClient(t)
		all, err := c.ListProjectServiceAccounts(context.Background(), e.fx.ProjectID)
		if err != nil || len(all) != 1 {
			t.Errorf("listing the new account: %v (%d accounts)", err, len(all))
			return
		}
		if other, err = c.CreateServiceAccountSecret(context.Background(), owner, all[0].ClientID, 24); err != nil {
			t.Error(err)
		}
	})
	sa, degradations, err := e.s.CreateProjectServiceAccount(context.Background(), e.fx.ProjectID, accountRequest("ci"))
	if err != nil || other == nil {
		t.Fatalf("create after a lost answer: %v", err)
	}
	ids := e.secretIDs(t, owner, sa.ClientID)
	if len(ids) != 3 || !slices.Contains(ids, other.ID) || !slices.Contains(ids, sa.Secrets[0].ID) {
		t.Fatalf("the account holds secrets %v, want its first, the other team's %s and the new %s", ids, other.ID, sa.Secrets[0].ID)
	}
	e.signsIn(t, sa.ClientID, other.Secret, "the other team's secret")
	var text string
	for _, d := range degradations {
		text += d.Detail + " "
	}
	for _, id := range ids {
		if id != sa.Secrets[0].ID && !strings.Contains(text, id) {
			t.Fatalf("the warning does not name secret %s: %q", id, text)
		}
	}
}

// The secret an adoption issues may lose its answer too. The secret that
// request may have made is named, never left unnamed, and the account is
// adopted with a secret whose plaintext the caller has.
func TestCreateProjectServiceAccount_adoptionNamesASecretWhoseAnswerWasLost(t *testing.T) {
	t.Parallel()
	e := newSimEnv(t)
	owner := client.ProjectOwner(e.fx.ProjectID)
	// The account's create and the new secret's create both lose their answers.
	e.faults(t, "lost@POST=1#2")
	sa, degradations, err := e.s.CreateProjectServiceAccount(context.Background(), e.fx.ProjectID, accountRequest("ci"))
	if err != nil {
		t.Fatalf("create after two lost answers: %v", err)
	}
	if len(sa.Secrets) != 1 || sa.Secrets[0].Secret == "" {
		t.Fatalf("the adopted account's secrets are %+v, want one whose plaintext the caller has", sa.Secrets)
	}
	e.signsIn(t, sa.ClientID, sa.Secrets[0].Secret, "the adopted account's new secret")
	var text string
	for _, d := range degradations {
		text += d.Detail + " "
	}
	for _, id := range e.secretIDs(t, owner, sa.ClientID) {
		if id != sa.Secrets[0].ID && !strings.Contains(text, id) {
			t.Fatalf("secret %s of the adopted account is neither the one the caller holds nor named in a warning: %q", id, text)
		}
	}
}
