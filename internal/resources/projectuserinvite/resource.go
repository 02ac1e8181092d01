// Package projectuserinvite implements the atlasaccess_project_user_invite
// resource: a person's access to a project, with an invitation to the
// organization when they are not a member yet. It uses /groups/{groupId}/users
// (2025-02-19), the successor of the deprecated POST /groups/{groupId}/access.
package projectuserinvite

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/common"
)

var (
	_ resource.ResourceWithConfigure   = (*projectUserInviteResource)(nil)
	_ resource.ResourceWithImportState = (*projectUserInviteResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*projectUserInviteResource)(nil)
)

// NewResource returns the atlasaccess_project_user_invite resource.
func NewResource() resource.Resource { return &projectUserInviteResource{} }

type projectUserInviteResource struct {
	client *client.Client
}

func (r *projectUserInviteResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_project_user_invite"
}

func (r *projectUserInviteResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = resourceSchema()
}

func (r *projectUserInviteResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = common.ConfiguredClient(req.ProviderData, &resp.Diagnostics)
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
	if plan.ProjectID.Equal(state.ProjectID) && plan.Username.Equal(state.Username) && plan.Roles.Equal(state.Roles) {
		// Nothing the configuration sets changes. The framework may still
		// have marked the computed attributes unknown, because it does so
		// before caseInsensitiveUsername turns a case-only username change
		// back into the state's value: keep them, so that the plan is empty.
		resp.Diagnostics.Append(resp.Plan.Set(ctx, &state)...)
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
	var plan projectUserInviteModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	roles, diags := common.RolesFromSet(ctx, plan.Roles)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	projectID, username := plan.ProjectID.ValueString(), plan.Username.ValueString()

	started := time.Now()
	// The client waits out Atlas's invitation limit (HTTP 400
	// INVITATIONS_RATE_LIMITED_IP), so one apply can invite more people than
	// the limit lets through in a minute.
	u, err := r.client.AddProjectUser(ctx, projectID, client.AddProjectUserRequest{Username: username, Roles: roles})
	if client.IsConflict(err) {
		existing, lookupErr := r.lookupUser(ctx, projectID, username, nil)
		if lookupErr == nil && createdSince(existing, roles, started) {
			// A retry of our own request met the invitation that its lost
			// first attempt sent (the client retries this POST because a
			// duplicate answers 409): adopt it rather than fail.
			tflog.Warn(ctx, "adopting the invitation sent by an earlier attempt of this request", map[string]any{"project_id": projectID, "user_id": existing.ID})
			u, err = existing, nil
		} else {
			resp.Diagnostics.AddError("User Already in Project", conflictDetail(projectID, username, existing, err))
			return
		}
	}
	if err != nil {
		resp.Diagnostics.AddError("Error Adding User to Project",
			common.APIErrorDetail(fmt.Sprintf("Adding %s to project %s", username, projectID), err, ""))
		return
	}
	plan.setFromAPI(projectID, u)
	tflog.Info(ctx, "added user to project", map[string]any{"project_id": projectID, "user_id": u.ID, "status": u.OrgMembershipStatus})
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// lookupUser finds a user of a project by username, case-insensitively, in
// the given statuses (nil: Atlas's default, ACTIVE and PENDING). It prefers
// a PENDING or ACTIVE user to a stale invitation, and returns nil, nil when
// there is none.
func (r *projectUserInviteResource) lookupUser(ctx context.Context, projectID, username string, statuses []string) (*client.ProjectUser, error) {
	users, err := r.client.ListProjectUsers(ctx, projectID, client.ListProjectUsersOptions{Username: username, Statuses: statuses})
	if err != nil {
		return nil, err
	}
	var found *client.ProjectUser
	for i := range users {
		u := &users[i]
		if !strings.EqualFold(u.Username, username) {
			continue
		}
		if u.OrgMembershipStatus == statusActive || u.OrgMembershipStatus == statusPending {
			return u, nil
		}
		if found == nil {
			found = u
		}
	}
	return found, nil
}

// createdSince reports whether u is a pending invitation with exactly these
// roles sent at or after started: then it is the work of this Create, not a
// user who was there before. (An org member added directly carries no such
// timestamp, so a conflict for them is always reported.)
func createdSince(u *client.ProjectUser, roles []string, started time.Time) bool {
	if u == nil || u.OrgMembershipStatus != statusPending || !common.SameRoles(u.Roles, roles) {
		return false
	}
	created, err := time.Parse(time.RFC3339, u.InvitationCreatedAt)
	return err == nil && !created.Before(started.Truncate(time.Second))
}

// conflictDetail explains a 409 on create and how to adopt the existing user.
func conflictDetail(projectID, username string, existing *client.ProjectUser, err error) string {
	id := resourceID(projectID, username)
	var b strings.Builder
	if existing != nil {
		fmt.Fprintf(&b, "%s is already %s in project %s (user ID %s, roles %s). ",
			existing.Username, existing.OrgMembershipStatus, projectID, existing.ID, strings.Join(existing.Roles, ", "))
	} else {
		fmt.Fprintf(&b, "%s is already a user of project %s, active or invited. ", username, projectID)
	}
	fmt.Fprintf(&b, "To manage that access with Terraform, import it instead of creating it:\n\n"+
		"  terraform import atlasaccess_project_user_invite.<name> %s\n\n"+
		"or add an import block (Terraform 1.5 or later) and apply:\n\n"+
		"  import {\n    to = atlasaccess_project_user_invite.<name>\n    id = %q\n  }\n\n"+
		"where atlasaccess_project_user_invite.<name> is this resource's address (for for_each, quote the key: "+
		"'atlasaccess_project_user_invite.<name>[\"<key>\"]'). The next plan then sets the configured roles.", id, id)
	return common.APIErrorDetail(fmt.Sprintf("Adding %s to project %s", username, projectID), err, b.String())
}

func (r *projectUserInviteResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state projectUserInviteModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	projectID, userID := state.ProjectID.ValueString(), state.UserID.ValueString()
	u, err := r.client.GetProjectUser(ctx, projectID, userID)
	if client.IsNotFound(err) && !state.Username.IsNull() {
		// The contract leaves open whether reading one user by ID filters by
		// status as listing does (ACTIVE and PENDING unless told otherwise):
		// look for an expired or rejected invitation before calling it gone,
		// so that the plan says why it re-invites.
		if found, lookupErr := r.lookupUser(ctx, projectID, state.Username.ValueString(), allStatuses); lookupErr == nil && found != nil && found.ID == userID {
			u, err = found, nil
		}
	}
	if client.IsNotFound(err) {
		resp.Diagnostics.AddWarning("Project User Not Found",
			fmt.Sprintf("User %s (ID %s) is no longer in project %s: they were removed, or their invitation cancelled, outside Terraform. "+
				"The resource is removed from state, and the next plan adds (and if needed invites) them again if the configuration still declares them.",
				state.Username.ValueString(), userID, projectID))
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Error Reading Project User",
			common.APIErrorDetail(fmt.Sprintf("Reading user %s (ID %s) in project %s", state.Username.ValueString(), userID, projectID), err, ""))
		return
	}
	state.setFromAPI(projectID, u)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// Update changes roles, the only attribute Atlas can change in place. New
// roles are added before old ones are removed: Atlas requires a user to hold
// at least one role at all times, and this order never leaves them without.
func (r *projectUserInviteResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state projectUserInviteModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	have, diags := common.RolesFromSet(ctx, state.Roles)
	resp.Diagnostics.Append(diags...)
	want, diags := common.RolesFromSet(ctx, plan.Roles)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	projectID, userID, username := state.ProjectID.ValueString(), state.UserID.ValueString(), state.Username.ValueString()
	added, removed := roleChanges(have, want)

	var latest *client.ProjectUser
	var failure error
	var failedStep string
	for _, role := range added {
		u, err := r.client.AddProjectUserRole(ctx, projectID, userID, role)
		if err != nil {
			failure, failedStep = err, fmt.Sprintf("Adding role %s to %s (ID %s) in project %s", role, username, userID, projectID)
			break
		}
		latest = u
	}
	if failure == nil {
		for _, role := range removed {
			u, err := r.client.RemoveProjectUserRole(ctx, projectID, userID, role)
			if err != nil {
				failure, failedStep = err, fmt.Sprintf("Removing role %s from %s (ID %s) in project %s", role, username, userID, projectID)
				break
			}
			latest = u
		}
	}
	if failure == nil && latest == nil {
		// Nothing to change in Atlas; read the computed values the plan left unknown.
		u, err := r.client.GetProjectUser(ctx, projectID, userID)
		if err != nil {
			failure, failedStep = err, fmt.Sprintf("Reading %s (ID %s) in project %s", username, userID, projectID)
		}
		latest = u
	}
	if latest != nil {
		// Record what Atlas holds now, also after a partial failure, so that
		// the next plan starts from the truth.
		plan.setFromAPI(projectID, latest)
		resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	}
	if failure != nil {
		resp.Diagnostics.AddError("Error Updating Project User Roles", common.APIErrorDetail(failedStep, failure, ""))
	}
}

func (r *projectUserInviteResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state projectUserInviteModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	projectID, userID := state.ProjectID.ValueString(), state.UserID.ValueString()
	err := r.client.RemoveProjectUser(ctx, projectID, userID)
	if err != nil && !client.IsNotFound(err) {
		resp.Diagnostics.AddError("Error Removing User From Project",
			common.APIErrorDetail(fmt.Sprintf("Removing %s (ID %s) from project %s", state.Username.ValueString(), userID, projectID), err, ""))
	}
}

// ImportState accepts project_id/username and project_id/user_id. A username
// is resolved to its user ID in every status, so that an expired invitation
// can be imported too (its next plan then re-invites).
func (r *projectUserInviteResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	id, err := parseImportID(req.ID)
	if err != nil {
		resp.Diagnostics.AddError("Invalid Import ID",
			fmt.Sprintf("Cannot import atlasaccess_project_user_invite from %q: %s.", req.ID, err))
		return
	}
	userID := id.UserID
	if id.Username != "" {
		u, err := r.lookupUser(ctx, id.ProjectID, id.Username, allStatuses)
		if err != nil {
			resp.Diagnostics.AddError("Error Importing Project User",
				common.APIErrorDetail(fmt.Sprintf("Looking up %s in project %s", id.Username, id.ProjectID), err, ""))
			return
		}
		if u == nil {
			resp.Diagnostics.AddError("Project User Not Found",
				fmt.Sprintf("Project %s has no user %s, active, invited or with a stale invitation. Check the project ID and the email address, "+
					"or import by project_id/user_id.", id.ProjectID, id.Username))
			return
		}
		userID = u.ID
		// Keep the spelling of the import ID; Read keeps it if Atlas only differs in case.
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("username"), id.Username)...)
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("project_id"), id.ProjectID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("user_id"), userID)...)
}
