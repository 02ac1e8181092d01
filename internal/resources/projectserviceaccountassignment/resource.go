// Package projectserviceaccountassignment implements the
// atlasaccess_project_service_account_assignment resource: an existing
// service account assigned to one more project, with project roles.
package projectserviceaccountassignment

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
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
	_ resource.ResourceWithConfigure   = (*assignmentResource)(nil)
	_ resource.ResourceWithImportState = (*assignmentResource)(nil)
)

// typeName is the full resource type name, used in messages that must name it
// before the provider type name is known to the resource.
const typeName = "atlasaccess_project_service_account_assignment"

// api is what the resource needs from Atlas; *safeops.Service provides it.
type api interface {
	AssignServiceAccount(ctx context.Context, projectID, clientID string, roles []string) (*client.ServiceAccount, error)
	GetProjectServiceAccount(ctx context.Context, projectID, clientID string) (*client.ServiceAccount, error)
	UpdateProjectServiceAccount(ctx context.Context, projectID, clientID string, req client.UpdateServiceAccountRequest) (*client.ServiceAccount, error)
	LeaveProject(ctx context.Context, orgID, projectID, clientID string) (remaining []client.ServiceAccountProject, listErr, err error)
	ProjectOrgID(ctx context.Context, projectID string) (string, error)
	MembershipHeld(projectID, clientID string) bool
}

// NewResource returns the atlasaccess_project_service_account_assignment resource.
func NewResource() resource.Resource { return &assignmentResource{} }

type assignmentResource struct {
	api api
}

func (r *assignmentResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_project_service_account_assignment"
}

func (r *assignmentResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = resourceSchema()
}

func (r *assignmentResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	if d := providerdata.From(req.ProviderData, &resp.Diagnostics); d != nil {
		r.api = d.Service
	}
}

func (r *assignmentResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	defer owner.SetIdentity(ctx, resp.Identity, &resp.Diagnostics, &resp.State)
	var plan assignmentModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	roles, d := attrs.RolesFromSet(ctx, plan.Roles)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	projectID, clientID := plan.ProjectID.ValueString(), plan.ClientID.ValueString()

	sa, err := r.api.AssignServiceAccount(ctx, projectID, clientID, roles)
	var existing *safeops.ExistingError
	switch {
	case errors.As(err, &existing):
		addAlreadyAssignedError(&resp.Diagnostics, projectID, clientID, existing)
		return
	case client.IsNotFound(err):
		resp.Diagnostics.AddError("Error Assigning Service Account to Project",
			diags.APIErrorDetail(fmt.Sprintf("Assigning service account %s to project %s", clientID, projectID), err,
				"Check that the project exists and that the service account exists in the project's organization "+
					"(create it with atlasaccess_project_service_account or as an organization service account)."))
		return
	case err != nil:
		resp.Diagnostics.AddError("Error Assigning Service Account to Project",
			diags.APIErrorDetail(fmt.Sprintf("Assigning service account %s to project %s", clientID, projectID), err, ""))
		return
	}

	plan.setFromAPI(projectID, clientID, sa)
	tflog.Info(ctx, "assigned service account to project", map[string]any{"project_id": projectID, "client_id": clientID})
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// addAlreadyAssignedError reports an account that is already in the project,
// with what to do about it. The resource address is not known to Create, so
// it is shown as a placeholder.
func addAlreadyAssignedError(d *diag.Diagnostics, projectID, clientID string, existing *safeops.ExistingError) {
	id := importID(projectID, clientID)
	var b strings.Builder
	fmt.Fprintf(&b, "Service account %s is already assigned to project %s", clientID, projectID)
	if len(existing.Roles) > 0 {
		fmt.Fprintf(&b, " (roles %s)", existing.RolesText())
	}
	b.WriteString(", so Terraform cannot assign it again.")
	if code := client.ErrorCode(existing.Cause); code != "" {
		fmt.Fprintf(&b, " Atlas answered with error code %s.", code)
	}
	switch {
	case existing.HeldHere:
		b.WriteString("\n\nAnother resource of this configuration already manages this assignment (or the account was created in this project " +
			"by atlasaccess_project_service_account). Declare each assignment once: remove this one from the configuration.")
	case existing.AfterLostAnswer:
		b.WriteString("\n\nThe answer to this apply's own request was lost, so the assignment may be its work, but its roles do not match " +
			"the configuration, so it was not taken over. Check it, then import it or remove it from the project.")
	}
	fmt.Fprintf(&b, "\n\nTo manage the existing assignment with this resource, import it:\n\n"+
		"  terraform import %s.<name> %s\n\n"+
		"or add an import block to the configuration:\n\n"+
		"  import {\n    to = %s.<name>\n    id = %q\n  }\n\n"+
		"If the account was created in this project by atlasaccess_project_service_account, that resource already manages "+
		"its roles here: remove this assignment from the configuration instead.", typeName, id, typeName, id)
	d.AddError("Service Account Already Assigned to Project", b.String())
}

func (r *assignmentResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	defer owner.SetIdentity(ctx, resp.Identity, &resp.Diagnostics, &resp.State, &req.State)
	var state assignmentModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	importing := attrs.ImportPending(ctx, req.Private, resp.Private, &resp.Diagnostics)
	projectID, clientID := state.ProjectID.ValueString(), state.ClientID.ValueString()
	if importing && r.api.MembershipHeld(projectID, clientID) {
		resp.Diagnostics.AddError("Service Account Already Managed",
			fmt.Sprintf("Cannot import %s: service account %s in project %s is already managed by another resource of this configuration, "+
				"for example the atlasaccess_project_service_account that created it in this project. That resource manages its roles there; "+
				"remove this import.", typeName, clientID, projectID))
		return
	}
	sa, err := r.api.GetProjectServiceAccount(ctx, projectID, clientID)
	switch {
	case client.IsNotFound(err) && importing:
		resp.Diagnostics.AddError("Service Account Assignment Not Found",
			fmt.Sprintf("Cannot import %s: service account %s is not assigned to project %s (or one of them does not exist). Check both IDs.",
				typeName, clientID, projectID))
		return
	case client.IsNotFound(err):
		resp.Diagnostics.AddWarning("Service Account Assignment Not Found",
			fmt.Sprintf("Service account %s is no longer assigned to project %s: the assignment (or the account) was deleted outside Terraform. "+
				"It is removed from state; if the configuration still declares it, Terraform assigns the account again.", clientID, projectID))
		resp.State.RemoveResource(ctx)
		return
	case err != nil:
		resp.Diagnostics.AddError("Error Reading Service Account Assignment",
			diags.APIErrorDetail(fmt.Sprintf("Reading service account %s in project %s", clientID, projectID), err, ""))
		return
	}
	state.setFromAPI(projectID, clientID, sa)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// Update changes the roles, the only attribute that is updated in place.
func (r *assignmentResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	defer owner.SetIdentity(ctx, resp.Identity, &resp.Diagnostics, &resp.State)
	var plan, state assignmentModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	projectID, clientID := state.ProjectID.ValueString(), state.ClientID.ValueString()
	roles, d := attrs.RolesFromSet(ctx, plan.Roles)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	// Only roles are sent: name and description belong to whoever manages
	// the account.
	sa, err := r.api.UpdateProjectServiceAccount(ctx, projectID, clientID, client.UpdateServiceAccountRequest{Roles: roles})
	if err != nil {
		hint := ""
		if client.IsNotFound(err) {
			hint = "The account is no longer assigned to the project. Run terraform apply again to assign it anew."
		}
		resp.Diagnostics.AddError("Error Updating Service Account Assignment",
			diags.APIErrorDetail(fmt.Sprintf("Updating the roles of service account %s in project %s", clientID, projectID), err, hint))
		return
	}
	// name and description keep the refreshed values the plan showed; a
	// rename made meanwhile arrives with the next refresh.
	name, description := state.Name, state.Description
	plan.setFromAPI(projectID, clientID, sa)
	plan.Name, plan.Description = name, description
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// Delete removes the account from the project only: it stays in the
// organization and in its other projects. When that leaves it in no project
// at all, a warning says so: its secrets are still valid.
func (r *assignmentResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state assignmentModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	projectID, clientID := state.ProjectID.ValueString(), state.ClientID.ValueString()
	// The organization is needed only to find out, after the removal,
	// whether the account is left in no project; failing to find it out is
	// no warning, and no reason to keep the account in this project.
	orgID, orgErr := r.api.ProjectOrgID(ctx, projectID)
	remaining, listErr, err := r.api.LeaveProject(ctx, orgID, projectID, clientID)
	if err != nil {
		resp.Diagnostics.AddError("Error Removing Service Account From Project",
			diags.APIErrorDetail(fmt.Sprintf("Removing service account %s from project %s", clientID, projectID), err, ""))
		return
	}
	tflog.Info(ctx, "removed service account from project", map[string]any{"project_id": projectID, "client_id": clientID})
	// Removals of one account are serialized (LeaveProject), so of the
	// assignments a destroy removes at once only the last sees no project
	// left, and the warning is given once.
	if orgErr == nil && listErr == nil && len(remaining) == 0 {
		resp.Diagnostics.AddWarning("Service Account Left in No Project",
			fmt.Sprintf("Service account %s was removed from project %s, its last project. The account and its secrets still exist, "+
				"and remain valid, in organization %s: destroying an assignment never deletes the account. If the same run also "+
				"destroys the resource that manages the account (such as atlasaccess_service_account), that deletes it and there is nothing to do. "+
				"Otherwise, if nothing needs it, delete it with the resource that created it, in the Atlas UI (Organization Access Manager, "+
				"Applications, Service Accounts), or with DELETE /api/atlas/v2/orgs/%s/serviceAccounts/%s.", clientID, projectID, orgID, orgID, clientID))
	}
}

func (r *assignmentResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	owner.Project.ImportClientID(ctx, typeName, req, resp)
}
