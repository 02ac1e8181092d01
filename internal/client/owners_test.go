package client

import (
	"context"
	"net/http"
	"strings"
	"testing"
)

func TestOwner_String(t *testing.T) {
	t.Parallel()
	if got := ProjectOwner(testProjectID).String(); got != "project "+testProjectID {
		t.Errorf("ProjectOwner.String() = %q", got)
	}
	if got := OrgOwner(testOrgID).String(); got != "organization "+testOrgID {
		t.Errorf("OrgOwner.String() = %q", got)
	}
}

// An owner with neither or both IDs, or an empty path parameter, is refused
// before anything is sent: it would address another account or list.
func TestOwner_invalidOwnerOrParameterSendsNothing(t *testing.T) {
	t.Parallel()
	var rec recorder
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		rec.record(r)
		w.WriteHeader(http.StatusNoContent)
	})
	c := newTestClient(t, srv.URL, nil)
	ctx := context.Background()
	both := Owner{ProjectID: testProjectID, OrgID: testOrgID}
	tests := map[string]struct {
		call    func() error
		wantErr string
	}{
		"no owner": {
			call:    func() error { _, err := c.ServiceAccountSecrets(ctx, Owner{}, testClientID); return err },
			wantErr: "needs a project ID or an organization ID",
		},
		"empty project ID": {
			call: func() error {
				_, err := c.CreateServiceAccountSecret(ctx, ProjectOwner(""), testClientID, 8)
				return err
			},
			wantErr: "needs a project ID or an organization ID",
		},
		"both owners": {
			call:    func() error { return c.DeleteServiceAccountSecret(ctx, both, testClientID, "s") },
			wantErr: "not both (project " + testProjectID + " and organization " + testOrgID + ")",
		},
		"both owners on an access list": {
			call:    func() error { _, err := c.ListAccessList(ctx, both, testClientID); return err },
			wantErr: "not both",
		},
		"empty client ID": {
			call: func() error {
				return c.AddAccessListEntries(ctx, OrgOwner(testOrgID), "", []AccessListEntry{{IPAddress: "192.0.2.1"}})
			},
			wantErr: "client ID must not be empty",
		},
		"empty secret ID": {
			call:    func() error { return c.DeleteServiceAccountSecret(ctx, OrgOwner(testOrgID), testClientID, "") },
			wantErr: "secret ID must not be empty",
		},
		"empty access list entry": {
			call:    func() error { return c.DeleteAccessListEntry(ctx, ProjectOwner(testProjectID), testClientID, "") },
			wantErr: "access list entry must not be empty",
		},
		"empty organization ID on update": {
			call: func() error {
				_, err := c.UpdateOrgServiceAccount(ctx, "", testClientID, UpdateServiceAccountRequest{})
				return err
			},
			wantErr: "needs a project ID or an organization ID",
		},
		"empty organization ID on create": {
			call: func() error {
				_, err := c.CreateOrgServiceAccount(ctx, "", CreateServiceAccountRequest{})
				return err
			},
			wantErr: "organization ID must not be empty",
		},
		"entry with neither a block nor an address": {
			call: func() error {
				return c.AddAccessListEntries(ctx, OrgOwner(testOrgID), testClientID, []AccessListEntry{{IPAddress: "192.0.2.1"}, {}})
			},
			wantErr: "access list entry 2 of " + testClientID + " must set exactly one of a CIDR block and an IP address",
		},
		"entry with both a block and an address": {
			call: func() error {
				return c.AddAccessListEntries(ctx, OrgOwner(testOrgID), testClientID, []AccessListEntry{{IPAddress: "192.0.2.1", CIDRBlock: "192.0.2.1/32"}})
			},
			wantErr: "must set exactly one of",
		},
	}
	for name, tc := range tests {
		err := tc.call()
		if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
			t.Errorf("%s: error = %v; want it to contain %q", name, err, tc.wantErr)
		}
	}
	if n := rec.count(); n != 0 {
		t.Fatalf("requests = %d; want none", n)
	}
}

// Every call that addresses an account through its owner names the ID that
// is missing, whichever kind of owner it is, and sends nothing.
func TestOwner_emptyIDIsNamed(t *testing.T) {
	t.Parallel()
	var rec recorder
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		rec.record(r)
		w.WriteHeader(http.StatusNoContent)
	})
	c := newTestClient(t, srv.URL, nil)
	ctx := context.Background()
	const project, org = "project ID must not be empty", "organization ID must not be empty"
	tests := map[string]struct {
		call    func() error
		wantErr string
	}{
		"create project account": {func() error {
			_, err := c.CreateProjectServiceAccount(ctx, "", CreateServiceAccountRequest{})
			return err
		}, project},
		"get project account":   {func() error { _, err := c.GetProjectServiceAccount(ctx, "", testClientID); return err }, project},
		"list project accounts": {func() error { _, err := c.ListProjectServiceAccounts(ctx, ""); return err }, project},
		"update project account": {func() error {
			_, err := c.UpdateProjectServiceAccount(ctx, "", testClientID, UpdateServiceAccountRequest{})
			return err
		}, project},
		"delete project account": {func() error { return c.DeleteProjectServiceAccount(ctx, "", testClientID) }, project},
		"invite to a project":    {func() error { _, err := c.InviteProjectServiceAccount(ctx, "", testClientID, nil); return err }, project},
		"project owner's secret": {func() error {
			_, err := c.CreateServiceAccountSecret(ctx, ProjectOwner(""), testClientID, 8)
			return err
		}, project},
		"create org account": {func() error { _, err := c.CreateOrgServiceAccount(ctx, "", CreateServiceAccountRequest{}); return err }, org},
		"get org account":    {func() error { _, err := c.GetOrgServiceAccount(ctx, "", testClientID); return err }, org},
		"list org accounts":  {func() error { _, err := c.ListOrgServiceAccounts(ctx, ""); return err }, org},
		"update org account": {func() error {
			_, err := c.UpdateOrgServiceAccount(ctx, "", testClientID, UpdateServiceAccountRequest{})
			return err
		}, org},
		"delete org account":      {func() error { return c.DeleteOrgServiceAccount(ctx, "", testClientID) }, org},
		"org account's projects":  {func() error { _, err := c.ListOrgServiceAccountProjects(ctx, "", testClientID); return err }, org},
		"org owner's access list": {func() error { _, err := c.ListAccessList(ctx, OrgOwner(""), testClientID); return err }, org},
		"no owner at all":         {func() error { _, err := c.ListAccessList(ctx, Owner{}, testClientID); return err }, "needs a project ID or an organization ID; both are empty"},
	}
	for name, tc := range tests {
		if err := tc.call(); err == nil || !strings.Contains(err.Error(), tc.wantErr) {
			t.Errorf("%s: error = %v; want it to contain %q", name, err, tc.wantErr)
		}
	}
	if n := rec.count(); n != 0 {
		t.Fatalf("requests = %d; want none", n)
	}
	// An owner with its ID is told by the ID alone, however it was built,
	// so owners compare equal (as safeops' access-list declarations do).
	if ProjectOwner(testProjectID) != (Owner{ProjectID: testProjectID}) || OrgOwner(testOrgID) != (Owner{OrgID: testOrgID}) {
		t.Fatal("an owner built by ProjectOwner or OrgOwner differs from the literal with the same ID")
	}
}
