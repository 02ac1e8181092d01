package diags

import "testing"

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
