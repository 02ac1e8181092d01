package projectserviceaccount

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/providerdata"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/attrs"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/diags"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/validate"
)

var (
	_ datasource.DataSourceWithConfigure = (*serviceAccountDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*serviceAccountsDataSource)(nil)
)

// NewDataSource returns the atlasaccess_project_service_account data source.
func NewDataSource() datasource.DataSource { return &serviceAccountDataSource{} }

// NewListDataSource returns the atlasaccess_project_service_accounts data source.
func NewListDataSource() datasource.DataSource { return &serviceAccountsDataSource{} }

// reader is what the data sources need from Atlas: reads only, so they use
// the client directly (*client.Client provides it) and hold nothing.
type reader interface {
	GetProjectServiceAccount(ctx context.Context, projectID, clientID string) (*client.ServiceAccount, error)
	ListProjectServiceAccounts(ctx context.Context, projectID string) ([]client.ServiceAccount, error)
	ProjectOrgID(ctx context.Context, projectID string) (string, error)
	GetOrgServiceAccount(ctx context.Context, orgID, clientID string) (*client.OrgServiceAccount, error)
	ListOrgServiceAccounts(ctx context.Context, orgID string) ([]client.OrgServiceAccount, error)
}

// accountDataModel is one service account as the data sources show it.
type accountDataModel struct {
	ProjectID   types.String `tfsdk:"project_id"`
	ClientID    types.String `tfsdk:"client_id"`
	Name        types.String `tfsdk:"name"`
	Description types.String `tfsdk:"description"`
	Roles       types.Set    `tfsdk:"roles"`
	CreatedAt   types.String `tfsdk:"created_at"`
	Secrets     types.List   `tfsdk:"secrets"`
	OrgRoles    types.Set    `tfsdk:"organization_roles"`
}

// accountDataFromAPI is one account as the data sources show it; orgRoles
// are its organization roles, nil when they could not be read.
func accountDataFromAPI(projectID string, sa *client.ServiceAccount, orgRoles []string) accountDataModel {
	m := accountDataModel{
		ProjectID:   types.StringValue(projectID),
		ClientID:    types.StringValue(sa.ClientID),
		Name:        types.StringValue(sa.Name),
		Description: types.StringValue(sa.Description),
		Roles:       attrs.RolesToSet(sa.Roles),
		CreatedAt:   types.StringValue(sa.CreatedAt),
		Secrets:     attrs.SecretsToList(sa.Secrets),
		OrgRoles:    types.SetNull(types.StringType),
	}
	if orgRoles != nil {
		m.OrgRoles = attrs.RolesToSet(orgRoles)
	}
	return m
}

var accountAttrTypes = map[string]attr.Type{
	"project_id":  types.StringType,
	"client_id":   types.StringType,
	"name":        types.StringType,
	"description": types.StringType,
	"roles":       types.SetType{ElemType: types.StringType},
	"created_at":  types.StringType,
	"secrets":     types.ListType{ElemType: attrs.SecretObjectType},

	"organization_roles": types.SetType{ElemType: types.StringType},
}

// accountAttributes are the computed attributes of one account; project_id
// and client_id are added by each data source as its arguments need.
func accountAttributes() map[string]schema.Attribute {
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

type serviceAccountDataSource struct{ client reader }

func (d *serviceAccountDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_project_service_account"
}

func (d *serviceAccountDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attributes := accountAttributes()
	attributes["project_id"] = schema.StringAttribute{Required: true, Validators: validate.ProjectID(), MarkdownDescription: "ID of the Atlas project."}
	attributes["client_id"] = schema.StringAttribute{Required: true, Validators: validate.ClientID(), MarkdownDescription: "Client ID of the service account."}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one service account of a project. The plaintext secret is never available here.",
		Attributes:          attributes,
	}
}

func (d *serviceAccountDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	if data := providerdata.From(req.ProviderData, &resp.Diagnostics); data != nil {
		d.client = data.Client
	}
}

func (d *serviceAccountDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var config accountDataModel
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
	state := accountDataFromAPI(projectID, sa, orgRoles[clientID])
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

type serviceAccountsDataSource struct{ client reader }

type accountsDataModel struct {
	ProjectID       types.String `tfsdk:"project_id"`
	ServiceAccounts types.List   `tfsdk:"service_accounts"`
}

func (d *serviceAccountsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_project_service_accounts"
}

func (d *serviceAccountsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attributes := accountAttributes()
	attributes["project_id"] = schema.StringAttribute{Computed: true, MarkdownDescription: "ID of the project."}
	attributes["client_id"] = schema.StringAttribute{Computed: true, MarkdownDescription: "Client ID of the service account."}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists every service account of a project (all pages).",
		Attributes: map[string]schema.Attribute{
			"project_id": schema.StringAttribute{Required: true, Validators: validate.ProjectID(), MarkdownDescription: "ID of the Atlas project."},
			"service_accounts": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The project's service accounts, in the order Atlas lists them.",
				NestedObject:        schema.NestedAttributeObject{Attributes: attributes},
			},
		},
	}
}

func (d *serviceAccountsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	if data := providerdata.From(req.ProviderData, &resp.Diagnostics); data != nil {
		d.client = data.Client
	}
}

func (d *serviceAccountsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var config accountsDataModel
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
	elems := make([]accountDataModel, len(accounts))
	for i := range accounts {
		elems[i] = accountDataFromAPI(projectID, &accounts[i], orgRoles[accounts[i].ClientID])
	}
	list, d2 := types.ListValueFrom(ctx, types.ObjectType{AttrTypes: accountAttrTypes}, elems)
	resp.Diagnostics.Append(d2...)
	config.ServiceAccounts = list
	resp.Diagnostics.Append(resp.State.Set(ctx, &config)...)
}
