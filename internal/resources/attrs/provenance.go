package attrs

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// createdHereKey is the private-state key that records that the resource
// created its account, as opposed to importing one that existed.
const createdHereKey = "created_here"

// RecordCreatedHere records, at create, that the resource created its
// account. Private state travels with the resource instance in the state
// file (and through terraform state mv), and an import never has it.
func RecordCreatedHere(ctx context.Context, p PrivateState) diag.Diagnostics {
	return p.SetKey(ctx, createdHereKey, []byte("true"))
}

// CreatedHere reports whether the resource created its account. State
// written before the record existed counts as created here only with proof
// that only a create leaves: the initial secret's ID in private state, or
// the first secret's plaintext (secret). An import has neither; an account
// that an older version created without either record is read as imported,
// the safe reading, since its destroy then deletes less, never more.
func CreatedHere(ctx context.Context, p PrivateState, secret types.String) bool {
	if raw, d := p.GetKey(ctx, createdHereKey); !d.HasError() && string(raw) == "true" {
		return true
	}
	if RecordedInitialSecret(ctx, p) != "" {
		return true
	}
	return !secret.IsNull() && !secret.IsUnknown() && secret.ValueString() != ""
}
