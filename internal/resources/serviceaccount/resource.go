// Package serviceaccount implements the atlasaccess_service_account resource
// (an organization service account) and its data sources.
package serviceaccount

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/providerdata"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/attrs"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/diags"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/safeops"
)

var (
	_ resource.ResourceWithConfigure   = (*serviceAccountResource)(nil)
	_ resource.ResourceWithImportState = (*serviceAccountResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*serviceAccountResource)(nil)
)

// typeName is the full resource type name, for messages.
const typeName = "atlasaccess_service_account"

// api is what the resource needs from Atlas; *safeops.Service provides it.
type api interface {
	CreateOrgServiceAccount(ctx context.Context, orgID string, req client.CreateServiceAccountRequest) (*client.OrgServiceAccount, []safeops.Degradation, error)
	GetOrgServiceAccount(ctx context.Context, orgID, clientID string) (*client.OrgServiceAccount, error)
	UpdateOrgServiceAccount(ctx context.Context, orgID, clientID string, req client.UpdateServiceAccountRequest) (*client.OrgServiceAccount, error)
	DeleteOrgAccount(ctx context.Context, orgID, clientID, name string) error
	DeleteServiceAccountSecret(ctx context.Context, owner client.Owner, clientID, secretID string) error
	AtlasNow() (time.Time, bool)
}

// NewResource returns the atlasaccess_service_account resource.
func NewResource() resource.Resource { return &serviceAccountResource{} }

type serviceAccountResource struct {
	api api
}

func (r *serviceAccountResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_service_account"
}

func (r *serviceAccountResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = resourceSchema()
}

func (r *serviceAccountResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	if d := providerdata.From(req.ProviderData, &resp.Diagnostics); d != nil {
		r.api = d.Service
	}
}

func (r *serviceAccountResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	attrs.PlanFirstSecretChanges(ctx, req, resp)
}

func (r *serviceAccountResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan serviceAccountModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	roles, d := attrs.RolesFromSet(ctx, plan.Roles)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	orgID := plan.OrgID.ValueString()
	body := plan.createRequest(roles)

	sa, degradations, err := r.api.CreateOrgServiceAccount(ctx, orgID, body)
	if err != nil {
		resp.Diagnostics.AddError("Error Creating Organization Service Account",
			diags.CandidatesDetail(fmt.Sprintf("Creating service account %q in organization %s", body.Name, orgID), err, typeName,
				func(clientID string) string { return importID(orgID, clientID) },
				fmt.Sprintf("Atlas UI, or DELETE /api/atlas/v2/orgs/%s/serviceAccounts/{clientId}", orgID)))
		return
	}
	for _, d := range degradations {
		resp.Diagnostics.AddWarning("Service Account Created With Less Than Asked", diags.DegradationDetail(d, typeName))
	}
	plan.setFromAPI(orgID, sa)
	attrs.TakeInitialSecret(ctx, resp.Private, plan.firstSecret(), what(orgID, sa.ClientID), sa.Secrets, r.secretDeleter(ctx, orgID, sa.ClientID), &resp.Diagnostics)
	tflog.Info(ctx, "created organization service account", map[string]any{"org_id": orgID, "client_id": sa.ClientID})
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *serviceAccountResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state serviceAccountModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	importing := diags.ImportPending(ctx, req.Private, resp.Private, &resp.Diagnostics)
	orgID, clientID := state.OrgID.ValueString(), state.ClientID.ValueString()
	sa, err := r.api.GetOrgServiceAccount(ctx, orgID, clientID)
	switch {
	case client.IsNotFound(err) && importing:
		resp.Diagnostics.AddError("Organization Service Account Not Found",
			fmt.Sprintf("Cannot import %s: organization %s has no service account %s. Check both IDs.", typeName, orgID, clientID))
		return
	case client.IsNotFound(err):
		resp.Diagnostics.AddWarning("Organization Service Account Not Found",
			fmt.Sprintf("Service account %s of organization %s no longer exists: it was deleted outside Terraform. "+
				"It is removed from state; if the configuration still declares it, Terraform creates a new one.", clientID, orgID))
		resp.State.RemoveResource(ctx)
		return
	case err != nil:
		resp.Diagnostics.AddError("Error Reading Organization Service Account",
			diags.APIErrorDetail(fmt.Sprintf("Reading service account %s in organization %s", clientID, orgID), err, ""))
		return
	}
	state.setFromAPI(orgID, sa)
	if now, ok := r.api.AtlasNow(); ok {
		diags.WarnSecretsExpiring(&resp.Diagnostics, what(orgID, clientID), sa.Secrets, now)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *serviceAccountResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state serviceAccountModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	orgID, clientID := state.OrgID.ValueString(), state.ClientID.ValueString()
	roles, d := attrs.RolesFromSet(ctx, plan.Roles)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}

	// Computed values come from state; only the API's answer may change them.
	plan.ID, plan.ClientID, plan.CreatedAt, plan.Secret, plan.Secrets = state.ID, state.ClientID, state.CreatedAt, state.Secret, state.Secrets
	if body, changed := attrs.AccountUpdate(state.updateFields(), plan.updateFields(), roles); changed {
		sa, err := r.api.UpdateOrgServiceAccount(ctx, orgID, clientID, body)
		if err != nil {
			resp.Diagnostics.AddError("Error Updating Organization Service Account",
				diags.APIErrorDetail(fmt.Sprintf("Updating service account %s in organization %s", clientID, orgID), err, ""))
			return
		}
		planned := plan.Secrets
		plan.setFromAPI(orgID, sa)
		// The plan promised the secrets unchanged (an update never changes
		// them); a difference in Atlas's answer, such as a newer last_used_at,
		// arrives with the next refresh instead of breaking this apply.
		plan.Secrets = planned
	}
	if state.KeepInitialSecret.ValueBool() && !plan.KeepInitialSecret.ValueBool() {
		r.dropInitialSecret(ctx, req.Private, &plan, &resp.Diagnostics)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// dropInitialSecret carries out a switch of keep_initial_secret to false on
// an existing account: one GET to see its secrets, then the DELETE of the
// initial one, when it can be told apart from the others.
func (r *serviceAccountResource) dropInitialSecret(ctx context.Context, private attrs.PrivateState, plan *serviceAccountModel, d *diag.Diagnostics) {
	orgID, clientID := plan.OrgID.ValueString(), plan.ClientID.ValueString()
	sa, err := r.api.GetOrgServiceAccount(ctx, orgID, clientID)
	if err != nil {
		d.AddError("Error Deleting Initial Secret",
			diags.APIErrorDetail(fmt.Sprintf("Reading the secrets of %s", what(orgID, clientID)), err, ""))
		return
	}
	attrs.DropInitialSecret(ctx, private, plan.firstSecret(), what(orgID, clientID), sa.Secrets, r.secretDeleter(ctx, orgID, clientID), d)
}

// secretDeleter deletes one secret of the account.
func (r *serviceAccountResource) secretDeleter(ctx context.Context, orgID, clientID string) func(secretID string) error {
	return func(secretID string) error {
		return r.api.DeleteServiceAccountSecret(ctx, client.OrgOwner(orgID), clientID, secretID)
	}
}

// what names the account for messages.
func what(orgID, clientID string) string {
	return fmt.Sprintf("service account %s of organization %s", clientID, orgID)
}

func (r *serviceAccountResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state serviceAccountModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	orgID, clientID := state.OrgID.ValueString(), state.ClientID.ValueString()
	err := r.api.DeleteOrgAccount(ctx, orgID, clientID, state.Name.ValueString())
	if err != nil && !client.IsNotFound(err) {
		resp.Diagnostics.AddError("Error Deleting Organization Service Account",
			diags.APIErrorDetail(fmt.Sprintf("Deleting service account %s from organization %s", clientID, orgID), err,
				"The account stays in state. Run terraform destroy again once Atlas answers."))
	}
}

func (r *serviceAccountResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	attrs.ImportOrgClientID(ctx, typeName, req, resp)
}
