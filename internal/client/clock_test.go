package client

import (
	"context"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client/clocktest"
)

// After a create whose outcome is unknown, LatestSendTime is never earlier
// than Atlas's time when the request arrived, whatever the offset between
// the clocks: an object Atlas created before the request arrived is never
// taken for its work. It is late by at most the Date header's second and a
// round trip.
func TestLatestSendTime_neverEarlierThanAtlasAtArrival(t *testing.T) {
	t.Parallel()
	for name, offset := range map[string]time.Duration{
		"same clocks":        0,
		"local clock fast":   -3 * time.Hour,
		"local clock slow":   3*time.Hour + 700*time.Millisecond,
		"half a second slow": 500 * time.Millisecond,
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			// Local time is the fake clock's; Atlas's is that plus offset.
			// Each way across the network takes 300 ms, and the clock starts
			// 100 ms before a second ends, so that Date's truncation matters.
			clock := clocktest.New(time.Date(2026, 3, 1, 12, 0, 0, 900_000_000, time.UTC))
			const travel = 300 * time.Millisecond
			var mu sync.Mutex
			var arrived time.Time
			srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
				clock.Advance(travel)
				defer clock.Advance(travel)
				now := clock.Now().Add(offset)
				w.Header().Set("Date", now.UTC().Format(http.TimeFormat))
				if r.Method == http.MethodPost {
					mu.Lock()
					arrived = now
					mu.Unlock()
					writeAPIError(w, http.StatusInternalServerError, "UNEXPECTED_ERROR", "boom")
					return
				}
				writeJSON(w, http.StatusOK, serviceAccountJSON(""))
			})
			c := newTestClient(t, srv.URL, func(c *Config) { c.Clock = clock })
			if _, err := c.ServiceAccountSecrets(context.Background(), OrgOwner(testOrgID), testClientID); err != nil {
				t.Fatal(err)
			}
			_, err := c.CreateServiceAccountSecret(context.Background(), OrgOwner(testOrgID), testClientID, 24)
			latest, ok := c.LatestSendTime(err)
			if !ok {
				t.Fatalf("no send time for an ambiguous create (%v)", err)
			}
			mu.Lock()
			defer mu.Unlock()
			if latest.Before(arrived) {
				t.Fatalf("latest send time %s is before Atlas's time at arrival %s", latest, arrived)
			}
			if late := latest.Sub(arrived); late > time.Second+2*travel {
				t.Fatalf("latest send time %s is %s after arrival, want within a second and a round trip", latest, late)
			}
		})
	}
}

// Only an unknown outcome has a send time to reason about.
func TestLatestSendTime_onlyForAmbiguousCreates(t *testing.T) {
	t.Parallel()
	srv := newServer(t, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Date", time.Now().UTC().Format(http.TimeFormat))
		writeAPIError(w, http.StatusBadRequest, "SERVICE_ACCOUNT_SECRET_LIMIT_EXCEEDED", "full")
	})
	c := newTestClient(t, srv.URL, nil)
	_, err := c.CreateServiceAccountSecret(context.Background(), OrgOwner(testOrgID), testClientID, 24)
	if _, ok := c.LatestSendTime(err); ok || err == nil {
		t.Fatalf("a 400 has a send time (err %v)", err)
	}
}
