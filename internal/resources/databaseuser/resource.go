// Package databaseuser implements the atlasaccess_database_user resource,
// its list resource and the atlasaccess_database_users data source. It uses
// /groups/{groupId}/databaseUsers (2023-01-01).
package databaseuser

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/resourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/providerdata"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/attrs"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/diags"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/owner"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/safeops"
)

var (
	_ resource.ResourceWithConfigure        = (*databaseUserResource)(nil)
	_ resource.ResourceWithImportState      = (*databaseUserResource)(nil)
	_ resource.ResourceWithConfigValidators = (*databaseUserResource)(nil)
	_ resource.ResourceWithValidateConfig   = (*databaseUserResource)(nil)
	_ resource.ResourceWithModifyPlan       = (*databaseUserResource)(nil)
)

// typeName is the resource's type name.
const typeName = "atlasaccess_database_user"

// Atlas error codes this resource explains.
const codeUsersLimit = "GROUP_USERS_LIMIT_EXCEEDED"

// NewResource returns the atlasaccess_database_user resource.
func NewResource() resource.Resource { return &databaseUserResource{} }

// api is what the resource needs from Atlas; *safeops.Service provides it.
type api interface {
	CreateDatabaseUser(ctx context.Context, projectID string, req client.CreateDatabaseUserRequest) (*client.DatabaseUser, error)
	GetDatabaseUser(ctx context.Context, projectID, authDatabase, username string) (*client.DatabaseUser, error)
	UpdateDatabaseUser(ctx context.Context, projectID, authDatabase, username string, req client.UpdateDatabaseUserRequest) (*client.DatabaseUser, error)
	DeleteDatabaseUser(ctx context.Context, projectID, authDatabase, username string) error
}

type databaseUserResource struct{ api api }

func (r *databaseUserResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_database_user"
}

func (r *databaseUserResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = resourceSchema()
}

func (r *databaseUserResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	if d := providerdata.From(req.ProviderData, &resp.Diagnostics); d != nil {
		r.api = d.Service
	}
}

// ConfigValidators allow at most one authentication kind. None is valid
// for a user that exists (imported, found by terraform query, or already
// managed): a password user whose password Terraform does not manage.
// ModifyPlan refuses none for a user the plan creates.
func (r *databaseUserResource) ConfigValidators(context.Context) []resource.ConfigValidator {
	paths := make([]path.Expression, len(authKindAttrs))
	for i, a := range authKindAttrs {
		paths[i] = path.MatchRoot(a)
	}
	return []resource.ConfigValidator{resourcevalidator.Conflicting(paths...)}
}

// ValidateConfig rejects at plan time the combinations Atlas refuses: the
// wrong authentication database for the kind, a username of the wrong form
// for AWS IAM, OIDC, X.509 and LDAP, admin-only roles elsewhere and
// collections on roles that take none.
func (r *databaseUserResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var m databaseUserModel
	if resp.Diagnostics.Append(req.Config.Get(ctx, &m)...); resp.Diagnostics.HasError() {
		return
	}
	c := authConfig{
		AuthDatabase: orUnknown(m.AuthDatabase, client.AuthDatabaseAdmin),
		Username:     orUnknown(m.Username, ""),
		Password:     !m.PasswordWO.IsNull(),
		X509Type:     orUnknown(m.X509Type, ""),
		AWSIAMType:   orUnknown(m.AWSIAMType, ""),
		LDAPAuthType: orUnknown(m.LDAPAuthType, ""),
		OIDCAuthType: orUnknown(m.OIDCAuthType, ""),
	}
	// An element not known yet (a conditional choosing it) is checked once
	// it is.
	roles, _, d := attrs.KnownObjects[roleModel](ctx, m.Roles)
	if resp.Diagnostics.Append(d...); resp.Diagnostics.HasError() {
		return
	}
	for _, rm := range roles {
		c.Roles = append(c.Roles, client.DatabaseUserRole{RoleName: orUnknown(rm.RoleName, ""), DatabaseName: orUnknown(rm.DatabaseName, ""), CollectionName: orUnknown(rm.CollectionName, "")})
	}
	for _, p := range checkAuth(c) {
		resp.Diagnostics.AddAttributeError(path.Root(p.Attr), p.Summary, p.Detail)
	}
}

// orUnknown is v's value, "?" when unknown, or null's stand-in.
func orUnknown(v types.String, null string) string {
	switch {
	case v.IsUnknown():
		return "?"
	case v.IsNull():
		return null
	}
	return v.ValueString()
}

// ModifyPlan refuses a create without an authentication kind, and makes id
// known at plan time when its parts are.
func (r *databaseUserResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() || !req.State.Raw.IsNull() {
		return
	}
	var plan, config databaseUserModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if p := missingKindOnCreate(config); p != nil {
		resp.Diagnostics.AddAttributeError(path.Root(p.Attr), p.Summary, p.Detail)
		return
	}
	if plan.ID.IsUnknown() && !plan.ProjectID.IsUnknown() && !plan.AuthDatabase.IsUnknown() && !plan.Username.IsUnknown() {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("id"),
			resourceID(plan.ProjectID.ValueString(), plan.AuthDatabase.ValueString(), plan.Username.ValueString()))...)
	}
}

// what names the user in messages.
func what(projectID, authDatabase, username string) string {
	return fmt.Sprintf("database user %s (authentication database %s) of project %s", username, authDatabase, projectID)
}

func (r *databaseUserResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	defer owner.SetIdentity(ctx, resp.Identity, &resp.Diagnostics, &resp.State)
	var plan, config databaseUserModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	body, d := plan.createRequest(ctx, optional(config.PasswordWO))
	if resp.Diagnostics.Append(d...); resp.Diagnostics.HasError() {
		return
	}
	projectID, authDB, username := body.ProjectID, body.DatabaseName, body.Username
	u, err := r.api.CreateDatabaseUser(ctx, projectID, body)
	var existing *safeops.ExistingError
	switch {
	case errors.As(err, &existing):
		resp.Diagnostics.AddError("Database User Already Exists", existingDetail(projectID, authDB, username, existing))
		return
	case err != nil:
		resp.Diagnostics.AddError(createErrorSummary(err), diags.APIErrorDetail("Creating "+what(projectID, authDB, username), err, createHint(projectID, username, body.Roles, err)))
		return
	}
	version := plan.PasswordWOVersion
	plan.setFromAPI(projectID, u)
	plan.PasswordWOVersion = version
	tflog.Info(ctx, "created database user", map[string]any{"project_id": projectID, "auth_database": authDB, "username": username})
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func createErrorSummary(err error) string {
	var apiErr *client.APIError
	if errors.As(err, &apiErr) && apiErr.ErrorCode == codeUsersLimit {
		return "Too Many Database Users"
	}
	return "Error Creating Database User"
}

// Atlas error codes of a create or update that a changed configuration
// fixes.
const (
	codeInvalidRole     = "ATLAS_INVALID_ROLE"
	codeInvalidUsername = "ATLAS_INVALID_USERNAME"
	codeInvalidLDAPName = "ATLAS_INVALID_LDAP_NAME"
)

// createHint says what to do about a failed create of username with roles.
func createHint(projectID, username string, roles []client.DatabaseUserRole, err error) string {
	var apiErr *client.APIError
	if !errors.As(err, &apiErr) {
		return ""
	}
	switch apiErr.ErrorCode {
	case codeUsersLimit:
		return fmt.Sprintf("Atlas allows 100 database users per project, and project %s has that many. Remove a user (the atlasaccess_database_users data source lists them), then apply again.", projectID)
	case codeInvalidUsername:
		return fmt.Sprintf("Username %q is not of the form its authentication kind needs: an IAM user or role ARN for aws_iam_type, "+
			"an RFC 2253 distinguished name for x509_type (CN=<name> alone for MANAGED), <identity provider ID>/<name> for oidc_auth_type. "+
			"Fix username (or the kind attribute), then apply again.", username)
	case codeInvalidLDAPName:
		return fmt.Sprintf("Username %q must be the RFC 2253 distinguished name of the LDAP user or group, such as CN=jane,OU=people,DC=example,DC=com "+
			"(escape a comma inside a value as \\,). Fix username, then apply again.", username)
	}
	return updateHint(projectID, roles, err)
}

// builtinRoles are the built-in roles Atlas grants database users; any
// other role name is a custom role of the project.
var builtinRoles = slices.Concat(adminOnlyRoles, []string{"read", "readWrite", "dbAdmin"})

// updateHint says what to do about a failed create or update of a user
// with roles that a changed configuration fixes, or "".
func updateHint(projectID string, roles []client.DatabaseUserRole, err error) string {
	var apiErr *client.APIError
	if !errors.As(err, &apiErr) || apiErr.ErrorCode != codeInvalidRole {
		return ""
	}
	var custom []string
	for _, r := range roles {
		if !slices.Contains(builtinRoles, r.RoleName) && !slices.Contains(custom, r.RoleName) {
			custom = append(custom, r.RoleName)
		}
	}
	which := "A role in roles is"
	if len(custom) > 0 {
		which = "Role " + strings.Join(custom, ", ") + " is"
	}
	return fmt.Sprintf("%s not a built-in role, so Atlas takes it for a custom role of project %s, which does not exist there (yet). "+
		"If the role is an atlasaccess_custom_db_role of this configuration, refer to it: role_name = atlasaccess_custom_db_role.<name>.role_name. "+
		"A role named by a string has no order against its atlasaccess_custom_db_role: Terraform may create the user before the role "+
		"(this error), and destroy the role before the user; the reference makes it create the role first and destroy it last. "+
		"Otherwise declare the role with atlasaccess_custom_db_role, or fix role_name (built-in roles are case-sensitive, such as readWrite); then apply again.",
		which, projectID)
}

// existingDetail explains why the user was not created, and what to do.
func existingDetail(projectID, authDB, username string, existing *safeops.ExistingError) string {
	id := resourceID(projectID, authDB, username)
	return diags.ExistingDetail(diags.Existing{
		Found: fmt.Sprintf("Database user %s already exists on authentication database %s of project %s, with roles %s. ",
			username, authDB, projectID, existing.RolesText()),
		Object: "database user",
		LostAnswer: "The answer to this apply's own request was lost, and the user Atlas holds is not exactly the one requested " +
			"(roles, scopes, description or authentication kind differ), so it cannot be proven to be this apply's work and was not taken over; nothing was deleted. ",
		// The ID holds "$external" for some users: quoted for the shell.
		TypeName: typeName, ImportArg: "'" + id + "'", ImportID: id,
		NextApply: "The next apply then sets the configured roles, scopes and description (and the password, when password_wo_version is set).",
	}, existing)
}

func (r *databaseUserResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	defer owner.SetIdentity(ctx, resp.Identity, &resp.Diagnostics, &resp.State, &req.State)
	var state databaseUserModel
	if resp.Diagnostics.Append(req.State.Get(ctx, &state)...); resp.Diagnostics.HasError() {
		return
	}
	importing := attrs.ImportPending(ctx, req.Private, resp.Private, &resp.Diagnostics)
	projectID, authDB, username := state.ProjectID.ValueString(), state.AuthDatabase.ValueString(), state.Username.ValueString()
	u, err := r.api.GetDatabaseUser(ctx, projectID, authDB, username)
	switch {
	case client.IsNotFound(err) && importing:
		resp.Diagnostics.AddError("Database User Not Found",
			diags.APIErrorDetail("Cannot import "+what(projectID, authDB, username), err,
				"No such user. Check the project ID, the authentication database (admin or $external) and the username: the atlasaccess_database_users data source lists a project's users."))
		return
	case client.IsNotFound(err):
		resp.Diagnostics.AddWarning("Database User Deleted Outside Terraform",
			diags.APIErrorDetail("Reading "+what(projectID, authDB, username), err,
				typeName+" was deleted outside Terraform and will be removed from state; if the configuration still declares it, the next apply creates it again."))
		resp.State.RemoveResource(ctx)
		return
	case err != nil:
		resp.Diagnostics.AddError("Error Reading Database User", diags.APIErrorDetail("Reading "+what(projectID, authDB, username), err, ""))
		return
	}
	state.setFromAPI(projectID, u)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// Update changes roles, scopes and description in place, and sends the
// configured password when password_wo_version changed.
func (r *databaseUserResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	defer owner.SetIdentity(ctx, resp.Identity, &resp.Diagnostics, &resp.State)
	var plan, state, config databaseUserModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	var password *string
	if !plan.PasswordWOVersion.Equal(state.PasswordWOVersion) && !config.PasswordWO.IsNull() {
		p := config.PasswordWO.ValueString()
		password = &p
	}
	body, d := plan.updateRequest(ctx, password)
	if resp.Diagnostics.Append(d...); resp.Diagnostics.HasError() {
		return
	}
	projectID, authDB, username := plan.ProjectID.ValueString(), plan.AuthDatabase.ValueString(), plan.Username.ValueString()
	u, err := r.api.UpdateDatabaseUser(ctx, projectID, authDB, username, body)
	if err != nil {
		hint := updateHint(projectID, body.Roles, err)
		if password != nil {
			hint = strings.TrimSpace(hint + " The password may or may not have been changed: the state keeps the previous password_wo_version, so the next apply sends the password again.")
		}
		resp.Diagnostics.AddError("Error Updating Database User", diags.APIErrorDetail("Updating "+what(projectID, authDB, username), err, hint))
		return
	}
	version := plan.PasswordWOVersion
	plan.setFromAPI(projectID, u)
	plan.PasswordWOVersion = version
	if password != nil {
		tflog.Info(ctx, "rotated database user password", map[string]any{"project_id": projectID, "auth_database": authDB, "username": username})
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *databaseUserResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state databaseUserModel
	if resp.Diagnostics.Append(req.State.Get(ctx, &state)...); resp.Diagnostics.HasError() {
		return
	}
	projectID, authDB, username := state.ProjectID.ValueString(), state.AuthDatabase.ValueString(), state.Username.ValueString()
	if err := r.api.DeleteDatabaseUser(ctx, projectID, authDB, username); err != nil && !client.IsNotFound(err) {
		resp.Diagnostics.AddError("Error Deleting Database User", diags.APIErrorDetail("Deleting "+what(projectID, authDB, username), err, ""))
	}
}

// ImportState accepts project_id/auth_database/username, the username
// being everything after the second "/".
func (r *databaseUserResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	requested, d := owner.RequestedImportID(ctx, req, identityAttrs)
	if resp.Diagnostics.Append(d...); d.HasError() {
		return
	}
	projectID, authDB, username, err := parseImportID(requested)
	if err != nil {
		resp.Diagnostics.AddError("Invalid Import ID", fmt.Sprintf("Cannot import %s from %q: %s.", typeName, requested, err))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("project_id"), projectID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("auth_database"), authDB)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("username"), username)...)
	attrs.MarkImportPending(ctx, resp.Private, &resp.Diagnostics)
}
