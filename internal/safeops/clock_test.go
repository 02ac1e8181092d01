package safeops

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

// skewedAtlas is an Atlas whose clock is offset from this machine's. Its
// first service-account create answers 500 (doing nothing, or creating the
// account when createOnFailure), and it already holds one same-named account
// created an hour earlier by its own clock.
type skewedAtlas struct {
	offset          time.Duration
	createOnFailure bool

	mu       sync.Mutex
	posts    int
	accounts []client.ServiceAccount
}

func (a *skewedAtlas) now() time.Time { return time.Now().Add(a.offset).UTC().Truncate(time.Second) }

func (a *skewedAtlas) account(id int, created time.Time) client.ServiceAccount {
	return client.ServiceAccount{ClientID: fmt.Sprintf("mdb_sa_id_%024x", id), Name: "runner", Description: "runner",
		Roles: []string{"GROUP_READ_ONLY"}, CreatedAt: created.Format(time.RFC3339),
		Secrets: []client.ServiceAccountSecret{{ID: fmt.Sprintf("%024x", id), CreatedAt: created.Format(time.RFC3339), ExpiresAt: created.Add(24 * time.Hour).Format(time.RFC3339)}}}
}

func (a *skewedAtlas) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	a.mu.Lock()
	defer a.mu.Unlock()
	w.Header().Set("Date", a.now().Format(http.TimeFormat))
	w.Header().Set("Content-Type", "application/vnd.atlas.2024-08-05+json")
	switch {
	case r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/serviceAccounts"):
		a.posts++
		sa := a.account(len(a.accounts)+1, a.now())
		if a.posts == 1 {
			if a.createOnFailure {
				a.accounts = append(a.accounts, sa)
			}
			w.WriteHeader(http.StatusInternalServerError)
			_, _ = w.Write([]byte(`{"error":500,"errorCode":"UNEXPECTED_ERROR","detail":"boom","reason":"Internal Server Error","parameters":[]}`))
			return
		}
		a.accounts = append(a.accounts, sa)
		sa.Secrets[0].Secret = "plain"
		_ = json.NewEncoder(w).Encode(sa)
	case r.Method == http.MethodGet && strings.HasSuffix(r.URL.Path, "/serviceAccounts"):
		_ = json.NewEncoder(w).Encode(map[string]any{"results": a.accounts, "totalCount": len(a.accounts)})
	case r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/secrets"):
		_ = json.NewEncoder(w).Encode(client.ServiceAccountSecret{ID: "ffffffffffffffffffffffff", CreatedAt: a.now().Format(time.RFC3339), ExpiresAt: a.now().Format(time.RFC3339), Secret: "new"})
	case r.Method == http.MethodDelete:
		w.WriteHeader(http.StatusNoContent)
	default:
		w.WriteHeader(http.StatusNotFound)
	}
}

func newSkewed(t *testing.T, a *skewedAtlas) *Service {
	t.Helper()
	a.accounts = []client.ServiceAccount{a.account(100, a.now().Add(-time.Hour))}
	srv := httptest.NewServer(a)
	t.Cleanup(srv.Close)
	c, err := client.New(client.Config{BaseURL: srv.URL, AccessToken: "token", MaxRetries: 2, MinBackoff: time.Millisecond, MaxBackoff: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	return New(c)
}

// Whether an account appeared after the request is judged by Atlas's clock.
// A runner whose clock is three hours fast would otherwise find nothing new
// and create a duplicate; one whose clock is three hours slow would take the
// hour-old account for its own.
func TestCreateProjectServiceAccount_judgesAppearanceByAtlasClock(t *testing.T) {
	t.Parallel()
	const projectID = "32b6e34b3d91647abb20e7b8"
	for name, tc := range map[string]struct {
		offset          time.Duration
		createOnFailure bool
	}{
		"local clock fast, create happened": {offset: -3 * time.Hour, createOnFailure: true},
		"local clock slow, create happened": {offset: 3 * time.Hour, createOnFailure: true},
		"local clock slow, nothing created": {offset: 3 * time.Hour},
		"local clock fast, nothing created": {offset: -3 * time.Hour},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			atlas := &skewedAtlas{offset: tc.offset, createOnFailure: tc.createOnFailure}
			s := newSkewed(t, atlas)
			sa, _, err := s.CreateProjectServiceAccount(context.Background(), projectID, client.CreateServiceAccountRequest{
				Name: "runner", Description: "runner", Roles: []string{"GROUP_READ_ONLY"}, SecretExpiresAfterHours: 24})
			if err != nil {
				t.Fatal(err)
			}
			old := atlas.accounts[0].ClientID
			if sa.ClientID == old {
				t.Fatalf("adopted the account created an hour before the request")
			}
			if len(atlas.accounts) != 2 {
				t.Fatalf("Atlas holds %d accounts, want the old one and exactly one new one", len(atlas.accounts))
			}
		})
	}
}
