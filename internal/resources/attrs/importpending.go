package attrs

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// importPendingKey marks, in private state, a resource whose import has not
// been read yet.
const importPendingKey = "import_pending"

// MarkImportPending records in an import's private state that the object has
// not been read yet, so that Read reports a missing object as an import
// error in the provider's own words instead of a removal.
func MarkImportPending(ctx context.Context, private PrivateState, d *diag.Diagnostics) {
	d.Append(private.SetKey(ctx, importPendingKey, []byte("true"))...)
}

// ImportPending reports whether this Read is the first after an import, and
// clears the mark in the response's private state.
func ImportPending(ctx context.Context, req, resp PrivateState, d *diag.Diagnostics) bool {
	v, got := req.GetKey(ctx, importPendingKey)
	d.Append(got...)
	if len(v) == 0 {
		return false
	}
	d.Append(resp.SetKey(ctx, importPendingKey, nil)...)
	return true
}
