package projectaccesslist

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/providerdata"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/diags"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/listing"
)

// NewListResource returns the atlasaccess_project_ip_access_list list
// resource (terraform query).
func NewListResource() list.ListResource {
	return &listing.ProjectList[client.ProjectAccessListEntry]{
		Suffix: "_project_ip_access_list",
		Description: "Finds a project's IP access list, for `terraform query`: one result, the whole list (the resource is authoritative), " +
			"or none when the list is empty. Reads the pages of the project's list, nothing per entry.",
		Summary: "Error Listing Project IP Access List",
		Action:  "Reading the IP access list of project ",
		Reader: func(d *providerdata.Data) func(context.Context, string) ([]client.ProjectAccessListEntry, error) {
			return d.Service.ListProjectAccessList
		},
		Found: foundList,
	}
}

// foundList is the result of a list of a project's IP access list: the
// whole list as one result, or none when it is empty, since the resource
// needs at least one entry and an empty list has nothing to adopt.
func foundList(projectID string, entries []client.ProjectAccessListEntry) []listing.Found {
	if len(entries) == 0 {
		return nil
	}
	return []listing.Found{{
		DisplayName: fmt.Sprintf("project %s (%s)", projectID, diags.Plural(len(entries), "entry", "entries")),
		Identity:    map[string]string{"project_id": projectID},
		Fill: func(ctx context.Context, res *tfsdk.Resource) diag.Diagnostics {
			var m listModel
			imported := map[string]string{"project_id": projectID, "id": projectID}
			var d diag.Diagnostics
			d.Append(listing.AsImported(ctx, res, imported, &m, func() {
				set, temporary, sd := stateEntries(ctx, entries, types.SetNull(entryType))
				d.Append(sd...)
				m.Entries, m.TemporaryEntries = set, temporary
			})...)
			return d
		},
	}}
}
