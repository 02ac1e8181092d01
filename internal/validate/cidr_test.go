package validate

import (
	"context"
	"net/netip"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// atlasCIDRBlockPattern is the pattern of ServiceAccountIPAccessListEntry's
// cidrBlock in the Atlas Admin API v2 spec.
var atlasCIDRBlockPattern = regexp.MustCompile(`^((([0-9]{1,3}\.){3}[0-9]{1,3})|(:{0,2}([0-9a-f]{1,4}:){0,7}[0-9a-f]{1,4}[:]{0,2}))((%2[fF]|/)[0-9]{1,3})+$`)

func TestCanonicalCIDR(t *testing.T) {
	t.Parallel()
	cases := map[string]string{
		"10.0.0.1":                  "10.0.0.1/32",
		"10.0.0.1/32":               "10.0.0.1/32",
		"10.0.0.0/24":               "10.0.0.0/24",
		"0.0.0.0/0":                 "0.0.0.0/0",
		"2001:db8::1":               "2001:db8::1/128",
		"2001:DB8:0:0:0:0:0:1":      "2001:db8::1/128",
		"2001:0db8:0000::0001/128":  "2001:db8::1/128",
		"2001:db8::/32":             "2001:db8::/32",
		"2001:DB8::/32":             "2001:db8::/32",
		"::/0":                      "::/0",
		"::1":                       "::1/128",
		"fe80:0:0:0:0:0:0:0/10":     "fe80::/10",
		"255.255.255.255":           "255.255.255.255/32",
		"192.168.100.128/25":        "192.168.100.128/25",
		"2001:db8:1234:5678::/64":   "2001:db8:1234:5678::/64",
		"2001:db8:0:0:1:0:0:1/128":  "2001:db8::1:0:0:1/128",
		"2001:db8:aaaa:bbbb::/64":   "2001:db8:aaaa:bbbb::/64",
		"2001:DB8:AAAA:BBBB:0::/64": "2001:db8:aaaa:bbbb::/64",
	}
	for in, want := range cases {
		got, err := CanonicalCIDR(in)
		if err != nil || got != want {
			t.Errorf("CanonicalCIDR(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
}

func TestParseCIDR_rejects(t *testing.T) {
	t.Parallel()
	cases := map[string][]string{
		"10.0.0.1/24":         {"host bits set", `"10.0.0.1/24"`, "10.0.0.0/24", "10.0.0.1 alone"},
		"2001:db8::1/32":      {"host bits set", "2001:db8::/32"},
		"10.0.0.256":          {CIDRForm, `got: "10.0.0.256"`},
		"10.0.0":              {CIDRForm},
		"010.0.0.1":           {CIDRForm},
		"10.0.0.1/33":         {CIDRForm},
		"10.0.0.1/":           {CIDRForm},
		"10.0.0.1/-1":         {CIDRForm},
		"2001:db8::/129":      {CIDRForm},
		" 10.0.0.1":           {CIDRForm},
		"10.0.0.1 ":           {CIDRForm},
		"":                    {CIDRForm},
		"localhost":           {CIDRForm},
		"fe80::1%eth0":        {CIDRForm},
		"fe80::%eth0/64":      {CIDRForm},
		"::ffff:10.0.0.1":     {"IPv4-mapped", "10.0.0.1 instead"},
		"::ffff:10.0.0.0/120": {"IPv4-mapped"},
		"10.0.0.1/32/32":      {CIDRForm},
		"10.0.0.1%2F32":       {CIDRForm},
	}
	for in, want := range cases {
		_, err := ParseCIDR(in)
		if err == nil {
			t.Errorf("ParseCIDR(%q) accepted it", in)
			continue
		}
		for _, w := range want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("ParseCIDR(%q) = %q, want it to contain %q", in, err, w)
			}
		}
	}
}

// The spelling sent to Atlas must pass Atlas's cidrBlock pattern, which
// allows "::" only at either end of an IPv6 address.
func TestAtlasCIDR(t *testing.T) {
	t.Parallel()
	cases := map[string]string{
		"10.0.0.1":            "10.0.0.1/32",
		"10.0.0.0/8":          "10.0.0.0/8",
		"2001:db8::1":         "2001:db8:0:0:0:0:0:1/128",
		"2001:db8::/32":       "2001:db8:0:0:0:0:0:0/32",
		"::/0":                "0:0:0:0:0:0:0:0/0",
		"::1":                 "0:0:0:0:0:0:0:1/128",
		"fe80:abcd::ff00/120": "fe80:abcd:0:0:0:0:0:ff00/120",
	}
	for in, want := range cases {
		p, err := ParseCIDR(in)
		if err != nil {
			t.Fatal(err)
		}
		got := AtlasCIDR(p)
		if got != want {
			t.Errorf("AtlasCIDR(%q) = %q, want %q", in, got, want)
		}
		if !atlasCIDRBlockPattern.MatchString(got) {
			t.Errorf("AtlasCIDR(%q) = %q fails Atlas's cidrBlock pattern", in, got)
		}
		if back, err := ParseCIDR(got); err != nil || back != p {
			t.Errorf("AtlasCIDR(%q) = %q reads back as %v, %v", in, got, back, err)
		}
	}
}

func TestCIDRBlocks(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		blocks  []string
		wantErr []string // nil means none
	}{
		"one address": {[]string{"10.0.0.1"}, nil},
		"mixed":       {[]string{"10.0.0.1", "10.1.0.0/16", "2001:db8::/48", "2001:db8:1::1"}, nil},
		"empty": {[]string{}, []string{"Empty API Access List", "cidr_blocks must hold at least one", "no restriction",
			"destroy this resource"}},
		"host bits": {[]string{"10.0.0.1", "10.0.0.1/24"},
			[]string{"Invalid API Access List Entry", `cidr_blocks[Value("10.0.0.1/24")]`, "host bits", "10.0.0.0/24"}},
		"not an address": {[]string{"10.0.0.300"},
			[]string{`cidr_blocks[Value("10.0.0.300")]`, CIDRForm, `got: "10.0.0.300"`}},
		"bare and /32 of one address": {[]string{"10.0.0.1", "10.0.0.1/32"},
			[]string{"Duplicate API Access List Entry", `"10.0.0.1"`, `"10.0.0.1/32"`, "10.0.0.1/32: keep one"}},
		"two spellings of one IPv6 block": {[]string{"2001:DB8::/32", "2001:db8:0::/32"},
			[]string{"Duplicate API Access List Entry", "2001:db8::/32: keep one"}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			ds := runCIDRBlocks(t, tc.blocks...)
			errs := details(ds.Errors())
			if (errs == "") != (tc.wantErr == nil) {
				t.Fatalf("errors: got %q, want %q", errs, tc.wantErr)
			}
			for _, w := range tc.wantErr {
				if !strings.Contains(errs, w) {
					t.Errorf("errors %q do not contain %q", errs, w)
				}
			}
		})
	}
}

// runCIDRBlocks runs CIDRBlocks on blocks as the attribute cidr_blocks.
func runCIDRBlocks(t *testing.T, blocks ...string) diag.Diagnostics {
	t.Helper()
	set, d := types.SetValueFrom(context.Background(), types.StringType, blocks)
	if d.HasError() {
		t.Fatal(d)
	}
	var out diag.Diagnostics
	for _, v := range CIDRBlocks() {
		resp := &validator.SetResponse{}
		v.ValidateSet(context.Background(), validator.SetRequest{Path: path.Root("cidr_blocks"), ConfigValue: set}, resp)
		out.Append(resp.Diagnostics...)
	}
	return out
}

// FuzzCIDR: whatever ParseCIDR accepts has one canonical spelling that
// reads back as the same block, and an Atlas spelling that passes Atlas's
// pattern and reads back as the same block too.
func FuzzCIDR(f *testing.F) {
	for _, s := range []string{"10.0.0.1", "10.0.0.0/24", "10.0.0.1/24", "2001:db8::1", "::/0", "::ffff:1.2.3.4", "fe80::1%eth0", "1.2.3.4/33"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ParseCIDR(s)
		if err != nil {
			return
		}
		if p != p.Masked() || !p.IsValid() {
			t.Fatalf("ParseCIDR(%q) = %v, not a masked block", s, p)
		}
		canonical := p.String()
		if back, err := ParseCIDR(canonical); err != nil || back != p {
			t.Fatalf("canonical %q of %q reads back as %v, %v", canonical, s, back, err)
		}
		atlas := AtlasCIDR(p)
		if !atlasCIDRBlockPattern.MatchString(atlas) {
			t.Fatalf("Atlas spelling %q of %q fails Atlas's pattern", atlas, s)
		}
		if back, err := ParseCIDR(atlas); err != nil || back != p {
			t.Fatalf("Atlas spelling %q of %q reads back as %v, %v", atlas, s, back, err)
		}
		if want, _ := netip.ParsePrefix(canonical); want != p {
			t.Fatalf("canonical %q is not %v", canonical, p)
		}
	})
}
