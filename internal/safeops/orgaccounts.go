package safeops

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

// orgAccountNameKey serializes creates and deletes of same-named service
// accounts of one organization, as accountNameKey does within a project.
func orgAccountNameKey(orgID, name string) objectKey {
	return objectKey("org-account-name/" + orgID + "/" + name)
}

// CreateOrgServiceAccount creates a service account in an organization,
// with the proof rules of CreateProjectServiceAccount: when the answer is
// lost, the account the request created is adopted only if that is proven
// (see the package documentation), the create is sent again when provably
// nothing was created, and otherwise it fails with a CandidatesError. An
// adopted account's first secret went with the lost answer: a new one is
// issued and the old one deleted. Whatever of that could not be done is
// returned as degradations, for a warning.
func (s *Service) CreateOrgServiceAccount(ctx context.Context, orgID string, req client.CreateServiceAccountRequest) (*client.OrgServiceAccount, []Degradation, error) {
	return createProvenAccount(ctx, s, accountCreate[client.OrgServiceAccount]{
		lockKey: orgAccountNameKey(orgID, req.Name),
		req:     req,
		listing: "the organization's service accounts",
		send:    func() (*client.OrgServiceAccount, error) { return s.c.CreateOrgServiceAccount(ctx, orgID, req) },
		list:    func() ([]client.OrgServiceAccount, error) { return s.c.ListOrgServiceAccounts(ctx, orgID) },
		fields: func(a *client.OrgServiceAccount) accountFields {
			return accountFields{a.ClientID, a.Name, a.Description, a.CreatedAt, a.Roles, &a.Secrets}
		},
		holdKeys: func(clientID string) []objectKey { return []objectKey{accountKey(clientID)} },
		owner:    client.OrgOwner(orgID),
	})
}

// UpdateOrgServiceAccount changes an organization service account (PATCH,
// safe to repeat).
func (s *Service) UpdateOrgServiceAccount(ctx context.Context, orgID, clientID string, req client.UpdateServiceAccountRequest) (*client.OrgServiceAccount, error) {
	unlock, err := s.locks.lock(ctx, accountKey(clientID))
	if err != nil {
		return nil, err
	}
	defer unlock()
	defer s.touchAccount(clientID)
	return s.c.UpdateOrgServiceAccount(ctx, orgID, clientID, req)
}

// DeleteOrgAccount deletes an organization service account that was created
// in the organization under name: a create of a same-named account in that
// organization waits for it, so that a replacement never meets it as a
// candidate. (DeleteOrgServiceAccount is the same delete for an account
// created in a project.)
func (s *Service) DeleteOrgAccount(ctx context.Context, orgID, clientID, name string) error {
	return s.deleteObject(ctx, orgAccountNameKey(orgID, name), func() error {
		defer s.touchAccount(clientID)
		err := s.c.DeleteOrgServiceAccount(ctx, orgID, clientID)
		if err == nil || client.IsNotFound(err) {
			s.held.release(accountKey(clientID))
		}
		return err
	})
}

// accountFields is what the proof rules read of a service account of either
// kind, and where its secrets are, for an adoption to replace.
type accountFields struct {
	ClientID, Name, Description, CreatedAt string
	Roles                                  []string
	Secrets                                *[]client.ServiceAccountSecret
}

// accountCreate is one create of a service account of kind A (a project's
// or an organization's), as createProvenAccount runs it.
type accountCreate[A any] struct {
	// lockKey serializes same-named creates and deletes in the account's parent.
	lockKey objectKey
	req     client.CreateServiceAccountRequest
	// listing names what list reads, for an error.
	listing string
	send    func() (*A, error)
	list    func() ([]A, error)
	fields  func(*A) accountFields
	// holdKeys are the objects a created or adopted account makes this
	// process's.
	holdKeys func(clientID string) []objectKey
	// owner is the account's project or organization, for the secret an
	// adoption issues and the first secret it deletes.
	owner client.Owner
}

// createProvenAccount runs op with the proof rules of the package
// documentation: one place for project and organization accounts alike.
func createProvenAccount[A any](ctx context.Context, s *Service, op accountCreate[A]) (*A, []Degradation, error) {
	unlock, err := s.locks.lock(ctx, op.lockKey)
	if err != nil {
		return nil, nil, err
	}
	defer unlock()
	for attempt := 1; ; attempt++ {
		sent := s.clock.Now()
		created, err := op.send()
		if err == nil {
			f := op.fields(created)
			s.touchAccount(f.ClientID)
			s.held.hold(op.holdKeys(f.ClientID)...)
			s.holdSecrets(f.ClientID, *f.Secrets)
			return created, nil, nil
		}
		if !client.IsAmbiguous(err) {
			return nil, nil, err
		}
		accounts, lerr := op.list()
		if lerr != nil {
			return nil, nil, fmt.Errorf("%w (and listing %s to find out whether it was created failed: %w)", err, op.listing, lerr)
		}
		candidates := createdAccounts(s, accounts, op.fields, op.req, sent)
		switch {
		case len(candidates) == 1:
			return candidates[0], adoptAccount(ctx, s, op, op.fields(candidates[0])), nil
		case len(candidates) > 1:
			cerr := &CandidatesError{Cause: err}
			for _, c := range candidates {
				f := op.fields(c)
				cerr.Candidates = append(cerr.Candidates, Candidate{ID: f.ClientID, Name: f.Name, CreatedAt: f.CreatedAt})
			}
			return nil, nil, cerr
		case attempt >= createTries:
			return nil, nil, fmt.Errorf("%w (no matching account appeared, so nothing was created; applying again is safe)", err)
		}
	}
}

// createdAccounts returns the accounts that may be the work of a create of
// req sent at sent: matching, appeared since, and held by no other resource.
func createdAccounts[A any](s *Service, accounts []A, fields func(*A) accountFields, req client.CreateServiceAccountRequest, sent time.Time) []*A {
	var out []*A
	for i := range accounts {
		a := &accounts[i]
		f := fields(a)
		if f.Name != req.Name || f.Description != req.Description || !SameRoles(f.Roles, req.Roles) {
			continue
		}
		if !s.appearedSince(f.CreatedAt, sent) || s.held.held(accountKey(f.ClientID)) {
			continue
		}
		out = append(out, a)
	}
	return out
}

// adoptAccount takes over an account proven to be the work of a create whose
// answer was lost. The plaintext of its first secret was in that answer, so
// a new secret is issued, giving the configuration a usable credential. The
// first secret is deleted only when it is provably the one Atlas issued with
// the account: the account holds exactly one secret (as read before the new
// one was issued, which may shorten it) and that secret has the requested
// lifetime. Anything else may be a secret someone issued for the account
// since, and someone may hold it: it is left alone and named. It returns
// what could not be done, for a warning.
func adoptAccount[A any](ctx context.Context, s *Service, op accountCreate[A], a accountFields) []Degradation {
	defer s.touchAccount(a.ClientID)
	s.held.hold(op.holdKeys(a.ClientID)...)
	// The new secret's create may lose its answer too: it follows the rules
	// of every secret create (CreateServiceAccountSecret), and what it may
	// have left behind is named.
	secret, leftovers, err := s.CreateServiceAccountSecret(ctx, op.owner, a.ClientID, op.req.SecretExpiresAfterHours)
	var degradations []Degradation
	if len(leftovers) > 0 {
		degradations = append(degradations, Degradation{Detail: leftoverSecretsDetail(a.ClientID, leftovers)})
	}
	if err != nil {
		// The account exists: keep it in state without a plaintext secret
		// rather than orphan it.
		return append(degradations, Degradation{NoKnownSecret: true, Detail: fmt.Sprintf("Service account %s was created, but the answer carrying its first secret was lost "+
			"and Atlas did not issue a new secret (%v). The account is kept with no secret whose plaintext the provider received; "+
			"its first secret stays valid until it expires.", a.ClientID, err)})
	}
	first := *a.Secrets
	if len(first) == 1 {
		if _, ok := secretLifetime(first[0], op.req.SecretExpiresAfterHours); ok {
			old := first[0]
			first = nil
			if err := s.c.DeleteServiceAccountSecret(ctx, op.owner, a.ClientID, old.ID); err != nil && !client.IsNotFound(err) {
				degradations = append(degradations, Degradation{Detail: fmt.Sprintf("Service account %s was adopted after a lost answer and given a new secret, but its first secret %s, "+
					"whose plaintext was lost, could not be deleted (%v). It stays valid until %s: delete it in Atlas.", a.ClientID, old.ID, err, old.ExpiresAt)})
			}
		}
	}
	if len(first) > 0 {
		names := make([]string, len(first))
		for i, sec := range first {
			names[i] = fmt.Sprintf("%s (expires %s)", sec.ID, sec.ExpiresAt)
		}
		degradations = append(degradations, Degradation{Detail: fmt.Sprintf("Service account %s was adopted after a lost answer and given a new secret. Its first secret, whose plaintext was lost, "+
			"cannot be told apart from its other secrets %s, so none was deleted: someone may hold them. Once you have checked which of them nobody uses, "+
			"delete those in the Atlas UI (the account's page) or with DELETE .../serviceAccounts/%s/secrets/{secretId}; each fills one of the account's secret slots until then.",
			a.ClientID, strings.Join(names, ", "), a.ClientID)})
	}
	*a.Secrets = []client.ServiceAccountSecret{*secret}
	s.holdSecrets(a.ClientID, *a.Secrets)
	return degradations
}

// holdSecrets records the secrets an account resource of this process holds
// (the first secret of an account it created), so that the cleanup after a
// secret create whose answer was lost never takes them for its own work.
func (s *Service) holdSecrets(clientID string, secrets []client.ServiceAccountSecret) {
	for _, sec := range secrets {
		s.held.hold(secretKey(clientID, sec.ID))
	}
}

// leftoverSecretsDetail names the secrets a create whose answer was lost
// may have issued for an account and that were left alone, for a warning.
func leftoverSecretsDetail(clientID string, leftovers []client.ServiceAccountSecret) string {
	names := make([]string, len(leftovers))
	for i, sec := range leftovers {
		names[i] = fmt.Sprintf("%s (created %s, expires %s)", sec.ID, sec.CreatedAt, sec.ExpiresAt)
	}
	return fmt.Sprintf("Issuing a new secret for service account %s lost its answer, so Atlas may hold a secret whose plaintext nobody received: %s. "+
		"It cannot be proven to be that request's work, so it was not deleted: someone may hold it. Once you have checked that nobody uses it, "+
		"delete it in the Atlas UI (the account's page) or with DELETE .../serviceAccounts/%s/secrets/{secretId}; it fills one of the account's secret slots until then.",
		clientID, strings.Join(names, ", "), clientID)
}
