package attrs

import (
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

// AccountFields are the attributes of a service account that an update
// changes in place.
type AccountFields struct {
	Name, Description types.String
	Roles             types.Set
}

// AccountUpdate is the PATCH that turns current into planned (roles being
// planned's roles, read and sorted), and whether there is anything to send.
func AccountUpdate(current, planned AccountFields, roles []string) (client.UpdateServiceAccountRequest, bool) {
	var body client.UpdateServiceAccountRequest
	changed := false
	if !planned.Name.Equal(current.Name) {
		body.Name, changed = planned.Name.ValueStringPointer(), true
	}
	if !planned.Description.Equal(current.Description) {
		body.Description, changed = planned.Description.ValueStringPointer(), true
	}
	if !planned.Roles.Equal(current.Roles) {
		body.Roles, changed = roles, true
	}
	return body, changed
}
