package safeops

import (
	"context"
	"errors"
	"testing"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

func orgAccountRequest(name string) client.CreateServiceAccountRequest {
	return client.CreateServiceAccountRequest{Name: name, Description: "org runner", Roles: []string{"ORG_READ_ONLY"}, SecretExpiresAfterHours: 24}
}

func (e *simEnv) orgAccounts(t *testing.T) []client.OrgServiceAccount {
	t.Helper()
	all, err := e.c.ListOrgServiceAccounts(context.Background(), e.fx.OrgID)
	if err != nil {
		t.Fatal(err)
	}
	return all
}

func TestCreateOrgServiceAccount_lostAnswerAdoptsTheAccountItMade(t *testing.T) {
	t.Parallel()
	e := newSimEnv(t)
	e.faults(t, "lost@POST=1#1")
	sa, degradations, err := e.s.CreateOrgServiceAccount(context.Background(), e.fx.OrgID, orgAccountRequest("org-ci"))
	if err != nil || len(degradations) != 0 {
		t.Fatalf("create after a lost answer: err=%v degradations=%v", err, degradations)
	}
	all := e.orgAccounts(t)
	if len(all) != 1 || all[0].ClientID != sa.ClientID {
		t.Fatalf("Atlas holds %d organization accounts, want exactly the adopted %s", len(all), sa.ClientID)
	}
	// The first secret went with the lost answer: it is replaced by one whose
	// plaintext the caller has, and no secret nobody knows is left.
	if len(sa.Secrets) != 1 || sa.Secrets[0].Secret == "" || len(all[0].Secrets) != 1 || all[0].Secrets[0].ID != sa.Secrets[0].ID {
		t.Fatalf("adopted secrets %+v, Atlas holds %+v; want the one new secret", sa.Secrets, all[0].Secrets)
	}
	if !e.s.held.held(accountKey(sa.ClientID)) {
		t.Fatalf("the adopted account %s is not recorded as held: a sibling's lost create could adopt it too", sa.ClientID)
	}
}

func TestCreateOrgServiceAccount_neverAdoptsAnAccountItHolds(t *testing.T) {
	t.Parallel()
	e := newSimEnv(t)
	ctx := context.Background()
	first, _, err := e.s.CreateOrgServiceAccount(ctx, e.fx.OrgID, orgAccountRequest("twin"))
	if err != nil {
		t.Fatal(err)
	}
	// Atlas does nothing and says 500: the same-named account of another
	// resource must not be taken for this create's work.
	e.faults(t, "500@POST=1#1")
	second, _, err := e.s.CreateOrgServiceAccount(ctx, e.fx.OrgID, orgAccountRequest("twin"))
	if err != nil {
		t.Fatal(err)
	}
	if second.ClientID == first.ClientID {
		t.Fatalf("the second create adopted the first's account %s", first.ClientID)
	}
	if n := len(e.orgAccounts(t)); n != 2 {
		t.Fatalf("Atlas holds %d accounts, want 2", n)
	}
}

func TestCreateOrgServiceAccount_twoCandidatesAreAnError(t *testing.T) {
	t.Parallel()
	e := newSimEnv(t)
	ctx := context.Background()
	// Made by someone else, just now, with the same name, description and
	// roles: indistinguishable from this create's work.
	if _, err := e.c.CreateOrgServiceAccount(ctx, e.fx.OrgID, orgAccountRequest("twin")); err != nil {
		t.Fatal(err)
	}
	e.faults(t, "lost@POST=1#1")
	_, _, err := e.s.CreateOrgServiceAccount(ctx, e.fx.OrgID, orgAccountRequest("twin"))
	var cerr *CandidatesError
	if !errors.As(err, &cerr) || len(cerr.Candidates) != 2 {
		t.Fatalf("err = %v, want a CandidatesError with the 2 matching accounts", err)
	}
}
