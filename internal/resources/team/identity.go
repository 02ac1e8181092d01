package team

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/owner"
)

var _ resource.ResourceWithIdentity = (*teamResource)(nil)

// identityAttrs are the identity of a team: the import ID org_id/team_id
// (the name form of the import ID is not an identity: a rename changes it).
var identityAttrs = owner.Org.IdentityAttrs("team_id")

// IdentitySchema is the team's import ID as an identity: org_id and team_id.
func (r *teamResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	s := owner.Org.IdentitySchema(identityAttrs)
	s.Attributes["team_id"] = identityschema.StringAttribute{RequiredForImport: true, Description: "ID of the team, 24 hexadecimal digits."}
	resp.IdentitySchema = s
}
