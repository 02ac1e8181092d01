package serviceaccount

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

// The answer to a create carries no masked value: state holds null, not an
// empty string that every refresh would change.
func TestSetFromAPI_maskedValueNullUntilRead(t *testing.T) {
	t.Parallel()
	var m projectAccountModel
	m.setFromAPI("32b6e34b3d91647abb20e7b8", &client.ServiceAccount{
		ClientID: "mdb_sa_id_1234567890abcdef12345678", Name: "ci", Description: "d", Roles: []string{"GROUP_READ_ONLY"},
		CreatedAt: "2025-01-01T00:00:00Z",
		Secrets:   []client.ServiceAccountSecret{{ID: "s", CreatedAt: "2025-01-01T00:00:00Z", ExpiresAt: "2025-01-02T00:00:00Z", Secret: "mdb_sa_sk_plain"}},
	})
	secret := m.Secrets.Elements()[0].(types.Object).Attributes()
	if !secret["masked_secret_value"].IsNull() {
		t.Fatalf("masked_secret_value = %v after a create's answer, want null", secret["masked_secret_value"])
	}
}
