// Package serviceaccount implements the two service account resources,
// atlasaccess_project_service_account and atlasaccess_service_account (an
// organization service account), and their data sources: one
// implementation over a kind that says whose account it is, a project's or
// an organization's. What only one of them has lives in project.go and
// org.go.
package serviceaccount

import (
	"context"
	"errors"
	"fmt"

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
	_ resource.ResourceWithConfigure    = (*projectAccountResource)(nil)
	_ resource.ResourceWithImportState  = (*projectAccountResource)(nil)
	_ resource.ResourceWithModifyPlan   = (*projectAccountResource)(nil)
	_ resource.ResourceWithUpgradeState = (*projectAccountResource)(nil)
	_ resource.ResourceWithConfigure    = (*orgAccountResource)(nil)
	_ resource.ResourceWithImportState  = (*orgAccountResource)(nil)
	_ resource.ResourceWithModifyPlan   = (*orgAccountResource)(nil)
)

// NewProjectResource returns the atlasaccess_project_service_account resource.
func NewProjectResource() resource.Resource {
	return &projectAccountResource{accountResource{kind: projectKind}}
}

// NewResource returns the atlasaccess_service_account resource.
func NewResource() resource.Resource { return &orgAccountResource{accountResource{kind: orgKind}} }

// accountResource is what both account resources share; each resource
// type embeds it and adds its own Delete.
type accountResource struct {
	kind *accountKind
	api  api
}

func (r *accountResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + r.kind.suffix
}

func (r *accountResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = r.kind.schema()
}

func (r *accountResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	if d := providerdata.From(req.ProviderData, &resp.Diagnostics); d != nil {
		r.api = d.Service
	}
}

// ModifyPlan shows what an apply does to the first secret of an existing
// account (see attrs.PlanFirstSecretChanges).
func (r *accountResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	attrs.PlanFirstSecretChanges(ctx, req, resp)
}

// what names the account for messages: "service account … of project …".
func (r *accountResource) what(ownerID, clientID string) string {
	return r.kind.What(ownerID, clientID)
}

func (r *accountResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	defer owner.SetIdentity(ctx, resp.Identity, &resp.Diagnostics, &resp.State)
	plan := r.kind.newModel()
	resp.Diagnostics.Append(req.Plan.Get(ctx, plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	m := plan.base()
	roles, d := attrs.RolesFromSet(ctx, m.Roles)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	ownerID := plan.ownerID().ValueString()
	body := m.createRequest(roles)

	sa, degradations, err := r.kind.accounts(r.api).create(ctx, ownerID, body)
	if err != nil {
		resp.Diagnostics.AddError("Error Creating "+r.kind.Title+" Service Account",
			diags.CandidatesDetail(fmt.Sprintf("Creating service account %q in %s", body.Name, r.kind.Of(ownerID)), err, r.kind.typeName(),
				func(clientID string) string { return owner.ImportID(ownerID, clientID) },
				fmt.Sprintf(r.kind.manualDelete, ownerID)))
		return
	}
	for _, d := range degradations {
		resp.Diagnostics.AddWarning("Service Account Created With Less Than Asked", diags.DegradationDetail(d, r.kind.typeName()))
	}
	if r.kind.recordsCreatedHere {
		// Only an account this resource created may be deleted from the
		// organization by its destroy without being asked (keep_in_organization).
		resp.Diagnostics.Append(attrs.RecordCreatedHere(ctx, resp.Private)...)
	}
	m.setFromAPI(ownerID, sa)
	attrs.TakeInitialSecret(ctx, resp.Private, m.firstSecret(), r.what(ownerID, sa.ClientID), sa.Secrets, r.initialSecretDeleter(ctx, ownerID, sa.ClientID), &resp.Diagnostics)
	tflog.Info(ctx, "created "+r.kind.Word+" service account", map[string]any{r.kind.Attr: ownerID, "client_id": sa.ClientID})
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
}

func (r *accountResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	defer owner.SetIdentity(ctx, resp.Identity, &resp.Diagnostics, &resp.State, &req.State)
	state := r.kind.newModel()
	resp.Diagnostics.Append(req.State.Get(ctx, state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	importing := attrs.ImportPending(ctx, req.Private, resp.Private, &resp.Diagnostics)
	m := state.base()
	ownerID, clientID := state.ownerID().ValueString(), m.ClientID.ValueString()
	sa, found, err := r.kind.accounts(r.api).lookup(ctx, ownerID, clientID)
	switch {
	case err != nil:
		resp.Diagnostics.AddError("Error Reading "+r.kind.Title+" Service Account",
			diags.APIErrorDetail(fmt.Sprintf("Reading service account %s in %s", clientID, r.kind.Of(ownerID)), err, ""))
		return
	case importing && found != accountInOwner:
		resp.Diagnostics.AddError(r.kind.Title+" Service Account Not Found",
			fmt.Sprintf("Cannot import %s: %s has no service account %s. Check both IDs%s", r.kind.typeName(), r.kind.Of(ownerID), clientID, r.kind.importNotFoundHint))
		return
	case found == accountGone:
		resp.Diagnostics.AddWarning(r.kind.Title+" Service Account Not Found",
			fmt.Sprintf("Service account %s of %s no longer exists%s: it was deleted outside Terraform. "+
				"It is removed from state; if the configuration still declares it, Terraform creates a new one.", clientID, r.kind.Of(ownerID), r.kind.goneFrom))
		resp.State.RemoveResource(ctx)
		return
	case found == accountOnlyInOrg:
		warnRemovedFromProject(&resp.Diagnostics, clientID, ownerID)
	}
	m.setFromAPI(ownerID, sa)
	if now, ok := r.api.AtlasNow(); ok {
		diags.WarnSecretsExpiring(&resp.Diagnostics, r.what(ownerID, clientID), sa.Secrets, now)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}

func (r *accountResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	defer owner.SetIdentity(ctx, resp.Identity, &resp.Diagnostics, &resp.State)
	plan, state := r.kind.newModel(), r.kind.newModel()
	resp.Diagnostics.Append(req.Plan.Get(ctx, plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	p, s := plan.base(), state.base()
	ownerID, clientID := state.ownerID().ValueString(), s.ClientID.ValueString()
	roles, d := attrs.RolesFromSet(ctx, p.Roles)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}

	// Computed values come from state; only the API's answer may change them.
	p.ID, p.ClientID, p.CreatedAt, p.Secret, p.Secrets = s.ID, s.ClientID, s.CreatedAt, s.Secret, s.Secrets
	accts := r.kind.accounts(r.api)
	// latest is Atlas's latest answer about the account, if any.
	var latest *client.ServiceAccount
	current := s
	if restore, ok := accts.(restorer); ok && s.removedFromOwner() {
		// Removed from the project outside Terraform: assign it again.
		sa, err := restore.restore(ctx, ownerID, clientID, roles)
		if err != nil {
			resp.Diagnostics.AddError("Error Restoring Service Account to "+r.kind.Title,
				diags.APIErrorDetail(fmt.Sprintf("Assigning service account %s to %s again", clientID, r.kind.Of(ownerID)), err, ""))
			return
		}
		restored := *s
		restored.setFromAPI(ownerID, sa)
		current, latest = &restored, sa
	}
	if body, changed := attrs.AccountUpdate(current.accountFields(), p.accountFields(), roles); changed {
		sa, err := accts.update(ctx, ownerID, clientID, body)
		if err != nil {
			resp.Diagnostics.AddError("Error Updating "+r.kind.Title+" Service Account",
				diags.APIErrorDetail(fmt.Sprintf("Updating service account %s in %s", clientID, r.kind.Of(ownerID)), err, ""))
			return
		}
		latest = sa
	}
	if latest != nil {
		planned := p.Secrets
		p.setFromAPI(ownerID, latest)
		// The plan promised the secrets unchanged (an update never changes
		// them); a difference in Atlas's answer, such as a newer last_used_at,
		// arrives with the next refresh instead of breaking this apply.
		p.Secrets = planned
	}
	if s.KeepInitialSecret.ValueBool() && !p.KeepInitialSecret.ValueBool() {
		r.dropInitialSecret(ctx, req.Private, ownerID, p, &resp.Diagnostics)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
}

// errAccountGone is why the initial secret of an account deleted outside
// Terraform cannot be deleted.
var errAccountGone = errors.New("the account no longer exists")

// dropInitialSecret carries out a switch of keep_initial_secret to false on
// an existing account: one GET to see its secrets, then the DELETE of the
// initial one, when its ID was recorded at create.
func (r *accountResource) dropInitialSecret(ctx context.Context, private attrs.PrivateState, ownerID string, plan *accountModel, d *diag.Diagnostics) {
	clientID := plan.ClientID.ValueString()
	sa, found, err := r.kind.accounts(r.api).lookup(ctx, ownerID, clientID)
	if err == nil && found == accountGone {
		err = errAccountGone
	}
	if err != nil {
		d.AddError("Error Deleting Initial Secret",
			diags.APIErrorDetail(fmt.Sprintf("Reading the secrets of %s", r.what(ownerID, clientID)), err, ""))
		return
	}
	attrs.DropInitialSecret(ctx, private, plan.firstSecret(), r.what(ownerID, clientID), sa.Secrets, r.initialSecretDeleter(ctx, ownerID, clientID), d)
}

// initialSecretDeleter deletes the initial secret of the account, as
// safeops decides.
func (r *accountResource) initialSecretDeleter(ctx context.Context, ownerID, clientID string) attrs.InitialSecretDeleter {
	return func(recorded string, secrets []client.ServiceAccountSecret) (safeops.InitialSecretOutcome, error) {
		return r.api.DeleteInitialSecret(ctx, r.kind.Owner(ownerID), clientID, recorded, secrets)
	}
}

func (r *accountResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	r.kind.ImportClientID(ctx, r.kind.typeName(), req, resp)
}
