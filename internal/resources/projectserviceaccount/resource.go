// Package projectserviceaccount implements the atlasaccess_project_service_account
// resource and its data sources.
package projectserviceaccount

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
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
const typeName = "atlasaccess_project_service_account"

// api is what the resource needs from Atlas; *safeops.Service provides it.
type api interface {
	CreateProjectServiceAccount(ctx context.Context, projectID string, req client.CreateServiceAccountRequest) (*client.ServiceAccount, []safeops.Degradation, error)
	GetProjectServiceAccount(ctx context.Context, projectID, clientID string) (*client.ServiceAccount, error)
	GetOrgServiceAccount(ctx context.Context, orgID, clientID string) (*client.OrgServiceAccount, error)
	UpdateProjectServiceAccount(ctx context.Context, projectID, clientID string, req client.UpdateServiceAccountRequest) (*client.ServiceAccount, error)
	AssignServiceAccount(ctx context.Context, projectID, clientID string, roles []string) (*client.ServiceAccount, error)
	DeleteProjectServiceAccount(ctx context.Context, projectID, clientID string) error
	DeleteOrgServiceAccount(ctx context.Context, orgID, projectID, clientID, name string) error
	ProjectOrgID(ctx context.Context, projectID string) (string, error)
	ListOrgServiceAccountProjects(ctx context.Context, orgID, clientID string) ([]client.ServiceAccountProject, error)
	DeleteServiceAccountSecret(ctx context.Context, owner client.Owner, clientID, secretID string) error
	AtlasNow() (time.Time, bool)
}

// NewResource returns the atlasaccess_project_service_account resource.
func NewResource() resource.Resource { return &serviceAccountResource{} }

type serviceAccountResource struct {
	api api
}

func (r *serviceAccountResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_project_service_account"
}

func (r *serviceAccountResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = resourceSchema()
}

func (r *serviceAccountResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	if d := providerdata.From(req.ProviderData, &resp.Diagnostics); d != nil {
		r.api = d.Service
	}
}

// ModifyPlan shows what an apply does to the first secret of an existing
// account (see attrs.PlanFirstSecretChanges).
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
	projectID := plan.ProjectID.ValueString()
	body := plan.createRequest(roles)

	sa, degradations, err := r.api.CreateProjectServiceAccount(ctx, projectID, body)
	if err != nil {
		resp.Diagnostics.AddError("Error Creating Project Service Account",
			diags.CandidatesDetail(fmt.Sprintf("Creating service account %q in project %s", body.Name, projectID), err, typeName,
				func(clientID string) string { return importID(projectID, clientID) },
				fmt.Sprintf("Atlas UI, or DELETE /api/atlas/v2/groups/%s/serviceAccounts/{clientId} and then from the organization", projectID)))
		return
	}
	for _, d := range degradations {
		resp.Diagnostics.AddWarning("Service Account Created With Less Than Asked", diags.DegradationDetail(d, typeName))
	}
	// Only an account this resource created may be deleted from the
	// organization by its destroy without being asked (keep_in_organization).
	resp.Diagnostics.Append(attrs.RecordCreatedHere(ctx, resp.Private)...)
	plan.setFromAPI(projectID, sa)
	attrs.TakeInitialSecret(ctx, resp.Private, plan.firstSecret(), what(projectID, sa.ClientID), sa.Secrets, r.secretDeleter(ctx, projectID, sa.ClientID), &resp.Diagnostics)
	tflog.Info(ctx, "created project service account", map[string]any{"project_id": projectID, "client_id": sa.ClientID})
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// accountLookup is what Read found of an account in state.
type accountLookup int

const (
	accountInProject accountLookup = iota // assigned to the project
	accountOnlyInOrg                      // removed from the project, still in the organization
	accountGone                           // deleted from the organization
)

// lookupAccount reads the account; when it is no longer in the project, it
// looks in the organization, so that an account that still exists (with its
// live secrets) is never forgotten.
func lookupAccount(ctx context.Context, a api, projectID, clientID string) (*client.ServiceAccount, *client.OrgServiceAccount, accountLookup, error) {
	sa, err := a.GetProjectServiceAccount(ctx, projectID, clientID)
	if err == nil {
		return sa, nil, accountInProject, nil
	}
	if !client.IsNotFound(err) {
		return nil, nil, 0, err
	}
	orgID, err := a.ProjectOrgID(ctx, projectID)
	if err != nil {
		return nil, nil, 0, err
	}
	org, err := a.GetOrgServiceAccount(ctx, orgID, clientID)
	switch {
	case client.IsNotFound(err):
		return nil, nil, accountGone, nil
	case err != nil:
		return nil, nil, 0, err
	}
	return nil, org, accountOnlyInOrg, nil
}

// foundAccount is when the account lookupAccount found was created, and
// its secrets, from whichever of the two reads found it.
func foundAccount(sa *client.ServiceAccount, org *client.OrgServiceAccount) (createdAt string, secrets []client.ServiceAccountSecret) {
	switch {
	case sa != nil:
		return sa.CreatedAt, sa.Secrets
	case org != nil:
		return org.CreatedAt, org.Secrets
	}
	return "", nil
}

func (r *serviceAccountResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state serviceAccountModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	importing := diags.ImportPending(ctx, req.Private, resp.Private, &resp.Diagnostics)
	projectID, clientID := state.ProjectID.ValueString(), state.ClientID.ValueString()
	sa, org, found, err := lookupAccount(ctx, r.api, projectID, clientID)
	switch {
	case err != nil:
		resp.Diagnostics.AddError("Error Reading Project Service Account",
			diags.APIErrorDetail(fmt.Sprintf("Reading service account %s in project %s", clientID, projectID), err, ""))
		return
	case importing && found != accountInProject:
		resp.Diagnostics.AddError("Project Service Account Not Found",
			fmt.Sprintf("Cannot import %s: project %s has no service account %s. Check both IDs; "+
				"an organization service account assigned to the project is imported as atlasaccess_project_service_account_assignment.", typeName, projectID, clientID))
		return
	case found == accountGone:
		resp.Diagnostics.AddWarning("Project Service Account Not Found",
			fmt.Sprintf("Service account %s of project %s no longer exists in its organization: it was deleted outside Terraform. "+
				"It is removed from state; if the configuration still declares it, Terraform creates a new one.", clientID, projectID))
		resp.State.RemoveResource(ctx)
		return
	case found == accountOnlyInOrg:
		resp.Diagnostics.AddWarning("Service Account Removed From Project",
			fmt.Sprintf("Service account %s was removed from project %s outside Terraform, but it was not deleted: it still exists in its organization, "+
				"and its secrets remain valid. Terraform keeps it in state with no roles in the project; applying the configuration assigns it "+
				"to the project again with the configured roles (it does not create a second account). To get rid of it, remove the resource "+
				"from the configuration, and destroy deletes it.", clientID, projectID))
		state.setFromOrgAccount(projectID, org)
	default:
		state.setFromAPI(projectID, sa)
	}
	if now, ok := r.api.AtlasNow(); ok {
		_, secrets := foundAccount(sa, org)
		diags.WarnSecretsExpiring(&resp.Diagnostics, what(projectID, clientID), secrets, now)
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
	projectID, clientID := state.ProjectID.ValueString(), state.ClientID.ValueString()
	roles, d := attrs.RolesFromSet(ctx, plan.Roles)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}

	// Computed values come from state; only the API's answer may change them.
	plan.ID, plan.ClientID, plan.CreatedAt, plan.Secret, plan.Secrets = state.ID, state.ClientID, state.CreatedAt, state.Secret, state.Secrets
	// latest is Atlas's latest answer about the account, if any.
	var latest *client.ServiceAccount
	current := &state
	if state.removedFromProject() {
		// Removed from the project outside Terraform: assign it again.
		sa, err := r.api.AssignServiceAccount(ctx, projectID, clientID, roles)
		if err != nil {
			resp.Diagnostics.AddError("Error Restoring Service Account to Project",
				diags.APIErrorDetail(fmt.Sprintf("Assigning service account %s to project %s again", clientID, projectID), err, ""))
			return
		}
		restored := state
		restored.setFromAPI(projectID, sa)
		current, latest = &restored, sa
	}
	if body, changed := attrs.AccountUpdate(current.accountFields(), plan.accountFields(), roles); changed {
		sa, err := r.api.UpdateProjectServiceAccount(ctx, projectID, clientID, body)
		if err != nil {
			resp.Diagnostics.AddError("Error Updating Project Service Account",
				diags.APIErrorDetail(fmt.Sprintf("Updating service account %s in project %s", clientID, projectID), err, ""))
			return
		}
		latest = sa
	}
	if latest != nil {
		planned := plan.Secrets
		plan.setFromAPI(projectID, latest)
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
// initial one, when its ID was recorded at create.
func (r *serviceAccountResource) dropInitialSecret(ctx context.Context, private attrs.PrivateState, plan *serviceAccountModel, d *diag.Diagnostics) {
	projectID, clientID := plan.ProjectID.ValueString(), plan.ClientID.ValueString()
	sa, org, found, err := lookupAccount(ctx, r.api, projectID, clientID)
	if err == nil && found == accountGone {
		err = fmt.Errorf("the account no longer exists")
	}
	if err != nil {
		d.AddError("Error Deleting Initial Secret",
			diags.APIErrorDetail(fmt.Sprintf("Reading the secrets of %s", what(projectID, clientID)), err, ""))
		return
	}
	_, secrets := foundAccount(sa, org)
	attrs.DropInitialSecret(ctx, private, plan.firstSecret(), what(projectID, clientID), secrets, r.secretDeleter(ctx, projectID, clientID), d)
}

// secretDeleter deletes one secret of the account.
func (r *serviceAccountResource) secretDeleter(ctx context.Context, projectID, clientID string) func(secretID string) error {
	return func(secretID string) error {
		return r.api.DeleteServiceAccountSecret(ctx, client.ProjectOwner(projectID), clientID, secretID)
	}
}

// what names the account for messages.
func what(projectID, clientID string) string {
	return fmt.Sprintf("service account %s of project %s", clientID, projectID)
}

func (r *serviceAccountResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state serviceAccountModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	projectID, clientID, name := state.ProjectID.ValueString(), state.ClientID.ValueString(), state.Name.ValueString()
	intent := orgIntentOf(state.KeepInOrganization, attrs.CreatedHere(ctx, req.Private, state.Secret))
	plan, err := planDelete(ctx, r.api, projectID, clientID, intent)
	if err != nil {
		// Nothing was deleted: the account stays in state, with its live
		// secrets, so that the next destroy finishes the job. Only a
		// permission denial may leave it behind (see planDelete).
		resp.Diagnostics.AddError("Error Deleting Service Account",
			diags.APIErrorDetail(fmt.Sprintf("Finding out whether service account %s of project %s can be deleted from its organization", clientID, projectID), err,
				"Nothing was deleted and the account stays in state. Run terraform destroy again once Atlas answers."))
		return
	}
	if plan.deleteFromOrg {
		err := r.api.DeleteOrgServiceAccount(ctx, plan.orgID, projectID, clientID, name)
		switch {
		case err == nil, client.IsNotFound(err):
			return
		case client.IsPermissionDenied(err):
			plan.leftInOrg = err
		default:
			resp.Diagnostics.AddError("Error Deleting Service Account",
				diags.APIErrorDetail(fmt.Sprintf("Deleting service account %s from organization %s", clientID, plan.orgID), err,
					"The account stays in state. Run terraform destroy again once Atlas answers."))
			return
		}
	}
	if plan.gone {
		return
	}
	r.removeFromProject(ctx, projectID, clientID, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	switch {
	case plan.importedKept:
		warnImportedKeptInOrganization(&resp.Diagnostics, clientID, projectID, plan.orgID)
	case plan.leftInOrg != nil:
		warnLeftInOrganization(&resp.Diagnostics, clientID, plan.orgID, plan.leftInOrg)
	case len(plan.otherProjects) > 0:
		// Another project (for example through an assignment) still uses the
		// account: deleting it from the organization would cut that project off.
		resp.Diagnostics.AddWarning("Service Account Kept in Organization",
			fmt.Sprintf("Service account %s was removed from project %s but not deleted, because projects %s still use it. "+
				"The account and its secrets remain valid in organization %s, and nothing deletes it later: it is now managed "+
				"only where it is assigned. When no project needs it any more, delete it in the Atlas UI (Organization Access Manager, "+
				"Applications, Service Accounts) or with DELETE /api/atlas/v2/orgs/%s/serviceAccounts/%s.",
				clientID, projectID, strings.Join(plan.otherProjects, ", "), plan.orgID, plan.orgID, clientID))
	}
}

// deletePlan is what destroying an account does, decided from what Atlas
// says before anything is deleted.
type deletePlan struct {
	orgID string
	// gone: the account no longer exists in the organization; nothing to do.
	gone bool
	// deleteFromOrg: no other project uses the account; delete it from the
	// organization, which also removes it from this project.
	deleteFromOrg bool
	// otherProjects use the account: only remove it from this project.
	otherProjects []string
	// leftInOrg is the permission denial that keeps the account in the
	// organization: only remove it from this project, and warn.
	leftInOrg error
	// importedKept: the account was imported and keep_in_organization is
	// not set: only remove it from this project, and warn.
	importedKept bool
}

// orgIntent is what keep_in_organization, and whether this resource created
// the account, ask destroy to do in the organization.
type orgIntent int

const (
	// deleteIfUnused: delete the account from the organization when no
	// other project uses it (keep_in_organization = false, or not set for
	// an account created here).
	deleteIfUnused orgIntent = iota
	// keepAsAsked: keep_in_organization = true.
	keepAsAsked
	// keepImported: keep_in_organization not set, and the account was
	// imported (or nothing proves it was created here).
	keepImported
)

// orgIntentOf reads keep_in_organization: null defers to whether this
// resource created the account.
func orgIntentOf(keepInOrganization types.Bool, createdHere bool) orgIntent {
	switch {
	case keepInOrganization.IsNull() || keepInOrganization.IsUnknown():
		if createdHere {
			return deleteIfUnused
		}
		return keepImported
	case keepInOrganization.ValueBool():
		return keepAsAsked
	}
	return deleteIfUnused
}

// planDelete decides what destroy does. Only a permission denial (the
// credentials are a Project Owner, not an Organization Owner) may end in
// "removed from the project, left in the organization"; any other failure
// of a lookup (a 5xx, a timeout, a dropped connection, after the client's
// retries) is returned, so that destroy fails and keeps the account in
// state rather than leave a live credential that no state tracks.
func planDelete(ctx context.Context, a api, projectID, clientID string, intent orgIntent) (deletePlan, error) {
	switch intent {
	case keepAsAsked:
		return deletePlan{}, nil
	case keepImported:
		// The organization is only named in the warning: a failure to find
		// it out changes nothing that destroy does.
		orgID, _ := a.ProjectOrgID(ctx, projectID)
		return deletePlan{orgID: orgID, importedKept: true}, nil
	}
	orgID, err := a.ProjectOrgID(ctx, projectID)
	switch {
	case client.IsPermissionDenied(err):
		return deletePlan{leftInOrg: err}, nil
	case err != nil:
		return deletePlan{}, err
	}
	projects, err := a.ListOrgServiceAccountProjects(ctx, orgID, clientID)
	switch {
	case client.IsNotFound(err):
		return deletePlan{orgID: orgID, gone: true}, nil
	case client.IsPermissionDenied(err):
		return deletePlan{orgID: orgID, leftInOrg: err}, nil
	case err != nil:
		return deletePlan{}, err
	}
	if others := otherProjects(projects, projectID); len(others) > 0 {
		return deletePlan{orgID: orgID, otherProjects: others}, nil
	}
	return deletePlan{orgID: orgID, deleteFromOrg: true}, nil
}

func (r *serviceAccountResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	attrs.ImportProjectClientID(ctx, typeName, req, resp)
}

// otherProjects lists the projects other than projectID that an account is in.
func otherProjects(projects []client.ServiceAccountProject, projectID string) []string {
	var others []string
	for _, p := range projects {
		if p.ProjectID != projectID {
			others = append(others, p.ProjectID)
		}
	}
	return others
}

func (r *serviceAccountResource) removeFromProject(ctx context.Context, projectID, clientID string, d *diag.Diagnostics) {
	err := r.api.DeleteProjectServiceAccount(ctx, projectID, clientID)
	if err != nil && !client.IsNotFound(err) {
		d.AddError("Error Removing Service Account From Project",
			diags.APIErrorDetail(fmt.Sprintf("Removing service account %s from project %s", clientID, projectID), err, ""))
	}
}

// warnImportedKeptInOrganization says that destroy left an imported account
// in its organization, and how to delete it.
func warnImportedKeptInOrganization(d *diag.Diagnostics, clientID, projectID, orgID string) {
	where, path := "its organization", "/api/atlas/v2/orgs/{orgId}/serviceAccounts/"+clientID
	if orgID != "" {
		where, path = "organization "+orgID, "/api/atlas/v2/orgs/"+orgID+"/serviceAccounts/"+clientID
	}
	d.AddWarning("Imported Service Account Kept in Organization",
		fmt.Sprintf("Service account %s was removed from project %s but not deleted: it was imported, not created by this resource, "+
			"and keep_in_organization is not set, so destroy does not delete it from the organization (import cannot tell an account "+
			"made for the project from an organization account assigned to it). The account and its secrets remain valid in %s. "+
			"If nothing needs it, delete it in the Atlas UI (Organization Access Manager, Applications, Service Accounts) or with "+
			"DELETE %s. To have destroy delete an imported account, set keep_in_organization = false and apply before destroying.",
			clientID, projectID, where, path))
}

func warnLeftInOrganization(d *diag.Diagnostics, clientID, orgID string, err error) {
	where := "its organization"
	if orgID != "" {
		where = "organization " + orgID
	}
	d.AddWarning("Service Account Left in Organization",
		fmt.Sprintf("Service account %s was removed from the project, but the credentials may not delete it from %s, so it and its secrets "+
			"remain valid there (%v). Ask an Organization Owner to delete it, or set keep_in_organization = true to make this the intended behaviour.",
			clientID, where, err))
}
