package projectserviceaccountassignment

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/owner"
)

var _ resource.ResourceWithIdentity = (*assignmentResource)(nil)

// IdentitySchema is the assignment's import ID as an identity: project_id
// and client_id.
func (r *assignmentResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = owner.Project.IdentitySchema(owner.Project.IdentityAttrs("client_id"))
}
