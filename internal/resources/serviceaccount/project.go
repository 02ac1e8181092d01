package serviceaccount

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/attrs"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/diags"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/safeops"
)

// What only atlasaccess_project_service_account has: keep_in_organization
// and the created-here record behind it, an account removed from the
// project but alive in the organization (found, and restored), and a
// destroy that weighs the organization and its other projects.

// keepInOrganizationDescription says what destroy does with each value of
// keep_in_organization.
const keepInOrganizationDescription = "What destroy does with the account beyond removing it from this project. " +
	"Not set (the default): delete it from the organization when this resource created it and no other project uses it, " +
	"so that no live credential is left behind; an imported account is only removed from this project, with a warning that " +
	"it stays in the organization (import cannot tell an account created for the project from an organization account " +
	"assigned to it, so destroy never deletes what it did not create). `false`: delete it from the organization when no other " +
	"project uses it, even when it was imported. `true`: only remove it from this project; the account and its secrets stay " +
	"in the organization until deleted there."

// projectSchemaVersion 1: keep_in_organization has no default (null
// instead of false), so that destroy can tell "not set" from an explicit
// false.
const projectSchemaVersion = 1

// projectAttributes are the attributes only the project account has.
func projectAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"keep_in_organization": schema.BoolAttribute{
			MarkdownDescription: keepInOrganizationDescription,
			Optional:            true,
		},
	}
}

// projectAccountResource is atlasaccess_project_service_account: the shared
// resource, its upgrader (upgrade.go), and its own destroy.
type projectAccountResource struct{ accountResource }

// projectAccounts are the calls of project accounts.
type projectAccounts struct{ api }

func (p projectAccounts) create(ctx context.Context, projectID string, req client.CreateServiceAccountRequest) (*client.ServiceAccount, []safeops.Degradation, error) {
	return p.CreateProjectServiceAccount(ctx, projectID, req)
}

// lookup finds the account in the project, or only in its organization:
// then it has no roles in the project (projectView).
func (p projectAccounts) lookup(ctx context.Context, projectID, clientID string) (*client.ServiceAccount, accountLookup, error) {
	sa, org, found, err := lookupAccount(ctx, p.api, projectID, clientID)
	if found == accountOnlyInOrg {
		sa = projectView(org)
	}
	return sa, found, err
}

func (p projectAccounts) update(ctx context.Context, projectID, clientID string, req client.UpdateServiceAccountRequest) (*client.ServiceAccount, error) {
	return p.UpdateProjectServiceAccount(ctx, projectID, clientID, req)
}

func (p projectAccounts) restore(ctx context.Context, projectID, clientID string, roles []string) (*client.ServiceAccount, error) {
	return p.AssignServiceAccount(ctx, projectID, clientID, roles)
}

// projectView is an account that was removed from the project but still
// exists in the organization, as the project sees it: with no roles in the
// project, which the next plan restores.
func projectView(org *client.OrgServiceAccount) *client.ServiceAccount {
	sa := fromOrg(org)
	sa.Roles = nil
	return sa
}

// lookupAccount reads the account; when it is no longer in the project, it
// looks in the organization, so that an account that still exists (with its
// live secrets) is never forgotten.
func lookupAccount(ctx context.Context, a api, projectID, clientID string) (*client.ServiceAccount, *client.OrgServiceAccount, accountLookup, error) {
	sa, err := a.GetProjectServiceAccount(ctx, projectID, clientID)
	if err == nil {
		return sa, nil, accountInOwner, nil
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

// warnRemovedFromProject says that the account in state was removed from
// its project outside Terraform but lives on in the organization.
func warnRemovedFromProject(d *diag.Diagnostics, clientID, projectID string) {
	d.AddWarning("Service Account Removed From Project",
		fmt.Sprintf("Service account %s was removed from project %s outside Terraform, but it was not deleted: it still exists in its organization, "+
			"and its secrets remain valid. Terraform keeps it in state with no roles in the project; applying the configuration assigns it "+
			"to the project again with the configured roles (it does not create a second account). To get rid of it, remove the resource "+
			"from the configuration, and destroy deletes it.", clientID, projectID))
}

func (r *projectAccountResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state projectAccountModel
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

func (r *projectAccountResource) removeFromProject(ctx context.Context, projectID, clientID string, d *diag.Diagnostics) {
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
