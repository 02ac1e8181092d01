package orguser

import (
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/attrs"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/validate"
)

// orgUserModel is the state of atlasaccess_org_user.
type orgUserModel struct {
	ID       types.String `tfsdk:"id"`
	OrgID    types.String `tfsdk:"org_id"`
	Username types.String `tfsdk:"username"`
	Roles    types.Set    `tfsdk:"roles"`
	UserID   types.String `tfsdk:"user_id"`
	Status   types.String `tfsdk:"status"`
}

func resourceID(orgID, username string) string { return orgID + "/" + username }

// setFromAPI copies what Atlas reports into m. It keeps the username already
// in m when Atlas spells it with different letter case, so that the
// configuration's spelling never produces a diff. Only organization roles
// are recorded: project roles (direct or through teams) belong to other
// resources.
func (m *orgUserModel) setFromAPI(orgID string, u *client.OrgUser) {
	m.OrgID = types.StringValue(orgID)
	m.UserID = types.StringValue(u.ID)
	if m.Username.IsNull() || m.Username.IsUnknown() || !strings.EqualFold(m.Username.ValueString(), u.Username) {
		m.Username = types.StringValue(u.Username)
	}
	m.ID = types.StringValue(resourceID(orgID, m.Username.ValueString()))
	m.Roles = attrs.RolesToSet(u.Roles.OrgRoles)
	m.Status = types.StringValue(u.OrgMembershipStatus)
}

// importIDForm names the accepted import ID form, for error messages.
const importIDForm = "org_id/username (for example 5f1e2d3c4b5a69788796a5b4/ann@example.com)"

// parseImportID parses "org_id/username". It splits at the first slash
// only, because an email address may contain one.
func parseImportID(id string) (orgID, username string, err error) {
	orgID, username, ok := strings.Cut(id, "/")
	switch {
	case !ok || orgID == "" || username == "":
		return "", "", fmt.Errorf("expected %s, got %q", importIDForm, id)
	case !validate.IsObjectID(orgID):
		return "", "", fmt.Errorf("org_id %q must be 24 lowercase hexadecimal digits; expected %s", orgID, importIDForm)
	case !validate.IsEmail(username):
		return "", "", fmt.Errorf("username %q is not an email address such as ann@example.com; expected %s", username, importIDForm)
	}
	return orgID, username, nil
}
