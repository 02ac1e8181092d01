// Package customdbrole implements the atlasaccess_custom_db_role resource,
// its list resource and the atlasaccess_custom_db_roles data source. It
// uses /groups/{groupId}/customDBRoles/roles (2023-01-01).
package customdbrole

import (
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/providerdata"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/attrs"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/diags"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/owner"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/safeops"
)

var (
	_ resource.ResourceWithConfigure      = (*customRoleResource)(nil)
	_ resource.ResourceWithImportState    = (*customRoleResource)(nil)
	_ resource.ResourceWithValidateConfig = (*customRoleResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*customRoleResource)(nil)
)

// typeName is the resource's type name.
const typeName = "atlasaccess_custom_db_role"

// NewResource returns the atlasaccess_custom_db_role resource.
func NewResource() resource.Resource { return &customRoleResource{} }

// api is what the resource needs from Atlas; *safeops.Service provides it.
type api interface {
	CreateCustomDBRole(ctx context.Context, projectID string, role client.CustomDBRole) (*client.CustomDBRole, error)
	GetCustomDBRole(ctx context.Context, projectID, roleName string) (*client.CustomDBRole, error)
	UpdateCustomDBRole(ctx context.Context, projectID string, role client.CustomDBRole) (*client.CustomDBRole, error)
	DeleteCustomDBRole(ctx context.Context, projectID, roleName string) error
}

type customRoleResource struct{ api api }

func (r *customRoleResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_custom_db_role"
}

func (r *customRoleResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = resourceSchema()
}

func (r *customRoleResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	if d := providerdata.From(req.ProviderData, &resp.Diagnostics); d != nil {
		r.api = d.Service
	}
}

// ValidateConfig rejects at plan time what Atlas would refuse (checkRole),
// and a role with neither actions nor inherited roles.
func (r *customRoleResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var m customRoleModel
	if resp.Diagnostics.Append(req.Config.Get(ctx, &m)...); resp.Diagnostics.HasError() {
		return
	}
	role, d := m.declared(ctx, unknownValue)
	if resp.Diagnostics.Append(d...); resp.Diagnostics.HasError() {
		return
	}
	for _, p := range checkRole(role, !m.RoleName.IsUnknown() && !m.RoleName.IsNull()) {
		resp.Diagnostics.AddAttributeError(path.Root(p.Attr), p.Summary, p.Detail)
	}
	noActions := m.Actions.IsNull() || (!m.Actions.IsUnknown() && len(m.Actions.Elements()) == 0)
	noInherited := m.InheritedRoles.IsNull() || (!m.InheritedRoles.IsUnknown() && len(m.InheritedRoles.Elements()) == 0)
	if noActions && noInherited {
		resp.Diagnostics.AddAttributeError(path.Root("actions"), "Role Without Privileges",
			"A custom role needs at least one element of actions or of inherited_roles (a role with only inherited_roles is valid).")
	}
}

// ModifyPlan makes id known at plan time when its parts are.
func (r *customRoleResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() || !req.State.Raw.IsNull() {
		return
	}
	var plan customRoleModel
	if resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...); resp.Diagnostics.HasError() {
		return
	}
	if plan.ID.IsUnknown() && !plan.ProjectID.IsUnknown() && !plan.RoleName.IsUnknown() {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("id"), resourceID(plan.ProjectID.ValueString(), plan.RoleName.ValueString()))...)
	}
}

func what(projectID, roleName string) string {
	return fmt.Sprintf("custom database role %s of project %s", roleName, projectID)
}

func (r *customRoleResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	defer owner.SetIdentity(ctx, resp.Identity, &resp.Diagnostics, &resp.State)
	var plan customRoleModel
	if resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...); resp.Diagnostics.HasError() {
		return
	}
	role, d := plan.toAPI(ctx)
	if resp.Diagnostics.Append(d...); resp.Diagnostics.HasError() {
		return
	}
	projectID := plan.ProjectID.ValueString()
	got, err := r.api.CreateCustomDBRole(ctx, projectID, role)
	var existing *safeops.ExistingError
	switch {
	case errors.As(err, &existing):
		resp.Diagnostics.AddError("Custom Database Role Already Exists", existingDetail(projectID, role.RoleName, existing))
		return
	case err != nil:
		resp.Diagnostics.AddError("Error Creating Custom Database Role", diags.APIErrorDetail("Creating "+what(projectID, role.RoleName), err, writeHint(projectID, err)))
		return
	}
	plan.setFromAPI(projectID, got)
	tflog.Info(ctx, "created custom database role", map[string]any{"project_id": projectID, "role_name": role.RoleName})
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// existingDetail explains why the role was not created, and what to do.
func existingDetail(projectID, roleName string, existing *safeops.ExistingError) string {
	id := resourceID(projectID, roleName)
	return diags.ExistingDetail(diags.Existing{
		Found:  fmt.Sprintf("Custom role %s already exists in project %s (%s). ", roleName, projectID, existing.RolesText()),
		Object: "custom role",
		LostAnswer: "The answer to this apply's own request was lost, and the role Atlas holds does not grant exactly what was requested, " +
			"so it cannot be proven to be this apply's work and was not taken over; nothing was deleted. ",
		TypeName: typeName, ImportArg: id, ImportID: id,
		NextApply: "The next apply then sets the configured actions and inherited roles.",
	}, existing)
}

func (r *customRoleResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	defer owner.SetIdentity(ctx, resp.Identity, &resp.Diagnostics, &resp.State, &req.State)
	var state customRoleModel
	if resp.Diagnostics.Append(req.State.Get(ctx, &state)...); resp.Diagnostics.HasError() {
		return
	}
	importing := attrs.ImportPending(ctx, req.Private, resp.Private, &resp.Diagnostics)
	projectID, roleName := state.ProjectID.ValueString(), state.RoleName.ValueString()
	got, err := r.api.GetCustomDBRole(ctx, projectID, roleName)
	switch {
	case client.IsNotFound(err) && importing:
		resp.Diagnostics.AddError("Custom Database Role Not Found", diags.APIErrorDetail("Cannot import "+what(projectID, roleName), err,
			"No such role. Check the project ID and the role name (case matters): the atlasaccess_custom_db_roles data source lists a project's roles."))
		return
	case client.IsNotFound(err):
		resp.Diagnostics.AddWarning("Custom Database Role Deleted Outside Terraform", diags.APIErrorDetail("Reading "+what(projectID, roleName), err,
			typeName+" was deleted outside Terraform and will be removed from state; if the configuration still declares it, the next apply creates it again."))
		resp.State.RemoveResource(ctx)
		return
	case err != nil:
		resp.Diagnostics.AddError("Error Reading Custom Database Role", diags.APIErrorDetail("Reading "+what(projectID, roleName), err, ""))
		return
	}
	state.setFromAPI(projectID, got)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// Update replaces the role's actions and inherited roles in place.
func (r *customRoleResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	defer owner.SetIdentity(ctx, resp.Identity, &resp.Diagnostics, &resp.State)
	var plan customRoleModel
	if resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...); resp.Diagnostics.HasError() {
		return
	}
	role, d := plan.toAPI(ctx)
	if resp.Diagnostics.Append(d...); resp.Diagnostics.HasError() {
		return
	}
	projectID := plan.ProjectID.ValueString()
	got, err := r.api.UpdateCustomDBRole(ctx, projectID, role)
	if err != nil {
		resp.Diagnostics.AddError("Error Updating Custom Database Role", diags.APIErrorDetail("Updating "+what(projectID, role.RoleName), err, writeHint(projectID, err)))
		return
	}
	plan.setFromAPI(projectID, got)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// codeInvalidInheritance is Atlas's answer to an inherited role that does
// not exist.
const codeInvalidInheritance = "ATLAS_INVALID_CUSTOM_ROLE_INHERITANCE"

// writeHint says what to do about a failed create or update that a changed
// configuration fixes, or "".
func writeHint(projectID string, err error) string {
	var apiErr *client.APIError
	if errors.As(err, &apiErr) && apiErr.ErrorCode == codeInvalidInheritance {
		return fmt.Sprintf("An entry of inherited_roles is neither a built-in role nor a custom role of project %s. If it is a custom role, declare it with "+
			"atlasaccess_custom_db_role and set role_name = atlasaccess_custom_db_role.<name>.role_name, so that Terraform creates it first; "+
			"otherwise fix role_name (built-in roles are case-sensitive, such as readWrite), then apply again.", projectID)
	}
	return ""
}

// Delete deletes the role. Atlas refuses while a database user holds it as
// its only role: the error says to take it from those users first.
func (r *customRoleResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state customRoleModel
	if resp.Diagnostics.Append(req.State.Get(ctx, &state)...); resp.Diagnostics.HasError() {
		return
	}
	projectID, roleName := state.ProjectID.ValueString(), state.RoleName.ValueString()
	err := r.api.DeleteCustomDBRole(ctx, projectID, roleName)
	switch {
	case err == nil || client.IsNotFound(err):
	case client.IsCustomDBRoleInUseByUsers(err):
		resp.Diagnostics.AddError("Custom Database Role In Use", diags.APIErrorDetail("Deleting "+what(projectID, roleName), err,
			inUseByUsersHint(roleName)))
	case client.IsCustomDBRoleInUseByRoles(err):
		resp.Diagnostics.AddError("Custom Database Role In Use", diags.APIErrorDetail("Deleting "+what(projectID, roleName), err,
			fmt.Sprintf("Another custom role inherits only %s and would be left without privileges. Change or destroy that role first, then destroy this one.", roleName)))
	default:
		resp.Diagnostics.AddError("Error Deleting Custom Database Role", diags.APIErrorDetail("Deleting "+what(projectID, roleName), err, ""))
	}
}

// inUseByUsersHint says what to do when Atlas refuses to delete roleName
// because it is the only role of database users. Terraform orders a
// destroy after the destroys of the resources that refer to the role, but
// it destroys a role removed from the configuration before it updates the
// users that refer to it, unless the role's state records
// create_before_destroy: then it updates them first.
func inUseByUsersHint(roleName string) string {
	return fmt.Sprintf("Atlas refuses to delete a role that is the only role of a database user (the users are named above). "+
		"When a user refers to the role (role_name = atlasaccess_custom_db_role.<name>.role_name) and both are destroyed, Terraform destroys the user first; "+
		"a user that names the role by a string has no such order: refer to the role's role_name. "+
		"But when the role is removed from the configuration while the same apply changes those users' roles, Terraform destroys a removed role before it updates the users, "+
		"and this error comes back on every apply. Two ways out: "+
		"(1) put the role's block back with lifecycle { create_before_destroy = true }, apply (nothing changes in Atlas), then remove the role and change the users: "+
		"one apply then updates the users before it destroys the role; "+
		"(2) two applies: first take role %s off those users (change their roles, keep the role's block) and apply, then remove the role and apply again. "+
		"A user managed outside this configuration: change its roles in Atlas, then apply again.", roleName)
}

// ImportState accepts project_id/role_name.
func (r *customRoleResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	requested, d := owner.RequestedImportID(ctx, req, identityAttrs)
	if resp.Diagnostics.Append(d...); d.HasError() {
		return
	}
	projectID, roleName, err := parseImportID(requested)
	if err != nil {
		resp.Diagnostics.AddError("Invalid Import ID", fmt.Sprintf("Cannot import %s from %q: %s.", typeName, requested, err))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("project_id"), projectID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("role_name"), roleName)...)
	attrs.MarkImportPending(ctx, resp.Private, &resp.Diagnostics)
}
