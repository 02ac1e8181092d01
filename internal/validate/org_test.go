package validate

import (
	"strings"
	"testing"
)

func TestParseOrgClientID(t *testing.T) {
	t.Parallel()
	const org, client = "5f1e2d3c4b5a69788796a5b4", "mdb_sa_id_1234567890abcdef12345678"
	cases := map[string]struct {
		id, wantErr string
	}{
		"valid":               {id: org + "/" + client},
		"one part":            {id: org, wantErr: "org_id/client_id"},
		"three parts":         {id: org + "/" + client + "/x", wantErr: "org_id/client_id"},
		"organization upper":  {id: strings.ToUpper(org) + "/" + client, wantErr: "org_id"},
		"client ID malformed": {id: org + "/mdb_sa_id_12", wantErr: "client_id"},
		"swapped":             {id: client + "/" + org, wantErr: "org_id"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			gotOrg, gotClient, err := ParseOrgClientID(c.id)
			switch {
			case c.wantErr == "" && (err != nil || gotOrg != org || gotClient != client):
				t.Fatalf("ParseOrgClientID(%q) = %q, %q, %v", c.id, gotOrg, gotClient, err)
			case c.wantErr != "" && (err == nil || !strings.Contains(err.Error(), c.wantErr)):
				t.Fatalf("ParseOrgClientID(%q) error = %v, want one naming %s", c.id, err, c.wantErr)
			}
		})
	}
}
