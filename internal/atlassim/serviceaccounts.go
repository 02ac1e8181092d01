package atlassim

import (
	"crypto/rand"
	"fmt"
	"net/http"
	"slices"
	"sort"
	"time"
)

// secretJSON is a ServiceAccountSecret. The answer of the request that
// created a secret carries its plaintext Secret and no MaskedSecretValue;
// every other answer carries MaskedSecretValue and never Secret.
type secretJSON struct {
	CreatedAt         time.Time  `json:"createdAt"`
	ExpiresAt         time.Time  `json:"expiresAt"`
	ID                string     `json:"id"`
	LastUsedAt        *time.Time `json:"lastUsedAt,omitempty"`
	MaskedSecretValue string     `json:"maskedSecretValue,omitempty"`
	Secret            string     `json:"secret,omitempty"`
}

// serviceAccountJSON is both GroupServiceAccount (project roles) and
// OrgServiceAccount (org roles): the two schemas have the same fields.
type serviceAccountJSON struct {
	ClientID    string       `json:"clientId"`
	CreatedAt   time.Time    `json:"createdAt"`
	Description string       `json:"description"`
	Name        string       `json:"name"`
	Roles       []string     `json:"roles"`
	Secrets     []secretJSON `json:"secrets"`
}

type serviceAccountGroupJSON struct {
	GroupID string   `json:"groupId"`
	Roles   []string `json:"roles"`
}

// secretView renders a secret: with its plaintext and unmasked when plain
// is set (the answer that created it), masked otherwise.
func secretView(sec *secret, plain string) secretJSON {
	out := secretJSON{CreatedAt: sec.CreatedAt, ExpiresAt: sec.ExpiresAt, ID: sec.ID, LastUsedAt: sec.LastUsedAt}
	if plain != "" {
		out.Secret = plain
	} else {
		out.MaskedSecretValue = sec.Masked
	}
	return out
}

// accountView renders an account with the given roles; plain, when set, is
// the plaintext of the newest secret, shown only right after creation.
func accountView(sa *serviceAccount, roles []string, plain string) serviceAccountJSON {
	out := serviceAccountJSON{
		ClientID: sa.ClientID, CreatedAt: sa.CreatedAt, Description: sa.Description, Name: sa.Name,
		Roles: slices.Clone(roles), Secrets: []secretJSON{},
	}
	if out.Roles == nil {
		out.Roles = []string{}
	}
	for i, sec := range sa.Secrets {
		p := ""
		if i == len(sa.Secrets)-1 {
			p = plain
		}
		out.Secrets = append(out.Secrets, secretView(sec, p))
	}
	return out
}

// newSecretPlain makes a client secret: mdb_sa_sk_ and 40 random lowercase
// alphanumerics. It uses crypto/rand: secrets must not follow from the seed.
func newSecretPlain() string {
	const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
	b := make([]byte, 40)
	_, _ = rand.Read(b)
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return "mdb_sa_sk_" + string(b)
}

// DefaultMaxSecrets is how many secrets one service account may hold unless
// Options.MaxSecrets says otherwise. No source gives Atlas's number; this is
// the simulator's choice (see doc.go).
const DefaultMaxSecrets = 10

// rotationGrace is how long an older secret stays valid after a new one is
// issued for the same account, at most (see doc.go).
const rotationGrace = 7 * 24 * time.Hour

// addSecretLocked adds a secret expiring after hours and returns its
// plaintext. As Atlas does on rotation, every older secret that would
// outlive the new one's creation by more than rotationGrace now expires
// rotationGrace after it; one that expires sooner keeps its date.
func (s *Server) addSecretLocked(sa *serviceAccount, hours int, now time.Time) (*secret, string) {
	plain := newSecretPlain()
	sec := &secret{
		ID: s.newID(), Hash: hashSecret(plain), Masked: maskSecret(plain),
		CreatedAt: now, ExpiresAt: now.Add(time.Duration(hours) * time.Hour),
	}
	for _, old := range sa.Secrets {
		if limit := now.Add(rotationGrace); old.ExpiresAt.After(limit) {
			old.ExpiresAt = limit
		}
	}
	sa.Secrets = append(sa.Secrets, sec)
	return sec, plain
}

// projectLocked returns the project named by groupId or answers 404.
func (c *reqCtx) projectLocked() (*project, *errResp) {
	id := c.params["groupId"]
	p := c.s.st.Projects[id]
	if p == nil {
		return nil, newErr(http.StatusNotFound, "GROUP_NOT_FOUND", fmt.Sprintf("No group with ID %s exists.", id), id)
	}
	return p, nil
}

// orgLocked checks that orgId names the simulated organization.
func (c *reqCtx) orgLocked() *errResp {
	id := c.params["orgId"]
	if id != c.s.st.Fixtures.OrgID {
		return newErr(http.StatusNotFound, "ORG_NOT_FOUND", fmt.Sprintf("No organization with ID %s exists.", id), id)
	}
	return nil
}

func accountNotFound(clientID, where string) *errResp {
	return newErr(http.StatusNotFound, "SERVICE_ACCOUNT_NOT_FOUND",
		fmt.Sprintf("Service Account %s not found%s.", clientID, where), clientID)
}

// groupAccountLocked resolves groupId and clientId to a project assignment.
func (c *reqCtx) groupAccountLocked() (*serviceAccount, *errResp) {
	p, e := c.projectLocked()
	if e != nil {
		return nil, e
	}
	id := c.params["clientId"]
	sa := c.s.visibleAccountLocked(id)
	if sa == nil {
		return nil, accountNotFound(id, "")
	}
	if _, ok := sa.Groups[p.ID]; !ok {
		return nil, accountNotFound(id, " in group "+p.ID)
	}
	return sa, nil
}

// orgAccountLocked resolves orgId and clientId to an organization account.
func (c *reqCtx) orgAccountLocked() (*serviceAccount, *errResp) {
	if e := c.orgLocked(); e != nil {
		return nil, e
	}
	id := c.params["clientId"]
	sa := c.s.visibleAccountLocked(id)
	if sa == nil {
		return nil, accountNotFound(id, "")
	}
	return sa, nil
}

// scopedAccountLocked serves the secret operations, which exist under both
// /groups/{groupId} and /orgs/{orgId}.
func (c *reqCtx) scopedAccountLocked() (*serviceAccount, *errResp) {
	if _, ok := c.params["groupId"]; ok {
		return c.groupAccountLocked()
	}
	return c.orgAccountLocked()
}

// commitLocked saves the state after a change; a failed save is a 500 since
// the caller can no longer trust persistence.
func (c *reqCtx) commitLocked() *errResp {
	if err := c.s.saveLocked(); err != nil {
		return newErr(http.StatusInternalServerError, "UNEXPECTED_ERROR", err.Error())
	}
	return nil
}

// sortedAccountsLocked returns visible accounts in creation order, filtered.
func (s *Server) sortedAccountsLocked(keep func(*serviceAccount) bool) []*serviceAccount {
	var out []*serviceAccount
	for _, sa := range s.st.ServiceAccounts {
		if !sa.Fixture && keep(sa) {
			out = append(out, sa)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Seq < out[j].Seq })
	return out
}

func (c *reqCtx) listGroupServiceAccounts() {
	pg, e := parsePage(c.r)
	if e != nil {
		c.fail(e)
		return
	}
	pg.includeCount = true // these lists take no includeCount
	var all []serviceAccountJSON
	ok := c.withLock(func() *errResp {
		p, e := c.projectLocked()
		if e != nil {
			return e
		}
		for _, sa := range c.s.sortedAccountsLocked(func(sa *serviceAccount) bool { _, ok := sa.Groups[p.ID]; return ok }) {
			all = append(all, accountView(sa, sa.Groups[p.ID], ""))
		}
		return nil
	})
	if ok {
		c.writeList(http.StatusOK, paginate(c, all, pg))
	}
}

func (c *reqCtx) createGroupServiceAccount() {
	req, ok := decodeBody(c, decodeCreateServiceAccount)
	if !ok {
		return
	}
	var out serviceAccountJSON
	ok = c.withLock(func() *errResp {
		if _, e := c.projectLocked(); e != nil {
			return e
		}
		now := c.s.now()
		c.s.st.Seq++
		sa := &serviceAccount{
			ClientID: "mdb_sa_id_" + c.s.newID(), Name: req.Name, Description: req.Description,
			// A project service account is an org member of the project's org.
			OrgRoles: []string{"ORG_MEMBER"}, CreatedAt: now, Seq: c.s.st.Seq,
			Groups: map[string][]string{c.params["groupId"]: req.Roles},
		}
		_, plain := c.s.addSecretLocked(sa, req.Hours, now)
		c.s.st.ServiceAccounts[sa.ClientID] = sa
		out = accountView(sa, req.Roles, plain)
		return c.commitLocked()
	})
	if ok {
		c.writeResource(http.StatusCreated, out)
	}
}

func (c *reqCtx) getGroupServiceAccount() {
	var out serviceAccountJSON
	ok := c.withLock(func() *errResp {
		sa, e := c.groupAccountLocked()
		if e != nil {
			return e
		}
		out = accountView(sa, sa.Groups[c.params["groupId"]], "")
		return nil
	})
	if ok {
		c.writeResource(http.StatusOK, out)
	}
}

func (c *reqCtx) updateGroupServiceAccount() {
	req, ok := decodeBody(c, decodeUpdateServiceAccount)
	if !ok {
		return
	}
	var out serviceAccountJSON
	ok = c.withLock(func() *errResp {
		sa, e := c.groupAccountLocked()
		if e != nil {
			return e
		}
		g := c.params["groupId"]
		if req.Name != nil {
			sa.Name = *req.Name
		}
		if req.Description != nil {
			sa.Description = *req.Description
		}
		if req.HasRoles {
			sa.Groups[g] = req.Roles
		}
		out = accountView(sa, sa.Groups[g], "")
		return c.commitLocked()
	})
	if ok {
		c.writeResource(http.StatusOK, out)
	}
}

// deleteGroupServiceAccount only unassigns the account from the project. As
// the spec's description of deleteGroupServiceAccount says, the account stays
// in the organization it was created in and its secrets stay valid until they
// expire or are revoked; only DELETE /orgs/{orgId}/serviceAccounts/{clientId}
// deletes it.
func (c *reqCtx) deleteGroupServiceAccount() {
	ok := c.withLock(func() *errResp {
		sa, e := c.groupAccountLocked()
		if e != nil {
			return e
		}
		delete(sa.Groups, c.params["groupId"])
		return c.commitLocked()
	})
	if ok {
		c.writeNoContent()
	}
}

// InviteExistingAccount is how :invite answers for an account already in the
// project. The spec lists no 409 for :invite and does not say.
type InviteExistingAccount string

const (
	// InviteExistingConflict answers 409 SERVICE_ACCOUNT_ALREADY_IN_GROUP
	// (the default: roles are changed with PATCH).
	InviteExistingConflict InviteExistingAccount = "409"
	// InviteExistingUpdatesRoles answers 200 and replaces the account's
	// roles in the project with the requested ones.
	InviteExistingUpdatesRoles InviteExistingAccount = "200"
)

// inviteGroupServiceAccount assigns an existing org account to a project.
// An account already in the project is answered as
// Options.InviteExistingAccount says.
func (c *reqCtx) inviteGroupServiceAccount() {
	roles, ok := decodeBody(c, decodeRoleAssignment)
	if !ok {
		return
	}
	var out serviceAccountJSON
	ok = c.withLock(func() *errResp {
		p, e := c.projectLocked()
		if e != nil {
			return e
		}
		id := c.params["clientId"]
		sa := c.s.visibleAccountLocked(id)
		switch {
		case sa == nil:
			return accountNotFound(id, "")
		case sa.Groups[p.ID] != nil && c.s.opts.InviteExistingAccount != InviteExistingUpdatesRoles:
			return newErr(http.StatusConflict, "SERVICE_ACCOUNT_ALREADY_IN_GROUP",
				fmt.Sprintf("Service Account %s is already assigned to group %s.", id, p.ID), id, p.ID)
		}
		sa.Groups[p.ID] = roles
		out = accountView(sa, roles, "")
		return c.commitLocked()
	})
	if ok {
		c.writeResource(http.StatusOK, out)
	}
}

func (c *reqCtx) createSecret() {
	// The secret body names no roles; the allowed set is not needed.
	hours, ok := decodeBody(c, func(data []byte, _ map[string]bool) (int, *errResp) { return decodeSecretRequest(data) })
	if !ok {
		return
	}
	var out secretJSON
	ok = c.withLock(func() *errResp {
		sa, e := c.scopedAccountLocked()
		if e != nil {
			return e
		}
		if limit := c.s.opts.MaxSecrets; limit > 0 && len(sa.Secrets) >= limit {
			return newErr(http.StatusBadRequest, "SERVICE_ACCOUNT_SECRET_LIMIT_EXCEEDED",
				fmt.Sprintf("Service Account %s already has the maximum of %d secrets. Delete a secret before creating another.", sa.ClientID, limit),
				sa.ClientID, limit)
		}
		sec, plain := c.s.addSecretLocked(sa, hours, c.s.now())
		out = secretView(sec, plain)
		return c.commitLocked()
	})
	if ok {
		c.writeResource(http.StatusCreated, out)
	}
}

func (c *reqCtx) deleteSecret() {
	ok := c.withLock(func() *errResp {
		sa, e := c.scopedAccountLocked()
		if e != nil {
			return e
		}
		id := c.params["secretId"]
		i := slices.IndexFunc(sa.Secrets, func(sec *secret) bool { return sec.ID == id })
		if i < 0 {
			return newErr(http.StatusNotFound, "SERVICE_ACCOUNT_SECRET_NOT_FOUND",
				fmt.Sprintf("Secret %s not found for Service Account %s.", id, sa.ClientID), id)
		}
		sa.Secrets = slices.Delete(sa.Secrets, i, i+1)
		return c.commitLocked()
	})
	if ok {
		c.writeNoContent()
	}
}

func (c *reqCtx) listOrgServiceAccounts() {
	pg, e := parsePage(c.r)
	if e != nil {
		c.fail(e)
		return
	}
	pg.includeCount = true
	var all []serviceAccountJSON
	ok := c.withLock(func() *errResp {
		if e := c.orgLocked(); e != nil {
			return e
		}
		for _, sa := range c.s.sortedAccountsLocked(func(*serviceAccount) bool { return true }) {
			all = append(all, accountView(sa, sa.OrgRoles, ""))
		}
		return nil
	})
	if ok {
		c.writeList(http.StatusOK, paginate(c, all, pg))
	}
}

// createOrgServiceAccount creates an organization service account, in no
// project, with organization roles and its first secret.
func (c *reqCtx) createOrgServiceAccount() {
	req, ok := decodeBody(c, decodeCreateOrgServiceAccount)
	if !ok {
		return
	}
	var out serviceAccountJSON
	ok = c.withLock(func() *errResp {
		if e := c.orgLocked(); e != nil {
			return e
		}
		now := c.s.now()
		c.s.st.Seq++
		sa := &serviceAccount{
			ClientID: "mdb_sa_id_" + c.s.newID(), Name: req.Name, Description: req.Description,
			OrgRoles: req.Roles, CreatedAt: now, Seq: c.s.st.Seq, Groups: map[string][]string{},
		}
		_, plain := c.s.addSecretLocked(sa, req.Hours, now)
		c.s.st.ServiceAccounts[sa.ClientID] = sa
		out = accountView(sa, sa.OrgRoles, plain)
		return c.commitLocked()
	})
	if ok {
		c.writeResource(http.StatusCreated, out)
	}
}

// updateOrgServiceAccount changes an organization account's name,
// description or organization roles; each is optional.
func (c *reqCtx) updateOrgServiceAccount() {
	req, ok := decodeBody(c, decodeUpdateOrgServiceAccount)
	if !ok {
		return
	}
	var out serviceAccountJSON
	ok = c.withLock(func() *errResp {
		sa, e := c.orgAccountLocked()
		if e != nil {
			return e
		}
		if req.Name != nil {
			sa.Name = *req.Name
		}
		if req.Description != nil {
			sa.Description = *req.Description
		}
		if req.HasRoles {
			sa.OrgRoles = req.Roles
		}
		out = accountView(sa, sa.OrgRoles, "")
		return c.commitLocked()
	})
	if ok {
		c.writeResource(http.StatusOK, out)
	}
}

func (c *reqCtx) getOrgServiceAccount() {
	var out serviceAccountJSON
	ok := c.withLock(func() *errResp {
		sa, e := c.orgAccountLocked()
		if e != nil {
			return e
		}
		out = accountView(sa, sa.OrgRoles, "")
		return nil
	})
	if ok {
		c.writeResource(http.StatusOK, out)
	}
}

// deleteOrgServiceAccount deletes the account itself, from every project;
// its tokens stop working (checkBearer finds no account).
func (c *reqCtx) deleteOrgServiceAccount() {
	ok := c.withLock(func() *errResp {
		sa, e := c.orgAccountLocked()
		if e != nil {
			return e
		}
		delete(c.s.st.ServiceAccounts, sa.ClientID)
		return c.commitLocked()
	})
	if ok {
		c.writeNoContent()
	}
}

func (c *reqCtx) listServiceAccountGroups() {
	pg, e := parsePage(c.r)
	if e != nil {
		c.fail(e)
		return
	}
	pg.includeCount = true
	var all []serviceAccountGroupJSON
	ok := c.withLock(func() *errResp {
		sa, e := c.orgAccountLocked()
		if e != nil {
			return e
		}
		for g, roles := range sa.Groups {
			all = append(all, serviceAccountGroupJSON{GroupID: g, Roles: slices.Clone(roles)})
		}
		return nil
	})
	if !ok {
		return
	}
	sort.Slice(all, func(i, j int) bool { return all[i].GroupID < all[j].GroupID })
	c.writeList(http.StatusOK, paginate(c, all, pg))
}

// groupJSON is a project as Atlas shows it (Group).
type groupJSON struct {
	ClusterCount int       `json:"clusterCount"`
	Created      time.Time `json:"created"`
	ID           string    `json:"id"`
	Links        []link    `json:"links"`
	Name         string    `json:"name"`
	OrgID        string    `json:"orgId"`
}

func (c *reqCtx) groupView(p *project) groupJSON {
	return groupJSON{0, p.Created, p.ID, c.selfLink("/groups/" + p.ID), p.Name, c.s.st.Fixtures.OrgID}
}

// listOrgGroups is GET /orgs/{orgId}/groups (getOrgGroups): the projects of
// the organization, by ID.
func (c *reqCtx) listOrgGroups() {
	pg, e := parsePage(c.r)
	if e != nil {
		c.fail(e)
		return
	}
	var all []groupJSON
	ok := c.withLock(func() *errResp {
		if e := c.orgLocked(); e != nil {
			return e
		}
		for _, p := range c.s.st.Projects {
			all = append(all, c.groupView(p))
		}
		return nil
	})
	if !ok {
		return
	}
	sort.Slice(all, func(i, j int) bool { return all[i].ID < all[j].ID })
	c.writeList(http.StatusOK, paginate(c, all, pg))
}

// getGroup is GET /groups/{groupId}.
func (c *reqCtx) getGroup() {
	var out any
	ok := c.withLock(func() *errResp {
		p, e := c.projectLocked()
		if e != nil {
			return e
		}
		out = c.groupView(p)
		return nil
	})
	if ok {
		c.writeResource(http.StatusOK, out)
	}
}
