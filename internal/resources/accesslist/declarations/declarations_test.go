package declarations

import (
	"fmt"
	"maps"
	"slices"
	"testing"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/safeops"
)

func blocks(spellings ...string) []client.AccessListEntry {
	out := make([]client.AccessListEntry, len(spellings))
	for i, s := range spellings {
		out[i] = client.AccessListEntry{CIDRBlock: s}
	}
	return out
}

func spellings(entries []client.AccessListEntry) []string {
	out := make([]string, len(entries))
	for i, e := range entries {
		out[i] = safeops.EntrySpelling(e)
	}
	return out
}

// Declarations through one owner add up; through another owner they clash
// and change nothing.
func TestRegistry_Declare(t *testing.T) {
	t.Parallel()
	var r Registry
	p, o := client.ProjectOwner("p"), client.OrgOwner("o")
	if _, clash := r.Declare(p, "c", nil); clash {
		t.Fatal("first declaration (entries unknown) clashed")
	}
	if _, clash := r.Declare(p, "c", blocks("10.0.0.1/32")); clash {
		t.Fatal("the same owner's declaration clashed")
	}
	if _, clash := r.Declare(p, "c", blocks("10.0.0.1", "10.2.0.0/16")); clash {
		t.Fatal("the same owner's declaration clashed")
	}
	earlier, clash := r.Declare(o, "c", blocks("172.16.0.0/12"))
	if !clash || earlier != p {
		t.Fatalf("another owner's declaration: clash=%t earlier=%v, want a clash with %v", clash, earlier, p)
	}
	if got := spellings(r.Entries("c")); !slices.Equal(got, []string{"10.0.0.1/32", "10.2.0.0/16"}) {
		t.Fatalf("declared %q, want each block once, and nothing of the refused declaration", got)
	}
	if got := r.Entries("other"); got != nil {
		t.Fatalf("an undeclared account has declared entries %v", got)
	}
}

// Two registries (two configured providers) know nothing of each other.
func TestRegistry_separateProvidersDoNotClash(t *testing.T) {
	t.Parallel()
	var a, b Registry
	a.Declare(client.ProjectOwner("p"), "c", blocks("10.0.0.0/8"))
	if _, clash := b.Declare(client.OrgOwner("o"), "c", nil); clash {
		t.Fatal("a declaration in another registry clashed")
	}
	if got := b.Entries("c"); got != nil {
		t.Fatalf("the other registry holds entries %v", got)
	}
}

// A project's IP access list declared again with the same entries does not
// clash; with other entries or comments it does, and the earlier
// declaration is named.
func TestRegistry_DeclareProjectIPList(t *testing.T) {
	t.Parallel()
	var r Registry
	first := map[string]string{"10.1.0.0/16": "office", "sg:sg-0123abcd": ""}
	if _, clash := r.DeclareProjectIPList("p", first); clash {
		t.Fatal("first declaration clashed")
	}
	if _, clash := r.DeclareProjectIPList("p", map[string]string{"10.1.0.0/16": "office", "sg:sg-0123abcd": ""}); clash {
		t.Fatal("the same entries clashed")
	}
	if _, clash := r.DeclareProjectIPList("q", map[string]string{"192.0.2.0/24": ""}); clash {
		t.Fatal("another project's list clashed")
	}
	for name, tc := range map[string]struct {
		other map[string]string
		want  string
	}{
		"other entries":  {map[string]string{"192.0.2.0/24": ""}, "only the other declares 10.1.0.0/16, sg-0123abcd; only this one declares 192.0.2.0/24"},
		"other comment":  {map[string]string{"10.1.0.0/16": "home", "sg:sg-0123abcd": ""}, "the comment of 10.1.0.0/16 differs"},
		"an entry fewer": {map[string]string{"10.1.0.0/16": "office"}, "only the other declares sg-0123abcd"},
	} {
		earlier, clash := r.DeclareProjectIPList("p", tc.other)
		if got := DescribeIPListDifference(earlier, tc.other); !clash || got != tc.want {
			t.Errorf("%s: clash=%t, difference %q, want a clash described as %q", name, clash, got, tc.want)
		}
	}
}

// Two long lists that differ in one entry are described by that entry
// alone; many differences are counted past the first few.
func TestDescribeIPListDifference_namesOnlyWhatDiffers(t *testing.T) {
	t.Parallel()
	long := map[string]string{}
	for i := range 50 {
		long[fmt.Sprintf("10.0.%d.0/24", i)] = fmt.Sprintf("net %d", i)
	}
	fewer := maps.Clone(long)
	delete(fewer, "10.0.7.0/24")
	if got, want := DescribeIPListDifference(long, fewer), "only the other declares 10.0.7.0/24"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got, want := DescribeIPListDifference(long, nil), "only the other declares 10.0.0.0/24, 10.0.1.0/24, 10.0.10.0/24, 10.0.11.0/24, 10.0.12.0/24 and 45 more"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
