// Package serviceaccount implements the atlasaccess_service_account resource
// (an organization service account) and its data sources.
package serviceaccount

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
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
	CreateOrgServiceAccount(ctx context.Context, orgID string, req client.CreateServiceAccountRequest) (*client.OrgServiceAccount, []string, error)
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
	if s := diags.ConfiguredService(req.ProviderData, &resp.Diagnostics); s != nil {
		r.api = s
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
		resp.Diagnostics.AddError("Error Creating Organization Service Account", createErrorDetail(orgID, body.Name, err))
		return
	}
	for _, d := range degradations {
		resp.Diagnostics.AddWarning("Service Account Created With Less Than Asked", d)
	}
	initial := ""
	if len(sa.Secrets) > 0 {
		initial = sa.Secrets[0].ID
		resp.Diagnostics.Append(attrs.RecordInitialSecret(ctx, resp.Private, initial)...)
	}
	plan.setFromAPI(orgID, sa)
	plan.Secret = attrs.FirstSecretPlaintext(sa.Secrets)
	if !plan.KeepInitialSecret.ValueBool() && initial != "" {
		r.deleteInitialSecret(ctx, &plan, sa.Secrets, initial, &resp.Diagnostics)
	}
	tflog.Info(ctx, "created organization service account", map[string]any{"org_id": orgID, "client_id": sa.ClientID})
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// createErrorDetail explains a failed create. When the answer was lost and
// several matching accounts appeared, none is adopted: the user chooses.
func createErrorDetail(orgID, name string, err error) string {
	action := fmt.Sprintf("Creating service account %q in organization %s", name, orgID)
	var cerr *safeops.CandidatesError
	if !errors.As(err, &cerr) {
		return diags.APIErrorDetail(action, err, "")
	}
	var b strings.Builder
	fmt.Fprintf(&b, "The answer to the create was lost, and %d accounts that match it appeared since it was sent; "+
		"none can be proven to be the one this apply created, so none was recorded in state:\n", len(cerr.Candidates))
	for _, c := range cerr.Candidates {
		fmt.Fprintf(&b, "  - %s (%q, created %s)\n", c.ID, c.Name, c.CreatedAt)
	}
	fmt.Fprintf(&b, "\nEither import the one this resource should manage:\n\n  terraform import %s.<name> %s\n\n"+
		"or delete the ones nobody uses (Atlas UI, or DELETE /api/atlas/v2/orgs/%s/serviceAccounts/{clientId}), then apply again.",
		typeName, importID(orgID, cerr.Candidates[0].ID), orgID)
	return diags.APIErrorDetail(action, cerr.Cause, b.String())
}

// deleteInitialSecret deletes the secret Atlas issued with the account and
// records the account without it. The plaintext is dropped either way, as
// keep_initial_secret = false asks. When the delete fails, the state records
// what is true, keep_initial_secret = true, with an error: after a create,
// Terraform then replaces the new account at the next apply; after an
// update, the next apply deletes the secret again.
func (r *serviceAccountResource) deleteInitialSecret(ctx context.Context, m *serviceAccountModel, secrets []client.ServiceAccountSecret, secretID string, d *diag.Diagnostics) {
	orgID, clientID := m.OrgID.ValueString(), m.ClientID.ValueString()
	m.Secret = types.StringNull()
	err := r.api.DeleteServiceAccountSecret(ctx, client.OrgOwner(orgID), clientID, secretID)
	if err != nil && !client.IsNotFound(err) {
		m.KeepInitialSecret = types.BoolValue(true)
		d.AddError("Error Deleting Initial Secret",
			diags.APIErrorDetail(fmt.Sprintf("Deleting the initial secret %s of service account %s in organization %s (keep_initial_secret = false)", secretID, clientID, orgID), err,
				"The account and that secret exist, and the state says so."))
		return
	}
	m.KeepInitialSecret = types.BoolValue(false)
	m.Secrets = attrs.SecretsToList(attrs.WithoutSecret(secrets, secretID))
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
		diags.WarnSecretsExpiring(&resp.Diagnostics, fmt.Sprintf("service account %s of organization %s", clientID, orgID), sa.Secrets, now)
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
			diags.APIErrorDetail(fmt.Sprintf("Reading the secrets of service account %s in organization %s", clientID, orgID), err, ""))
		return
	}
	id := attrs.InitialSecretID(attrs.RecordedInitialSecret(ctx, private), sa.CreatedAt, sa.Secrets)
	if id == "" || !slices.ContainsFunc(sa.Secrets, func(s client.ServiceAccountSecret) bool { return s.ID == id }) {
		// Gone already, or not identifiable: nothing to delete.
		plan.Secret = types.StringNull()
		plan.Secrets = attrs.SecretsToList(sa.Secrets)
		if id == "" {
			d.AddWarning("Initial Secret Not Identified",
				fmt.Sprintf("keep_initial_secret is now false for service account %s of organization %s, but the secret Atlas issued with the account "+
					"cannot be told apart from the account's other secrets (the account was imported). "+
					"No secret was deleted. Delete the one you no longer need in the Atlas UI.", clientID, orgID))
		}
		return
	}
	r.deleteInitialSecret(ctx, plan, sa.Secrets, id, d)
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
