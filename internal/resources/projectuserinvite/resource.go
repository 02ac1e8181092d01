// Package projectuserinvite implements the atlasaccess_project_user_invite
// resource: a person's access to a project, with an invitation to the
// organization when they are not a member yet. It uses /groups/{groupId}/users
// (2025-02-19), the successor of the deprecated POST /groups/{groupId}/access.
package projectuserinvite

import (
	"context"
	"errors"
	"fmt"
	"strings"

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
	_ resource.ResourceWithConfigure   = (*projectUserInviteResource)(nil)
	_ resource.ResourceWithImportState = (*projectUserInviteResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*projectUserInviteResource)(nil)
)

// NewResource returns the atlasaccess_project_user_invite resource.
func NewResource() resource.Resource { return &projectUserInviteResource{} }

// api is what the resource needs from Atlas; *safeops.Service provides it.
type api interface {
	AddProjectUser(ctx context.Context, projectID string, req client.AddProjectUserRequest) (*client.ProjectUser, error)
	FindProjectUser(ctx context.Context, projectID, username string, statuses []string) (*client.ProjectUser, error)
	HoldProjectUser(projectID, username string)
	GetProjectUser(ctx context.Context, projectID, userID string) (*client.ProjectUser, error)
	AddProjectUserRole(ctx context.Context, projectID, userID, role string) (*client.ProjectUser, error)
	RemoveProjectUserRole(ctx context.Context, projectID, userID, role string) (*client.ProjectUser, error)
	RemoveProjectUser(ctx context.Context, projectID, userID, username string) error
}

type projectUserInviteResource struct {
	api api
}

func (r *projectUserInviteResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_project_user_invite"
}

func (r *projectUserInviteResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = resourceSchema()
}

func (r *projectUserInviteResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	if d := providerdata.From(req.ProviderData, &resp.Diagnostics); d != nil {
		r.api = d.Service
	}
}

// ModifyPlan makes id known at plan time, keeps the computed values when
// nothing configured changes, and plans a fresh invitation in place of one
// that expired or was rejected: such a user has no access, and
// Atlas's answer to adding them again is to replace them with a new user.
// The planned status becomes unknown so that Terraform shows status as the
// attribute that forces the replacement, next to a warning with the reason.
func (r *projectUserInviteResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return // destroy
	}
	var plan projectUserInviteModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if req.State.Raw.IsNull() {
		if plan.ID.IsUnknown() && !plan.ProjectID.IsUnknown() && !plan.Username.IsUnknown() {
			resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("id"), resourceID(plan.ProjectID.ValueString(), plan.Username.ValueString()))...)
		}
		return
	}
	var state projectUserInviteModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if plan.ProjectID.Equal(state.ProjectID) && plan.Username.Equal(state.Username) {
		// Nothing that replaces the resource changes. The framework may
		// have marked the computed attributes unknown, because it does so
		// before attrs.CaseInsensitiveUsername turns a case-only username change
		// back into the state's value, and whenever roles change. A role
		// update changes none of them: keep them, so that the plan shows
		// only the roles (and nothing at all when they are unchanged).
		kept := state
		kept.Roles = plan.Roles
		resp.Diagnostics.Append(resp.Plan.Set(ctx, &kept)...)
		if resp.Diagnostics.HasError() {
			return
		}
	}
	var summary, reason string
	username, projectID := state.Username.ValueString(), state.ProjectID.ValueString()
	switch state.Status.ValueString() {
	case statusExpired:
		summary = "Invitation Expired"
		before := "before it expired"
		if !state.InvitationExpiresAt.IsNull() && state.InvitationExpiresAt.ValueString() != "" {
			before = "before " + state.InvitationExpiresAt.ValueString()
		}
		reason = fmt.Sprintf("%s did not accept the invitation to project %s %s", username, projectID, before)
	case statusRejected:
		summary = "Invitation Rejected"
		reason = fmt.Sprintf("%s declined the invitation to project %s", username, projectID)
	default:
		return
	}
	resp.RequiresReplace = append(resp.RequiresReplace, path.Root("status"))
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("status"), types.StringUnknown())...)
	resp.Diagnostics.AddAttributeWarning(path.Root("status"), summary,
		reason+"; Terraform will send a new invitation. The stale invitation is removed and the person is invited again "+
			"with the configured roles (with a new user_id). To stop inviting them, remove the resource from the configuration.")
}

func (r *projectUserInviteResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	defer owner.SetIdentity(ctx, resp.Identity, &resp.Diagnostics, &resp.State)
	var plan projectUserInviteModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	roles, d := attrs.RolesFromSet(ctx, plan.Roles)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	projectID, username := plan.ProjectID.ValueString(), plan.Username.ValueString()

	// The client waits out Atlas's invitation limit (HTTP 400
	// INVITATIONS_RATE_LIMITED_IP), so one apply can invite more people than
	// the limit lets through in a minute.
	u, err := r.api.AddProjectUser(ctx, projectID, client.AddProjectUserRequest{Username: username, Roles: roles})
	var existing *safeops.ExistingError
	switch {
	case errors.As(err, &existing):
		resp.Diagnostics.AddError("User Already in Project", conflictDetail(projectID, username, existing))
		return
	case err != nil:
		resp.Diagnostics.AddError("Error Adding User to Project",
			diags.APIErrorDetail(fmt.Sprintf("Adding %s to project %s", username, projectID), err, ""))
		return
	}
	plan.setFromAPI(projectID, u)
	tflog.Info(ctx, "added user to project", map[string]any{"project_id": projectID, "user_id": u.ID, "status": u.OrgMembershipStatus})
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// replacementAdvice is for a create that meets the person its own resource's
// old instance holds: a person holds one membership per project.
const replacementAdvice = "If this resource replaces one that already manages the same person (create_before_destroy, or a for_each key that changed), " +
	"remove create_before_destroy or keep the key: a person holds one membership per project, so the old one must be removed first."

// conflictDetail explains why the person could not be added, and what to do.
func conflictDetail(projectID, username string, existing *safeops.ExistingError) string {
	id := resourceID(projectID, username)
	var b strings.Builder
	status := existing.Status
	if status == "" {
		status = "active or invited"
	}
	if existing.ID != "" {
		fmt.Fprintf(&b, "%s is already %s in project %s (user ID %s, roles %s). ", existing.Username, status, projectID, existing.ID, existing.RolesText())
	} else {
		fmt.Fprintf(&b, "%s is already a user of project %s, active or invited. ", username, projectID)
	}
	switch {
	case existing.HeldHere:
		b.WriteString("Another resource of this configuration already manages this person in this project: declare each person once per project " +
			"(for example, one atlasaccess_project_user_invite per person, with the union of the roles the teams need). " +
			replacementAdvice)
		return diags.APIErrorDetail(fmt.Sprintf("Adding %s to project %s", username, projectID), existing.Cause, b.String())
	case status == statusActive:
		b.WriteString("Terraform did not add them and will not take them over: an active member's access cannot be proven to be this apply's work, " +
			"and taking it over would let Terraform change or remove access it never granted. ")
	case existing.AfterLostAnswer:
		b.WriteString("The answer to this apply's own request was lost, and what Atlas holds does not match it exactly, so it was not taken over: " +
			"import it if it is what you want, or remove the person from the project (Atlas UI, Project Access Manager) and apply again. ")
	}
	fmt.Fprintf(&b, "To manage that access with Terraform, import it instead of creating it:\n\n"+
		"  terraform import atlasaccess_project_user_invite.<name> %s\n\n"+
		"or add an import block (Terraform 1.5 or later) and apply:\n\n"+
		"  import {\n    to = atlasaccess_project_user_invite.<name>\n    id = %q\n  }\n\n"+
		"where atlasaccess_project_user_invite.<name> is this resource's address (for for_each, quote the key: "+
		"'atlasaccess_project_user_invite.<name>[\"<key>\"]'). The next plan then sets the configured roles. "+replacementAdvice, id, id)
	return diags.APIErrorDetail(fmt.Sprintf("Adding %s to project %s", username, projectID), existing.Cause, b.String())
}

func (r *projectUserInviteResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	defer owner.SetIdentity(ctx, resp.Identity, &resp.Diagnostics, &resp.State, &req.State)
	var state projectUserInviteModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	importing := attrs.ImportPending(ctx, req.Private, resp.Private, &resp.Diagnostics)
	projectID, userID := state.ProjectID.ValueString(), state.UserID.ValueString()
	u, err := r.api.GetProjectUser(ctx, projectID, userID)
	if client.IsNotFound(err) && !state.Username.IsNull() {
		// The contract leaves open whether reading one user by ID filters by
		// status as listing does (ACTIVE and PENDING unless told otherwise):
		// look for an expired or rejected invitation before calling it gone,
		// so that the plan says why it re-invites.
		if found, lookupErr := r.api.FindProjectUser(ctx, projectID, state.Username.ValueString(), allStatuses); lookupErr == nil && found != nil && found.ID == userID {
			r.api.HoldProjectUser(projectID, found.Username)
			u, err = found, nil
		}
	}
	if client.IsNotFound(err) && importing {
		resp.Diagnostics.AddError("Project User Not Found",
			fmt.Sprintf("Cannot import atlasaccess_project_user_invite: project %s has no user with ID %s, active, invited or with a stale invitation. "+
				"Check the project ID and the user ID, or import by project_id/username.", projectID, userID))
		return
	}
	if client.IsNotFound(err) {
		resp.Diagnostics.AddWarning("Project User Not Found",
			fmt.Sprintf("User %s (ID %s) is no longer in project %s: they were removed, or their invitation cancelled, outside Terraform. "+
				"It is removed from state; if the configuration still declares them, Terraform adds (and if needed invites) them again.",
				state.Username.ValueString(), userID, projectID))
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Error Reading Project User",
			diags.APIErrorDetail(fmt.Sprintf("Reading user %s (ID %s) in project %s", state.Username.ValueString(), userID, projectID), err, ""))
		return
	}
	state.setFromAPI(projectID, u)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// Update changes roles, the only attribute Atlas can change in place. New
// roles are added before old ones are removed: Atlas requires a user to hold
// at least one role at all times, and this order never leaves them without.
func (r *projectUserInviteResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	defer owner.SetIdentity(ctx, resp.Identity, &resp.Diagnostics, &resp.State)
	var plan, state projectUserInviteModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	have, d := attrs.RolesFromSet(ctx, state.Roles)
	resp.Diagnostics.Append(d...)
	want, d := attrs.RolesFromSet(ctx, plan.Roles)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	projectID, userID, username := state.ProjectID.ValueString(), state.UserID.ValueString(), state.Username.ValueString()
	latest, failed := attrs.ChangeRoles(have, want,
		func(role string) (*client.ProjectUser, error) {
			return r.api.AddProjectUserRole(ctx, projectID, userID, role)
		},
		func(role string) (*client.ProjectUser, error) {
			return r.api.RemoveProjectUserRole(ctx, projectID, userID, role)
		})
	var failure error
	var failedStep string
	switch {
	case failed != nil && failed.Adding:
		failure, failedStep = failed.Err, fmt.Sprintf("Adding role %s to %s (ID %s) in project %s", failed.Role, username, userID, projectID)
	case failed != nil:
		failure, failedStep = failed.Err, fmt.Sprintf("Removing role %s from %s (ID %s) in project %s", failed.Role, username, userID, projectID)
	}
	if failure == nil && latest == nil {
		// Nothing to change in Atlas; read the computed values the plan left unknown.
		u, err := r.api.GetProjectUser(ctx, projectID, userID)
		if err != nil {
			failure, failedStep = err, fmt.Sprintf("Reading %s (ID %s) in project %s", username, userID, projectID)
		}
		latest = u
	}
	if latest != nil {
		// Record what Atlas holds now, also after a partial failure, so that
		// the next plan starts from the truth.
		plan.setFromAPI(projectID, latest)
		plan.keepMembership(&state)
		resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	}
	if failure != nil {
		resp.Diagnostics.AddError("Error Updating Project User Roles", diags.APIErrorDetail(failedStep, failure, ""))
	}
}

func (r *projectUserInviteResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state projectUserInviteModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	projectID, userID := state.ProjectID.ValueString(), state.UserID.ValueString()
	err := r.api.RemoveProjectUser(ctx, projectID, userID, state.Username.ValueString())
	if err != nil && !client.IsNotFound(err) {
		resp.Diagnostics.AddError("Error Removing User From Project",
			diags.APIErrorDetail(fmt.Sprintf("Removing %s (ID %s) from project %s", state.Username.ValueString(), userID, projectID), err, ""))
	}
}

// ImportState accepts project_id/username and project_id/user_id. A username
// is resolved to its user ID in every status, so that an expired invitation
// can be imported too (its next plan then re-invites).
func (r *projectUserInviteResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	requested, d := owner.RequestedImportID(ctx, req, identityAttrs)
	if resp.Diagnostics.Append(d...); d.HasError() {
		return
	}
	req.ID = requested
	id, err := parseImportID(req.ID)
	if err != nil {
		resp.Diagnostics.AddError("Invalid Import ID",
			fmt.Sprintf("Cannot import atlasaccess_project_user_invite from %q: %s.", req.ID, err))
		return
	}
	userID := id.UserID
	if id.Username != "" {
		u, err := r.api.FindProjectUser(ctx, id.ProjectID, id.Username, allStatuses)
		if err != nil {
			resp.Diagnostics.AddError("Error Importing Project User",
				diags.APIErrorDetail(fmt.Sprintf("Looking up %s in project %s", id.Username, id.ProjectID), err, ""))
			return
		}
		if u == nil {
			resp.Diagnostics.AddError("Project User Not Found",
				fmt.Sprintf("Project %s has no user %s, active, invited or with a stale invitation. Check the project ID and the email address, "+
					"or import by project_id/user_id.", id.ProjectID, id.Username))
			return
		}
		userID = u.ID
		// Atlas's spelling, not the import ID's: a reference to username
		// then gives the spelling Atlas uses. A configuration that differs
		// only in letter case plans no change (CaseInsensitiveUsername).
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("username"), u.Username)...)
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("project_id"), id.ProjectID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("user_id"), userID)...)
	attrs.MarkImportPending(ctx, resp.Private, &resp.Diagnostics)
}
