// Package projectserviceaccountassignment implements the
// atlasaccess_project_service_account_assignment resource: an existing
// service account assigned to one more project, with project roles.
package projectserviceaccountassignment

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/common"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/validate"
)

var (
	_ resource.ResourceWithConfigure   = (*assignmentResource)(nil)
	_ resource.ResourceWithImportState = (*assignmentResource)(nil)
)

// typeName is the full resource type name, used in messages that must name it
// before the provider type name is known to the resource.
const typeName = "atlasaccess_project_service_account_assignment"

// NewResource returns the atlasaccess_project_service_account_assignment resource.
func NewResource() resource.Resource { return &assignmentResource{} }

type assignmentResource struct {
	client *client.Client
}

func (r *assignmentResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_project_service_account_assignment"
}

func (r *assignmentResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = resourceSchema()
}

func (r *assignmentResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = common.ConfiguredClient(req.ProviderData, &resp.Diagnostics)
}

func (r *assignmentResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan assignmentModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	roles, diags := common.RolesFromSet(ctx, plan.Roles)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	projectID, clientID := plan.ProjectID.ValueString(), plan.ClientID.ValueString()

	// Look first: an account already in the project must be imported, not
	// assigned again. Knowing it was absent also tells a 409 caused by our
	// own retried :invite (whose first answer was lost) from a real conflict.
	existing, err := r.client.GetProjectServiceAccount(ctx, projectID, clientID)
	switch {
	case err == nil:
		addAlreadyAssignedError(&resp.Diagnostics, projectID, clientID, existing.Roles, nil)
		return
	case !client.IsNotFound(err):
		resp.Diagnostics.AddError("Error Assigning Service Account to Project",
			common.APIErrorDetail(fmt.Sprintf("Checking whether service account %s is already assigned to project %s", clientID, projectID), err, ""))
		return
	}

	sa, err := r.client.InviteProjectServiceAccount(ctx, projectID, clientID, roles)
	if err != nil && mayHaveAssigned(err) {
		sa, err = r.findAfterFailedInvite(ctx, projectID, clientID, roles, err)
	}
	if err == nil && !common.SameRoles(sa.Roles, roles) {
		// An answer to :invite itself carries the requested roles; other
		// roles mean the client found an assignment made by someone else
		// after a lost answer. Taking it over would misstate its roles.
		err = &alreadyAssignedError{roles: sa.Roles}
	}
	var conflict *alreadyAssignedError
	switch {
	case errors.As(err, &conflict):
		addAlreadyAssignedError(&resp.Diagnostics, projectID, clientID, conflict.roles, conflict.cause)
		return
	case client.IsNotFound(err):
		resp.Diagnostics.AddError("Error Assigning Service Account to Project",
			common.APIErrorDetail(fmt.Sprintf("Assigning service account %s to project %s", clientID, projectID), err,
				"Check that the project exists and that the service account exists in the project's organization "+
					"(create it with atlasaccess_project_service_account or as an organization service account)."))
		return
	case err != nil:
		resp.Diagnostics.AddError("Error Assigning Service Account to Project",
			common.APIErrorDetail(fmt.Sprintf("Assigning service account %s to project %s", clientID, projectID), err, ""))
		return
	}

	plan.setFromAPI(projectID, clientID, sa)
	tflog.Info(ctx, "assigned service account to project", map[string]any{"project_id": projectID, "client_id": clientID})
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// alreadyAssignedError says the account was found in the project, assigned by
// someone else, while this resource was creating the assignment.
type alreadyAssignedError struct {
	roles []string
	cause error
}

func (e *alreadyAssignedError) Error() string { return "service account already assigned to project" }

// mayHaveAssigned reports whether a failed :invite may nevertheless have
// assigned the account: a conflict (typically our own retry after a lost
// answer), a server error or a connection failure. Other client errors (400,
// 401, 403, 404) prove nothing was done.
func mayHaveAssigned(err error) bool {
	var apiErr *client.APIError
	if errors.As(err, &apiErr) && apiErr.StatusCode >= 400 && apiErr.StatusCode < 500 {
		return apiErr.StatusCode == http.StatusConflict
	}
	return true
}

// findAfterFailedInvite looks the assignment up after an :invite that may have
// worked, so that an assignment made by a request whose answer was lost is
// kept in state instead of being left behind with an error.
func (r *assignmentResource) findAfterFailedInvite(ctx context.Context, projectID, clientID string, roles []string, inviteErr error) (*client.ServiceAccount, error) {
	sa, err := r.client.GetProjectServiceAccount(ctx, projectID, clientID)
	switch {
	case client.IsNotFound(err):
		if client.IsConflict(inviteErr) {
			return nil, &alreadyAssignedError{cause: inviteErr}
		}
		return nil, inviteErr
	case err != nil:
		if client.IsConflict(inviteErr) {
			return nil, &alreadyAssignedError{cause: inviteErr}
		}
		return nil, fmt.Errorf("%w (and reading the assignment to find out whether it was made failed: %w)", inviteErr, err)
	}
	if !common.SameRoles(sa.Roles, roles) {
		// Someone assigned the account in the meantime, with other roles:
		// adopting it would silently change or later remove their assignment.
		return nil, &alreadyAssignedError{roles: sa.Roles, cause: inviteErr}
	}
	tflog.Warn(ctx, "adopting service account assignment made by a request whose answer was lost",
		map[string]any{"project_id": projectID, "client_id": clientID, "error": inviteErr.Error()})
	return sa, nil
}

// addAlreadyAssignedError reports an account that is already in the project,
// with the commands that bring the existing assignment under management. The
// resource address is not known to Create, so it is shown as a placeholder.
func addAlreadyAssignedError(diags *diag.Diagnostics, projectID, clientID string, roles []string, cause error) {
	id := importID(projectID, clientID)
	var b strings.Builder
	fmt.Fprintf(&b, "Service account %s is already assigned to project %s", clientID, projectID)
	if len(roles) > 0 {
		sorted := slices.Clone(roles)
		slices.Sort(sorted)
		fmt.Fprintf(&b, " (roles %s)", strings.Join(sorted, ", "))
	}
	b.WriteString(", so Terraform cannot assign it again.")
	if code := client.ErrorCode(cause); code != "" {
		fmt.Fprintf(&b, " Atlas answered with error code %s.", code)
	}
	fmt.Fprintf(&b, "\n\nTo manage the existing assignment with this resource, import it:\n\n"+
		"  terraform import %s.<name> %s\n\n"+
		"or add an import block to the configuration:\n\n"+
		"  import {\n    to = %s.<name>\n    id = %q\n  }\n\n"+
		"If the account was created in this project by atlasaccess_project_service_account, that resource already manages "+
		"its roles here: remove this assignment from the configuration instead.", typeName, id, typeName, id)
	diags.AddError("Service Account Already Assigned to Project", b.String())
}

func (r *assignmentResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state assignmentModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	projectID, clientID := state.ProjectID.ValueString(), state.ClientID.ValueString()
	sa, err := r.client.GetProjectServiceAccount(ctx, projectID, clientID)
	if client.IsNotFound(err) {
		resp.Diagnostics.AddWarning("Service Account Assignment Not Found",
			fmt.Sprintf("Service account %s is no longer assigned to project %s: the assignment (or the account) was deleted outside Terraform "+
				"and will be removed from state. The next plan assigns it again if the configuration still declares it.", clientID, projectID))
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Error Reading Service Account Assignment",
			common.APIErrorDetail(fmt.Sprintf("Reading service account %s in project %s", clientID, projectID), err, ""))
		return
	}
	state.setFromAPI(projectID, clientID, sa)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// Update changes the roles, the only attribute that is updated in place.
func (r *assignmentResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state assignmentModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	projectID, clientID := state.ProjectID.ValueString(), state.ClientID.ValueString()
	roles, diags := common.RolesFromSet(ctx, plan.Roles)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	// Only roles are sent: name and description belong to whoever manages
	// the account, and the answer reports their current values.
	sa, err := r.client.UpdateProjectServiceAccount(ctx, projectID, clientID, client.UpdateServiceAccountRequest{Roles: roles})
	if err != nil {
		hint := ""
		if client.IsNotFound(err) {
			hint = "The account is no longer assigned to the project. Run terraform apply again to assign it anew."
		}
		resp.Diagnostics.AddError("Error Updating Service Account Assignment",
			common.APIErrorDetail(fmt.Sprintf("Updating the roles of service account %s in project %s", clientID, projectID), err, hint))
		return
	}
	plan.setFromAPI(projectID, clientID, sa)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// Delete removes the account from the project only: it stays in the
// organization and in its other projects.
func (r *assignmentResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state assignmentModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	projectID, clientID := state.ProjectID.ValueString(), state.ClientID.ValueString()
	err := r.client.DeleteProjectServiceAccount(ctx, projectID, clientID)
	if err != nil && !client.IsNotFound(err) {
		resp.Diagnostics.AddError("Error Removing Service Account From Project",
			common.APIErrorDetail(fmt.Sprintf("Removing service account %s from project %s", clientID, projectID), err, ""))
		return
	}
	tflog.Info(ctx, "removed service account from project", map[string]any{"project_id": projectID, "client_id": clientID})
}

func (r *assignmentResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	parts, err := validate.ParseImportID(req.ID, "project_id", "client_id")
	if err == nil && !validate.IsObjectID(parts[0]) {
		err = fmt.Errorf("project_id %q must be 24 lowercase hexadecimal digits", parts[0])
	}
	if err == nil && !validate.IsClientID(parts[1]) {
		err = fmt.Errorf("client_id %q must be mdb_sa_id_ followed by 24 hexadecimal digits", parts[1])
	}
	if err != nil {
		resp.Diagnostics.AddError("Invalid Import ID",
			fmt.Sprintf("Import %s with an ID of the form project_id/client_id, "+
				"for example 32b6e34b3d91647abb20e7b8/mdb_sa_id_1234567890abcdef12345678: %s.", typeName, err))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("project_id"), parts[0])...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("client_id"), parts[1])...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
}
