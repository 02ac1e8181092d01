package accesslist

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"
)

var _ resource.ResourceWithIdentity = (*listResource)(nil)

// IdentitySchema is the list's import ID as an identity: project_id or
// org_id, and the client_id of the account the list belongs to.
func (r *listResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = r.kind.IdentitySchema(r.kind.IdentityAttrs("client_id"))
}
