// Package orguser implements the atlasaccess_org_user resource: a person's
// membership of an organization, with organization roles. It uses
// /orgs/{orgId}/users (2025-02-19).
package orguser

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/path"
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
	_ resource.ResourceWithConfigure   = (*orgUserResource)(nil)
	_ resource.ResourceWithImportState = (*orgUserResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*orgUserResource)(nil)
)

// NewResource returns the atlasaccess_org_user resource.
func NewResource() resource.Resource { return &orgUserResource{} }

// api is what the resource needs from Atlas; *safeops.Service provides it.
type api interface {
	CreateOrgUser(ctx context.Context, orgID string, req client.CreateOrgUserRequest) (*client.OrgUser, error)
	FindOrgUser(ctx context.Context, orgID, username string, statuses []string) (*client.OrgUser, error)
	HoldOrgUser(orgID, username string)
	GetOrgUser(ctx context.Context, orgID, userID string) (*client.OrgUser, error)
	AddOrgUserRole(ctx context.Context, orgID, userID, role string) (*client.OrgUser, error)
	RemoveOrgUserRole(ctx context.Context, orgID, userID, role string) (*client.OrgUser, error)
	DeleteOrgUser(ctx context.Context, orgID, userID, username string) error
}

// teamLister names the teams a destroy takes the person out of, and the
// projects those teams reach; safeops.Reads provides it.
type teamLister interface {
	ListTeams(ctx context.Context, orgID string) ([]client.Team, error)
	TeamProjects(ctx context.Context, orgID string, teamIDs []string) (map[string][]safeops.TeamProject, bool, error)
}

type orgUserResource struct {
	api   api
	teams teamLister
}

func (r *orgUserResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_org_user"
}

func (r *orgUserResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = resourceSchema()
}

func (r *orgUserResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	if d := providerdata.From(req.ProviderData, &resp.Diagnostics); d != nil {
		r.api = d.Service
		r.teams = d.Service.Reads()
	}
}

// ModifyPlan makes id known at plan time, keeps the computed values when
// only roles change (a role update changes neither user_id nor status), and,
// for a destroy, warns which access disappears with the membership.
func (r *orgUserResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		r.warnDestroy(ctx, req, resp)
		return
	}
	var plan orgUserModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if req.State.Raw.IsNull() {
		if plan.ID.IsUnknown() && !plan.OrgID.IsUnknown() && !plan.Username.IsUnknown() {
			resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("id"), resourceID(plan.OrgID.ValueString(), plan.Username.ValueString()))...)
		}
		return
	}
	var state orgUserModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if plan.OrgID.Equal(state.OrgID) && plan.Username.Equal(state.Username) {
		kept := state
		kept.Roles = plan.Roles
		resp.Diagnostics.Append(resp.Plan.Set(ctx, &kept)...)
	}
}

// warnDestroy tells what removing the person from the organization takes
// away: their organization roles, their direct project roles, their teams
// and the projects those teams reach, as Atlas knows them at plan time.
// When Atlas cannot be asked, the warning says so.
//
// Cost: one GET of the person; for a person in at least one team, one list
// of the organization's teams, one of its projects and, for an organization
// of at most safeops.MaxTeamProjectsRead projects, one list of each
// project's teams.
func (r *orgUserResource) warnDestroy(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.State.Raw.IsNull() || r.api == nil {
		return
	}
	var state orgUserModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	orgID, userID, username := state.OrgID.ValueString(), state.UserID.ValueString(), state.Username.ValueString()
	u, err := r.api.GetOrgUser(ctx, orgID, userID)
	if client.IsNotFound(err) {
		return // nothing left to lose
	}
	loses := lostAccess{user: u, err: err}
	if err == nil && len(u.TeamIDs) > 0 {
		loses.teams, loses.err = r.teams.ListTeams(ctx, orgID)
		if loses.err == nil {
			loses.teamProjects, loses.teamProjectsRead, loses.teamProjectsErr = r.teams.TeamProjects(ctx, orgID, u.TeamIDs)
		}
	}
	// One summary per person: Terraform folds warnings with the same
	// summary into one, which would hide every other leaver's details.
	resp.Diagnostics.AddWarning("Person Leaves the Organization: "+username, destroyDetail(orgID, username, loses))
}

// projectLabel names a project in the destroy warning: "project <name>
// <id>" when its name is known, else "project <id>".
func projectLabel(id, name string) string {
	if name == "" {
		return "project " + id
	}
	return "project " + name + " " + id
}

// lostAccess is what a person holds in an organization, as the destroy
// warning reads it.
type lostAccess struct {
	// user is the person as Atlas holds them; err why they (or the
	// organization's teams) could not be read.
	user *client.OrgUser
	err  error
	// teams are the organization's teams.
	teams []client.Team
	// teamProjects are the projects each of the person's teams holds roles
	// in, by team ID; teamProjectsRead is false when they were not read
	// (too many projects, or teamProjectsErr).
	teamProjects     map[string][]safeops.TeamProject
	teamProjectsRead bool
	teamProjectsErr  error
}

// destroyDetail is the destroy warning's text.
func destroyDetail(orgID, username string, l lostAccess) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Destroying atlasaccess_org_user removes %s from organization %s, and so from every project and team of it, "+
		"including access granted outside this resource (atlasaccess_project_user_invite, teams, the Atlas UI).", username, orgID)
	if l.err != nil {
		fmt.Fprintf(&b, " What they would lose could not be read (%v).", l.err)
		return b.String()
	}
	u := l.user
	if len(u.Roles.OrgRoles) > 0 {
		fmt.Fprintf(&b, "\n\nOrganization roles: %s.", strings.Join(slices.Sorted(slices.Values(u.Roles.OrgRoles)), ", "))
	}
	// Project names come free with the teams' projects; reading them for
	// direct roles alone would cost a request, so a project is named the
	// same way on both lines: its name where known, always its ID.
	projectNames := map[string]string{}
	for _, reached := range l.teamProjects {
		for _, p := range reached {
			projectNames[p.ProjectID] = p.ProjectName
		}
	}
	assignments := slices.SortedFunc(slices.Values(u.Roles.GroupRoleAssignments), func(a, b client.GroupRoleAssignment) int {
		return strings.Compare(a.ProjectID, b.ProjectID)
	})
	var projects []string
	for _, g := range assignments {
		projects = append(projects, fmt.Sprintf("%s (%s)", projectLabel(g.ProjectID, projectNames[g.ProjectID]), strings.Join(slices.Sorted(slices.Values(g.GroupRoles)), ", ")))
	}
	if len(projects) > 0 {
		fmt.Fprintf(&b, "\nProjects (direct roles): %s.", strings.Join(projects, "; "))
	} else {
		b.WriteString("\nProjects (direct roles): none.")
	}
	names := map[string]string{}
	for _, t := range l.teams {
		names[t.ID] = t.Name
	}
	var memberOf []string
	for _, id := range u.TeamIDs {
		team := id
		if n, ok := names[id]; ok {
			team = fmt.Sprintf("%s (%s)", n, id)
		}
		if l.teamProjectsRead {
			var reached []string
			for _, p := range l.teamProjects[id] {
				reached = append(reached, fmt.Sprintf("%s (%s)", projectLabel(p.ProjectID, p.ProjectName), strings.Join(slices.Sorted(slices.Values(p.Roles)), ", ")))
			}
			slices.Sort(reached)
			if len(reached) == 0 {
				reached = []string{"no project"}
			}
			team += " giving " + strings.Join(reached, ", ")
		}
		memberOf = append(memberOf, team)
	}
	slices.Sort(memberOf)
	switch {
	case len(memberOf) == 0:
		b.WriteString("\nTeams: none.")
	case l.teamProjectsRead:
		fmt.Fprintf(&b, "\nTeams, and the projects they give roles in: %s.", strings.Join(memberOf, "; "))
	default:
		fmt.Fprintf(&b, "\nTeams, with every project role they give: %s.", strings.Join(memberOf, "; "))
		if l.teamProjectsErr != nil {
			fmt.Fprintf(&b, " The projects these teams reach could not be read (%v).", l.teamProjectsErr)
		} else {
			fmt.Fprintf(&b, " The projects these teams reach were not read: Atlas tells them project by project, and the organization has more than %d projects.",
				safeops.MaxTeamProjectsRead)
		}
	}
	return b.String()
}

func (r *orgUserResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	defer owner.SetIdentity(ctx, resp.Identity, &resp.Diagnostics, &resp.State)
	var plan orgUserModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	roles, d := attrs.RolesFromSet(ctx, plan.Roles)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	orgID, username := plan.OrgID.ValueString(), plan.Username.ValueString()
	u, err := r.api.CreateOrgUser(ctx, orgID, client.CreateOrgUserRequest{Username: username, Roles: client.OrgUserRoles{OrgRoles: roles}})
	var existing *safeops.ExistingError
	switch {
	case errors.As(err, &existing):
		resp.Diagnostics.AddError("User Already in Organization", conflictDetail(orgID, username, existing))
		return
	case err != nil:
		resp.Diagnostics.AddError("Error Inviting User to Organization",
			diags.APIErrorDetail(fmt.Sprintf("Inviting %s to organization %s", username, orgID), err, ""))
		return
	}
	plan.setFromAPI(orgID, u)
	tflog.Info(ctx, "invited user to organization", map[string]any{"org_id": orgID, "user_id": u.ID, "status": u.OrgMembershipStatus})
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// conflictDetail explains why the person could not be invited, and what to do.
func conflictDetail(orgID, username string, existing *safeops.ExistingError) string {
	id := resourceID(orgID, username)
	var b strings.Builder
	status := existing.Status
	if status == "" {
		status = "active or invited"
	}
	if existing.ID != "" {
		fmt.Fprintf(&b, "%s is already %s in organization %s (user ID %s, organization roles %s). ", existing.Username, status, orgID, existing.ID, existing.RolesText())
	} else {
		fmt.Fprintf(&b, "%s is already a user of organization %s, active or invited. ", username, orgID)
	}
	switch {
	case existing.HeldHere:
		b.WriteString("Another resource of this configuration already manages this person in this organization: declare each person once per organization.")
		return diags.APIErrorDetail(fmt.Sprintf("Inviting %s to organization %s", username, orgID), existing.Cause, b.String())
	case status == client.UserStatusActive:
		b.WriteString("Terraform did not invite them and will not take them over: an active member's access cannot be proven to be this apply's work, " +
			"and taking it over would let Terraform change their roles or remove them from the organization, and so from every project and team. ")
	case existing.AfterLostAnswer:
		b.WriteString("The answer to this apply's own request was lost, and what Atlas holds does not match it exactly, so it was not taken over: " +
			"import it if it is what you want, or remove the person from the organization and apply again. ")
	}
	fmt.Fprintf(&b, "To manage that membership with Terraform, import it instead of creating it:\n\n"+
		"  terraform import atlasaccess_org_user.<name> %s\n\n"+
		"or add an import block (Terraform 1.5 or later) and apply:\n\n"+
		"  import {\n    to = atlasaccess_org_user.<name>\n    id = %q\n  }\n\n"+
		"where atlasaccess_org_user.<name> is this resource's address. The next plan then sets the configured roles.", id, id)
	return diags.APIErrorDetail(fmt.Sprintf("Inviting %s to organization %s", username, orgID), existing.Cause, b.String())
}

func (r *orgUserResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	defer owner.SetIdentity(ctx, resp.Identity, &resp.Diagnostics, &resp.State, &req.State)
	var state orgUserModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	importing := attrs.ImportPending(ctx, req.Private, resp.Private, &resp.Diagnostics)
	orgID, userID, username := state.OrgID.ValueString(), state.UserID.ValueString(), state.Username.ValueString()
	u, err := r.api.GetOrgUser(ctx, orgID, userID)
	switch {
	case client.IsNotFound(err) && importing:
		resp.Diagnostics.AddError("Organization User Not Found",
			fmt.Sprintf("Cannot import atlasaccess_org_user: organization %s has no user with ID %s. Check the organization ID and the email address: "+
				"the atlasaccess_org_users data source lists an organization's people and pending invitations.", orgID, userID))
		return
	case client.IsNotFound(err):
		resp.Diagnostics.AddWarning("Organization User Not Found",
			fmt.Sprintf("User %s (ID %s) is no longer in organization %s: they left, were removed, or their invitation was cancelled, outside Terraform. "+
				"It is removed from state; if the configuration still declares them, Terraform invites them again.", username, userID, orgID))
		resp.State.RemoveResource(ctx)
		return
	case err != nil:
		resp.Diagnostics.AddError("Error Reading Organization User",
			diags.APIErrorDetail(fmt.Sprintf("Reading user %s (ID %s) in organization %s", username, userID, orgID), err, ""))
		return
	case u.OrgMembershipStatus == client.UserStatusExpired || u.OrgMembershipStatus == client.UserStatusRejected:
		// A stale invitation gives no access; Atlas replaces it when the
		// person is invited again.
		summary, what := "Organization Invitation Expired", "did not accept the invitation before it expired"
		if u.OrgMembershipStatus == client.UserStatusRejected {
			summary, what = "Organization Invitation Rejected", "declined the invitation"
		}
		resp.Diagnostics.AddWarning(summary,
			fmt.Sprintf("%s %s to organization %s (Atlas status %s), so they have no access. The invitation is removed from state. "+
				"While the configuration declares atlasaccess_org_user for %s, the next apply invites them again; "+
				"to stop inviting them, remove that resource from the configuration.", username, what, orgID, u.OrgMembershipStatus, username))
		resp.State.RemoveResource(ctx)
		return
	}
	state.setFromAPI(orgID, u)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// Update changes roles, the only attribute Atlas can change in place. New
// roles are added before old ones are removed: Atlas requires a user to hold
// at least one organization role at all times.
func (r *orgUserResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	defer owner.SetIdentity(ctx, resp.Identity, &resp.Diagnostics, &resp.State)
	var plan, state orgUserModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	have, d := attrs.RolesFromSet(ctx, state.Roles)
	resp.Diagnostics.Append(d...)
	want, d := attrs.RolesFromSet(ctx, plan.Roles)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	orgID, userID, username := state.OrgID.ValueString(), state.UserID.ValueString(), state.Username.ValueString()
	latest, failed := attrs.ChangeRoles(have, want,
		func(role string) (*client.OrgUser, error) { return r.api.AddOrgUserRole(ctx, orgID, userID, role) },
		func(role string) (*client.OrgUser, error) { return r.api.RemoveOrgUserRole(ctx, orgID, userID, role) })
	var failure error
	var failedStep string
	switch {
	case failed != nil && failed.Adding:
		failure, failedStep = failed.Err, fmt.Sprintf("Adding organization role %s to %s (ID %s) in organization %s", failed.Role, username, userID, orgID)
	case failed != nil:
		failure, failedStep = failed.Err, fmt.Sprintf("Removing organization role %s from %s (ID %s) in organization %s", failed.Role, username, userID, orgID)
	}
	if failure == nil && latest == nil {
		u, err := r.api.GetOrgUser(ctx, orgID, userID)
		if err != nil {
			failure, failedStep = err, fmt.Sprintf("Reading %s (ID %s) in organization %s", username, userID, orgID)
		}
		latest = u
	}
	if latest != nil {
		// Record what Atlas holds now, also after a partial failure. The
		// status the plan showed is kept: an acceptance meanwhile arrives
		// with the next refresh.
		plan.setFromAPI(orgID, latest)
		plan.Status = state.Status
		resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	}
	if failure != nil {
		resp.Diagnostics.AddError("Error Updating Organization User Roles", diags.APIErrorDetail(failedStep, failure, ""))
	}
}

// Delete removes the person from the organization, and so from every
// project and team of it; a pending invitation is cancelled.
func (r *orgUserResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state orgUserModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	orgID, userID, username := state.OrgID.ValueString(), state.UserID.ValueString(), state.Username.ValueString()
	err := r.api.DeleteOrgUser(ctx, orgID, userID, username)
	if err != nil && !client.IsNotFound(err) {
		resp.Diagnostics.AddError("Error Removing User From Organization",
			diags.APIErrorDetail(fmt.Sprintf("Removing %s (ID %s) from organization %s", username, userID, orgID), err, ""))
	}
}

// ImportState accepts org_id/username, resolved to the user's ID among the
// organization's active and pending users.
func (r *orgUserResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	requested, d := owner.RequestedImportID(ctx, req, identityAttrs)
	if resp.Diagnostics.Append(d...); d.HasError() {
		return
	}
	orgID, username, err := parseImportID(requested)
	if err != nil {
		resp.Diagnostics.AddError("Invalid Import ID", fmt.Sprintf("Cannot import atlasaccess_org_user from %q: %s.", requested, err))
		return
	}
	u, err := r.api.FindOrgUser(ctx, orgID, username, nil)
	if err != nil {
		resp.Diagnostics.AddError("Error Importing Organization User",
			diags.APIErrorDetail(fmt.Sprintf("Looking up %s in organization %s", username, orgID), err, ""))
		return
	}
	if u == nil {
		resp.Diagnostics.AddError("Organization User Not Found",
			fmt.Sprintf("Cannot import atlasaccess_org_user %s/%s: organization %s has no active or invited user %s. Check the organization ID and the email address: "+
				"the atlasaccess_org_users data source lists an organization's people and pending invitations.", orgID, username, orgID, username))
		return
	}
	r.api.HoldOrgUser(orgID, u.Username)
	// Atlas's spelling, not the import ID's: a reference to username then
	// gives the spelling Atlas uses. A configuration that differs only in
	// letter case plans no change (CaseInsensitiveUsername).
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("username"), u.Username)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("org_id"), orgID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("user_id"), u.ID)...)
	attrs.MarkImportPending(ctx, resp.Private, &resp.Diagnostics)
}
