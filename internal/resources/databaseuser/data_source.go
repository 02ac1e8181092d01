package databaseuser

import (
	"cmp"
	"context"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/providerdata"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/listing"
)

// NewListDataSource returns the atlasaccess_database_users data source.
func NewListDataSource() datasource.DataSource {
	computed := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
	}
	return &listing.ProjectDataSource[client.DatabaseUser, userDataModel]{
		Suffix: "_database_users",
		Description: "Lists the database users of a project, reading every page of `/groups/{groupId}/databaseUsers` (version 2023-01-01). " +
			"Passwords are never listed: Atlas does not return them. Each element carries what `atlasaccess_database_user` needs for an import ID " +
			"(`project_id/auth_database/username`).",
		ItemsName: "users",
		Items: schema.ListNestedAttribute{
			Computed:            true,
			MarkdownDescription: "The project's database users, sorted by authentication database and username.",
			NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
				"username":      computed("Username."),
				"auth_database": computed("Authentication database: `admin` or `$external`."),
				"roles": schema.SetNestedAttribute{Computed: true, MarkdownDescription: "Database roles.",
					NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
						"role_name": computed("Role."), "database_name": computed("Database."), "collection_name": computed("Collection, or null for the whole database."),
					}}},
				"scopes": schema.SetNestedAttribute{Computed: true, MarkdownDescription: "Clusters, data lakes or stream instances the user may reach; empty for all.",
					NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
						"name": computed("Name."), "type": computed("`CLUSTER`, `DATA_LAKE` or `STREAM`."),
					}}},
				"description":    computed("Description, or null."),
				"x509_type":      computed("X.509 type, or null."),
				"aws_iam_type":   computed("AWS IAM type, or null."),
				"ldap_auth_type": computed("LDAP type, or null."),
				"oidc_auth_type": computed("OIDC type, or null."),
			}},
		},
		Summary:  "Error Listing Database Users",
		Action:   "Listing the database users of project ",
		Reader:   readUsers,
		Elements: usersFromAPI,
	}
}

// readUsers is the listing the data source and the list resource read: a
// read only, so they use the client directly and hold nothing, leaving
// every user free to be imported.
func readUsers(d *providerdata.Data) func(context.Context, string) ([]client.DatabaseUser, error) {
	return d.Client.ListDatabaseUsers
}

// userDataModel is one user as the data source shows it, with the names of
// atlasaccess_database_user; never a password, which Atlas does not return.
type userDataModel struct {
	Username     types.String `tfsdk:"username"`
	AuthDatabase types.String `tfsdk:"auth_database"`
	Roles        types.Set    `tfsdk:"roles"`
	Scopes       types.Set    `tfsdk:"scopes"`
	Description  types.String `tfsdk:"description"`
	X509Type     types.String `tfsdk:"x509_type"`
	AWSIAMType   types.String `tfsdk:"aws_iam_type"`
	LDAPAuthType types.String `tfsdk:"ldap_auth_type"`
	OIDCAuthType types.String `tfsdk:"oidc_auth_type"`
}

// sortUsers sorts users by authentication database and username: Atlas's
// order is not documented, and a list that reorders itself would show a
// change in every plan that reads it.
func sortUsers(users []client.DatabaseUser) []client.DatabaseUser {
	sorted := slices.Clone(users)
	slices.SortFunc(sorted, func(a, b client.DatabaseUser) int {
		return cmp.Or(cmp.Compare(a.DatabaseName, b.DatabaseName), cmp.Compare(a.Username, b.Username))
	})
	return sorted
}

func usersFromAPI(users []client.DatabaseUser) []userDataModel {
	sorted := sortUsers(users)
	out := make([]userDataModel, len(sorted))
	for i := range sorted {
		var m databaseUserModel
		m.setFromAPI("", &sorted[i])
		out[i] = userDataModel{Username: m.Username, AuthDatabase: m.AuthDatabase, Roles: m.Roles, Scopes: m.Scopes, Description: m.Description,
			X509Type: m.X509Type, AWSIAMType: m.AWSIAMType, LDAPAuthType: m.LDAPAuthType, OIDCAuthType: m.OIDCAuthType}
	}
	return out
}
