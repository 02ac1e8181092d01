package acctest

import (
	"strings"
	"testing"
)

func TestResource(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		attrs Attrs
		want  string
	}{
		"every kind of value": {
			attrs: Attrs{
				"roles": []string{"GROUP_OWNER", "GROUP_READ_ONLY"}, "name": `say "hi"`, "project_id": "p",
				"keep_in_organization": true, "secret_expires_after_hours": 24, "count": 2,
			},
			want: `
resource "atlasaccess_project_service_account" "test" {
  count                      = 2
  project_id                 = "p"
  name                       = "say \"hi\""
  roles                      = ["GROUP_OWNER", "GROUP_READ_ONLY"]
  secret_expires_after_hours = 24
  keep_in_organization       = true
}
`,
		},
		"expression and empty list": {
			attrs: Attrs{"client_id": Expr("x.y.client_id"), "roles": []string{}, "zeta": "z", "alpha": "a"},
			want: `
resource "atlasaccess_project_service_account" "test" {
  client_id = x.y.client_id
  roles     = []
  alpha     = "a"
  zeta      = "z"
}
`,
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if got := Resource(ServiceAccountType, "test", tc.attrs); got != tc.want {
				t.Fatalf("got:\n%s\nwant:\n%s", got, tc.want)
			}
		})
	}
}

// TestInvalidInputsAreWellFormed checks the shared definitions themselves:
// each case replaces an attribute the valid block has, with another value,
// under a name no other case of its resource uses.
func TestInvalidInputsAreWellFormed(t *testing.T) {
	t.Parallel()
	const projectID = "32b6e34b3d91647abb20e7b8"
	for _, s := range AllInvalidInputs() {
		valid := s.Valid(projectID)
		names := map[string]bool{}
		for _, c := range s.Cases {
			if names[c.Name] {
				t.Errorf("%s: two cases are named %q", s.Type, c.Name)
			}
			names[c.Name] = true
			good, ok := valid[c.Attr]
			switch {
			case !ok:
				t.Errorf("%s %q: attribute %s is not in the valid block", s.Type, c.Name, c.Attr)
			case hclValue(good) == hclValue(c.Value):
				t.Errorf("%s %q: the bad value is the valid one", s.Type, c.Name)
			case len(c.Want) == 0 || !strings.Contains(strings.Join(c.Want, " "), c.Attr):
				t.Errorf("%s %q: the wanted error %q does not name %s", s.Type, c.Name, c.Want, c.Attr)
			case !strings.Contains(s.Config(projectID, c), c.Attr+" "):
				t.Errorf("%s %q: the configuration lacks %s", s.Type, c.Name, c.Attr)
			}
		}
	}
}
