package owner

import (
	"strings"
	"testing"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

func TestKind_namesAndOwners(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		kind      Kind
		wantWhat  string
		wantOwner client.Owner
	}{
		"project":      {Project, "service account mdb_sa_id_1 of project p1", client.ProjectOwner("p1")},
		"organization": {Org, "service account mdb_sa_id_1 of organization p1", client.OrgOwner("p1")},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if got := c.kind.What("p1", "mdb_sa_id_1"); got != c.wantWhat {
				t.Errorf("What = %q, want %q", got, c.wantWhat)
			}
			if got := c.kind.Owner("p1"); got != c.wantOwner {
				t.Errorf("Owner = %+v, want %+v", got, c.wantOwner)
			}
			// The message names the owner as the client's requests do.
			if got, want := c.kind.Of("p1"), c.wantOwner.String(); got != want {
				t.Errorf("Of = %q, want %q", got, want)
			}
			if _, _, err := c.kind.ParseClientID(c.kind.ExampleID + "/mdb_sa_id_1234567890abcdef12345678"); err != nil {
				t.Errorf("the example ID does not parse: %v", err)
			}
		})
	}
}

func TestKind_ParseClientIDNamesTheOwnerAttribute(t *testing.T) {
	t.Parallel()
	for _, k := range []Kind{Project, Org} {
		_, _, err := k.ParseClientID("my-owner/mdb_sa_id_1234567890abcdef12345678")
		if err == nil || !strings.Contains(err.Error(), k.Attr+` "my-owner"`) {
			t.Errorf("%s: error %v, want one naming %s", k.Word, err, k.Attr)
		}
	}
}

// Moved from serviceaccountsecret (parseImportID): the same checks.
func TestParseSecretID(t *testing.T) {
	t.Parallel()
	const good = "32b6e34b3d91647abb20e7b8/mdb_sa_id_0123456789abcdef01234567/aaaaaaaaaaaaaaaaaaaaaaaa"
	if o, c, s, err := Org.ParseSecretID(good); err != nil || o != "32b6e34b3d91647abb20e7b8" || c != "mdb_sa_id_0123456789abcdef01234567" || s != "aaaaaaaaaaaaaaaaaaaaaaaa" {
		t.Fatalf("ParseSecretID(%q) = %q, %q, %q, %v", good, o, c, s, err)
	}
	for id, want := range map[string]string{
		"32b6e34b3d91647abb20e7b8/mdb_sa_id_0123456789abcdef01234567":        "org_id/client_id/secret_id",
		"my-org/mdb_sa_id_0123456789abcdef01234567/aaaaaaaaaaaaaaaaaaaaaaaa": `org_id "my-org"`,
		"32b6e34b3d91647abb20e7b8/someone/aaaaaaaaaaaaaaaaaaaaaaaa":          `client_id "someone"`,
		"32b6e34b3d91647abb20e7b8/mdb_sa_id_0123456789abcdef01234567/AAAA":   `secret_id "AAAA"`,
	} {
		if _, _, _, err := Org.ParseSecretID(id); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseSecretID(%q) error %v, want one mentioning %s", id, err, want)
		}
	}
}
