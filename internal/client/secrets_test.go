package client

import (
	"context"
	"net/http"
	"strings"
	"testing"
)

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
