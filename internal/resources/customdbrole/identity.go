package customdbrole

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/owner"
)

var _ resource.ResourceWithIdentity = (*customRoleResource)(nil)

// identityAttrs are the identity of a custom role: the import ID
// project_id/role_name.
var identityAttrs = owner.Project.IdentityAttrs("role_name")

// IdentitySchema is the role's import ID as an identity.
func (r *customRoleResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	s := owner.Project.IdentitySchema(identityAttrs)
	s.Attributes["role_name"] = identityschema.StringAttribute{RequiredForImport: true, Description: "Name of the custom role."}
	resp.IdentitySchema = s
}
