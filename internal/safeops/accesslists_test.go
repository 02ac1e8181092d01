package safeops

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

func blocks(spellings ...string) []client.AccessListEntry {
	out := make([]client.AccessListEntry, len(spellings))
	for i, s := range spellings {
		out[i] = client.AccessListEntry{CIDRBlock: s}
	}
	return out
}

// fencedAccount is an organization account of the simulator whose list
// holds entries.
func (e *simEnv) fencedAccount(t *testing.T, entries ...string) (client.Owner, string) {
	t.Helper()
	sa, err := e.c.CreateOrgServiceAccount(context.Background(), e.fx.OrgID, client.CreateServiceAccountRequest{
		Name: "fenced", Description: "d", Roles: []string{"ORG_MEMBER"}, SecretExpiresAfterHours: 24,
	})
	if err != nil {
		t.Fatal(err)
	}
	owner := client.OrgOwner(e.fx.OrgID)
	if err := e.c.AddAccessListEntries(context.Background(), owner, sa.ClientID, blocks(entries...)); err != nil {
		t.Fatal(err)
	}
	return owner, sa.ClientID
}

// atlasList is what the simulator holds, Atlas's spellings, sorted.
func (e *simEnv) atlasList(t *testing.T, owner client.Owner, clientID string) []string {
	t.Helper()
	entries, err := e.c.ListAccessList(context.Background(), owner, clientID)
	if err != nil {
		t.Fatal(err)
	}
	out := spellings(entries)
	slices.Sort(out)
	return out
}

// A destroy removes only what its state holds. An entry someone else added
// just before the request (a look-alike of nothing Terraform declared) and
// every entry another resource declares (spare) survive, also when
// the answer to a DELETE is lost and the retry finds the entry gone.
func TestRemoveAccessListEntries_removesOnlyItsOwn(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		faults   string
		declared []string
		own      []string
		want     []string
	}{
		"only the state's entries": {
			own:  []string{"10.0.0.0/8", "192.0.2.10"},
			want: []string{"198.51.100.7/32", "203.0.113.0/24"},
		},
		"a lost answer to a DELETE": {
			faults: "lost@DELETE=1#1",
			own:    []string{"10.0.0.0/8", "192.0.2.10"},
			want:   []string{"198.51.100.7/32", "203.0.113.0/24"},
		},
		"entries another resource declares stay": {
			declared: []string{"10.0.0.0/8"},
			own:      []string{"10.0.0.0/8", "192.0.2.10/32"},
			want:     []string{"10.0.0.0/8", "198.51.100.7/32", "203.0.113.0/24"},
		},
		"a declaration of the same block in another spelling": {
			declared: []string{"192.0.2.10/32"},
			own:      []string{"10.0.0.0/8", "192.0.2.10"},
			want:     []string{"192.0.2.10/32", "198.51.100.7/32", "203.0.113.0/24"},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			e := newSimEnv(t)
			owner, clientID := e.fencedAccount(t, "10.0.0.0/8", "192.0.2.10/32", "203.0.113.0/24")
			// Someone else adds an entry one second before the destroy.
			if err := e.c.AddAccessListEntries(context.Background(), owner, clientID, blocks("198.51.100.7/32")); err != nil {
				t.Fatal(err)
			}
			if tc.faults != "" {
				e.faults(t, tc.faults)
			}
			if _, err := e.s.RemoveAccessListEntries(context.Background(), owner, clientID, blocks(tc.own...), blocks(tc.declared...)); err != nil {
				t.Fatalf("removing %v: %v", tc.own, err)
			}
			if got := e.atlasList(t, owner, clientID); !slices.Equal(got, tc.want) {
				t.Fatalf("Atlas holds %q, want %q", got, tc.want)
			}
		})
	}
}

// fakeAtlas answers an access list that holds entries the provider cannot
// parse, and records every DELETE.
type fakeAtlas struct {
	mu      sync.Mutex
	entries []client.AccessListEntry
	deletes []string
}

func (f *fakeAtlas) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	w.Header().Set("Content-Type", "application/vnd.atlas.2024-08-05+json")
	switch {
	case r.Method == http.MethodGet && strings.HasSuffix(r.URL.Path, "/accessList"):
		_ = json.NewEncoder(w).Encode(map[string]any{"results": f.entries, "totalCount": len(f.entries)})
	case r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/accessList"):
		var add []client.AccessListEntry
		_ = json.NewDecoder(r.Body).Decode(&add)
		f.entries = append(f.entries, add...)
		w.WriteHeader(http.StatusCreated)
		_ = json.NewEncoder(w).Encode(map[string]any{"results": f.entries, "totalCount": len(f.entries)})
	case r.Method == http.MethodDelete:
		f.deletes = append(f.deletes, r.URL.EscapedPath())
		w.WriteHeader(http.StatusNoContent)
	default:
		w.WriteHeader(http.StatusNotFound)
	}
}

// An entry Atlas returns that is neither an address nor a block is never
// sent back in a DELETE, whether the list is replaced or a destroy removes
// its own entries; it is reported in Unparsed.
func TestAccessList_unparsedEntriesAreReportedNeverDeleted(t *testing.T) {
	t.Parallel()
	unparsed := []client.AccessListEntry{{CIDRBlock: "10.0.0.0/33"}, {IPAddress: "not-an-address"}}
	for name, op := range map[string]func(*Service, client.Owner, string) (AccessListChange, error){
		"replace": func(s *Service, o client.Owner, c string) (AccessListChange, error) {
			return s.ReplaceAccessList(context.Background(), o, c, blocks("192.0.2.1/32"))
		},
		"remove own": func(s *Service, o client.Owner, c string) (AccessListChange, error) {
			return s.RemoveAccessListEntries(context.Background(), o, c, append(blocks("10.0.0.1/32"), unparsed...), nil)
		},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f := &fakeAtlas{entries: append(blocks("10.0.0.1/32"), unparsed...)}
			srv := httptest.NewServer(f)
			t.Cleanup(srv.Close)
			c, err := client.New(client.Config{BaseURL: srv.URL, AccessToken: "t", MinBackoff: time.Millisecond})
			if err != nil {
				t.Fatal(err)
			}
			done, err := op(New(c), client.OrgOwner("5f1e2d3c4b5a69788796a5b4"), "mdb_sa_id_1234567890abcdef12345678")
			if err != nil {
				t.Fatal(err)
			}
			f.mu.Lock()
			defer f.mu.Unlock()
			if len(f.deletes) != 1 || !strings.HasSuffix(f.deletes[0], "/accessList/10.0.0.1%2F32") {
				t.Fatalf("DELETEs %q, want only the one of 10.0.0.1/32", f.deletes)
			}
			if want := []string{"10.0.0.0/33", "not-an-address"}; !slices.Equal(done.Unparsed, want) {
				t.Fatalf("Unparsed = %q, want %q", done.Unparsed, want)
			}
		})
	}
}
