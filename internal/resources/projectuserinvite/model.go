package projectuserinvite

import (
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/attrs"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/validate"
)

// Organization membership statuses of a project user (GroupUserResponse.orgMembershipStatus).
const (
	statusPending  = client.UserStatusPending
	statusActive   = client.UserStatusActive
	statusExpired  = client.UserStatusExpired
	statusRejected = client.UserStatusRejected
)

// allStatuses are every status. Import asks for all of them: the list
// endpoint returns only ACTIVE and PENDING users by default.
var allStatuses = client.AllUserStatuses()

// projectUserInviteModel is the state of atlasaccess_project_user_invite.
type projectUserInviteModel struct {
	ID                  types.String `tfsdk:"id"`
	ProjectID           types.String `tfsdk:"project_id"`
	Username            types.String `tfsdk:"username"`
	Roles               types.Set    `tfsdk:"roles"`
	UserID              types.String `tfsdk:"user_id"`
	Status              types.String `tfsdk:"status"`
	InvitationCreatedAt types.String `tfsdk:"invitation_created_at"`
	InvitationExpiresAt types.String `tfsdk:"invitation_expires_at"`
	InviterUsername     types.String `tfsdk:"inviter_username"`
}

func resourceID(projectID, username string) string { return projectID + "/" + username }

// setFromAPI copies what Atlas reports into m. It keeps the username already
// in m when Atlas spells it with different letter case: Atlas may normalise
// the case of an email address, and the configuration's spelling must not
// produce a diff.
func (m *projectUserInviteModel) setFromAPI(projectID string, u *client.ProjectUser) {
	m.ProjectID = types.StringValue(projectID)
	m.UserID = types.StringValue(u.ID)
	if m.Username.IsNull() || m.Username.IsUnknown() || !strings.EqualFold(m.Username.ValueString(), u.Username) {
		m.Username = types.StringValue(u.Username)
	}
	m.ID = types.StringValue(resourceID(projectID, m.Username.ValueString()))
	m.Roles = attrs.RolesToSet(u.Roles)
	m.Status = types.StringValue(u.OrgMembershipStatus)
	m.InvitationCreatedAt = stringOrNull(u.InvitationCreatedAt)
	m.InvitationExpiresAt = types.StringNull()
	if u.InvitationExpiresAt != nil {
		m.InvitationExpiresAt = stringOrNull(*u.InvitationExpiresAt)
	}
	m.InviterUsername = stringOrNull(u.InviterUsername)
}

// keepMembership restores the attributes a role update cannot change from
// the state the plan showed: status and the invitation's details. A change
// made meanwhile (an accepted invitation) arrives with the next refresh.
func (m *projectUserInviteModel) keepMembership(state *projectUserInviteModel) {
	m.Status, m.InvitationCreatedAt, m.InvitationExpiresAt, m.InviterUsername =
		state.Status, state.InvitationCreatedAt, state.InvitationExpiresAt, state.InviterUsername
}

func stringOrNull(s string) types.String {
	if s == "" {
		return types.StringNull()
	}
	return types.StringValue(s)
}

// importID is a parsed import ID: a project and either a username or a user ID.
type importID struct {
	ProjectID string
	Username  string // set when the second part is an email address
	UserID    string // set when the second part is a user ID
}

// importIDForms names the accepted import ID forms, for error messages.
const importIDForms = "project_id/username (for example 32b6e34b3d91647abb20e7b8/ann@example.com) " +
	"or project_id/user_id (for example 32b6e34b3d91647abb20e7b8/5f0c1e2d3a4b5c6d7e8f9a0b)"

// parseImportID parses "project_id/username" or "project_id/user_id". It
// splits at the first slash only, because an email address may contain one.
func parseImportID(id string) (importID, error) {
	projectID, rest, ok := strings.Cut(id, "/")
	switch {
	case !ok || projectID == "" || rest == "":
		return importID{}, fmt.Errorf("expected %s, got %q", importIDForms, id)
	case !validate.IsObjectID(projectID):
		return importID{}, fmt.Errorf("project_id %q must be 24 lowercase hexadecimal digits; expected %s", projectID, importIDForms)
	case strings.Contains(rest, "@"):
		if !validate.IsEmail(rest) {
			return importID{}, fmt.Errorf("username %q is not an email address such as ann@example.com; expected %s", rest, importIDForms)
		}
		return importID{ProjectID: projectID, Username: rest}, nil
	case validate.IsObjectID(rest):
		return importID{ProjectID: projectID, UserID: rest}, nil
	default:
		return importID{}, fmt.Errorf("%q is neither an email address nor a user ID of 24 lowercase hexadecimal digits; expected %s", rest, importIDForms)
	}
}
