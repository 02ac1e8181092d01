package validate

import (
	"context"
	"fmt"
	"net/netip"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// CIDRForm says in words what an API access list entry may be, for
// diagnostics and attribute documentation.
const CIDRForm = "an IPv4 or IPv6 address (10.0.0.1, 2001:db8::1) or CIDR block (10.0.0.0/24, 2001:db8::/48)"

// ParseCIDR reads s, an IPv4 or IPv6 address or CIDR block, as the block it
// stands for: a bare address is a block of one address (/32 for IPv4, /128
// for IPv6). It refuses what Atlas cannot store or would read differently:
// a block with host bits set (the error gives the block it denotes), a zone
// (fe80::1%eth0), an IPv4-mapped IPv6 address, and anything net/netip does
// not accept, such as IPv4 octets with leading zeros (which some tools read
// as octal) or surrounding spaces.
func ParseCIDR(s string) (netip.Prefix, error) {
	var p netip.Prefix
	if strings.Contains(s, "/") {
		var err error
		if p, err = netip.ParsePrefix(s); err != nil {
			return netip.Prefix{}, fmt.Errorf("must be %s, got: %q", CIDRForm, s)
		}
	} else {
		a, err := netip.ParseAddr(s)
		if err != nil || a.Zone() != "" {
			return netip.Prefix{}, fmt.Errorf("must be %s, got: %q", CIDRForm, s)
		}
		p = netip.PrefixFrom(a, a.BitLen())
	}
	if p.Addr().Is4In6() {
		return netip.Prefix{}, fmt.Errorf("must be %s, got the IPv4-mapped IPv6 address %q: write the IPv4 form %s instead",
			CIDRForm, s, p.Addr().Unmap())
	}
	if m := p.Masked(); m != p {
		return netip.Prefix{}, fmt.Errorf("must be a CIDR block without host bits set, got: %q; the block it falls in is %s "+
			"(or write %s alone for that single address)", s, m, p.Addr())
	}
	return p, nil
}

// CanonicalCIDR is the canonical spelling of the entry s names: a CIDR
// block with its prefix length, lower-case and zero-compressed for IPv6
// (10.0.0.1 is 10.0.0.1/32, 2001:DB8:0::1 is 2001:db8::1/128). Two
// spellings of one entry have the same canonical spelling.
func CanonicalCIDR(s string) (string, error) {
	p, err := ParseCIDR(s)
	if err != nil {
		return "", err
	}
	return p.String(), nil
}

// AtlasCIDR spells p as Atlas's cidrBlock pattern accepts it. That pattern
// allows "::" only at the start or end of an IPv6 address, so 2001:db8::1
// would fail it; every IPv6 address is therefore written with all eight
// groups (2001:db8:0:0:0:0:0:1/128), which the pattern always accepts.
func AtlasCIDR(p netip.Prefix) string {
	if p.Addr().Is4() {
		return p.String()
	}
	b := p.Addr().As16()
	groups := make([]string, 8)
	for i := range groups {
		groups[i] = fmt.Sprintf("%x", uint16(b[2*i])<<8|uint16(b[2*i+1]))
	}
	return strings.Join(groups, ":") + fmt.Sprintf("/%d", p.Bits())
}

// CIDRBlocksDescription is the rule of CIDRBlocks in words.
const CIDRBlocksDescription = "at least one entry, each " + CIDRForm + ", no entry twice"

// EmptyAccessListDetail explains why an access list may not be empty.
const EmptyAccessListDetail = "In Atlas an API access list with no entries means no restriction: the account may call " +
	"the API from any address. To lift the restriction, destroy this resource (remove it from the configuration, or " +
	"terraform destroy -target it) instead of emptying the list."

// CIDRBlocks validates a set of API access list entries: at least one
// entry (an empty list means no restriction in Atlas), each an address or
// CIDR block without host bits, and no entry written twice in two
// spellings (10.0.0.1 and 10.0.0.1/32), which Terraform would otherwise
// keep as two elements of one entry.
func CIDRBlocks() []validator.Set { return []validator.Set{cidrBlocksValidator{}} }

type cidrBlocksValidator struct{}

var _ validator.Set = cidrBlocksValidator{}

func (cidrBlocksValidator) Description(context.Context) string {
	return "set must hold " + CIDRBlocksDescription
}

func (v cidrBlocksValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (cidrBlocksValidator) ValidateSet(_ context.Context, req validator.SetRequest, resp *validator.SetResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	elems := req.ConfigValue.Elements()
	if len(elems) == 0 {
		resp.Diagnostics.AddAttributeError(req.Path, "Empty API Access List",
			fmt.Sprintf("Attribute %s must hold at least one address or CIDR block, got an empty set. %s", req.Path, EmptyAccessListDetail))
		return
	}
	seen := map[netip.Prefix]string{}
	for _, e := range elems {
		s, ok := e.(types.String)
		if !ok || s.IsNull() || s.IsUnknown() {
			continue
		}
		p, err := ParseCIDR(s.ValueString())
		if err != nil {
			resp.Diagnostics.AddAttributeError(req.Path.AtSetValue(e), "Invalid API Access List Entry",
				fmt.Sprintf("Attribute %s %s", req.Path.AtSetValue(e), err))
			continue
		}
		if first, dup := seen[p]; dup {
			resp.Diagnostics.AddAttributeError(req.Path.AtSetValue(e), "Duplicate API Access List Entry",
				fmt.Sprintf("Attribute %s holds %q and %q, two spellings of the entry %s: keep one of them.", req.Path, first, s.ValueString(), p))
			continue
		}
		seen[p] = s.ValueString()
	}
}
