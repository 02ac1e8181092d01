package projectteam

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/owner"
)

var _ resource.ResourceWithIdentity = (*projectTeamResource)(nil)

// identityAttrs are the identity of a team's grant: the import ID
// project_id/team_id.
var identityAttrs = owner.Project.IdentityAttrs("team_id")

// IdentitySchema is the grant's import ID as an identity: project_id and
// team_id.
func (r *projectTeamResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	s := owner.Project.IdentitySchema(identityAttrs)
	s.Attributes["team_id"] = identityschema.StringAttribute{RequiredForImport: true, Description: "ID of the team, 24 hexadecimal digits."}
	resp.IdentitySchema = s
}
