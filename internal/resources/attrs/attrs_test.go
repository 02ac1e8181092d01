package attrs

import (
	"context"
	"math/big"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

func TestRolesRoundTripSorted(t *testing.T) {
	t.Parallel()
	roles, diags := RolesFromSet(context.Background(), RolesToSet([]string{"GROUP_READ_ONLY", "GROUP_OWNER"}))
	if diags.HasError() || len(roles) != 2 || roles[0] != "GROUP_OWNER" || roles[1] != "GROUP_READ_ONLY" {
		t.Fatalf("roles = %v (%v); want them sorted, so that requests are stable", roles, diags)
	}
}

func TestSecretsToList_neverHoldsPlaintext(t *testing.T) {
	t.Parallel()
	used := "2025-01-02T00:00:00Z"
	list := SecretsToList([]client.ServiceAccountSecret{
		{ID: "a", CreatedAt: "2025-01-01T00:00:00Z", ExpiresAt: "2025-01-03T00:00:00Z", MaskedSecretValue: "mdb_sa_sk_...abcd", Secret: "plaintext", LastUsedAt: &used},
		{ID: "b", CreatedAt: "2025-01-01T00:00:00Z", ExpiresAt: "2025-01-03T00:00:00Z"},
	})
	if len(list.Elements()) != 2 {
		t.Fatalf("%d elements, want 2", len(list.Elements()))
	}
	first := list.Elements()[0].(types.Object).Attributes()
	if _, ok := first["secret"]; ok {
		t.Fatal("a secrets list element has a plaintext attribute")
	}
	if first["last_used_at"].(types.String).ValueString() != used || !list.Elements()[1].(types.Object).Attributes()["last_used_at"].IsNull() {
		t.Fatal("last_used_at is not carried, or not null when never used")
	}
	if first["masked_secret_value"].(types.String).ValueString() != "mdb_sa_sk_...abcd" || !list.Elements()[1].(types.Object).Attributes()["masked_secret_value"].IsNull() {
		t.Fatal("masked_secret_value is not carried, or not null when Atlas sent none (the answer to a create)")
	}
	if len(ResourceSecretAttributes()) != len(SecretObjectType.AttrTypes) || len(DataSourceSecretAttributes()) != len(SecretObjectType.AttrTypes) {
		t.Fatal("the schemas and the value type of a secret disagree")
	}
}

func TestHours(t *testing.T) {
	t.Parallel()
	if got := HoursValue(HoursNumber(720)); got != 720 {
		t.Fatalf("HoursValue(HoursNumber(720)) = %d", got)
	}
	if got := HoursValue(types.NumberNull()); got != 0 {
		t.Fatalf("HoursValue(null) = %d", got)
	}
	if got := HoursValue(types.NumberValue(big.NewFloat(24))); got != 24 {
		t.Fatalf("HoursValue(24) = %d", got)
	}
}
