package serviceaccount

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"
)

var (
	_ resource.ResourceWithIdentity = (*projectAccountResource)(nil)
	_ resource.ResourceWithIdentity = (*orgAccountResource)(nil)
)

// IdentitySchema is the account's import ID as an identity: project_id or
// org_id, and client_id.
func (r *accountResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = r.kind.IdentitySchema(r.kind.IdentityAttrs("client_id"))
}
