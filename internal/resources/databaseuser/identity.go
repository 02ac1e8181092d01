package databaseuser

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/owner"
)

var _ resource.ResourceWithIdentity = (*databaseUserResource)(nil)

// identityAttrs are the identity of a database user: the import ID
// project_id/auth_database/username.
var identityAttrs = owner.Project.IdentityAttrs("auth_database", "username")

// IdentitySchema is the user's import ID as an identity.
func (r *databaseUserResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	s := owner.Project.IdentitySchema(identityAttrs)
	s.Attributes["auth_database"] = identityschema.StringAttribute{RequiredForImport: true, Description: "Authentication database: admin or $external."}
	s.Attributes["username"] = identityschema.StringAttribute{RequiredForImport: true, Description: "Username of the database user, as Atlas holds it (an ARN for AWS IAM)."}
	resp.IdentitySchema = s
}
