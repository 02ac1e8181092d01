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
