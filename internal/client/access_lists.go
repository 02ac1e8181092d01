package client

import (
	"context"
	"fmt"
	"net/http"
)

// AccessListEntry is one entry of a service account's API access list
// (ServiceAccountIPAccessListEntry). When adding, set exactly one of
// CIDRBlock and IPAddress; the other fields are Atlas's, read-only.
type AccessListEntry struct {
	CIDRBlock       string  `json:"cidrBlock,omitempty"`
	IPAddress       string  `json:"ipAddress,omitempty"`
	CreatedAt       *string `json:"createdAt,omitempty"`
	LastUsedAddress *string `json:"lastUsedAddress,omitempty"`
	LastUsedAt      *string `json:"lastUsedAt,omitempty"`
	RequestCount    int     `json:"requestCount,omitempty"`
}

// MaxAccessListEntriesPerRequest is the most entries Atlas takes in one
// access-list POST (maxItems of its request body).
const MaxAccessListEntriesPerRequest = 200

// accessListAddition is the wire form of an entry being added: only the
// address or block, since the other fields are read-only.
type accessListAddition struct {
	CIDRBlock string `json:"cidrBlock,omitempty"`
	IPAddress string `json:"ipAddress,omitempty"`
}

// ListAccessList returns every entry of a service account's API access
// list, reading all pages.
func (c *Client) ListAccessList(ctx context.Context, owner Owner, clientID string) ([]AccessListEntry, error) {
	path, err := owner.accountPath(clientID, "/accessList")
	if err != nil {
		return nil, err
	}
	return listAll[AccessListEntry](ctx, c, path, nil, VersionServiceAccounts)
}

// AddAccessListEntries adds entries to a service account's API access list,
// one POST per MaxAccessListEntriesPerRequest entries; none makes no
// request. Each entry must set exactly one of CIDRBlock and IPAddress;
// the read-only fields are not sent. Adding an entry again is harmless, so
// every failure that may be passing is retried; an entry Atlas refuses as
// already present satisfies IsConflict. When a later request fails, the
// error says how many entries the earlier ones added.
func (c *Client) AddAccessListEntries(ctx context.Context, owner Owner, clientID string, entries []AccessListEntry) error {
	path, err := owner.accountPath(clientID, "/accessList")
	if err != nil {
		return err
	}
	body := make([]accessListAddition, len(entries))
	for i, e := range entries {
		if (e.CIDRBlock == "") == (e.IPAddress == "") {
			return fmt.Errorf("atlas client: access list entry %d of %s must set exactly one of a CIDR block and an IP address (got %q and %q)",
				i+1, clientID, e.CIDRBlock, e.IPAddress)
		}
		body[i] = accessListAddition{CIDRBlock: e.CIDRBlock, IPAddress: e.IPAddress}
	}
	for start := 0; start < len(body); start += MaxAccessListEntriesPerRequest {
		end := min(start+MaxAccessListEntriesPerRequest, len(body))
		err := c.do(ctx, request{method: http.MethodPost, path: path, version: VersionServiceAccounts, body: body[start:end], kind: opSafePost}, nil)
		if err != nil {
			if start > 0 {
				return fmt.Errorf("atlas client: %d of %d access list entries of %s were added before this failure: %w", start, len(body), clientID, err)
			}
			return err
		}
	}
	return nil
}

// DeleteAccessListEntry removes one address or CIDR block from a service
// account's API access list. The value is one path segment: a block's "/"
// is sent as %2F, as Atlas expects. Atlas refuses to remove the address the
// request comes from (HTTP 400).
func (c *Client) DeleteAccessListEntry(ctx context.Context, owner Owner, clientID, cidrOrAddress string) error {
	path, err := owner.accountPath(clientID, "/accessList/", "access list entry", cidrOrAddress)
	if err != nil {
		return err
	}
	return c.do(ctx, request{method: http.MethodDelete, path: path, version: VersionServiceAccounts}, nil)
}
