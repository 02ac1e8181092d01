package accesslist

import (
	"context"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

func set(t *testing.T, values ...string) types.Set {
	t.Helper()
	s, d := types.SetValueFrom(context.Background(), types.StringType, values)
	if d.HasError() {
		t.Fatal(d)
	}
	return s
}

func values(t *testing.T, s types.Set) []string {
	t.Helper()
	var out []string
	if d := s.ElementsAs(context.Background(), &out, false); d.HasError() {
		t.Fatal(d)
	}
	slices.Sort(out)
	return out
}

// A refresh keeps the configured spelling of every entry Atlas still
// holds, whichever spelling Atlas uses, and writes an entry added outside
// Terraform in canonical form.
func TestStateBlocks(t *testing.T) {
	t.Parallel()
	atlas := []client.AccessListEntry{
		{CIDRBlock: "10.0.0.1/32"},
		{IPAddress: "10.0.0.2"},
		{CIDRBlock: "2001:db8:0:0:0:0:0:1/128"},
		{CIDRBlock: "2001:db8:0:0:0:0:0:0/32"},
		{CIDRBlock: "0.0.0.0/0"},
		{IPAddress: "2001:db8:0:0:0:0:0:99"},
	}
	prior := []string{"10.0.0.1", "10.0.0.2/32", "2001:DB8::1", "2001:db8::/32", "192.168.0.0/16"}
	blocks, unparsed := stateBlocks(atlas, prior)
	got := values(t, blocks)
	want := []string{"0.0.0.0/0", "10.0.0.1", "10.0.0.2/32", "2001:DB8::1", "2001:db8::/32", "2001:db8::99/128"}
	if !slices.Equal(got, want) || len(unparsed) != 0 {
		t.Fatalf("stateBlocks = %q, unparsed %q; want %q and none", got, unparsed, want)
	}
}

// An entry Atlas returns that is neither an address nor a block is never
// stored: it is returned, to be reported, so that no plan ever removes it.
func TestStateBlocks_unparsedEntriesAreReportedNotStored(t *testing.T) {
	t.Parallel()
	atlas := []client.AccessListEntry{{CIDRBlock: "10.0.0.1/32"}, {CIDRBlock: "10.0.0.0/33"}, {IPAddress: "not-an-address"}}
	blocks, unparsed := stateBlocks(atlas, nil)
	if got := values(t, blocks); !slices.Equal(got, []string{"10.0.0.1/32"}) {
		t.Fatalf("stored %q, want only the block 10.0.0.1/32", got)
	}
	if want := []string{"10.0.0.0/33", "not-an-address"}; !slices.Equal(unparsed, want) {
		t.Fatalf("unparsed = %q, want %q", unparsed, want)
	}
}

// After an import (no prior spelling), Atlas's entries are written in
// canonical form.
func TestStateBlocks_import(t *testing.T) {
	t.Parallel()
	blocks, _ := stateBlocks([]client.AccessListEntry{{CIDRBlock: "10.0.0.1/32"}, {IPAddress: "fe80:0:0:0:0:0:0:1"}}, nil)
	got := values(t, blocks)
	if want := []string{"10.0.0.1/32", "fe80::1/128"}; !slices.Equal(got, want) {
		t.Fatalf("stateBlocks = %q, want %q", got, want)
	}
}

func TestConfiguredBlocks_sendsAtlasSpelling(t *testing.T) {
	t.Parallel()
	entries, d := configuredBlocks(context.Background(), set(t, "10.0.0.1", "10.1.0.0/16", "2001:DB8::1", "2001:db8::/48"))
	if d.HasError() {
		t.Fatal(d)
	}
	var got []string
	for _, e := range entries {
		if e.IPAddress != "" {
			t.Errorf("entry %+v sent as an address; every entry is sent as a block", e)
		}
		got = append(got, e.CIDRBlock)
	}
	slices.Sort(got)
	want := []string{"10.0.0.1/32", "10.1.0.0/16", "2001:db8:0:0:0:0:0:0/48", "2001:db8:0:0:0:0:0:1/128"}
	if !slices.Equal(got, want) {
		t.Fatalf("configuredBlocks = %q, want %q", got, want)
	}
}

// The plan keeps the prior set when the configuration only respells it, in
// either direction, and plans the configuration when a block changes.
func TestSameBlocksKeepState(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		config, state []string
		keepsState    bool
	}{
		"bare in config, block in state": {[]string{"10.0.0.1"}, []string{"10.0.0.1/32"}, true},
		"block in config, bare in state": {[]string{"10.0.0.1/32", "10.2.0.0/16"}, []string{"10.2.0.0/16", "10.0.0.1"}, true},
		"IPv6 case and zeros":            {[]string{"2001:DB8:0:0::1"}, []string{"2001:db8::1/128"}, true},
		"an entry added":                 {[]string{"10.0.0.1", "10.0.0.2"}, []string{"10.0.0.1/32"}, false},
		"an entry removed":               {[]string{"10.0.0.1"}, []string{"10.0.0.1/32", "0.0.0.0/0"}, false},
		"a different block":              {[]string{"10.0.0.0/24"}, []string{"10.0.0.0/16"}, false},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			plan, state := set(t, tc.config...), set(t, tc.state...)
			resp := &planmodifier.SetResponse{PlanValue: plan}
			sameBlocksKeepState{}.PlanModifySet(context.Background(), planmodifier.SetRequest{PlanValue: plan, StateValue: state, ConfigValue: plan}, resp)
			if got := resp.PlanValue.Equal(state); got != tc.keepsState {
				t.Fatalf("planned %v with state %v: kept state = %v, want %v", values(t, resp.PlanValue), tc.state, got, tc.keepsState)
			}
		})
	}
}

func TestSameBlocksKeepState_createAndUnknown(t *testing.T) {
	t.Parallel()
	plan := set(t, "10.0.0.1")
	resp := &planmodifier.SetResponse{PlanValue: plan}
	sameBlocksKeepState{}.PlanModifySet(context.Background(), planmodifier.SetRequest{PlanValue: plan, StateValue: types.SetNull(types.StringType)}, resp)
	if !resp.PlanValue.Equal(plan) {
		t.Errorf("a create planned %v, want the configuration", resp.PlanValue)
	}
	unknown := types.SetValueMust(types.StringType, []attr.Value{types.StringUnknown()})
	resp = &planmodifier.SetResponse{PlanValue: unknown}
	sameBlocksKeepState{}.PlanModifySet(context.Background(), planmodifier.SetRequest{PlanValue: unknown, StateValue: set(t, "10.0.0.1/32")}, resp)
	if !resp.PlanValue.Equal(unknown) {
		t.Errorf("an unknown entry planned %v, want it kept unknown", resp.PlanValue)
	}
}
