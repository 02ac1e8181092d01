package client

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// Terraform calls the provider ten at a time; each burst of ten requests must
// reuse the connections of the previous one instead of opening new ones
// (against Atlas, each new connection is a TCP and TLS handshake).
func TestParallelBurstsReuseConnections(t *testing.T) {
	const parallel, bursts = 10, 3
	var opened atomic.Int32
	var inFlight sync.WaitGroup
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		// Hold each request until the whole burst has arrived, so that a
		// burst needs ten connections at once.
		inFlight.Done()
		waitTimeout(&inFlight, 5*time.Second)
		writeJSON(w, http.StatusOK, serviceAccountJSON(""))
	}))
	srv.Config.ConnState = func(_ net.Conn, state http.ConnState) {
		if state == http.StateNew {
			opened.Add(1)
		}
	}
	srv.Start()
	t.Cleanup(srv.Close)
	c := newTestClient(t, srv.URL, nil)

	for range bursts {
		inFlight.Add(parallel)
		var done sync.WaitGroup
		for range parallel {
			done.Go(func() {
				if _, err := c.GetProjectServiceAccount(context.Background(), testProjectID, testClientID); err != nil {
					t.Error(err)
				}
			})
		}
		done.Wait()
	}

	if got := opened.Load(); got > parallel {
		t.Errorf("%d bursts of %d parallel requests opened %d connections, want at most %d (reused after the first burst)",
			bursts, parallel, got, parallel)
	}
}

func waitTimeout(wg *sync.WaitGroup, d time.Duration) {
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(d):
	}
}
