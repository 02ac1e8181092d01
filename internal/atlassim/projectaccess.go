package atlassim

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/netip"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"
)

// The project IP access list (doc.go, "Project IP access list"): the
// addresses, CIDR blocks and AWS security groups from which a project's
// clusters accept connections. POST adds or updates entries (an entry
// already present has its comment and deleteAfterDate replaced), DELETE
// removes one, and each entry's status moves from PENDING to ACTIVE.

// maxIPAccessCommentLength is the spec's maxLength of comment.
const maxIPAccessCommentLength = 80

// maxIPAccessTemporary is how far ahead a deleteAfterDate may be: "no later
// than one week after you submit this request".
const maxIPAccessTemporary = 7 * 24 * time.Hour

// ipAccessActivation is how long after it was written an entry becomes
// ACTIVE by Atlas's clock at the latest, whatever its status reads.
const ipAccessActivation = time.Minute

// awsSecurityGroupPattern is the form of an awsSecurityGroup: an optional
// AWS account ID and "/", then "sg-" and 8 or 17 lowercase hex digits, the
// two lengths AWS issues. The spec's pattern (^([0-9]*/)?sg-([0-9]*)) is
// not anchored at its end and allows hex only by accident; this is ours.
var awsSecurityGroupPattern = regexp.MustCompile(`^([0-9]{12}/)?sg-([0-9a-f]{8}|[0-9a-f]{17})$`)

// ipEntry is one entry of a project IP access list. Prefix is the network
// an address or block stands for (canonical), "" for a security group;
// Atlas keeps no trace of whether it was added as ipAddress or cidrBlock.
type ipEntry struct {
	AWSSecurityGroup string     `json:"awsSecurityGroup,omitempty"`
	Prefix           string     `json:"prefix,omitempty"`
	Comment          string     `json:"comment,omitempty"`
	DeleteAfterDate  *time.Time `json:"deleteAfterDate,omitempty"`
	WrittenAt        time.Time  `json:"writtenAt"`
	// PendingReads is how many more status reads answer PENDING.
	PendingReads int `json:"pendingReads"`
}

// key identifies an entry: its network, or its security group.
func (e *ipEntry) key() string {
	if e.AWSSecurityGroup != "" {
		return "sg:" + e.AWSSecurityGroup
	}
	return e.Prefix
}

// ipEntryJSON is a NetworkPermissionEntry.
type ipEntryJSON struct {
	AWSSecurityGroup string  `json:"awsSecurityGroup,omitempty"`
	CIDRBlock        string  `json:"cidrBlock,omitempty"`
	Comment          string  `json:"comment,omitempty"`
	DeleteAfterDate  *string `json:"deleteAfterDate,omitempty"`
	GroupID          string  `json:"groupId"`
	IPAddress        string  `json:"ipAddress,omitempty"`
	Links            []link  `json:"links"`
}

// projectWriteGate is what the simulator keeps, outside the store, of a
// kind of write that Atlas does not take concurrently within one project
// (the project IP access list's POSTs, custom database role writes): the
// projects with such a write in flight.
type projectWriteGate struct {
	mu       sync.Mutex
	inflight map[string]bool
	// postHook, when set (tests), runs while a write is in flight, after
	// the project was marked and before the store is changed.
	postHook func(groupID string)
}

// begin marks a write for groupID in flight; false when one already is.
func (rt *projectWriteGate) begin(groupID string) bool {
	rt.mu.Lock()
	defer rt.mu.Unlock()
	if rt.inflight == nil {
		rt.inflight = map[string]bool{}
	}
	if rt.inflight[groupID] {
		return false
	}
	rt.inflight[groupID] = true
	return true
}

func (rt *projectWriteGate) end(groupID string) {
	rt.mu.Lock()
	defer rt.mu.Unlock()
	delete(rt.inflight, groupID)
}

func (rt *projectWriteGate) hook() func(string) {
	rt.mu.Lock()
	defer rt.mu.Unlock()
	return rt.postHook
}

// SetIPAccessPostHook makes every project IP access list POST call hook
// while it is in flight (nil removes it), so that a test can send another
// POST at that moment without timing anything.
func (s *Server) SetIPAccessPostHook(hook func(groupID string)) {
	s.ipAccess.mu.Lock()
	defer s.ipAccess.mu.Unlock()
	s.ipAccess.postHook = hook
}

// entryView is e as Atlas returns it: a single address shows both
// ipAddress and its /32 or /128 cidrBlock, however it was added.
func (c *reqCtx) ipEntryView(groupID string, e *ipEntry) ipEntryJSON {
	out := ipEntryJSON{AWSSecurityGroup: e.AWSSecurityGroup, Comment: e.Comment, GroupID: groupID}
	if e.DeleteAfterDate != nil {
		d := e.DeleteAfterDate.UTC().Format(time.RFC3339)
		out.DeleteAfterDate = &d
	}
	value := e.AWSSecurityGroup
	if e.Prefix != "" {
		// IPv6 is written with all eight groups: the spec's cidrBlock
		// pattern allows "::" only at an address's end.
		p, _ := netip.ParsePrefix(e.Prefix)
		out.CIDRBlock = p.String()
		if p.Addr().Is6() {
			out.CIDRBlock = fmt.Sprintf("%s/%d", p.Addr().StringExpanded(), p.Bits())
		}
		if p.IsSingleIP() {
			out.IPAddress = p.Addr().String()
			if p.Addr().Is6() {
				out.IPAddress = p.Addr().StringExpanded()
			}
		}
		value = strings.Replace(out.CIDRBlock, "/", "%2F", 1)
	}
	out.Links = c.selfLink(fmt.Sprintf("/groups/%s/accessList/%s", groupID, value))
	return out
}

// decodeIPAccessList decodes the POST body: a JSON array of entries, each
// with exactly one of ipAddress, cidrBlock and awsSecurityGroup, an
// optional comment of at most 80 characters and an optional
// deleteAfterDate within the next week. Every violation is reported.
func decodeIPAccessList(data []byte, now time.Time) ([]*ipEntry, *errResp) {
	var raw []json.RawMessage
	if len(bytes.TrimSpace(data)) == 0 || json.Unmarshal(data, &raw) != nil || bytes.TrimSpace(data)[0] != '[' {
		return nil, newErr(http.StatusBadRequest, "INVALID_JSON",
			"The request body must be a JSON array of access list entries, each with ipAddress, cidrBlock or awsSecurityGroup.")
	}
	var out []*ipEntry
	var fields []fieldViolation
	bad := func(code, attr, field, format string, args ...any) {
		fields = append(fields, fieldViolation{Field: field, Description: fmt.Sprintf(format, args...), code: code, attr: attr})
	}
	for i, item := range raw {
		at := func(f string) string { return fmt.Sprintf("[%d].%s", i, f) }
		var m map[string]json.RawMessage
		if json.Unmarshal(item, &m) != nil || m == nil {
			bad(codeInvalidJSONAttribute, "entry", fmt.Sprintf("[%d]", i), "each entry must be an object")
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
			switch k {
			case "ipAddress", "cidrBlock", "awsSecurityGroup", "comment", "deleteAfterDate":
			case "groupId", "links":
				// Read-only fields of NetworkPermissionEntry are ignored.
			default:
				bad(codeInvalidAttribute, k, at(k), "unknown field %q", k)
			}
		}
		e := &ipEntry{}
		ip, hasIP := str("ipAddress")
		cidr, hasCIDR := str("cidrBlock")
		sg, hasSG := str("awsSecurityGroup")
		switch n := btoi(hasIP) + btoi(hasCIDR) + btoi(hasSG); {
		case n > 1:
			bad(codeInvalidAttribute, "ipAddress", at("ipAddress"), "set exactly one of ipAddress, cidrBlock and awsSecurityGroup")
		case n == 0:
			bad(codeMissingAttribute, "ipAddress", at("ipAddress"), "each entry needs ipAddress, cidrBlock or awsSecurityGroup")
		case hasIP:
			if a, msg := parseIPAddress(ip); msg != "" {
				bad(codeInvalidAttribute, "ipAddress", at("ipAddress"), "%s", msg)
			} else {
				e.Prefix = netip.PrefixFrom(a, a.BitLen()).String()
			}
		case hasCIDR:
			if p, msg := parseCIDRBlock(cidr); msg != "" {
				bad(codeInvalidAttribute, "cidrBlock", at("cidrBlock"), "%s", msg)
			} else {
				e.Prefix = p.String()
			}
		case hasSG:
			if !awsSecurityGroupPattern.MatchString(sg) {
				bad(codeInvalidAttribute, "awsSecurityGroup", at("awsSecurityGroup"),
					"%q is not an AWS security group ID such as sg-0123abcd or sg-0123456789abcdef0", sg)
			}
			e.AWSSecurityGroup = sg
		}
		if comment, ok := str("comment"); ok {
			if n := len([]rune(comment)); n > maxIPAccessCommentLength {
				bad(codeInvalidAttribute, "comment", at("comment"), "comment has %d characters; at most %d", n, maxIPAccessCommentLength)
			}
			e.Comment = comment
		}
		if v, ok := str("deleteAfterDate"); ok {
			t, err := time.Parse(time.RFC3339, v)
			switch {
			case err != nil:
				bad(codeInvalidAttribute, "deleteAfterDate", at("deleteAfterDate"), "%q is not an ISO 8601 date and time", v)
			case !t.After(now) || t.After(now.Add(maxIPAccessTemporary)):
				bad(codeInvalidAttribute, "deleteAfterDate", at("deleteAfterDate"),
					"%q must be later than now and no later than one week from now", v)
			case hasSG:
				bad(codeInvalidAttribute, "deleteAfterDate", at("deleteAfterDate"), "an AWS security group cannot be a temporary entry")
			default:
				t = t.UTC()
				e.DeleteAfterDate = &t
			}
		}
		out = append(out, e)
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

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// ipAccessListLocked returns the project's list after removing the
// temporary entries whose deleteAfterDate has passed by Atlas's clock.
func (c *reqCtx) ipAccessListLocked(groupID string) []*ipEntry {
	now := c.s.now()
	list := slices.DeleteFunc(c.s.st.ProjectAccessLists[groupID], func(e *ipEntry) bool {
		return e.DeleteAfterDate != nil && !e.DeleteAfterDate.After(now)
	})
	if c.s.st.ProjectAccessLists == nil {
		c.s.st.ProjectAccessLists = map[string][]*ipEntry{}
	}
	c.s.st.ProjectAccessLists[groupID] = list
	return list
}

// listIPAccessList is GET /groups/{groupId}/accessList.
func (c *reqCtx) listIPAccessList() {
	pg, e := parsePage(c.r)
	if e != nil {
		c.fail(e)
		return
	}
	var all []ipEntryJSON
	ok := c.withLock(func() *errResp {
		p, e := c.projectLocked()
		if e != nil {
			return e
		}
		for _, x := range c.ipAccessListLocked(p.ID) {
			all = append(all, c.ipEntryView(p.ID, x))
		}
		return nil
	})
	if ok {
		c.writeList(http.StatusOK, paginate(c, all, pg))
	}
}

// addIPAccessList is POST /groups/{groupId}/accessList. The spec says the
// endpoint "doesn't support concurrent POST requests": a POST that arrives
// while another POST for the same project is in flight changes nothing and
// is answered 500 UNEXPECTED_ERROR (doc.go says why). An entry the list
// already holds (10.0.0.1 and 10.0.0.1/32 are one) is updated: its comment
// and deleteAfterDate become the posted ones. New entries start PENDING.
func (c *reqCtx) addIPAccessList() {
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
	entries, e := decodeIPAccessList(data, c.s.now())
	if e != nil {
		c.fail(e)
		return
	}
	groupID := c.params["groupId"]
	if !c.s.ipAccess.begin(groupID) {
		c.fail(newErr(http.StatusInternalServerError, "UNEXPECTED_ERROR",
			fmt.Sprintf("Unexpected error: another request is changing the IP access list of group %s; send POST requests for one project one at a time.", groupID)))
		return
	}
	defer c.s.ipAccess.end(groupID)
	if hook := c.s.ipAccess.hook(); hook != nil {
		hook(groupID)
	}
	var all []ipEntryJSON
	ok := c.withLock(func() *errResp {
		p, e := c.projectLocked()
		if e != nil {
			return e
		}
		if c.s.opts.IPAccessNoAWSPeering {
			for _, x := range entries {
				if x.AWSSecurityGroup != "" {
					return newErr(http.StatusBadRequest, "NO_AWS_NETWORK_PEERING",
						fmt.Sprintf("Cannot add AWS security group %s to the IP access list of group %s: the project has no AWS network peering connection.", x.AWSSecurityGroup, p.ID),
						x.AWSSecurityGroup, p.ID)
				}
			}
		}
		list := c.ipAccessListLocked(p.ID)
		now := c.s.now()
		for _, x := range entries {
			i := slices.IndexFunc(list, func(y *ipEntry) bool { return y.key() == x.key() })
			if i >= 0 {
				list[i].Comment, list[i].DeleteAfterDate = x.Comment, x.DeleteAfterDate
				continue
			}
			x.WrittenAt = now
			x.PendingReads = c.s.opts.IPAccessPendingReads
			list = append(list, x)
		}
		c.s.st.ProjectAccessLists[p.ID] = list
		for _, x := range list {
			all = append(all, c.ipEntryView(p.ID, x))
		}
		return c.commitLocked()
	})
	if ok {
		c.writeList(http.StatusOK, paginate(c, all, pg))
	}
}

// findIPEntry finds the entry an {entryValue} names (already unescaped): a
// security group, an address or a block, compared as networks.
func findIPEntry(list []*ipEntry, v string) int {
	if strings.Contains(v, "sg-") {
		return slices.IndexFunc(list, func(e *ipEntry) bool { return e.AWSSecurityGroup == v })
	}
	p, ok := accessPathPrefix(v)
	if !ok {
		return -1
	}
	return slices.IndexFunc(list, func(e *ipEntry) bool { return e.Prefix == p.String() })
}

// ipEntryLocked returns the project's entry the path names, or answers 404
// ATLAS_NETWORK_PERMISSION_ENTRY_NOT_FOUND.
func (c *reqCtx) ipEntryLocked() (string, []*ipEntry, int, *errResp) {
	p, e := c.projectLocked()
	if e != nil {
		return "", nil, -1, e
	}
	v := c.params["entryValue"]
	list := c.ipAccessListLocked(p.ID)
	i := findIPEntry(list, v)
	if i < 0 {
		return p.ID, list, i, newErr(http.StatusNotFound, "ATLAS_NETWORK_PERMISSION_ENTRY_NOT_FOUND",
			fmt.Sprintf("IP Address %s not on Atlas access list for group %s.", v, p.ID), v, p.ID)
	}
	return p.ID, list, i, nil
}

// getIPAccessEntry is GET /groups/{groupId}/accessList/{entryValue}.
func (c *reqCtx) getIPAccessEntry() {
	var view ipEntryJSON
	ok := c.withLock(func() *errResp {
		groupID, list, i, e := c.ipEntryLocked()
		if e != nil {
			return e
		}
		view = c.ipEntryView(groupID, list[i])
		return nil
	})
	if ok {
		c.writeResource(http.StatusOK, view)
	}
}

// ipAccessStatus is GET /groups/{groupId}/accessList/{entryValue}/status:
// PENDING for the first Options.IPAccessPendingReads reads after the entry
// was added, and in any case until ipAccessActivation has passed by Atlas's
// clock unless those reads were made; ACTIVE after.
func (c *reqCtx) ipAccessStatus() {
	var status string
	ok := c.withLock(func() *errResp {
		_, list, i, e := c.ipEntryLocked()
		if e != nil {
			return e
		}
		x := list[i]
		switch {
		case x.PendingReads > 0 && c.s.now().Before(x.WrittenAt.Add(ipAccessActivation)):
			x.PendingReads--
			status = "PENDING"
		default:
			x.PendingReads = 0
			status = "ACTIVE"
		}
		return nil
	})
	if ok {
		c.writeResource(http.StatusOK, map[string]string{"STATUS": status})
	}
}

// deleteIPAccessEntry is DELETE /groups/{groupId}/accessList/{entryValue}.
func (c *reqCtx) deleteIPAccessEntry() {
	ok := c.withLock(func() *errResp {
		groupID, list, i, e := c.ipEntryLocked()
		if e != nil {
			return e
		}
		c.s.st.ProjectAccessLists[groupID] = slices.Delete(list, i, i+1)
		return c.commitLocked()
	})
	if ok {
		c.writeNoContent()
	}
}
