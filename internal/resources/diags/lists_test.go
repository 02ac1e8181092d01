package diags

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
)

func TestProgress(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		added, updated, removed []string
		want                    string
	}{
		"nothing":   {want: ""},
		"added":     {added: []string{"10.0.0.0/8"}, want: " Before that, the apply added 10.0.0.0/8."},
		"all three": {added: []string{"a", "b"}, updated: []string{"c"}, removed: []string{"d"}, want: " Before that, the apply added a, b and updated c and removed d."},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if got := Progress(tc.added, tc.updated, tc.removed); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestAdmitsEveryAddress(t *testing.T) {
	t.Parallel()
	for block, want := range map[string]string{"0.0.0.0/0": "IPv4", "::/0": "IPv6", "0::0/0": "IPv6", "10.0.0.0/8": "", "0.0.0.0": "", "junk": ""} {
		family, open := AdmitsEveryAddress(block)
		if family != want || open != (want != "") {
			t.Errorf("%s: %q %t, want %q", block, family, open, want)
		}
	}
	if Plural(1, "entry", "entries") != "1 entry" || Plural(3, "entry", "entries") != "3 entries" {
		t.Error("Plural")
	}
}

// The warning about entries added outside Terraform speaks of one entry
// as "it" and of several as "them".
func TestWarnAddedOutsideTerraform_grammar(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		values    []string
		want, not []string
	}{
		"one entry": {values: []string{"0.0.0.0/0"},
			want: []string{"holds 1 entry that", ": 0.0.0.0/0.", "the apply removes it.", "still need it, add it to entries", "if it was added by mistake (or was never"},
			not:  []string{"them", "they"}},
		"two entries": {values: []string{"0.0.0.0/0", "sg-0123abcd"},
			want: []string{"holds 2 entries that", ": 0.0.0.0/0, sg-0123abcd.", "the apply removes them.", "still need them, add them to entries", "if they were added by mistake (or were never"}},
		"none": {},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var d diag.Diagnostics
			WarnAddedOutsideTerraform(&d, "entries", "the IP access list of project P", tc.values)
			if len(tc.values) == 0 {
				if len(d) != 0 {
					t.Fatalf("warned about nothing: %v", d)
				}
				return
			}
			if len(d) != 1 {
				t.Fatalf("got %d diagnostics, want 1", len(d))
			}
			detail := d[0].Detail()
			if !strings.HasPrefix(detail, "The IP access list of project P holds") {
				t.Errorf("detail %q does not start by naming the list", detail)
			}
			for _, w := range tc.want {
				if !strings.Contains(detail, w) {
					t.Errorf("detail %q lacks %q", detail, w)
				}
			}
			for _, n := range tc.not {
				if strings.Contains(detail, n) {
					t.Errorf("detail %q holds %q", detail, n)
				}
			}
		})
	}
}
