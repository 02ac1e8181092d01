// Package owner answers, once, the question "project or organization?" for
// every pair of resources that manage the same thing for a project's and
// for an organization's service account. A Kind carries everything that
// differs between the two owners and is not the resource's own business:
// the owner attribute and its validators, the words for messages and
// descriptions, import IDs, and the client's Owner. Any other resource that
// belongs to one project or organization takes its owner attribute from
// here too (ReplacingAttribute).
package owner

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/attrs"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/validate"
)

// Kind is the owner of a service account: a project or an organization.
// Use Project and Org; the zero Kind is no owner.
type Kind struct {
	// Attr is the attribute that holds the owner's ID: project_id or org_id.
	Attr string
	// Word names the owner in messages and descriptions: project or organization.
	Word string
	// Title is Word in Title Case, for diagnostic summaries.
	Title string
	// ExampleID is an ID of the owner's form, for descriptions and messages.
	ExampleID string

	validators func() []validator.String
	client     func(id string) client.Owner
}

// Project is the owner of a project's service account (project_id).
var Project = Kind{
	Attr:       "project_id",
	Word:       "project",
	Title:      "Project",
	ExampleID:  "32b6e34b3d91647abb20e7b8",
	validators: validate.ProjectID,
	client:     client.ProjectOwner,
}

// Org is the owner of an organization's service account (org_id).
var Org = Kind{
	Attr:       "org_id",
	Word:       "organization",
	Title:      "Organization",
	ExampleID:  "5f1e2d3c4b5a69788796a5b4",
	validators: validate.OrgID,
	client:     client.OrgOwner,
}

// Validators check the owner's ID at plan time.
func (k Kind) Validators() []validator.String { return k.validators() }

// ReplacingAttribute is the owner attribute (Attr) of a resource whose
// object cannot move to another owner, described by description: required,
// checked at plan time, and replacing the resource when it changes.
func (k Kind) ReplacingAttribute(description string) rschema.StringAttribute {
	return rschema.StringAttribute{
		MarkdownDescription: description,
		Required:            true,
		Validators:          k.Validators(),
		PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
	}
}

// Owner is the client's Owner for the owner's ID.
func (k Kind) Owner(id string) client.Owner { return k.client(id) }

// Of names one owner: "project <id>" or "organization <id>".
func (k Kind) Of(id string) string { return k.Word + " " + id }

// What names a service account of an owner for messages:
// "service account <client_id> of project <id>".
func (k Kind) What(id, clientID string) string {
	return fmt.Sprintf("service account %s of %s", clientID, k.Of(id))
}

// ImportID is the import ID owner_id/client_id of an account.
func ImportID(id, clientID string) string { return id + "/" + clientID }

// ParseClientID parses an import ID of the form owner_id/client_id.
func (k Kind) ParseClientID(id string) (ownerID, clientID string, err error) {
	return validate.ParseParentClientID(id, k.Attr)
}

// ParseSecretID parses an import ID of the form owner_id/client_id/secret_id.
func (k Kind) ParseSecretID(id string) (ownerID, clientID, secretID string, err error) {
	return validate.ParseParentClientSecretID(id, k.Attr)
}

// ImportClientID imports a resource of typeName addressed by
// owner_id/client_id: it sets the owner attribute, client_id and id, and
// marks the import pending so that Read reports a missing object in the
// provider's own words.
func (k Kind) ImportClientID(ctx context.Context, typeName string, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if !k.importByIdentity(ctx, &req, resp, "client_id") {
		return
	}
	ownerID, clientID, err := k.ParseClientID(req.ID)
	k.importParts(ctx, typeName, []string{"client_id"}, "mdb_sa_id_1234567890abcdef12345678",
		[]string{ownerID, clientID}, err, req, resp)
}

// ImportSecretID imports a resource of typeName addressed by
// owner_id/client_id/secret_id, as ImportClientID does for
// owner_id/client_id.
func (k Kind) ImportSecretID(ctx context.Context, typeName string, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if !k.importByIdentity(ctx, &req, resp, "client_id", "secret_id") {
		return
	}
	ownerID, clientID, secretID, err := k.ParseSecretID(req.ID)
	k.importParts(ctx, typeName, []string{"client_id", "secret_id"}, "mdb_sa_id_1234567890abcdef12345678/5f0e4a8c9d1b2c3d4e5f6a7b",
		[]string{ownerID, clientID, secretID}, err, req, resp)
}

// importParts sets the attributes an import ID owner_id/rest... names to
// values, or says the expected form when parsing failed with err.
func (k Kind) importParts(ctx context.Context, typeName string, rest []string, exampleRest string, values []string, err error,
	req resource.ImportStateRequest, resp *resource.ImportStateResponse,
) {
	names := append([]string{k.Attr}, rest...)
	if err != nil {
		resp.Diagnostics.AddError("Invalid Import ID",
			fmt.Sprintf("Import %s with an ID of the form %s, for example %s/%s: %s.",
				typeName, strings.Join(names, "/"), k.ExampleID, exampleRest, err))
		return
	}
	for i, name := range names {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(name), values[i])...)
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
	attrs.MarkImportPending(ctx, resp.Private, &resp.Diagnostics)
}

// importByIdentity turns an import by identity into the import ID it names,
// in req.ID; it reports false when the identity is incomplete.
func (k Kind) importByIdentity(ctx context.Context, req *resource.ImportStateRequest, resp *resource.ImportStateResponse, rest ...string) bool {
	id, d := RequestedImportID(ctx, *req, k.IdentityAttrs(rest...))
	resp.Diagnostics.Append(d...)
	req.ID = id
	return !d.HasError()
}
