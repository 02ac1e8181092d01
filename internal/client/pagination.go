package client

import (
	"context"
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
)

// link is one entry of a paginated response's links.
type link struct {
	Href string `json:"href"`
	Rel  string `json:"rel"`
}

// page is the wire form of every Paginated* response.
type page[T any] struct {
	Results    []T    `json:"results"`
	Links      []link `json:"links"`
	TotalCount *int   `json:"totalCount"`
}

// listAll requests path page by page (itemsPerPage=500, pageNum=1, 2, ...)
// and returns every result. It stops on a short page, on a page whose links
// have no "next", or once totalCount results were collected.
func listAll[T any](ctx context.Context, c *Client, path string, query url.Values, version string) ([]T, error) {
	q := url.Values{}
	for k, v := range query {
		q[k] = append([]string(nil), v...)
	}
	q.Set("itemsPerPage", strconv.Itoa(itemsPerPage))
	var all []T
	for pageNum := 1; pageNum <= maxPages; pageNum++ {
		q.Set("pageNum", strconv.Itoa(pageNum))
		var p page[T]
		if err := c.do(ctx, request{method: http.MethodGet, path: path, query: q, version: version, kind: opIdempotent}, &p); err != nil {
			return nil, err
		}
		all = append(all, p.Results...)
		if len(p.Results) < itemsPerPage {
			return all, nil
		}
		if p.TotalCount != nil && len(all) >= *p.TotalCount {
			return all, nil
		}
		if len(p.Links) > 0 && !hasNext(p.Links) {
			return all, nil
		}
	}
	return nil, fmt.Errorf("atlas client: listing %s did not finish after %d pages", path, maxPages)
}

func hasNext(links []link) bool {
	for _, l := range links {
		if l.Rel == "next" {
			return true
		}
	}
	return false
}
