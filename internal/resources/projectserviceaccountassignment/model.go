package projectserviceaccountassignment

import (
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/attrs"
)

// assignmentModel is the state of atlasaccess_project_service_account_assignment.
type assignmentModel struct {
	ID          types.String `tfsdk:"id"`
	ProjectID   types.String `tfsdk:"project_id"`
	ClientID    types.String `tfsdk:"client_id"`
	Roles       types.Set    `tfsdk:"roles"`
	Name        types.String `tfsdk:"name"`
	Description types.String `tfsdk:"description"`
}

func importID(projectID, clientID string) string { return projectID + "/" + clientID }

// setFromAPI copies what Atlas reports into m. project_id and client_id keep
// the configured spelling: client IDs may be written with upper-case hex
// digits, and a required attribute must come back exactly as configured.
func (m *assignmentModel) setFromAPI(projectID, clientID string, sa *client.ServiceAccount) {
	m.ID = types.StringValue(importID(projectID, clientID))
	m.ProjectID = types.StringValue(projectID)
	m.ClientID = types.StringValue(clientID)
	m.Roles = attrs.RolesToSet(sa.Roles)
	m.Name = types.StringValue(sa.Name)
	m.Description = types.StringValue(sa.Description)
}
