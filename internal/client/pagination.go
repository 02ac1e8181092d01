package client

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
)

const (
	// itemsPerPage is the largest page Atlas serves.
	itemsPerPage = 500
	// maxPages bounds a listing so a misbehaving server cannot loop us forever.
	maxPages = 1000
	// maxListBytes bounds the sum of the answers' bodies of one listing.
	// One answer may be up to maxResponseBytes (32 MiB), and a listing up
	// to maxPages (1000) answers: 32 GB, far more than memory. Atlas's
	// largest listings here are an organization's service accounts and a
	// project's users, a few KB an item even with every role and secret,
	// so 64 MiB is some tens of thousands of items, above any organization
	// this provider manages, and a server that keeps sending is stopped
	// long before it exhausts memory.
	maxListBytes = 64 << 20
)

// link is one entry of a paginated response's links.
type link struct {
	Href string `json:"href"`
	Rel  string `json:"rel"`
}

// page is the wire form of every Paginated* response. Results stay raw
// until the page is checked, so that a repeated page is recognised by its
// content whatever T keeps of it.
type page struct {
	Results    []json.RawMessage `json:"results"`
	Links      []link            `json:"links"`
	TotalCount *int              `json:"totalCount"`
}

// listAll requests path page by page (itemsPerPage=500, pageNum=1, 2, ...)
// and returns every result. It stops on a short page, on a page whose links
// have no "next", or once totalCount results were collected. It stops with
// an error on a server that would make it loop: a page that repeats the
// previous one (a server ignoring pageNum), a totalCount that grows as fast
// as pages arrive, so that the end never comes closer, more than maxPages
// pages, or more than maxListBytes of answers.
func listAll[T any](ctx context.Context, c *Client, path string, query url.Values, version string) ([]T, error) {
	q := url.Values{}
	for k, v := range query {
		q[k] = append([]string(nil), v...)
	}
	q.Set("itemsPerPage", strconv.Itoa(itemsPerPage))
	var all []T
	var received int
	var previous [sha256.Size]byte
	remaining := -1 // totalCount minus the results collected, once known
	for pageNum := 1; pageNum <= maxPages; pageNum++ {
		q.Set("pageNum", strconv.Itoa(pageNum))
		var p page
		var size int
		if err := c.do(ctx, request{method: http.MethodGet, path: path, query: q, version: version, kind: opIdempotent, received: &size}, &p); err != nil {
			return nil, err
		}
		received += size
		if received > c.maxListBytes {
			return nil, fmt.Errorf("atlas client: listing %s stopped after %d pages: the answers exceed %d bytes, more than any listing this provider reads", path, pageNum, c.maxListBytes)
		}
		digest := sha256.Sum256(bytes.Join(rawResults(p.Results), []byte{'\n'}))
		if pageNum > 1 && len(p.Results) > 0 && digest == previous {
			return nil, fmt.Errorf("atlas client: listing %s stopped: page %d repeats page %d, so the server is not paging (pageNum ignored)", path, pageNum, pageNum-1)
		}
		previous = digest
		for i, raw := range p.Results {
			var item T
			if err := json.Unmarshal(raw, &item); err != nil {
				return nil, fmt.Errorf("atlas client: listing %s: decoding result %d of page %d: %w", path, i+1, pageNum, err)
			}
			all = append(all, item)
		}
		if len(p.Results) < itemsPerPage {
			return all, nil
		}
		if p.TotalCount != nil {
			if len(all) >= *p.TotalCount {
				return all, nil
			}
			left := *p.TotalCount - len(all)
			if remaining >= 0 && left >= remaining {
				return nil, fmt.Errorf("atlas client: listing %s stopped after %d pages: totalCount grows as fast as pages arrive (%d results collected, %d still announced), so the listing would never end", path, pageNum, len(all), left)
			}
			remaining = left
		}
		if len(p.Links) > 0 && !hasNext(p.Links) {
			return all, nil
		}
	}
	return nil, fmt.Errorf("atlas client: listing %s did not finish after %d pages", path, maxPages)
}

func rawResults(results []json.RawMessage) [][]byte {
	out := make([][]byte, len(results))
	for i, r := range results {
		out[i] = r
	}
	return out
}

func hasNext(links []link) bool {
	for _, l := range links {
		if l.Rel == "next" {
			return true
		}
	}
	return false
}

// PageSize is how many objects one page of a listing holds: a listing of
// fewer objects was read in one answer of Atlas.
const PageSize = itemsPerPage
