// Package projectteam implements the atlasaccess_project_team resource (a
// team's roles in a project), its list resource and the
// atlasaccess_project_teams data source. It uses /groups/{groupId}/teams
// (2023-01-01).
package projectteam

import (
	"context"
	"errors"
	"fmt"
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
	_ resource.ResourceWithConfigure   = (*projectTeamResource)(nil)
	_ resource.ResourceWithImportState = (*projectTeamResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*projectTeamResource)(nil)
)

// Atlas error codes this resource explains (as atlassim answers them; the
// contract promises the status codes only).
const (
	codeTeamNotFound   = "TEAM_NOT_FOUND"
	codeMaxTeamsInProj = "MAX_TEAMS_PER_GROUP_EXCEEDED"
	maxTeamsPerProject = 100
)

// NewResource returns the atlasaccess_project_team resource.
func NewResource() resource.Resource { return &projectTeamResource{} }

// api is what the resource needs from Atlas; *safeops.Service provides it.
type api interface {
	AddTeamToProject(ctx context.Context, projectID, teamID string, roles []string) (*client.ProjectTeam, error)
	GetProjectTeam(ctx context.Context, projectID, teamID string) (*client.ProjectTeam, error)
	UpdateProjectTeamRoles(ctx context.Context, projectID, teamID string, roles []string) (*client.ProjectTeam, error)
	RemoveTeamFromProject(ctx context.Context, projectID, teamID string) error
	ProjectTeamName(ctx context.Context, projectID, teamID string) (string, error)
}

type projectTeamResource struct{ api api }

func (r *projectTeamResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_project_team"
}

func (r *projectTeamResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = resourceSchema()
}

func (r *projectTeamResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	if d := providerdata.From(req.ProviderData, &resp.Diagnostics); d != nil {
		r.api = d.Service
	}
}

// ModifyPlan makes id known at plan time when both IDs are.
func (r *projectTeamResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() || !req.State.Raw.IsNull() {
		return
	}
	var plan projectTeamModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if plan.ID.IsUnknown() && !plan.ProjectID.IsUnknown() && !plan.TeamID.IsUnknown() {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("id"), resourceID(plan.ProjectID.ValueString(), plan.TeamID.ValueString()))...)
	}
}

func (r *projectTeamResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	defer owner.SetIdentity(ctx, resp.Identity, &resp.Diagnostics, &resp.State)
	var plan projectTeamModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	roles, d := attrs.RolesFromSet(ctx, plan.Roles)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	projectID, teamID := plan.ProjectID.ValueString(), plan.TeamID.ValueString()
	t, err := r.api.AddTeamToProject(ctx, projectID, teamID, roles)
	var existing *safeops.ExistingError
	switch {
	case errors.As(err, &existing):
		resp.Diagnostics.AddError("Team Already in Project", existingDetail(projectID, teamID, r.team(ctx, projectID, teamID), existing))
		return
	case err != nil:
		summary, detail := createErrorDiagnostic(ctx, projectID, teamID, r.team, err)
		resp.Diagnostics.AddError(summary, detail)
		return
	}
	plan.setFromAPI(projectID, t)
	tflog.Info(ctx, "added team to project", map[string]any{"project_id": projectID, "team_id": teamID})
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// team names team teamID in a message: `team "platform" (ID 6b16...)`, or
// "team 6b16..." when its name cannot be read. Only the error paths of
// writes call it, so a successful apply makes no extra request.
func (r *projectTeamResource) team(ctx context.Context, projectID, teamID string) string {
	name, err := r.api.ProjectTeamName(ctx, projectID, teamID)
	if err != nil || name == "" {
		return "team " + teamID
	}
	return fmt.Sprintf("team %q (ID %s)", name, teamID)
}

// createErrorDiagnostic explains a failed add: an unknown team and the
// project's team limit get their own words, anything else Atlas's, with
// the team named by teamWords (not for an unknown team: it has no name).
func createErrorDiagnostic(ctx context.Context, projectID, teamID string, teamWords func(context.Context, string, string) string, err error) (summary, detail string) {
	var apiErr *client.APIError
	if errors.As(err, &apiErr) && apiErr.ErrorCode == codeTeamNotFound {
		return "Team Not Found", diags.APIErrorDetail(fmt.Sprintf("Adding team %s to project %s", teamID, projectID), err,
			fmt.Sprintf("team_id %s names no team of the project's organization. Check team_id: create the team first "+
				"(atlasaccess_team, and refer to its team_id), or take the ID from the atlasaccess_teams data source.", teamID))
	}
	action := fmt.Sprintf("Adding %s to project %s", teamWords(ctx, projectID, teamID), projectID)
	if errors.As(err, &apiErr) && apiErr.ErrorCode == codeMaxTeamsInProj {
		return "Too Many Teams in Project", diags.APIErrorDetail(action, err,
			fmt.Sprintf("Atlas allows %d teams per project, and project %s has that many. Remove a team from the project "+
				"(destroy its atlasaccess_project_team, or in the Atlas UI), or give this team's people their roles another way, then apply again.",
				maxTeamsPerProject, projectID))
	}
	return "Error Adding Team to Project", diags.APIErrorDetail(action, err, "")
}

// existingDetail explains why the team (named by team, see
// projectTeamResource.team) was not added, and what to do.
func existingDetail(projectID, teamID, team string, existing *safeops.ExistingError) string {
	id := resourceID(projectID, teamID)
	var b strings.Builder
	fmt.Fprintf(&b, "%s already holds roles in project %s (%s). ", upperFirst(team), projectID, existing.RolesText())
	switch {
	case existing.HeldHere:
		b.WriteString("Another resource of this configuration already manages this team's roles in this project: declare each team once per project.")
		return diags.APIErrorDetail(fmt.Sprintf("Adding %s to project %s", team, projectID), orSelf(existing), b.String())
	case existing.AfterLostAnswer:
		b.WriteString("The answer to this apply's own request was lost, and the roles Atlas holds are not exactly the ones requested, " +
			"so they cannot be proven to be this apply's work and were not taken over. ")
	default:
		b.WriteString("Atlas would silently replace those roles, so Terraform did not send the request: the grant was made outside this resource. ")
	}
	fmt.Fprintf(&b, "To manage that grant with Terraform, import it instead of creating it:\n\n"+
		"  terraform import atlasaccess_project_team.<name> %s\n\n"+
		"or add an import block (Terraform 1.5 or later) and apply:\n\n"+
		"  import {\n    to = atlasaccess_project_team.<name>\n    id = %q\n  }\n\n"+
		"where atlasaccess_project_team.<name> is this resource's address. The next plan then sets the configured roles.", id, id)
	return diags.APIErrorDetail(fmt.Sprintf("Adding %s to project %s", team, projectID), orSelf(existing), b.String())
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// orSelf is the error to describe for an ExistingError: its cause, or
// itself when the create never reached Atlas.
func orSelf(e *safeops.ExistingError) error {
	if e.Cause != nil {
		return e.Cause
	}
	return errors.New("the team is already in the project")
}

func (r *projectTeamResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	defer owner.SetIdentity(ctx, resp.Identity, &resp.Diagnostics, &resp.State, &req.State)
	var state projectTeamModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	importing := attrs.ImportPending(ctx, req.Private, resp.Private, &resp.Diagnostics)
	projectID, teamID := state.ProjectID.ValueString(), state.TeamID.ValueString()
	t, err := r.api.GetProjectTeam(ctx, projectID, teamID)
	switch {
	case client.IsNotFound(err) && importing:
		resp.Diagnostics.AddError("Team Not in Project",
			diags.APIErrorDetail(fmt.Sprintf("Cannot import atlasaccess_project_team %s", resourceID(projectID, teamID)), err,
				"The team holds no roles in the project, or does not exist. Check the project ID and the team ID (the atlasaccess_project_teams data source lists a project's teams)."))
		return
	case client.IsNotFound(err):
		resp.Diagnostics.AddWarning("Team Removed From Project", notFoundDetail(projectID, teamID, err))
		resp.State.RemoveResource(ctx)
		return
	case err != nil:
		resp.Diagnostics.AddError("Error Reading Team Project Roles",
			diags.APIErrorDetail(fmt.Sprintf("Reading the roles of team %s in project %s", teamID, projectID), err, ""))
		return
	}
	state.setFromAPI(projectID, t)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// notFoundDetail is the warning of a grant gone outside Terraform.
func notFoundDetail(projectID, teamID string, err error) string {
	return diags.APIErrorDetail(fmt.Sprintf("Reading the roles of team %s in project %s", teamID, projectID), err,
		"atlasaccess_project_team was deleted outside Terraform: the team was removed from the project, or the team itself was deleted. "+
			"It is removed from state; if the configuration still declares it, Terraform adds the team to the project again "+
			"(which fails, naming team_id, if the team no longer exists).")
}

// Update replaces the team's roles, the only attribute Atlas can change in
// place.
func (r *projectTeamResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	defer owner.SetIdentity(ctx, resp.Identity, &resp.Diagnostics, &resp.State)
	var plan projectTeamModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	roles, d := attrs.RolesFromSet(ctx, plan.Roles)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	projectID, teamID := plan.ProjectID.ValueString(), plan.TeamID.ValueString()
	t, err := r.api.UpdateProjectTeamRoles(ctx, projectID, teamID, roles)
	if err != nil {
		resp.Diagnostics.AddError("Error Updating Team Project Roles",
			diags.APIErrorDetail(fmt.Sprintf("Replacing the roles of %s in project %s", r.team(ctx, projectID, teamID), projectID), err, ""))
		return
	}
	plan.setFromAPI(projectID, t)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// Delete removes the team from the project only; the team stays in the
// organization.
func (r *projectTeamResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state projectTeamModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	projectID, teamID := state.ProjectID.ValueString(), state.TeamID.ValueString()
	if err := r.api.RemoveTeamFromProject(ctx, projectID, teamID); err != nil && !client.IsNotFound(err) {
		resp.Diagnostics.AddError("Error Removing Team From Project",
			diags.APIErrorDetail(fmt.Sprintf("Removing %s from project %s", r.team(ctx, projectID, teamID), projectID), err, ""))
	}
}

// ImportState accepts project_id/team_id; the read that follows fails when
// the team holds no roles in the project.
func (r *projectTeamResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	requested, d := owner.RequestedImportID(ctx, req, identityAttrs)
	if resp.Diagnostics.Append(d...); d.HasError() {
		return
	}
	projectID, teamID, err := parseImportID(requested)
	if err != nil {
		resp.Diagnostics.AddError("Invalid Import ID", fmt.Sprintf("Cannot import atlasaccess_project_team from %q: %s.", requested, err))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("project_id"), projectID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("team_id"), teamID)...)
	attrs.MarkImportPending(ctx, resp.Private, &resp.Diagnostics)
}
