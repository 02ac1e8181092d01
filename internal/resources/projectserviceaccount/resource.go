// Package projectserviceaccount implements the atlasaccess_project_service_account
// resource and its data sources.
package projectserviceaccount

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
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/validate"
)

var (
	_ resource.ResourceWithConfigure   = (*serviceAccountResource)(nil)
	_ resource.ResourceWithImportState = (*serviceAccountResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*serviceAccountResource)(nil)
)

// NewResource returns the atlasaccess_project_service_account resource.
func NewResource() resource.Resource { return &serviceAccountResource{} }

type serviceAccountResource struct {
	client *client.Client
}

func (r *serviceAccountResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_project_service_account"
}

func (r *serviceAccountResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = resourceSchema()
}

func (r *serviceAccountResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = common.ConfiguredClient(req.ProviderData, &resp.Diagnostics)
}

// ModifyPlan warns when secret_expires_after_hours changes on an existing
// account: Atlas cannot change the lifetime of an issued secret, and replacing
// the account would break every consumer of its client ID.
func (r *serviceAccountResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.State.Raw.IsNull() || req.Plan.Raw.IsNull() {
		return
	}
	// Only the attributes compared are read: ModifyPlan runs for every
	// account in every plan, and decoding whole models showed in profiles.
	hours := path.Root("secret_expires_after_hours")
	var planned, stored types.Int64
	var clientID types.String
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, hours, &planned)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, hours, &stored)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("client_id"), &clientID)...)
	if resp.Diagnostics.HasError() || planned.IsUnknown() || stored.IsNull() || planned.Equal(stored) {
		return
	}
	resp.Diagnostics.AddAttributeWarning(hours, "Existing Secret Keeps Its Expiry",
		fmt.Sprintf("secret_expires_after_hours changes from %d to %d for service account %s. Only the recorded value changes: "+
			"the account is not replaced and its existing secret keeps its expiry until it is rotated.",
			stored.ValueInt64(), planned.ValueInt64(), clientID.ValueString()))
}

func (r *serviceAccountResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan serviceAccountModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	roles, diags := common.RolesFromSet(ctx, plan.Roles)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	projectID := plan.ProjectID.ValueString()
	body := client.CreateServiceAccountRequest{
		Name:                    plan.Name.ValueString(),
		Description:             plan.Description.ValueString(),
		Roles:                   roles,
		SecretExpiresAfterHours: int(plan.SecretExpiresAfterHours.ValueInt64()),
	}

	sa, err := r.create(ctx, projectID, body)
	if err != nil {
		resp.Diagnostics.AddError("Error Creating Project Service Account",
			common.APIErrorDetail(fmt.Sprintf("Creating service account %q in project %s", body.Name, projectID), err, ""))
		return
	}

	plan.setFromAPI(projectID, sa)
	plan.Secret = types.StringNull()
	if len(sa.Secrets) > 0 && sa.Secrets[0].Secret != "" {
		plan.Secret = types.StringValue(sa.Secrets[0].Secret)
	}
	tflog.Info(ctx, "created project service account", map[string]any{"project_id": projectID, "client_id": sa.ClientID})
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// createAttempts bounds how often a create whose outcome was unknown, and
// which proved not to have happened, is sent again.
const createAttempts = 4

// create creates the account. When the outcome of a create is unknown (its
// answer was lost), the request may still have created the account: it is
// looked for and adopted, so that it is neither orphaned in Atlas nor
// duplicated by a blind retry; only when it provably does not exist is the
// create sent again.
func (r *serviceAccountResource) create(ctx context.Context, projectID string, body client.CreateServiceAccountRequest) (*client.ServiceAccount, error) {
	for attempt := 1; ; attempt++ {
		started := time.Now()
		sa, err := r.client.CreateProjectServiceAccount(ctx, projectID, body)
		if err == nil || !client.IsAmbiguous(err) {
			return sa, err
		}
		found, lerr := r.findCreated(ctx, projectID, body, started)
		switch {
		case lerr != nil:
			return nil, fmt.Errorf("%w (and listing the project's service accounts to find out whether it was created failed: %w)", err, lerr)
		case found != nil:
			return r.adopt(ctx, projectID, found, body.SecretExpiresAfterHours), nil
		case attempt == createAttempts:
			return nil, fmt.Errorf("%w (no matching account exists, so nothing was created; applying again is safe)", err)
		}
		tflog.Debug(ctx, "service account create had an unknown outcome and created nothing; sending it again", map[string]any{"attempt": attempt})
	}
}

// findCreated returns the newest account of the project that matches body and
// was created since shortly before started, or nil.
func (r *serviceAccountResource) findCreated(ctx context.Context, projectID string, body client.CreateServiceAccountRequest, started time.Time) (*client.ServiceAccount, error) {
	accounts, err := r.client.ListProjectServiceAccounts(ctx, projectID)
	if err != nil {
		return nil, err
	}
	var found *client.ServiceAccount
	for i := range accounts {
		a := &accounts[i]
		created, perr := time.Parse(time.RFC3339, a.CreatedAt)
		// Allow for clock skew between this machine and Atlas.
		if perr != nil || created.Before(started.Add(-2*time.Minute)) {
			continue
		}
		if a.Name == body.Name && a.Description == body.Description && common.SameRoles(a.Roles, body.Roles) &&
			(found == nil || a.CreatedAt > found.CreatedAt) {
			found = a
		}
	}
	return found, nil
}

// adopt takes over an account whose creation answer was lost. The plaintext
// of its first secret was in that answer, so a new secret is issued and the
// unknowable first one deleted, giving the configuration a usable credential.
func (r *serviceAccountResource) adopt(ctx context.Context, projectID string, sa *client.ServiceAccount, hours int) *client.ServiceAccount {
	tflog.Warn(ctx, "adopting a service account created by a request whose answer was lost", map[string]any{"client_id": sa.ClientID})
	secret, err := r.client.CreateProjectServiceAccountSecret(ctx, projectID, sa.ClientID, hours)
	if err != nil {
		// The account exists: keep it in state without a plaintext secret
		// rather than orphan it.
		tflog.Warn(ctx, "could not issue a new secret for the adopted service account", map[string]any{"client_id": sa.ClientID, "error": err.Error()})
		return sa
	}
	for _, old := range sa.Secrets {
		if err := r.client.DeleteProjectServiceAccountSecret(ctx, projectID, sa.ClientID, old.ID); err != nil && !client.IsNotFound(err) {
			tflog.Warn(ctx, "could not delete the lost first secret of the adopted service account", map[string]any{"client_id": sa.ClientID, "secret_id": old.ID})
		}
	}
	sa.Secrets = []client.ServiceAccountSecret{*secret}
	return sa
}

func (r *serviceAccountResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state serviceAccountModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	projectID, clientID := state.ProjectID.ValueString(), state.ClientID.ValueString()
	sa, err := r.client.GetProjectServiceAccount(ctx, projectID, clientID)
	if client.IsNotFound(err) {
		resp.Diagnostics.AddWarning("Project Service Account Not Found",
			fmt.Sprintf("Service account %s in project %s was deleted outside Terraform and will be removed from state. "+
				"The next plan creates a new one if the configuration still declares it.", clientID, projectID))
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Error Reading Project Service Account",
			common.APIErrorDetail(fmt.Sprintf("Reading service account %s in project %s", clientID, projectID), err, ""))
		return
	}
	state.setFromAPI(projectID, sa)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *serviceAccountResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state serviceAccountModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	projectID, clientID := state.ProjectID.ValueString(), state.ClientID.ValueString()

	var body client.UpdateServiceAccountRequest
	changed := false
	if !plan.Name.Equal(state.Name) {
		body.Name, changed = plan.Name.ValueStringPointer(), true
	}
	if !plan.Description.Equal(state.Description) {
		body.Description, changed = plan.Description.ValueStringPointer(), true
	}
	if !plan.Roles.Equal(state.Roles) {
		roles, diags := common.RolesFromSet(ctx, plan.Roles)
		resp.Diagnostics.Append(diags...)
		if resp.Diagnostics.HasError() {
			return
		}
		body.Roles, changed = roles, true
	}

	// Computed values come from state; only the API's answer may change them.
	plan.ID, plan.ClientID, plan.CreatedAt, plan.Secret, plan.Secrets = state.ID, state.ClientID, state.CreatedAt, state.Secret, state.Secrets
	if changed {
		sa, err := r.client.UpdateProjectServiceAccount(ctx, projectID, clientID, body)
		if err != nil {
			resp.Diagnostics.AddError("Error Updating Project Service Account",
				common.APIErrorDetail(fmt.Sprintf("Updating service account %s in project %s", clientID, projectID), err, ""))
			return
		}
		planned := plan.Secrets
		plan.setFromAPI(projectID, sa)
		// The plan promised the secrets unchanged (an update never changes
		// them); a difference in Atlas's answer, such as a newer last_used_at,
		// arrives with the next refresh instead of breaking this apply.
		plan.Secrets = planned
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *serviceAccountResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state serviceAccountModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	projectID, clientID := state.ProjectID.ValueString(), state.ClientID.ValueString()

	if state.KeepInOrganization.ValueBool() {
		r.removeFromProject(ctx, projectID, clientID, resp)
		return
	}

	orgID, err := r.client.ProjectOrgID(ctx, projectID)
	if err != nil {
		r.removeFromProject(ctx, projectID, clientID, resp)
		r.warnLeftInOrganization(resp, clientID, "", err)
		return
	}
	projects, err := r.client.ListOrgServiceAccountProjects(ctx, orgID, clientID)
	switch {
	case client.IsNotFound(err):
		return // already deleted from the organization
	case err != nil:
		r.removeFromProject(ctx, projectID, clientID, resp)
		r.warnLeftInOrganization(resp, clientID, orgID, err)
		return
	}
	var others []string
	for _, p := range projects {
		if p.ProjectID != projectID {
			others = append(others, p.ProjectID)
		}
	}
	if len(others) > 0 {
		// Another project (for example through an assignment) still uses the
		// account: deleting it from the organization would cut that project off.
		r.removeFromProject(ctx, projectID, clientID, resp)
		if !resp.Diagnostics.HasError() {
			resp.Diagnostics.AddWarning("Service Account Kept in Organization",
				fmt.Sprintf("Service account %s was removed from project %s but kept in organization %s because projects %s still use it. "+
					"It is deleted from the organization when no project uses it.", clientID, projectID, orgID, strings.Join(others, ", ")))
		}
		return
	}
	err = r.client.DeleteOrgServiceAccount(ctx, orgID, clientID)
	switch {
	case err == nil, client.IsNotFound(err):
	case client.IsForbidden(err):
		r.removeFromProject(ctx, projectID, clientID, resp)
		r.warnLeftInOrganization(resp, clientID, orgID, err)
	default:
		resp.Diagnostics.AddError("Error Deleting Service Account",
			common.APIErrorDetail(fmt.Sprintf("Deleting service account %s from organization %s", clientID, orgID), err, ""))
	}
}

func (r *serviceAccountResource) removeFromProject(ctx context.Context, projectID, clientID string, resp *resource.DeleteResponse) {
	err := r.client.DeleteProjectServiceAccount(ctx, projectID, clientID)
	if err != nil && !client.IsNotFound(err) {
		resp.Diagnostics.AddError("Error Removing Service Account From Project",
			common.APIErrorDetail(fmt.Sprintf("Removing service account %s from project %s", clientID, projectID), err, ""))
	}
}

func (r *serviceAccountResource) warnLeftInOrganization(resp *resource.DeleteResponse, clientID, orgID string, err error) {
	if resp.Diagnostics.HasError() {
		return
	}
	where := "its organization"
	if orgID != "" {
		where = "organization " + orgID
	}
	resp.Diagnostics.AddWarning("Service Account Left in Organization",
		fmt.Sprintf("Service account %s was removed from the project, but it could not be deleted from %s, so it and its secrets "+
			"remain valid there (%v). Ask an Organization Owner to delete it, or set keep_in_organization = true to make this the intended behaviour.",
			clientID, where, err))
}

func (r *serviceAccountResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	parts, err := validate.ParseImportID(req.ID, "project_id", "client_id")
	if err == nil && !validate.IsObjectID(parts[0]) {
		err = fmt.Errorf("project_id %q must be 24 lowercase hexadecimal digits", parts[0])
	}
	if err == nil && !validate.IsClientID(parts[1]) {
		err = fmt.Errorf("client_id %q must be mdb_sa_id_ followed by 24 hexadecimal digits", parts[1])
	}
	if err != nil {
		resp.Diagnostics.AddError("Invalid Import ID",
			fmt.Sprintf("Import atlasaccess_project_service_account with an ID of the form project_id/client_id, "+
				"for example 32b6e34b3d91647abb20e7b8/mdb_sa_id_1234567890abcdef12345678: %s.", err))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("project_id"), parts[0])...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("client_id"), parts[1])...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
}
