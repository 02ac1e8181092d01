package atlassim

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/netip"
	"slices"
	"strings"
	"time"
)

// The API access list of a service account (doc.go, "API access lists").
// An account has one list, read and written through the project path and
// the organization path alike; while it has entries, the account's bearer
// tokens work only from an address inside one of them.

// maxAccessListEntriesPerRequest is the spec's maxItems of the POST body.
const maxAccessListEntriesPerRequest = 200

// accessEntry is one entry of an account's API access list. IPAddress or
// CIDRBlock holds the value exactly as it was added; Prefix is the network
// it stands for, canonical (host bits cleared), which decides membership and
// duplicates.
type accessEntry struct {
	IPAddress       string     `json:"ipAddress,omitempty"`
	CIDRBlock       string     `json:"cidrBlock,omitempty"`
	Prefix          string     `json:"prefix"`
	CreatedAt       time.Time  `json:"createdAt"`
	LastUsedAddress string     `json:"lastUsedAddress,omitempty"`
	LastUsedAt      *time.Time `json:"lastUsedAt,omitempty"`
	RequestCount    int        `json:"requestCount"`
}

func (e *accessEntry) prefix() netip.Prefix {
	p, _ := netip.ParsePrefix(e.Prefix)
	return p
}

// value is the entry as it was added.
func (e *accessEntry) value() string {
	if e.IPAddress != "" {
		return e.IPAddress
	}
	return e.CIDRBlock
}

// accessEntryJSON is a ServiceAccountIPAccessListEntry.
type accessEntryJSON struct {
	CIDRBlock       string     `json:"cidrBlock,omitempty"`
	CreatedAt       time.Time  `json:"createdAt"`
	IPAddress       string     `json:"ipAddress,omitempty"`
	LastUsedAddress *string    `json:"lastUsedAddress,omitempty"`
	LastUsedAt      *time.Time `json:"lastUsedAt,omitempty"`
	RequestCount    int        `json:"requestCount"`
}

// AccessListForm is how an entry reads back. No source says whether Atlas
// shows an address added as ipAddress with a cidrBlock too.
type AccessListForm string

const (
	// AccessListAsGiven shows each entry with the one field it was added
	// with, its value unchanged (the default).
	AccessListAsGiven AccessListForm = "as-given"
	// AccessListBoth also shows a single address as cidrBlock (/32 or
	// /128) and a one-address block as ipAddress, as Atlas's project IP
	// access list does.
	AccessListBoth AccessListForm = "both"
)

// AccessListDuplicate is how POST .../accessList answers an entry the list
// already holds. The spec lists a 409 but does not say what causes it.
type AccessListDuplicate string

const (
	// AccessListDuplicateConflict answers 409 DUPLICATE_ACCESS_LIST_ENTRY
	// and adds nothing (the default).
	AccessListDuplicateConflict AccessListDuplicate = "409"
	// AccessListDuplicateIgnored answers 200 and keeps the existing entry
	// unchanged, adding the others.
	AccessListDuplicateIgnored AccessListDuplicate = "200"
)

func (s *Server) accessEntryView(e *accessEntry) accessEntryJSON {
	out := accessEntryJSON{IPAddress: e.IPAddress, CIDRBlock: e.CIDRBlock, CreatedAt: e.CreatedAt, LastUsedAt: e.LastUsedAt, RequestCount: e.RequestCount}
	if e.LastUsedAddress != "" {
		addr := e.LastUsedAddress
		out.LastUsedAddress = &addr
	}
	if s.opts.AccessListForm == AccessListBoth {
		p := e.prefix()
		if out.CIDRBlock == "" {
			out.CIDRBlock = p.String()
		}
		if out.IPAddress == "" && p.IsSingleIP() {
			// ipAddress holds IPv6 as eight groups (the spec's pattern).
			out.IPAddress = p.Addr().String()
			if p.Addr().Is6() {
				out.IPAddress = p.Addr().StringExpanded()
			}
		}
	}
	return out
}

// parseIPAddress checks an ipAddress value: one IPv4 address in dotted
// decimal, or one IPv6 address written as the spec's pattern has it, eight
// groups of lowercase hex digits. The spec's pattern cannot be used as a Go
// regexp (it has a look-ahead) and its alternation is not anchored at both
// ends, so the simulator checks with net/netip instead.
func parseIPAddress(v string) (netip.Addr, string) {
	a, err := netip.ParseAddr(v)
	switch {
	case err != nil:
		return a, fmt.Sprintf("%q is not an IP address", v)
	case a.Zone() != "":
		return a, fmt.Sprintf("%q has a zone, which an access list entry cannot have", v)
	case a.Is6() && (strings.Count(v, ":") != 7 || strings.Contains(v, "::") || strings.Contains(v, ".") || strings.ToLower(v) != v):
		return a, fmt.Sprintf("%q: an IPv6 ipAddress is written as eight groups of lowercase hex digits (use cidrBlock for a shortened form)", v)
	}
	return a, ""
}

// parseCIDRBlock checks a cidrBlock value: an IPv4 or IPv6 network in CIDR
// notation, "/" or the spec's "%2F" before the prefix length, lowercase hex
// as the spec's pattern asks. Host bits may be set (the pattern allows it);
// the block then means its network.
func parseCIDRBlock(v string) (netip.Prefix, string) {
	norm := strings.Replace(strings.Replace(v, "%2F", "/", 1), "%2f", "/", 1)
	p, err := netip.ParsePrefix(norm)
	switch {
	case err != nil || !strings.Contains(norm, "/"):
		return p, fmt.Sprintf("%q is not a network in CIDR notation, such as 203.0.113.0/24 or 2001:db8::/32", v)
	case p.Addr().Is6() && strings.ToLower(v) != v:
		return p, fmt.Sprintf("%q: IPv6 hex digits must be lowercase", v)
	case p.Addr().Is4In6():
		return p, fmt.Sprintf("%q: write an IPv4 network in dotted decimal", v)
	}
	return p.Masked(), ""
}

// decodeAccessList decodes the POST body: a JSON array of at most 200
// entries, each with exactly one of ipAddress and cidrBlock. Every
// violation is reported, with its index.
func decodeAccessList(data []byte) ([]*accessEntry, *errResp) {
	var raw []json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil || bytes.TrimSpace(data)[0] != '[' {
		return nil, newErr(http.StatusBadRequest, "INVALID_JSON",
			"The request body must be a JSON array of access list entries, each with ipAddress or cidrBlock.")
	}
	if len(raw) > maxAccessListEntriesPerRequest {
		return nil, &errResp{
			status: http.StatusBadRequest, code: "VALIDATION_ERROR",
			detail: fmt.Sprintf("At most %d access list entries can be added in one request; got %d.", maxAccessListEntriesPerRequest, len(raw)),
			params: []any{maxAccessListEntriesPerRequest, len(raw)},
			fields: []fieldViolation{{Field: "body", Description: fmt.Sprintf("at most %d entries", maxAccessListEntriesPerRequest)}},
		}
	}
	var out []*accessEntry
	var fields []fieldViolation
	bad := func(code, attr, field, format string, args ...any) {
		fields = append(fields, fieldViolation{Field: field, Description: fmt.Sprintf(format, args...), code: code, attr: attr})
	}
	for i, item := range raw {
		before := len(fields)
		at := func(f string) string { return fmt.Sprintf("[%d].%s", i, f) }
		var m map[string]json.RawMessage
		if json.Unmarshal(item, &m) != nil || m == nil {
			bad(codeInvalidJSONAttribute, "entry", fmt.Sprintf("[%d]", i), "each entry must be an object with ipAddress or cidrBlock")
			continue
		}
		str := func(f string) (string, bool) {
			v, ok := m[f]
			if !ok || bytes.Equal(bytes.TrimSpace(v), []byte("null")) {
				return "", false
			}
			var s string
			if json.Unmarshal(v, &s) != nil {
				bad(codeInvalidJSONAttribute, f, at(f), "%s must be a string", f)
				return "", false
			}
			return s, true
		}
		for k := range m {
			if k != "ipAddress" && k != "cidrBlock" {
				bad(codeInvalidAttribute, k, at(k), "unknown or read-only field %q", k)
			}
		}
		ip, hasIP := str("ipAddress")
		cidr, hasCIDR := str("cidrBlock")
		switch {
		case hasIP && hasCIDR:
			bad(codeInvalidAttribute, "ipAddress", at("ipAddress"), "set ipAddress or cidrBlock, not both")
		case hasIP:
			if a, msg := parseIPAddress(ip); msg != "" {
				bad(codeInvalidAttribute, "ipAddress", at("ipAddress"), "%s", msg)
			} else {
				out = append(out, &accessEntry{IPAddress: ip, Prefix: netip.PrefixFrom(a, a.BitLen()).String()})
			}
		case hasCIDR:
			if p, msg := parseCIDRBlock(cidr); msg != "" {
				bad(codeInvalidAttribute, "cidrBlock", at("cidrBlock"), "%s", msg)
			} else {
				out = append(out, &accessEntry{CIDRBlock: cidr, Prefix: p.String()})
			}
		case len(fields) == before:
			bad(codeMissingAttribute, "ipAddress", at("ipAddress"), "each entry needs ipAddress or cidrBlock")
		}
	}
	if len(fields) > 0 {
		first := fields[0]
		return nil, &errResp{
			status: http.StatusBadRequest, code: first.code,
			detail: violationDetail(first.code, first.attr), fields: fields, params: []any{first.attr},
		}
	}
	return out, nil
}

// listAccessList is GET .../accessList, project or organization path.
func (c *reqCtx) listAccessList() {
	pg, e := parsePage(c.r)
	if e != nil {
		c.fail(e)
		return
	}
	var all []accessEntryJSON
	ok := c.withLock(func() *errResp {
		sa, e := c.scopedAccountLocked()
		if e != nil {
			return e
		}
		all = c.s.accessListViewLocked(sa)
		return nil
	})
	if ok {
		c.writeList(http.StatusOK, paginate(c, all, pg))
	}
}

func (s *Server) accessListViewLocked(sa *serviceAccount) []accessEntryJSON {
	out := make([]accessEntryJSON, 0, len(sa.AccessList))
	for _, e := range sa.AccessList {
		out = append(out, s.accessEntryView(e))
	}
	return out
}

// addAccessList is POST .../accessList: it adds the entries and answers
// 200 with the whole list, paginated as the query asks. An entry for a
// network the list already holds (10.0.0.1 and 10.0.0.1/32 are one) is
// answered as Options.AccessListDuplicate says.
func (c *reqCtx) addAccessList() {
	pg, e := parsePage(c.r)
	if e != nil {
		c.fail(e)
		return
	}
	data, e := readAll(c.r)
	if e != nil {
		c.fail(e)
		return
	}
	if len(bytes.TrimSpace(data)) == 0 {
		c.fail(newErr(http.StatusBadRequest, "INVALID_JSON", "The request body must be a JSON array of access list entries, each with ipAddress or cidrBlock."))
		return
	}
	entries, e := decodeAccessList(data)
	if e != nil {
		c.fail(e)
		return
	}
	var all []accessEntryJSON
	ok := c.withLock(func() *errResp {
		sa, e := c.scopedAccountLocked()
		if e != nil {
			return e
		}
		held := map[string]bool{}
		for _, x := range sa.AccessList {
			held[x.Prefix] = true
		}
		now := c.s.now()
		var add []*accessEntry
		for _, x := range entries {
			if held[x.Prefix] {
				if c.s.opts.AccessListDuplicate == AccessListDuplicateIgnored {
					continue
				}
				return newErr(http.StatusConflict, "DUPLICATE_ACCESS_LIST_ENTRY",
					fmt.Sprintf("The access list of Service Account %s already has an entry for %s.", sa.ClientID, x.value()), x.value(), sa.ClientID)
			}
			held[x.Prefix] = true
			x.CreatedAt = now
			add = append(add, x)
		}
		sa.AccessList = append(sa.AccessList, add...)
		all = c.s.accessListViewLocked(sa)
		if len(add) == 0 {
			return nil
		}
		return c.commitLocked()
	})
	if ok {
		c.writeList(http.StatusOK, paginate(c, all, pg))
	}
}

// findAccessEntry finds the entry a DELETE path names: the entry added with
// exactly that value, else the entry for the same network.
func findAccessEntry(list []*accessEntry, v string) int {
	if i := slices.IndexFunc(list, func(e *accessEntry) bool { return e.value() == v }); i >= 0 {
		return i
	}
	p, ok := accessPathPrefix(v)
	if !ok {
		return -1
	}
	return slices.IndexFunc(list, func(e *accessEntry) bool { return e.Prefix == p.String() })
}

// accessPathPrefix reads the {ipAddress} path parameter, already unescaped:
// an address or a CIDR block.
func accessPathPrefix(v string) (netip.Prefix, bool) {
	if strings.Contains(v, "/") {
		p, err := netip.ParsePrefix(v)
		return p.Masked(), err == nil
	}
	a, err := netip.ParseAddr(v)
	if err != nil || a.Zone() != "" {
		return netip.Prefix{}, false
	}
	return netip.PrefixFrom(a, a.BitLen()), true
}

// deleteAccessListEntry is DELETE .../accessList/{ipAddress}. A service
// account may not remove the entry its own request comes through: the spec
// says "You can't remove the requesting IP address from the access list."
func (c *reqCtx) deleteAccessListEntry() {
	v := c.params["ipAddress"]
	caller := callerFrom(c.r.Context())
	ip, _ := callerAddr(c.r)
	ok := c.withLock(func() *errResp {
		sa, e := c.scopedAccountLocked()
		if e != nil {
			return e
		}
		i := findAccessEntry(sa.AccessList, v)
		if i < 0 {
			return newErr(http.StatusNotFound, "ACCESS_LIST_ENTRY_NOT_FOUND",
				fmt.Sprintf("No access list entry %s exists for Service Account %s.", v, sa.ClientID), v, sa.ClientID)
		}
		if caller.clientID == sa.ClientID && ip.IsValid() && sa.AccessList[i].prefix().Contains(ip) {
			return newErr(http.StatusBadRequest, "CANNOT_REMOVE_REQUESTING_IP_ADDRESS",
				fmt.Sprintf("Cannot remove access list entry %s of Service Account %s: it contains the requesting IP address %s.", v, sa.ClientID, ip),
				v, ip.String())
		}
		sa.AccessList = slices.Delete(sa.AccessList, i, i+1)
		return c.commitLocked()
	})
	if ok {
		c.writeNoContent()
	}
}

// callerAddr is the address a request comes from, IPv4-mapped IPv6
// unmapped, so that a loopback caller is 127.0.0.1 or ::1.
func callerAddr(r *http.Request) (netip.Addr, bool) {
	a, err := netip.ParseAddr(clientIP(r))
	if err != nil {
		return netip.Addr{}, false
	}
	return a.Unmap().WithZone(""), true
}

// notOnAccessListDetail is Atlas's detail for a caller outside the list.
const notOnAccessListDetail = "IP address %s is not allowed to access this resource."

// checkAccessListLocked admits an API request of the service account
// clientID from r's address when its access list is empty or has an entry
// holding the address, and counts the request against the most specific
// such entry. Otherwise it answers 403 IP_ADDRESS_NOT_ON_ACCESS_LIST, as
// Atlas does. Callers hold s.mu.
func (s *Server) checkAccessListLocked(clientID string, r *http.Request) *errResp {
	sa := s.st.ServiceAccounts[clientID]
	if sa == nil || len(sa.AccessList) == 0 {
		return nil
	}
	ip, ok := callerAddr(r)
	var best *accessEntry
	if ok {
		for _, e := range sa.AccessList {
			if p := e.prefix(); p.Contains(ip) && (best == nil || p.Bits() > best.prefix().Bits()) {
				best = e
			}
		}
	}
	if best == nil {
		addr := clientIP(r)
		if ok {
			addr = ip.String()
		}
		return newErr(http.StatusForbidden, "IP_ADDRESS_NOT_ON_ACCESS_LIST", fmt.Sprintf(notOnAccessListDetail, addr), addr)
	}
	// Atlas updates these "with a delay of up to 5 minutes"; the simulator
	// at once. They are not saved to the state file until the next change.
	now := s.now()
	best.LastUsedAddress = ip.String()
	best.LastUsedAt = &now
	best.RequestCount++
	return nil
}
