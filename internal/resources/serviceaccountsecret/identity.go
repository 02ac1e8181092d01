package serviceaccountsecret

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"
)

var _ resource.ResourceWithIdentity = (*secretResource)(nil)

// IdentitySchema is the secret's import ID as an identity: project_id or
// org_id, client_id and secret_id.
func (r *secretResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = r.kind.IdentitySchema(r.kind.IdentityAttrs("client_id", "secret_id"))
}
