package projectuserinvite

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/owner"
)

var _ resource.ResourceWithIdentity = (*projectUserInviteResource)(nil)

// identityAttrs are the identity of a project user: the import ID
// project_id/username (the user ID form of the import ID is not an identity:
// terraform query and import blocks name people by email).
var identityAttrs = owner.Project.IdentityAttrs("username")

// IdentitySchema is the user's import ID as an identity: project_id and
// username.
func (r *projectUserInviteResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = owner.Project.IdentitySchema(identityAttrs)
}
