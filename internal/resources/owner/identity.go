package owner

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Resource identity (Terraform 1.12+): every resource's identity is the
// attributes of its import ID, in the same order, so that
// `import { identity = {...} }` and `terraform query` name an object exactly
// as an import ID does.

// identityDescriptions describe the identity attributes the resources use.
var identityDescriptions = map[string]string{
	"client_id": "Client ID of the service account, such as mdb_sa_id_1234567890abcdef12345678.",
	"secret_id": "ID of the secret, 24 hexadecimal digits.",
	"username":  "Email address of the person.",
}

// IdentityAttrs are the identity attributes of a resource of this owner
// whose import ID is owner_id/rest...: the owner attribute, then rest.
func (k Kind) IdentityAttrs(rest ...string) []string {
	return append([]string{k.Attr}, rest...)
}

// IdentitySchema is the identity schema made of the attributes names, each a
// string required for import.
func (k Kind) IdentitySchema(names []string) identityschema.Schema {
	attrs := make(map[string]identityschema.Attribute, len(names))
	for _, name := range names {
		desc := identityDescriptions[name]
		if name == k.Attr {
			desc = "ID of the " + k.Word + ", 24 hexadecimal digits."
		}
		attrs[name] = identityschema.StringAttribute{RequiredForImport: true, Description: desc}
	}
	return identityschema.Schema{Attributes: attrs}
}

// SetIdentity sets identity (when Terraform has one: 1.12 and later) from
// the first of from that holds an object: each identity attribute takes the
// state attribute of the same name, when known. Call it deferred at the top of
// Create, Read and Update, with resp.State first and, in Read, req.State
// after it, so that a read that removes the object still answers with the
// identity Terraform knew.
func SetIdentity(ctx context.Context, identity *tfsdk.ResourceIdentity, d *diag.Diagnostics, from ...*tfsdk.State) {
	if identity == nil || d.HasError() {
		return
	}
	for _, state := range from {
		if state == nil || state.Raw.IsNull() || !state.Raw.IsKnown() {
			continue
		}
		for name := range identity.Schema.GetAttributes() {
			var v types.String
			if diags := state.GetAttribute(ctx, path.Root(name), &v); diags.HasError() || v.IsNull() || v.IsUnknown() {
				continue
			}
			d.Append(identity.SetAttribute(ctx, path.Root(name), v)...)
		}
		return
	}
}

// RequestedImportID is the import ID of an import request: its ID, or, for an import
// by identity, the identity's attributes names joined by "/" in order.
func RequestedImportID(ctx context.Context, req resource.ImportStateRequest, names []string) (string, diag.Diagnostics) {
	if req.ID != "" || req.Identity == nil {
		return req.ID, nil
	}
	var d diag.Diagnostics
	parts := make([]string, len(names))
	for i, name := range names {
		var v types.String
		d.Append(req.Identity.GetAttribute(ctx, path.Root(name), &v)...)
		if d.HasError() {
			return "", d
		}
		if v.IsNull() || v.IsUnknown() || v.ValueString() == "" {
			d.AddAttributeError(path.Root(name), "Missing Identity Attribute",
				fmt.Sprintf("Import by identity needs every attribute of the identity: %s. %s is not set.", strings.Join(names, ", "), name))
			return "", d
		}
		parts[i] = v.ValueString()
	}
	return strings.Join(parts, "/"), d
}
