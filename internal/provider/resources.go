package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/accesslist"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/accesstoken"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/customdbrole"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/databaseuser"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/orguser"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/people"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/projectaccesslist"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/projectserviceaccountassignment"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/projectteam"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/projectuserinvite"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/serviceaccount"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/serviceaccountsecret"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/team"
)

// resources lists every resource type the provider serves.
func resources() []func() resource.Resource {
	return []func() resource.Resource{
		serviceaccount.NewProjectResource,
		projectserviceaccountassignment.NewResource,
		projectuserinvite.NewResource,
		orguser.NewResource,
		projectteam.NewResource,
		serviceaccount.NewResource,
		serviceaccountsecret.NewProjectResource,
		serviceaccountsecret.NewOrgResource,
		accesslist.NewProjectResource,
		accesslist.NewOrgResource,
		projectaccesslist.NewResource,
		team.NewResource,
		databaseuser.NewResource,
		customdbrole.NewResource,
	}
}

// dataSources lists every data source type the provider serves.
func dataSources() []func() datasource.DataSource {
	return []func() datasource.DataSource{
		serviceaccount.NewProjectDataSource,
		serviceaccount.NewProjectListDataSource,
		projectuserinvite.NewListDataSource,
		serviceaccount.NewDataSource,
		serviceaccount.NewListDataSource,
		serviceaccount.NewProjectsDataSource,
		projectteam.NewListDataSource,
		people.NewOrgUsersDataSource,
		projectaccesslist.NewDataSource,
		team.NewDataSource,
		team.NewListDataSource,
		databaseuser.NewListDataSource,
		customdbrole.NewListDataSource,
	}
}

// ephemeralResources lists every ephemeral resource type the provider serves.
func ephemeralResources() []func() ephemeral.EphemeralResource {
	return []func() ephemeral.EphemeralResource{
		accesstoken.NewEphemeralResource,
	}
}

// listResources lists the list resource of every resource type, for
// terraform query (Terraform 1.14+); each has its resource's type name.
func listResources() []func() list.ListResource {
	return []func() list.ListResource{
		serviceaccount.NewProjectListResource,
		serviceaccount.NewListResource,
		projectserviceaccountassignment.NewListResource,
		serviceaccountsecret.NewProjectListResource,
		serviceaccountsecret.NewOrgListResource,
		projectuserinvite.NewListResourceType,
		accesslist.NewProjectListResource,
		accesslist.NewOrgListResource,
		projectteam.NewListResource,
		orguser.NewListResource,
		team.NewListResource,
		databaseuser.NewListResource,
		customdbrole.NewListResource,
		projectaccesslist.NewListResource,
	}
}
