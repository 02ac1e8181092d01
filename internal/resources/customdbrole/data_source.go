package customdbrole

import (
	"context"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/providerdata"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/listing"
)

// NewListDataSource returns the atlasaccess_custom_db_roles data source.
func NewListDataSource() datasource.DataSource {
	str := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
	}
	return &listing.ProjectDataSource[client.CustomDBRole, roleDataModel]{
		Suffix: "_custom_db_roles",
		Description: "Lists the custom database roles of a project, from `/groups/{groupId}/customDBRoles/roles` (version 2023-01-01), " +
			"with the attribute names of `atlasaccess_custom_db_role`.",
		ItemsName: "roles",
		Items: schema.ListNestedAttribute{
			Computed:            true,
			MarkdownDescription: "The project's custom roles, sorted by name.",
			NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
				"role_name": str("Name of the role."),
				"actions": schema.SetNestedAttribute{Computed: true, MarkdownDescription: "Privilege actions and their resources.",
					NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
						"action": str("Privilege action."),
						"resources": schema.SetNestedAttribute{Computed: true, MarkdownDescription: "Resources of the action.",
							NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
								"database_name":   str("Database, or null for the cluster."),
								"collection_name": str("Collection, or null for every collection."),
								"cluster":         schema.BoolAttribute{Computed: true, MarkdownDescription: "`true` for the cluster resource, otherwise null."},
							}}},
					}}},
				"inherited_roles": schema.SetNestedAttribute{Computed: true, MarkdownDescription: "Inherited roles.",
					NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
						"role_name": str("Inherited role."), "database_name": str("Its database."),
					}}},
			}},
		},
		Summary:  "Error Listing Custom Database Roles",
		Action:   "Listing the custom database roles of project ",
		Reader:   readRoles,
		Elements: rolesFromAPI,
	}
}

// readRoles is the listing the data source and the list resource read: a
// read only, so they use the client directly and hold nothing.
func readRoles(d *providerdata.Data) func(context.Context, string) ([]client.CustomDBRole, error) {
	return d.Client.ListCustomDBRoles
}

// roleDataModel is one role as the data source shows it.
type roleDataModel struct {
	RoleName       types.String `tfsdk:"role_name"`
	Actions        types.Set    `tfsdk:"actions"`
	InheritedRoles types.Set    `tfsdk:"inherited_roles"`
}

// rolesFromAPI converts Atlas's roles into the data source's elements,
// sorted by name.
func rolesFromAPI(roles []client.CustomDBRole) []roleDataModel {
	sorted := sortRoles(roles)
	out := make([]roleDataModel, len(sorted))
	for i := range sorted {
		out[i] = roleDataModel{RoleName: types.StringValue(sorted[i].RoleName), Actions: actionsToSet(sorted[i].Actions), InheritedRoles: inheritedToSet(sorted[i].InheritedRoles)}
	}
	return out
}

// sortRoles sorts roles by name, so that the list does not reorder itself.
func sortRoles(roles []client.CustomDBRole) []client.CustomDBRole {
	sorted := slices.Clone(roles)
	slices.SortFunc(sorted, func(a, b client.CustomDBRole) int { return strings.Compare(a.RoleName, b.RoleName) })
	return sorted
}
