// Package team implements the atlasaccess_team resource (a team of an
// organization and its whole membership), the atlasaccess_team and
// atlasaccess_teams data sources and the team list resource. It uses
// /orgs/{orgId}/teams (2023-01-01) and the member calls :addUser and
// :removeUser (2025-02-19).
package team

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
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
	_ resource.ResourceWithConfigure   = (*teamResource)(nil)
	_ resource.ResourceWithImportState = (*teamResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*teamResource)(nil)
)

// NewResource returns the atlasaccess_team resource.
func NewResource() resource.Resource { return &teamResource{} }

// api is what the resource needs from Atlas; *safeops.Service provides it.
type api interface {
	CreateTeam(ctx context.Context, orgID string, req client.CreateTeamRequest) (*client.Team, error)
	GetTeam(ctx context.Context, orgID, teamID string) (*client.Team, error)
	FindTeamByName(ctx context.Context, orgID, name string) (*client.Team, error)
	ListTeamUsers(ctx context.Context, orgID, teamID string) ([]client.OrgUser, error)
	ReadTeamUsers(ctx context.Context, orgID, teamID string) ([]client.OrgUser, error)
	RenameTeam(ctx context.Context, orgID, teamID, name string) (*client.Team, error)
	AddTeamUser(ctx context.Context, orgID, teamID, userID string) error
	RemoveTeamUser(ctx context.Context, orgID, teamID, userID string) error
	DeleteTeam(ctx context.Context, orgID, teamID, name string) error
	FindOrgUser(ctx context.Context, orgID, username string, statuses []string) (*client.OrgUser, error)
}

type teamResource struct{ api api }

func (r *teamResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_team"
}

func (r *teamResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = resourceSchema()
}

func (r *teamResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	if d := providerdata.From(req.ProviderData, &resp.Diagnostics); d != nil {
		r.api = d.Service
	}
}

// ModifyPlan keeps the state's spelling of members who differ only in
// letter case, and warns, naming them, about the members the apply will
// remove: usernames is the whole membership, so people added outside
// Terraform are among them.
func (r *teamResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() || req.State.Raw.IsNull() {
		return
	}
	var plan, state teamModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || !plan.OrgID.Equal(state.OrgID) || !fullyKnown(plan.Usernames) {
		// A member not known until apply may be one of those in state:
		// who is removed is not known either.
		return
	}
	want, d := stringsOf(ctx, plan.Usernames)
	resp.Diagnostics.Append(d...)
	have, d := stringsOf(ctx, state.Usernames)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	if kept := usernamesSet(keepSpelling(want, have)); !kept.Equal(plan.Usernames) {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("usernames"), kept)...)
	}
	applied, recorded, d := appliedUsernames(ctx, req.Private)
	resp.Diagnostics.Append(d...)
	if names := membersToName(have, want, applied, recorded); len(names) > 0 {
		// One summary per team: Terraform folds warnings with the same
		// summary into one, which would hide every other team's details.
		resp.Diagnostics.AddWarning("Team Members Will Be Removed: "+state.Name.ValueString(), removalDetail(state, names, recorded))
	}
}

// membersToName are the members of have (Atlas's, as refreshed) that the
// plan's want drops and that the plan warning names. With a record of what
// the last apply wrote (applied), those are the members added outside
// Terraform: in neither the configuration nor the record. A member the
// configuration used to declare is a removal the user asked for. Without a
// record (an imported team) every member the plan drops is named.
func membersToName(have, want, applied []string, recorded bool) []string {
	removed := missingFrom(have, want)
	if !recorded {
		return removed
	}
	return missingFrom(removed, applied)
}

// removalDetail is the plan warning naming the members an apply removes:
// added outside Terraform when recorded says the last apply's members are
// known, else (an imported team) the members the plan drops, whoever added
// them.
func removalDetail(state teamModel, removed []string, recorded bool) string {
	who, as := "these people", "members"
	if len(removed) == 1 {
		who, as = "this person", "a member"
	}
	team := fmt.Sprintf("team %q (ID %s) in organization %s", state.Name.ValueString(), state.TeamID.ValueString(), state.OrgID.ValueString())
	names := strings.Join(removed, ", ")
	if recorded {
		return fmt.Sprintf("Applying removes %s from %s: Atlas lists %s as %s, but Terraform did not add them and usernames does not declare them: "+
			"they were added outside Terraform (the Atlas UI, another tool). usernames is the team's whole membership, so the apply removes them. "+
			"They stay in the organization. To keep them in the team, add them to usernames.", names, team, who, as)
	}
	return fmt.Sprintf("Applying removes %s from %s: Atlas lists %s as %s, and usernames does not declare them. "+
		"usernames is the team's whole membership (this team was imported, so whoever added them, Terraform or not, the apply removes them). "+
		"They stay in the organization. To keep them in the team, add them to usernames.", names, team, who, as)
}

// appliedUsernamesKey is the private state key of the members the last
// apply of the resource wrote: a member Atlas lists that it lacks, and the
// configuration does not declare, was added outside Terraform.
const appliedUsernamesKey = "applied_usernames"

// setAppliedUsernames records in private state the members an apply wrote.
func setAppliedUsernames(ctx context.Context, private attrs.PrivateState, usernames []string, d *diag.Diagnostics) {
	sorted := slices.Clone(usernames)
	slices.Sort(sorted)
	if sorted == nil {
		sorted = []string{}
	}
	b, err := json.Marshal(sorted)
	if err != nil {
		return
	}
	d.Append(private.SetKey(ctx, appliedUsernamesKey, b)...)
}

// appliedUsernames are the members the last apply wrote, and whether an
// apply recorded them (not so for an imported team).
func appliedUsernames(ctx context.Context, private attrs.PrivateState) ([]string, bool, diag.Diagnostics) {
	b, d := private.GetKey(ctx, appliedUsernamesKey)
	if len(b) == 0 {
		return nil, false, d
	}
	var usernames []string
	if json.Unmarshal(b, &usernames) != nil {
		return nil, false, d
	}
	return usernames, true, d
}

func (r *teamResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	defer owner.SetIdentity(ctx, resp.Identity, &resp.Diagnostics, &resp.State)
	var plan teamModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	usernames, d := stringsOf(ctx, plan.Usernames)
	if resp.Diagnostics.Append(d...); resp.Diagnostics.HasError() {
		return
	}
	orgID, name := plan.OrgID.ValueString(), plan.Name.ValueString()
	t, err := r.api.CreateTeam(ctx, orgID, client.CreateTeamRequest{Name: name, Usernames: usernames})
	var existing *safeops.ExistingTeamError
	switch {
	case errors.As(err, &existing):
		resp.Diagnostics.AddError("Team Already Exists", existingDetail(existing))
		return
	case client.ErrorCode(err) == "USER_NOT_IN_ORG":
		resp.Diagnostics.AddError("Team Member Not in Organization", r.notInOrgDetail(ctx, orgID, name, usernames, err))
		return
	case err != nil:
		resp.Diagnostics.AddError("Error Creating Team",
			diags.APIErrorDetail(fmt.Sprintf("Creating team %q in organization %s", name, orgID), err, ""))
		return
	}
	tflog.Info(ctx, "created team", map[string]any{"org_id": orgID, "team_id": t.ID})
	// The create's answer lists the members; Atlas's spelling is the one
	// of the users it found, and the plan's is kept for the same person.
	resp.Diagnostics.Append(plan.setFromAPI(ctx, orgID, t, t.Usernames)...)
	setAppliedUsernames(ctx, resp.Private, usernames, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// existingDetail explains why the team could not be created, and what to do.
func existingDetail(e *safeops.ExistingTeamError) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Organization %s already has a team named %q", e.OrgID, e.Name)
	if e.ID != "" {
		fmt.Fprintf(&b, " (team ID %s", e.ID)
		if len(e.Usernames) > 0 {
			fmt.Fprintf(&b, ", members %s", strings.Join(e.Usernames, ", "))
		} else {
			b.WriteString(", no members")
		}
		b.WriteString(")")
	}
	b.WriteString(". Team names are unique in an organization. ")
	action := fmt.Sprintf("Creating team %q in organization %s", e.Name, e.OrgID)
	switch {
	case e.HeldHere:
		b.WriteString("Another resource of this configuration already manages this team: declare each team once, or give this one another name.")
		return diags.APIErrorDetail(action, e.Cause, b.String())
	case e.AfterLostAnswer:
		b.WriteString("The answer to this apply's own request was lost, and the team Atlas holds cannot be proven to be its work " +
			"(it is older than the request, or its members differ), so it was not taken over. ")
	default:
		b.WriteString("Terraform did not create it and will not take it over silently: its members would be replaced by the configuration's. ")
	}
	id := e.OrgID + "/" + e.Name
	if e.ID != "" {
		id = resourceID(e.OrgID, e.ID)
	}
	fmt.Fprintf(&b, "To manage that team with Terraform, import it:\n\n"+
		"  terraform import atlasaccess_team.<name> %s\n\n"+
		"or add an import block (Terraform 1.5 or later) and apply:\n\n"+
		"  import {\n    to = atlasaccess_team.<name>\n    id = %q\n  }\n\n"+
		"where atlasaccess_team.<name> is this resource's address. Otherwise choose another name.", id, id)
	return diags.APIErrorDetail(action, e.Cause, b.String())
}

// notInOrgDetail names the members Atlas refused because they are not
// active or invited users of the organization, and says what to do.
func (r *teamResource) notInOrgDetail(ctx context.Context, orgID, name string, usernames []string, err error) string {
	var missing []string
	for _, u := range usernames {
		found, ferr := r.api.FindOrgUser(ctx, orgID, u, nil)
		if ferr == nil && found == nil {
			missing = append(missing, u)
		}
	}
	return diags.APIErrorDetail(fmt.Sprintf("Creating team %q in organization %s with its members", name, orgID), err,
		"The team was not created. "+notInOrgHint(orgID, missing))
}

// notInOrgHint says how to bring missing (possibly unknown: empty) into
// the organization first.
func notInOrgHint(orgID string, missing []string) string {
	who := "Some members are not active or invited users"
	switch len(missing) {
	case 0:
	case 1:
		who = missing[0] + " is not an active or invited user"
	default:
		who = strings.Join(missing, ", ") + " are not active or invited users"
	}
	return fmt.Sprintf("%s of organization %s, and a team can only hold people of its organization. "+
		"Declare an atlasaccess_org_user for each of them first, and make the team depend on it: list atlasaccess_org_user.<name>.username "+
		"in usernames (or add depends_on), so that Terraform invites them before adding them to the team.", who, orgID)
}

func (r *teamResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	defer owner.SetIdentity(ctx, resp.Identity, &resp.Diagnostics, &resp.State, &req.State)
	var state teamModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	importing := attrs.ImportPending(ctx, req.Private, resp.Private, &resp.Diagnostics)
	orgID, teamID := state.OrgID.ValueString(), state.TeamID.ValueString()
	t, err := r.api.GetTeam(ctx, orgID, teamID)
	switch {
	case client.IsNotFound(err) && importing:
		resp.Diagnostics.AddError("Team Not Found",
			fmt.Sprintf("Cannot import atlasaccess_team: organization %s has no team with ID %s. Check org_id and team_id (of the import ID org_id/team_id, "+
				"or of the identity); the atlasaccess_teams data source lists an organization's teams. An import ID may also name the team: org_id/name.", orgID, teamID))
		return
	case client.IsNotFound(err):
		resp.Diagnostics.AddWarning("Team Not Found",
			fmt.Sprintf("Team %q (ID %s) of organization %s was deleted outside Terraform and will be removed from state; "+
				"if the configuration still declares it, Terraform creates it again.", state.Name.ValueString(), teamID, orgID))
		resp.State.RemoveResource(ctx)
		return
	case err != nil:
		resp.Diagnostics.AddError("Error Reading Team",
			diags.APIErrorDetail(fmt.Sprintf("Reading team %q (ID %s) in organization %s", state.Name.ValueString(), teamID, orgID), err, ""))
		return
	}
	// A refresh may read the members from a listing the other teams share;
	// the reads around a membership change never do.
	members, ok := r.members(ctx, orgID, t, r.api.ReadTeamUsers, &resp.Diagnostics)
	if !ok {
		return
	}
	resp.Diagnostics.Append(state.setFromAPI(ctx, orgID, t, members)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// members reads the usernames of a team's members with list; on error it
// adds a diagnostic and reports false.
func (r *teamResource) members(ctx context.Context, orgID string, t *client.Team,
	list func(ctx context.Context, orgID, teamID string) ([]client.OrgUser, error), d *diag.Diagnostics,
) ([]string, bool) {
	users, err := list(ctx, orgID, t.ID)
	if err != nil {
		d.AddError("Error Reading Team Members",
			diags.APIErrorDetail(fmt.Sprintf("Listing the members of team %q (ID %s) in organization %s", t.Name, t.ID, orgID), err, ""))
		return nil, false
	}
	out := make([]string, len(users))
	for i, u := range users {
		out[i] = u.Username
	}
	return out, true
}

// Update renames the team and changes its members in place. Every member
// to add is looked up first: when one is not in the organization, nothing
// about the membership changes and the error names them. Whatever happens,
// state records what Atlas holds afterwards.
func (r *teamResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	defer owner.SetIdentity(ctx, resp.Identity, &resp.Diagnostics, &resp.State)
	var plan, state teamModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	want, d := stringsOf(ctx, plan.Usernames)
	if resp.Diagnostics.Append(d...); resp.Diagnostics.HasError() {
		return
	}
	orgID, teamID, name := state.OrgID.ValueString(), state.TeamID.ValueString(), plan.Name.ValueString()
	t := &client.Team{ID: teamID, Name: state.Name.ValueString()}
	defer func() {
		// Record what Atlas holds now, also after a partial failure.
		if latest, err := r.api.GetTeam(ctx, orgID, teamID); err == nil {
			t = latest
		}
		if members, ok := r.members(ctx, orgID, t, r.api.ListTeamUsers, &resp.Diagnostics); ok {
			resp.Diagnostics.Append(plan.setFromAPI(ctx, orgID, t, members)...)
			resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
		}
	}()
	var done teamProgress
	if name != t.Name {
		renamed, err := r.api.RenameTeam(ctx, orgID, teamID, name)
		if err != nil {
			resp.Diagnostics.AddError("Error Renaming Team", diags.APIErrorDetail(fmt.Sprintf("Renaming team %q (ID %s) in organization %s to %q", t.Name, teamID, orgID, name), err,
				renameHint(err, orgID, name))+"\n\nIts members were not changed.")
			return
		}
		done.renamedFrom = t.Name
		t = renamed
	}
	current, err := r.api.ListTeamUsers(ctx, orgID, teamID)
	if err != nil {
		resp.Diagnostics.AddError("Error Reading Team Members",
			diags.APIErrorDetail(fmt.Sprintf("Listing the members of team %q (ID %s) in organization %s", name, teamID, orgID), err, "")+
				"\n\nNo member was added or removed."+done.String())
		return
	}
	if r.changeMembers(ctx, orgID, t, current, want, &done, &resp.Diagnostics) {
		setAppliedUsernames(ctx, resp.Private, want, &resp.Diagnostics)
	}
}

// renameHint says what to do when Atlas refused a rename.
func renameHint(err error, orgID, name string) string {
	if client.IsConflict(err) {
		return fmt.Sprintf("Organization %s already has another team named %q: team names are unique in an organization. Choose another name, "+
			"or rename or delete the other team first.", orgID, name)
	}
	return ""
}

// teamProgress is what an update of a team did before a step failed, for
// the error of that step.
type teamProgress struct {
	renamedFrom    string
	added, removed []string
}

// String is ` Before that, the apply renamed the team from "a" and added
// b@example.com; Atlas and the state hold those changes.`, or "" when it
// changed nothing.
func (p teamProgress) String() string {
	var parts []string
	if p.renamedFrom != "" {
		parts = append(parts, fmt.Sprintf("renamed the team from %q", p.renamedFrom))
	}
	if len(p.added) > 0 {
		parts = append(parts, "added "+strings.Join(p.added, ", "))
	}
	if len(p.removed) > 0 {
		parts = append(parts, "removed "+strings.Join(p.removed, ", "))
	}
	if len(parts) == 0 {
		return ""
	}
	what := "that change"
	if len(parts) > 1 || len(p.added)+len(p.removed) > 1 {
		what = "those changes"
	}
	return " Before that, the apply " + strings.Join(parts, " and ") + "; Atlas and the state hold " + what + "."
}

// changeMembers makes the members of t exactly want: the users to add are
// found by username first (all of them, or nothing changes), then added,
// then the others removed. It reports whether every change was made; done
// is what the update did before, and gains what changeMembers does, for
// the error of a step that fails.
func (r *teamResource) changeMembers(ctx context.Context, orgID string, t *client.Team, current []client.OrgUser, want []string, done *teamProgress, d *diag.Diagnostics) bool {
	have := make([]string, len(current))
	for i, u := range current {
		have[i] = u.Username
	}
	var add []*client.OrgUser
	var missing []string
	for _, username := range missingFrom(want, have) {
		u, err := r.api.FindOrgUser(ctx, orgID, username, nil)
		switch {
		case err != nil:
			d.AddError("Error Adding Team Member",
				diags.APIErrorDetail(fmt.Sprintf("Looking up %s in organization %s to add them to team %q", username, orgID, t.Name), err, "")+
					"\n\nNo member was added or removed."+done.String())
			return false
		case u == nil || (u.OrgMembershipStatus != client.UserStatusActive && u.OrgMembershipStatus != client.UserStatusPending):
			missing = append(missing, username)
		default:
			add = append(add, u)
		}
	}
	if len(missing) > 0 {
		d.AddError("Team Member Not in Organization",
			fmt.Sprintf("Team %q (ID %s) in organization %s: no member was added or removed, because %s%s",
				t.Name, t.ID, orgID, lowerFirst(notInOrgHint(orgID, missing)), done.String()))
		return false
	}
	for _, u := range add {
		if err := r.api.AddTeamUser(ctx, orgID, t.ID, u.ID); err != nil {
			d.AddError("Error Adding Team Member",
				diags.APIErrorDetail(fmt.Sprintf("Adding %s (ID %s) to team %q (ID %s) in organization %s", u.Username, u.ID, t.Name, t.ID, orgID), err, "")+
					"\n\nNo member was removed."+done.String())
			return false
		}
		done.added = append(done.added, u.Username)
	}
	removed := missingFrom(have, want)
	for _, u := range current {
		if !containsFold(removed, u.Username) {
			continue
		}
		if err := r.api.RemoveTeamUser(ctx, orgID, t.ID, u.ID); err != nil && !client.IsNotFound(err) {
			d.AddError("Error Removing Team Member",
				diags.APIErrorDetail(fmt.Sprintf("Removing %s (ID %s) from team %q (ID %s) in organization %s", u.Username, u.ID, t.Name, t.ID, orgID), err, "")+
					done.String())
			return false
		}
		done.removed = append(done.removed, u.Username)
	}
	return true
}

// lowerFirst is s with its first letter in lower case, to continue a
// sentence with a hint written to stand alone.
func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

func containsFold(names []string, name string) bool {
	for _, n := range names {
		if strings.EqualFold(n, name) {
			return true
		}
	}
	return false
}

// Delete deletes the team. Its members stay in the organization. Atlas
// refuses while the team holds roles in a project.
func (r *teamResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state teamModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	orgID, teamID, name := state.OrgID.ValueString(), state.TeamID.ValueString(), state.Name.ValueString()
	err := r.api.DeleteTeam(ctx, orgID, teamID, name)
	switch {
	case err == nil || client.IsNotFound(err):
	case client.ErrorCode(err) == "CANNOT_DELETE_TEAM_ASSIGNED_TO_PROJECT":
		resp.Diagnostics.AddError("Team Still Assigned to Projects",
			diags.APIErrorDetail(fmt.Sprintf("Deleting team %q (ID %s) in organization %s", name, teamID, orgID), err,
				"Atlas deletes a team only once it holds no roles in any project. Remove its atlasaccess_project_team resources first "+
					"(when they reference this team's team_id, Terraform destroys them before the team), or remove the team from its projects in Atlas, then apply again."))
	default:
		resp.Diagnostics.AddError("Error Deleting Team",
			diags.APIErrorDetail(fmt.Sprintf("Deleting team %q (ID %s) in organization %s", name, teamID, orgID), err, ""))
	}
}

// ImportState accepts org_id/team_id and org_id/team name.
func (r *teamResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	requested, d := owner.RequestedImportID(ctx, req, identityAttrs)
	if resp.Diagnostics.Append(d...); d.HasError() {
		return
	}
	orgID, teamID, name, err := parseImportID(requested)
	if err != nil {
		resp.Diagnostics.AddError("Invalid Import ID", fmt.Sprintf("Cannot import atlasaccess_team from %q: %s.", requested, err))
		return
	}
	if teamID == "" {
		t, err := r.api.FindTeamByName(ctx, orgID, name)
		switch {
		case err != nil:
			resp.Diagnostics.AddError("Error Importing Team",
				diags.APIErrorDetail(fmt.Sprintf("Looking up team %q in organization %s", name, orgID), err, ""))
			return
		case t == nil:
			resp.Diagnostics.AddError("Team Not Found",
				fmt.Sprintf("Cannot import atlasaccess_team from %q: organization %s has no team named %q (names compare exactly, letter case included). "+
					"Check the organization ID and the team name, or import by team ID (org_id/team_id); the atlasaccess_teams data source lists an organization's teams.", requested, orgID, name))
			return
		}
		teamID = t.ID
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("org_id"), orgID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("team_id"), teamID)...)
	attrs.MarkImportPending(ctx, resp.Private, &resp.Diagnostics)
}
