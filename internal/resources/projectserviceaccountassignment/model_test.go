package projectserviceaccountassignment

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/attrs"
)

// Client IDs may be written with upper-case hex digits; Atlas answers in
// lower case. The configured spelling must come back, or the next plan
// would show a change.
func TestSetFromAPI_keepsTheConfiguredIDs(t *testing.T) {
	t.Parallel()
	const configured = "mdb_sa_id_1234567890ABCDEF12345678"
	var m assignmentModel
	m.setFromAPI("32b6e34b3d91647abb20e7b8", configured, &client.ServiceAccount{
		ClientID: "mdb_sa_id_1234567890abcdef12345678", Name: "ci", Description: "d", Roles: []string{"GROUP_OWNER", "GROUP_READ_ONLY"},
	})
	want := assignmentModel{
		ID:          types.StringValue("32b6e34b3d91647abb20e7b8/" + configured),
		ProjectID:   types.StringValue("32b6e34b3d91647abb20e7b8"),
		ClientID:    types.StringValue(configured),
		Roles:       attrs.RolesToSet([]string{"GROUP_READ_ONLY", "GROUP_OWNER"}),
		Name:        types.StringValue("ci"),
		Description: types.StringValue("d"),
	}
	if !m.ID.Equal(want.ID) || !m.ProjectID.Equal(want.ProjectID) || !m.ClientID.Equal(want.ClientID) ||
		!m.Roles.Equal(want.Roles) || !m.Name.Equal(want.Name) || !m.Description.Equal(want.Description) {
		t.Fatalf("setFromAPI = %+v, want %+v", m, want)
	}
}
