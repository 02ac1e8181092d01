// Package serviceaccountsecret implements the two secret resources,
// atlasaccess_project_service_account_secret and
// atlasaccess_service_account_secret: one implementation over a kind that
// says whose account it is, a project's or an organization's.
package serviceaccountsecret

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/providerdata"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/attrs"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/diags"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/owner"
)

var (
	_ resource.ResourceWithConfigure      = (*secretResource)(nil)
	_ resource.ResourceWithImportState    = (*secretResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*secretResource)(nil)
	_ resource.ResourceWithValidateConfig = (*secretResource)(nil)
)

// api is what the resources need from Atlas; *safeops.Service provides it.
type api interface {
	CreateServiceAccountSecret(ctx context.Context, owner client.Owner, clientID string, expiresAfterHours int) (sec *client.ServiceAccountSecret, leftovers []client.ServiceAccountSecret, err error)
	ServiceAccountSecrets(ctx context.Context, owner client.Owner, clientID, secretID string) ([]client.ServiceAccountSecret, error)
	DeleteServiceAccountSecret(ctx context.Context, owner client.Owner, clientID, secretID string) error
	AtlasNow() (time.Time, bool)
}

// NewProjectResource returns the atlasaccess_project_service_account_secret resource.
func NewProjectResource() resource.Resource { return &secretResource{kind: projectKind} }

// NewOrgResource returns the atlasaccess_service_account_secret resource.
func NewOrgResource() resource.Resource { return &secretResource{kind: orgKind} }

type secretResource struct {
	kind kind
	api  api
}

func (r *secretResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + r.kind.suffix
}

func (r *secretResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = r.kind.schema()
}

func (r *secretResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	if d := providerdata.From(req.ProviderData, &resp.Diagnostics); d != nil {
		r.api = d.Service
	}
}

// what names the account for messages: "service account … of project …".
func (r *secretResource) what(ownerID, clientID string) string { return r.kind.What(ownerID, clientID) }

// ValidateConfig keeps the rotation window shorter than the lifetime: a
// window at least as long would replace every new secret at the next plan.
func (r *secretResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var expires, rotate types.Number
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("expires_after_hours"), &expires)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("rotate_before_hours"), &rotate)...)
	if resp.Diagnostics.HasError() || expires.IsNull() || expires.IsUnknown() || rotate.IsNull() || rotate.IsUnknown() {
		return
	}
	if rotate.ValueBigFloat().Cmp(expires.ValueBigFloat()) >= 0 {
		resp.Diagnostics.AddAttributeError(path.Root("rotate_before_hours"), "Rotation Window Too Long",
			fmt.Sprintf("Attribute rotate_before_hours must be less than expires_after_hours (%s), got: %s. "+
				"A window as long as the secret's lifetime would replace every new secret at the next plan.",
				expires.ValueBigFloat().Text('g', -1), rotate.ValueBigFloat().Text('g', -1)))
	}
}

// ModifyPlan replaces a secret that has expired, or that expires within
// rotate_before_hours, by Atlas's clock. The time comes from the Date header
// of Atlas's latest answer, normally the refresh just before; when there was
// none (terraform plan -refresh=false), the account is read once to learn it.
func (r *secretResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.State.Raw.IsNull() || req.Plan.Raw.IsNull() || r.api == nil {
		return
	}
	state := r.kind.newModel()
	resp.Diagnostics.Append(req.State.Get(ctx, state)...)
	var window types.Number
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("rotate_before_hours"), &window)...)
	if resp.Diagnostics.HasError() {
		return
	}
	s := state.base()
	ownerID, clientID, secretID := state.ownerID().ValueString(), s.ClientID.ValueString(), s.SecretID.ValueString()
	now, ok := r.api.AtlasNow()
	if !ok {
		// The answer is not needed, only its Date header; a failure here
		// leaves the clock unknown, which is reported below.
		_, err := r.api.ServiceAccountSecrets(ctx, r.kind.Owner(ownerID), clientID, secretID)
		now, ok = r.api.AtlasNow()
		if !ok {
			resp.Diagnostics.AddWarning("Secret Expiry Not Checked",
				fmt.Sprintf("Atlas's clock could not be read (%v), so the plan cannot tell whether secret %s of %s is due for rotation. "+
					"Plan again once Atlas answers.", err, secretID, r.what(ownerID, clientID)))
			return
		}
	}
	windowHours := attrs.HoursValue(window)
	verdict := rotationDue(s.ExpiresAt.ValueString(), now, time.Duration(windowHours)*time.Hour)
	if verdict != rotate && verdict != expired {
		return
	}
	summary, detail := rotationWarning(verdict, r.what(ownerID, clientID), secretID, s.ExpiresAt.ValueString(), now, windowHours)
	resp.Diagnostics.AddWarning(summary, detail)
	for _, name := range []string{"id", "secret_id", "secret", "masked_secret_value", "created_at", "expires_at", "last_used_at"} {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root(name), types.StringUnknown())...)
	}
	resp.RequiresReplace = append(resp.RequiresReplace, path.Root("expires_at"))
}

func (r *secretResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	defer owner.SetIdentity(ctx, resp.Identity, &resp.Diagnostics, &resp.State)
	plan := r.kind.newModel()
	resp.Diagnostics.Append(req.Plan.Get(ctx, plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	m := plan.base()
	ownerID, clientID := plan.ownerID().ValueString(), m.ClientID.ValueString()
	owner := r.kind.Owner(ownerID)
	sec, leftovers, err := r.api.CreateServiceAccountSecret(ctx, owner, clientID, attrs.HoursValue(m.ExpiresAfterHours))
	diags.WarnLeftoverSecrets(&resp.Diagnostics, r.what(ownerID, clientID), owner, clientID, leftovers)
	if err != nil {
		hint := ""
		if client.IsNotFound(err) {
			hint = fmt.Sprintf("Check %s and client_id: the account does not exist (or was deleted).", r.kind.Attr)
		}
		resp.Diagnostics.AddError("Error Creating Service Account Secret",
			diags.APIErrorDetail(fmt.Sprintf("Issuing a secret for %s", r.what(ownerID, clientID)), err, hint))
		return
	}
	m.setFromAPI(ownerID, sec, nil)
	tflog.Info(ctx, "issued service account secret", map[string]any{r.kind.Attr: ownerID, "client_id": clientID, "secret_id": sec.ID})
	r.readMaskedValue(ctx, owner, clientID, m)
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
}

// readMaskedValue reads the new secret back once, for its masked value:
// Atlas's answer to the create carries the plaintext and no masked value,
// and Atlas documents no mask format to compute it from, so without this the
// first refresh (terraform plan -refresh-only) would report the masked value
// as a change made outside Terraform. The secret exists either way: a failed
// read leaves masked_secret_value null for the next refresh to fill.
func (r *secretResource) readMaskedValue(ctx context.Context, owner client.Owner, clientID string, m *secretModel) {
	secrets, err := r.api.ServiceAccountSecrets(ctx, owner, clientID, m.SecretID.ValueString())
	if err != nil {
		tflog.Warn(ctx, "could not read the new secret's masked value; the next refresh reads it", map[string]any{
			"client_id": clientID, "secret_id": m.SecretID.ValueString(), "error": err.Error(),
		})
		return
	}
	if sec := findSecret(secrets, m.SecretID.ValueString()); sec != nil && sec.MaskedSecretValue != "" {
		m.MaskedSecretValue = types.StringValue(sec.MaskedSecretValue)
	}
}

func (r *secretResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	defer owner.SetIdentity(ctx, resp.Identity, &resp.Diagnostics, &resp.State, &req.State)
	state := r.kind.newModel()
	resp.Diagnostics.Append(req.State.Get(ctx, state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	importing := attrs.ImportPending(ctx, req.Private, resp.Private, &resp.Diagnostics)
	m := state.base()
	ownerID, clientID, secretID := state.ownerID().ValueString(), m.ClientID.ValueString(), m.SecretID.ValueString()
	what := r.what(ownerID, clientID)
	secrets, err := r.api.ServiceAccountSecrets(ctx, r.kind.Owner(ownerID), clientID, secretID)
	var sec *client.ServiceAccountSecret
	if err == nil {
		sec = findSecret(secrets, secretID)
	}
	switch {
	case err != nil && !client.IsNotFound(err):
		resp.Diagnostics.AddError("Error Reading Service Account Secret",
			diags.APIErrorDetail(fmt.Sprintf("Reading the secrets of %s", what), err, ""))
		return
	case importing && sec == nil:
		resp.Diagnostics.AddError("Service Account Secret Not Found",
			fmt.Sprintf("Cannot import %s: %s has no secret %s (or the account does not exist). Check the three IDs of %s/client_id/secret_id.",
				r.kind.typeName(), what, secretID, r.kind.Attr))
		return
	case err != nil:
		resp.Diagnostics.AddWarning("Service Account Not Found",
			fmt.Sprintf("%s no longer exists, and with it its secret %s: it was deleted outside Terraform. "+
				"The secret is removed from state; if the configuration still declares it, the plan issues a new one, which fails until the account exists again.",
				capitalize(what), secretID))
		resp.State.RemoveResource(ctx)
		return
	case sec == nil:
		resp.Diagnostics.AddWarning("Service Account Secret Not Found",
			fmt.Sprintf("Secret %s of %s no longer exists: it was deleted outside Terraform. "+
				"It is removed from state; if the configuration still declares it, the plan issues a new secret.", secretID, what))
		resp.State.RemoveResource(ctx)
		return
	}
	m.setFromAPI(ownerID, sec, secrets)
	if now, ok := r.api.AtlasNow(); ok {
		diags.WarnSecretsExpiring(&resp.Diagnostics, what, secrets, now)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}

// Update only records expires_after_hours (after an import that could not
// read it back) or rotate_before_hours: every other change replaces the
// secret, and these send nothing to Atlas.
func (r *secretResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	defer owner.SetIdentity(ctx, resp.Identity, &resp.Diagnostics, &resp.State)
	plan, state := r.kind.newModel(), r.kind.newModel()
	resp.Diagnostics.Append(req.Plan.Get(ctx, plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	next := state.base()
	next.ExpiresAfterHours = plan.base().ExpiresAfterHours
	next.RotateBeforeHours = plan.base().RotateBeforeHours
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}

func (r *secretResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	state := r.kind.newModel()
	resp.Diagnostics.Append(req.State.Get(ctx, state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	m := state.base()
	ownerID, clientID, secretID := state.ownerID().ValueString(), m.ClientID.ValueString(), m.SecretID.ValueString()
	err := r.api.DeleteServiceAccountSecret(ctx, r.kind.Owner(ownerID), clientID, secretID)
	if err != nil && !client.IsNotFound(err) {
		resp.Diagnostics.AddError("Error Deleting Service Account Secret",
			diags.APIErrorDetail(fmt.Sprintf("Deleting secret %s of %s", secretID, r.what(ownerID, clientID)), err,
				"The secret stays in state and remains valid until it expires. Run terraform destroy again once Atlas answers."))
	}
}

func (r *secretResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	r.kind.ImportSecretID(ctx, r.kind.typeName(), req, resp)
}

// capitalize upper-cases the first letter of an ASCII sentence.
func capitalize(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}
