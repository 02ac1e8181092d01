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
