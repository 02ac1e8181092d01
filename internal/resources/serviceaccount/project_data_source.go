package serviceaccount

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/attrs"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/diags"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/owner"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/validate"
)

var (
	_ datasource.DataSourceWithConfigure = (*projectAccountDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*projectAccountsDataSource)(nil)
)

// NewProjectDataSource returns the atlasaccess_project_service_account data source.
func NewProjectDataSource() datasource.DataSource { return &projectAccountDataSource{} }

// NewProjectListDataSource returns the atlasaccess_project_service_accounts data source.
func NewProjectListDataSource() datasource.DataSource { return &projectAccountsDataSource{} }

// projectAccountDataModel is one project service account as the data
// sources show it, with its organization roles.
type projectAccountDataModel struct {
	ProjectID types.String `tfsdk:"project_id"`
	accountData
	OrgRoles types.Set `tfsdk:"organization_roles"`
}

// projectAccountDataFromAPI is one account as the data sources show it;
// orgRoles are its organization roles, nil when they could not be read.
func projectAccountDataFromAPI(projectID string, sa *client.ServiceAccount, orgRoles []string) projectAccountDataModel {
	m := projectAccountDataModel{ProjectID: types.StringValue(projectID), accountData: accountDataOf(sa), OrgRoles: types.SetNull(types.StringType)}
	if orgRoles != nil {
		m.OrgRoles = attrs.RolesToSet(orgRoles)
	}
	return m
}

var projectAccountObjectType = accountObjectType(owner.Project, map[string]attr.Type{
	"organization_roles": types.SetType{ElemType: types.StringType},
})

// projectAccountAttributes are the computed attributes of one account;
// project_id and client_id are added by each data source as its arguments
// need.
func projectAccountAttributes() map[string]schema.Attribute {
	a := attrs.DataSourceAccountAttributes("Project roles in this project.")
	a["organization_roles"] = schema.SetAttribute{
		Computed: true, ElementType: types.StringType,
		MarkdownDescription: "Organization roles of the account. Any role besides `ORG_MEMBER` marks an organization service account that is " +
			"assigned to the project: adopt it as `atlasaccess_project_service_account_assignment`, whose destroy only removes it from the project. " +
			"`ORG_MEMBER` alone is what Atlas gives an account created in a project, but an organization account can have it too, so " +
			"it proves nothing (an imported `atlasaccess_project_service_account` is therefore never deleted from the organization by destroy " +
			"unless `keep_in_organization = false`). Null when the credentials may not read the organization's service accounts " +
			"(that needs Organization Read Only), with a warning.",
	}
	return a
}

// orgRolesOf reads the organization roles of accounts, by client ID, with
// list: one call for all of them. A permission denial is a warning and no
// roles (nil): the project's accounts are still listed.
func orgRolesOf(ctx context.Context, r reader, projectID string, list func(orgID string) ([]client.OrgServiceAccount, error), d *diag.Diagnostics) map[string][]string {
	orgID, err := r.ProjectOrgID(ctx, projectID)
	var accounts []client.OrgServiceAccount
	if err == nil {
		accounts, err = list(orgID)
	}
	switch {
	case client.IsPermissionDenied(err):
		d.AddWarning("Organization Roles Not Read",
			diags.APIErrorDetail("Reading the organization roles of the service accounts of project "+projectID, err,
				"organization_roles is null. Give the credentials Organization Read Only to read them."))
		return nil
	case err != nil:
		d.AddError("Error Reading Organization Service Accounts",
			diags.APIErrorDetail("Reading the organization roles of the service accounts of project "+projectID, err, ""))
		return nil
	}
	roles := make(map[string][]string, len(accounts))
	for _, a := range accounts {
		roles[a.ClientID] = append([]string{}, a.Roles...)
	}
	return roles
}

type projectAccountDataSource struct{ dataSourceBase }

func (d *projectAccountDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_project_service_account"
}

func (d *projectAccountDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attributes := projectAccountAttributes()
	attributes["project_id"] = schema.StringAttribute{Required: true, Validators: validate.ProjectID(), MarkdownDescription: "ID of the Atlas project."}
	attributes["client_id"] = schema.StringAttribute{Required: true, Validators: validate.ClientID(), MarkdownDescription: "Client ID of the service account."}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one service account of a project. The plaintext secret is never available here.",
		Attributes:          attributes,
	}
}

func (d *projectAccountDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var config projectAccountDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	projectID, clientID := config.ProjectID.ValueString(), config.ClientID.ValueString()
	sa, err := d.client.GetProjectServiceAccount(ctx, projectID, clientID)
	if err != nil {
		resp.Diagnostics.AddError("Error Reading Project Service Account",
			diags.APIErrorDetail(fmt.Sprintf("Reading service account %s in project %s", clientID, projectID), err, ""))
		return
	}
	orgRoles := orgRolesOf(ctx, d.client, projectID, func(orgID string) ([]client.OrgServiceAccount, error) {
		org, err := d.client.GetOrgServiceAccount(ctx, orgID, clientID)
		if err != nil {
			return nil, err
		}
		return []client.OrgServiceAccount{*org}, nil
	}, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	state := projectAccountDataFromAPI(projectID, sa, orgRoles[clientID])
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

type projectAccountsDataSource struct{ dataSourceBase }

type projectAccountsDataModel struct {
	ProjectID       types.String `tfsdk:"project_id"`
	ServiceAccounts types.List   `tfsdk:"service_accounts"`
}

func (d *projectAccountsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_project_service_accounts"
}

func (d *projectAccountsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attributes := projectAccountAttributes()
	attributes["project_id"] = schema.StringAttribute{Computed: true, MarkdownDescription: "ID of the project."}
	attributes["client_id"] = schema.StringAttribute{Computed: true, MarkdownDescription: "Client ID of the service account."}
	resp.Schema = listSchema(owner.Project, "Lists every service account of a project (all pages).", attributes)
}

func (d *projectAccountsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var config projectAccountsDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	projectID := config.ProjectID.ValueString()
	accounts, err := d.client.ListProjectServiceAccounts(ctx, projectID)
	if err != nil {
		resp.Diagnostics.AddError("Error Listing Project Service Accounts",
			diags.APIErrorDetail("Listing the service accounts of project "+projectID, err, ""))
		return
	}
	orgRoles := orgRolesOf(ctx, d.client, projectID, func(orgID string) ([]client.OrgServiceAccount, error) {
		return d.client.ListOrgServiceAccounts(ctx, orgID)
	}, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	elems := make([]projectAccountDataModel, len(accounts))
	for i := range accounts {
		elems[i] = projectAccountDataFromAPI(projectID, &accounts[i], orgRoles[accounts[i].ClientID])
	}
	list, d2 := types.ListValueFrom(ctx, projectAccountObjectType, elems)
	resp.Diagnostics.Append(d2...)
	config.ServiceAccounts = list
	resp.Diagnostics.Append(resp.State.Set(ctx, &config)...)
}
