package orguser

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/owner"
)

var _ resource.ResourceWithIdentity = (*orgUserResource)(nil)

// identityAttrs are the identity of an organization user: the import ID
// org_id/username.
var identityAttrs = owner.Org.IdentityAttrs("username")

// IdentitySchema is the user's import ID as an identity: org_id and
// username.
func (r *orgUserResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = owner.Org.IdentitySchema(identityAttrs)
}
