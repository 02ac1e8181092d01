package diags

import (
	"errors"
	"strings"
	"testing"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/safeops"
)

// TestExistingDetail_saysWhyAndHowToAdopt: the detail says why the object
// was not taken over and, unless this configuration already manages it,
// how to import it, with the create's failure when there was one.
func TestExistingDetail_saysWhyAndHowToAdopt(t *testing.T) {
	t.Parallel()
	words := Existing{
		Found: "Thing t of project p already exists. ", Object: "thing", LostAnswer: "The answer was lost. ",
		TypeName: "atlasaccess_thing", ImportArg: "'p/$t'", ImportID: "p/$t", NextApply: "The next apply sets it.",
	}
	cases := map[string]struct {
		existing *safeops.ExistingError
		want     []string
		notWant  []string
	}{
		"held here": {
			existing: &safeops.ExistingError{HeldHere: true},
			want:     []string{"Thing t of project p already exists. ", "declare each thing once."},
			notWant:  []string{"terraform import"},
		},
		"after a lost answer": {
			existing: &safeops.ExistingError{AfterLostAnswer: true},
			want:     []string{"The answer was lost. To manage it", "terraform import atlasaccess_thing.<name> 'p/$t'", `id = "p/$t"`, "address. The next apply sets it."},
			notWant:  []string{"created outside", "The create failed"},
		},
		"created outside, with the create's failure": {
			existing: &safeops.ExistingError{Cause: errors.New("409 conflict")},
			want:     []string{"It was created outside this resource", "terraform import", "The create failed with: 409 conflict."},
		},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got := ExistingDetail(words, c.existing)
			for _, w := range c.want {
				if !strings.Contains(got, w) {
					t.Errorf("detail lacks %q:\n%s", w, got)
				}
			}
			for _, w := range c.notWant {
				if strings.Contains(got, w) {
					t.Errorf("detail says %q:\n%s", w, got)
				}
			}
		})
	}
}
