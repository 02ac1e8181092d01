package client

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
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

func TestServiceAccountSecrets_oneReadOfTheAccount(t *testing.T) {
	t.Parallel()
	var rec recorder
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		rec.record(r)
		switch {
		case strings.HasSuffix(r.URL.Path, "/gone"):
			writeAPIError(w, http.StatusNotFound, "SERVICE_ACCOUNT_NOT_FOUND", "no such account")
		case strings.HasSuffix(r.URL.Path, "/none"):
			writeJSON(w, http.StatusOK, map[string]any{"clientId": "none", "secrets": nil})
		default:
			sa := serviceAccountJSON("")
			sa["secrets"] = append(sa["secrets"].([]map[string]any), map[string]any{
				"id": "bbbbbbbbbbbbbbbbbbbbbbbb", "createdAt": "2026-02-01T00:00:00Z", "expiresAt": "2026-03-01T00:00:00Z",
				"lastUsedAt": "2026-02-02T00:00:00Z", "maskedSecretValue": "mdb_sa_sk_...wxyz",
			})
			writeJSON(w, http.StatusOK, sa)
		}
	})
	c := newTestClient(t, srv.URL, nil)
	ctx := context.Background()
	for _, owner := range []Owner{ProjectOwner(testProjectID), OrgOwner(testOrgID)} {
		before := rec.count()
		secrets, err := c.ServiceAccountSecrets(ctx, owner, testClientID)
		if err != nil {
			t.Fatalf("%s: %v", owner, err)
		}
		if rec.count()-before != 1 {
			t.Fatalf("%s: requests = %d; want 1", owner, rec.count()-before)
		}
		if len(secrets) != 2 || secrets[0].ID != "aaaaaaaaaaaaaaaaaaaaaaaa" || secrets[1].ID != "bbbbbbbbbbbbbbbbbbbbbbbb" ||
			secrets[1].ExpiresAt != "2026-03-01T00:00:00Z" || secrets[1].LastUsedAt == nil || *secrets[1].LastUsedAt != "2026-02-02T00:00:00Z" ||
			secrets[1].MaskedSecretValue != "mdb_sa_sk_...wxyz" {
			t.Fatalf("%s: secrets = %+v", owner, secrets)
		}
	}
	secrets, err := c.ServiceAccountSecrets(ctx, OrgOwner(testOrgID), "none")
	if err != nil || secrets == nil || len(secrets) != 0 {
		t.Fatalf("account without secrets: %v, %#v; want an empty list", err, secrets)
	}
	_, err = c.ServiceAccountSecrets(ctx, ProjectOwner(testProjectID), "gone")
	if !IsNotFound(err) {
		t.Fatalf("IsNotFound(%v) = false; want true for an account that is gone", err)
	}
}

// accessListServer records each POSTed chunk and answers like Atlas.
type accessListServer struct {
	rec    recorder
	mu     sync.Mutex
	chunks [][]AccessListEntry
	// fail answers the POST with this number (1-based) with status.
	failAt     int
	failStatus int
	posts      atomic.Int32
}

func (s *accessListServer) handler(t *testing.T) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		s.rec.record(r)
		if r.Method != http.MethodPost {
			t.Errorf("unexpected %s %s", r.Method, r.RequestURI)
			return
		}
		n := int(s.posts.Add(1))
		last := s.rec.last()
		var chunk []AccessListEntry
		if err := json.Unmarshal([]byte(last.Body), &chunk); err != nil {
			t.Errorf("POST %d body is not a JSON array of entries: %v", n, err)
		}
		s.mu.Lock()
		s.chunks = append(s.chunks, chunk)
		s.mu.Unlock()
		if n == s.failAt {
			writeAPIError(w, s.failStatus, "DUPLICATE_ACCESS_LIST_ENTRY", "entry already exists")
			return
		}
		writeJSON(w, http.StatusOK, map[string]any{"results": chunk, "totalCount": len(chunk)})
	}
}

func cidrEntries(n int) []AccessListEntry {
	out := make([]AccessListEntry, n)
	for i := range out {
		out[i] = AccessListEntry{CIDRBlock: fmt.Sprintf("10.%d.%d.0/24", i/256, i%256)}
	}
	return out
}

func TestAddAccessListEntries_chunksOf200(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		entries    int
		wantChunks []int
	}{
		"none makes no request": {entries: 0},
		"one":                   {entries: 1, wantChunks: []int{1}},
		"exactly 200":           {entries: 200, wantChunks: []int{200}},
		"201":                   {entries: 201, wantChunks: []int{200, 1}},
		"450":                   {entries: 450, wantChunks: []int{200, 200, 50}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			s := &accessListServer{}
			srv := newServer(t, s.handler(t))
			c := newTestClient(t, srv.URL, nil)
			entries := cidrEntries(tc.entries)
			if err := c.AddAccessListEntries(context.Background(), ProjectOwner(testProjectID), testClientID, entries); err != nil {
				t.Fatal(err)
			}
			if len(s.chunks) != len(tc.wantChunks) {
				t.Fatalf("POSTs = %d; want %d", len(s.chunks), len(tc.wantChunks))
			}
			var sent []AccessListEntry
			for i, chunk := range s.chunks {
				if len(chunk) != tc.wantChunks[i] {
					t.Errorf("POST %d carried %d entries; want %d", i+1, len(chunk), tc.wantChunks[i])
				}
				sent = append(sent, chunk...)
			}
			if len(sent) != len(entries) {
				t.Fatalf("sent %d entries; want %d", len(sent), len(entries))
			}
			for i := range sent {
				if sent[i].CIDRBlock != entries[i].CIDRBlock {
					t.Fatalf("entry %d sent as %q; want %q (each entry once, in order)", i, sent[i].CIDRBlock, entries[i].CIDRBlock)
				}
			}
		})
	}
}

func TestAddAccessListEntries_conflictIsAClearAPIError(t *testing.T) {
	t.Parallel()
	s := &accessListServer{failAt: 1, failStatus: http.StatusConflict}
	srv := newServer(t, s.handler(t))
	c := newTestClient(t, srv.URL, nil)
	err := c.AddAccessListEntries(context.Background(), OrgOwner(testOrgID), testClientID, cidrEntries(3))
	if !IsConflict(err) || ErrorCode(err) != "DUPLICATE_ACCESS_LIST_ENTRY" {
		t.Fatalf("error = %v; want a 409 the caller can test with IsConflict", err)
	}
	if MayHaveHappened(err) {
		t.Fatalf("MayHaveHappened(%v) = true; a plain 409 proves this request did nothing", err)
	}
	if n := s.posts.Load(); n != 1 {
		t.Fatalf("POSTs = %d; a 409 is not retried", n)
	}
}

func TestAddAccessListEntries_laterChunkFailureSaysWhatWasAdded(t *testing.T) {
	t.Parallel()
	s := &accessListServer{failAt: 2, failStatus: http.StatusBadRequest}
	srv := newServer(t, s.handler(t))
	c := newTestClient(t, srv.URL, nil)
	err := c.AddAccessListEntries(context.Background(), OrgOwner(testOrgID), testClientID, cidrEntries(450))
	if err == nil || !strings.Contains(err.Error(), "200 of 450 access list entries of "+testClientID+" were added") {
		t.Fatalf("error = %v; want it to say how many entries were added", err)
	}
	if apiErr, ok := asAPIError(err); !ok || apiErr.StatusCode != http.StatusBadRequest {
		t.Fatalf("the APIError is not reachable: %v", err)
	}
	if n := s.posts.Load(); n != 2 {
		t.Fatalf("POSTs = %d; want 2 (none after the failure)", n)
	}
}

// Adding an entry twice is harmless, so a POST is retried after a server
// error or a lost answer; the 409 that may answer the retry is marked as
// possibly the echo of the lost attempt.
func TestAddAccessListEntries_retriedAfterServerErrorOrLostAnswer(t *testing.T) {
	t.Parallel()
	t.Run("500 then 200", func(t *testing.T) {
		t.Parallel()
		var n atomic.Int32
		srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
			if n.Add(1) == 1 {
				writeAPIError(w, http.StatusInternalServerError, "UNEXPECTED_ERROR", "oops")
				return
			}
			writeJSON(w, http.StatusOK, map[string]any{"results": []any{}})
		})
		c := newTestClient(t, srv.URL, nil)
		if err := c.AddAccessListEntries(context.Background(), ProjectOwner(testProjectID), testClientID, cidrEntries(1)); err != nil {
			t.Fatal(err)
		}
		if n.Load() != 2 {
			t.Fatalf("requests = %d; want 2", n.Load())
		}
	})
	t.Run("lost answer then 409", func(t *testing.T) {
		t.Parallel()
		var n atomic.Int32
		srv := newServer(t, dropFirstAnswer(t, func(w http.ResponseWriter, r *http.Request) {
			if n.Add(1) == 1 {
				writeJSON(w, http.StatusOK, map[string]any{"results": []any{}})
				return
			}
			writeAPIError(w, http.StatusConflict, "DUPLICATE_ACCESS_LIST_ENTRY", "entry already exists")
		}))
		c := newTestClient(t, srv.URL, nil)
		err := c.AddAccessListEntries(context.Background(), ProjectOwner(testProjectID), testClientID, cidrEntries(1))
		if !IsConflict(err) || !IsAfterLostAnswer(err) || !MayHaveHappened(err) {
			t.Fatalf("error = %v; want a 409 marked as following a lost answer", err)
		}
		if n.Load() != 2 {
			t.Fatalf("requests = %d; want 2", n.Load())
		}
	})
}

func TestListAccessList_readsEveryPage(t *testing.T) {
	t.Parallel()
	const total = 1203
	var rec recorder
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		rec.record(r)
		page, _ := strconv.Atoi(r.URL.Query().Get("pageNum"))
		per, _ := strconv.Atoi(r.URL.Query().Get("itemsPerPage"))
		var results []map[string]any
		for i := (page - 1) * per; i < min(page*per, total); i++ {
			results = append(results, map[string]any{
				"cidrBlock": fmt.Sprintf("10.%d.%d.0/24", i/256, i%256), "requestCount": i, "lastUsedAddress": "10.0.0.1",
			})
		}
		writeJSON(w, http.StatusOK, map[string]any{"results": results, "totalCount": total})
	})
	c := newTestClient(t, srv.URL, nil)
	got, err := c.ListAccessList(context.Background(), OrgOwner(testOrgID), testClientID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != total || rec.count() != 3 {
		t.Fatalf("entries = %d in %d requests; want %d in 3", len(got), rec.count(), total)
	}
	last := got[total-1]
	if last.CIDRBlock != fmt.Sprintf("10.%d.%d.0/24", (total-1)/256, (total-1)%256) || last.RequestCount != total-1 ||
		last.LastUsedAddress == nil || *last.LastUsedAddress != "10.0.0.1" {
		t.Fatalf("last entry = %+v", last)
	}
}

// A create whose answer is lost may have created the object: the error says
// so, and the request is not sent again, which could make a second one.
func TestCreate_lostAnswerOnOrgAccountOrSecretIsNotRetriedIntoADuplicate(t *testing.T) {
	t.Parallel()
	tests := map[string]func(c *Client) error{
		"CreateOrgServiceAccount": func(c *Client) error {
			_, err := c.CreateOrgServiceAccount(context.Background(), testOrgID, CreateServiceAccountRequest{Name: "n", Description: "d", Roles: []string{"ORG_MEMBER"}, SecretExpiresAfterHours: 8})
			return err
		},
		"CreateServiceAccountSecret of an organization account": func(c *Client) error {
			_, err := c.CreateServiceAccountSecret(context.Background(), OrgOwner(testOrgID), testClientID, 8)
			return err
		},
		"CreateServiceAccountSecret of a project account": func(c *Client) error {
			_, err := c.CreateServiceAccountSecret(context.Background(), ProjectOwner(testProjectID), testClientID, 8)
			return err
		},
		"CreateProjectServiceAccountSecret": func(c *Client) error {
			_, err := c.CreateProjectServiceAccountSecret(context.Background(), testProjectID, testClientID, 8)
			return err
		},
	}
	for name, call := range tests {
		t.Run(name+"/lost answer", func(t *testing.T) {
			t.Parallel()
			var created atomic.Int32
			srv := newServer(t, dropFirstAnswer(t, func(w http.ResponseWriter, r *http.Request) {
				created.Add(1)
				writeJSON(w, http.StatusCreated, serviceAccountJSON("mdb_sa_sk_plain"))
			}))
			c := newTestClient(t, srv.URL, nil)
			err := call(c)
			if !MayHaveHappened(err) || !IsAmbiguous(err) {
				t.Fatalf("error = %v; want MayHaveHappened and IsAmbiguous", err)
			}
			if created.Load() != 1 {
				t.Fatalf("creates = %d; want 1 (no retry into a duplicate)", created.Load())
			}
		})
		t.Run(name+"/500", func(t *testing.T) {
			t.Parallel()
			var n atomic.Int32
			srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
				n.Add(1)
				writeAPIError(w, http.StatusInternalServerError, "UNEXPECTED_ERROR", "oops")
			})
			c := newTestClient(t, srv.URL, nil)
			err := call(c)
			if !MayHaveHappened(err) || !IsAmbiguous(err) || n.Load() != 1 {
				t.Fatalf("error = %v after %d requests; want an ambiguous error after 1", err, n.Load())
			}
		})
		t.Run(name+"/503 is retried", func(t *testing.T) {
			t.Parallel()
			var n atomic.Int32
			srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
				if n.Add(1) == 1 {
					writeAPIError(w, http.StatusServiceUnavailable, "SERVICE_UNAVAILABLE", "later")
					return
				}
				writeJSON(w, http.StatusCreated, serviceAccountJSON("mdb_sa_sk_plain"))
			})
			c := newTestClient(t, srv.URL, nil)
			if err := call(c); err != nil || n.Load() != 2 {
				t.Fatalf("error = %v after %d requests; want success after 2", err, n.Load())
			}
		})
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
