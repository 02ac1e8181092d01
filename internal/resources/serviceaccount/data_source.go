package serviceaccount

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/providerdata"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/attrs"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/diags"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/owner"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/validate"
)

var (
	_ datasource.DataSourceWithConfigure = (*accountDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*accountsDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*projectsDataSource)(nil)
)

// NewDataSource returns the atlasaccess_service_account data source.
func NewDataSource() datasource.DataSource { return &accountDataSource{} }

// NewListDataSource returns the atlasaccess_service_accounts data source.
func NewListDataSource() datasource.DataSource { return &accountsDataSource{} }

// NewProjectsDataSource returns the atlasaccess_service_account_projects data source.
func NewProjectsDataSource() datasource.DataSource { return &projectsDataSource{} }

// reader is what the data sources need from Atlas: reads only, through the
// Service's read-only view (safeops.Reads), which shares the resources'
// listings and holds nothing.
type reader interface {
	GetProjectServiceAccount(ctx context.Context, projectID, clientID string) (*client.ServiceAccount, error)
	ListProjectServiceAccounts(ctx context.Context, projectID string) ([]client.ServiceAccount, error)
	ProjectOrgID(ctx context.Context, projectID string) (string, error)
	GetOrgServiceAccount(ctx context.Context, orgID, clientID string) (*client.OrgServiceAccount, error)
	ListOrgServiceAccounts(ctx context.Context, orgID string) ([]client.OrgServiceAccount, error)
	ListOrgServiceAccountProjects(ctx context.Context, orgID, clientID string) ([]client.ServiceAccountProject, error)
}

// dataSourceBase is the configuration every data source of this package shares.
type dataSourceBase struct{ client reader }

func (d *dataSourceBase) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	if data := providerdata.From(req.ProviderData, &resp.Diagnostics); data != nil {
		d.client = data.Service.Reads()
	}
}

// accountData is one service account as the data sources of both kinds
// show it: never a plaintext secret.
type accountData struct {
	ClientID    types.String `tfsdk:"client_id"`
	Name        types.String `tfsdk:"name"`
	Description types.String `tfsdk:"description"`
	Roles       types.Set    `tfsdk:"roles"`
	CreatedAt   types.String `tfsdk:"created_at"`
	Secrets     types.List   `tfsdk:"secrets"`
}

func accountDataOf(sa *client.ServiceAccount) accountData {
	return accountData{
		ClientID:    types.StringValue(sa.ClientID),
		Name:        types.StringValue(sa.Name),
		Description: types.StringValue(sa.Description),
		Roles:       attrs.RolesToSet(sa.Roles),
		CreatedAt:   types.StringValue(sa.CreatedAt),
		Secrets:     attrs.SecretsToList(sa.Secrets),
	}
}

// accountObjectType is the type of one account of kind k in a list, with
// the attributes only that kind shows (extra).
func accountObjectType(k owner.Kind, extra map[string]attr.Type) types.ObjectType {
	t := map[string]attr.Type{
		k.Attr:        types.StringType,
		"client_id":   types.StringType,
		"name":        types.StringType,
		"description": types.StringType,
		"roles":       types.SetType{ElemType: types.StringType},
		"created_at":  types.StringType,
		"secrets":     types.ListType{ElemType: attrs.SecretObjectType},
	}
	for name, typ := range extra {
		t[name] = typ
	}
	return types.ObjectType{AttrTypes: t}
}

// accountDataModel is one organization service account as the data
// sources show it.
type accountDataModel struct {
	OrgID types.String `tfsdk:"org_id"`
	accountData
}

func accountDataFromAPI(orgID string, sa *client.OrgServiceAccount) accountDataModel {
	return accountDataModel{OrgID: types.StringValue(orgID), accountData: accountDataOf(fromOrg(sa))}
}

// accountAttributes are the attributes of one account; org_id and client_id
// are arguments of the single-account data source, computed in the list.
func accountAttributes(idsRequired bool) map[string]schema.Attribute {
	id := func(description string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: description, Required: idsRequired, Computed: !idsRequired}
	}
	orgID, clientID := id("ID of the Atlas organization."), id("Client ID of the service account.")
	if idsRequired {
		orgID.Validators, clientID.Validators = validate.OrgID(), validate.ClientID()
	}
	attributes := attrs.DataSourceAccountAttributes("Organization roles of the account.")
	attributes["org_id"], attributes["client_id"] = orgID, clientID
	return attributes
}

type accountDataSource struct{ dataSourceBase }

func (d *accountDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_service_account"
}

func (d *accountDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one organization service account. The plaintext secret is never available here.",
		Attributes:          accountAttributes(true),
	}
}

func (d *accountDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var config accountDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	orgID, clientID := config.OrgID.ValueString(), config.ClientID.ValueString()
	sa, err := d.client.GetOrgServiceAccount(ctx, orgID, clientID)
	if err != nil {
		resp.Diagnostics.AddError("Error Reading Organization Service Account",
			diags.APIErrorDetail(fmt.Sprintf("Reading service account %s in organization %s", clientID, orgID), err, ""))
		return
	}
	state := accountDataFromAPI(orgID, sa)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

type accountsDataSource struct{ dataSourceBase }

type accountsDataModel struct {
	OrgID           types.String `tfsdk:"org_id"`
	ServiceAccounts types.List   `tfsdk:"service_accounts"`
}

func (d *accountsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_service_accounts"
}

func (d *accountsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = listSchema(owner.Org, "Lists every service account of an organization (all pages), including the accounts created in its projects. "+
		"The plaintext secrets are never available here.", accountAttributes(false))
}

// listSchema is the schema of the data source that lists the accounts of
// an owner of kind k: the owner's ID, and service_accounts, each with
// item's attributes.
func listSchema(k owner.Kind, description string, item map[string]schema.Attribute) schema.Schema {
	return schema.Schema{
		MarkdownDescription: description,
		Attributes: map[string]schema.Attribute{
			k.Attr: schema.StringAttribute{Required: true, Validators: k.Validators(), MarkdownDescription: "ID of the Atlas " + k.Word + "."},
			"service_accounts": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The " + k.Word + "'s service accounts, in the order Atlas lists them.",
				NestedObject:        schema.NestedAttributeObject{Attributes: item},
			},
		},
	}
}

func (d *accountsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var config accountsDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	orgID := config.OrgID.ValueString()
	accounts, err := d.client.ListOrgServiceAccounts(ctx, orgID)
	if err != nil {
		resp.Diagnostics.AddError("Error Listing Organization Service Accounts",
			diags.APIErrorDetail("Listing the service accounts of organization "+orgID, err, ""))
		return
	}
	elems := make([]accountDataModel, len(accounts))
	for i := range accounts {
		elems[i] = accountDataFromAPI(orgID, &accounts[i])
	}
	list, d2 := types.ListValueFrom(ctx, accountObjectType(owner.Org, nil), elems)
	resp.Diagnostics.Append(d2...)
	config.ServiceAccounts = list
	resp.Diagnostics.Append(resp.State.Set(ctx, &config)...)
}

type projectsDataSource struct{ dataSourceBase }

type projectsDataModel struct {
	OrgID    types.String `tfsdk:"org_id"`
	ClientID types.String `tfsdk:"client_id"`
	Projects types.List   `tfsdk:"projects"`
}

type projectDataModel struct {
	ProjectID types.String `tfsdk:"project_id"`
	Roles     types.Set    `tfsdk:"roles"`
}

var projectObjectType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"project_id": types.StringType,
	"roles":      types.SetType{ElemType: types.StringType},
}}

func (d *projectsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_service_account_projects"
}

func (d *projectsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the projects an organization service account is in (all pages), with its project roles in each.",
		Attributes: map[string]schema.Attribute{
			"org_id":    schema.StringAttribute{Required: true, Validators: validate.OrgID(), MarkdownDescription: "ID of the Atlas organization."},
			"client_id": schema.StringAttribute{Required: true, Validators: validate.ClientID(), MarkdownDescription: "Client ID of the service account."},
			"projects": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The projects the account is in, in the order Atlas lists them; empty when it is in none.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"project_id": schema.StringAttribute{Computed: true, MarkdownDescription: "ID of the project."},
					"roles":      schema.SetAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Project roles of the account in this project."},
				}},
			},
		},
	}
}

func (d *projectsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var config projectsDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	orgID, clientID := config.OrgID.ValueString(), config.ClientID.ValueString()
	projects, err := d.client.ListOrgServiceAccountProjects(ctx, orgID, clientID)
	if err != nil {
		resp.Diagnostics.AddError("Error Listing Service Account Projects",
			diags.APIErrorDetail(fmt.Sprintf("Listing the projects of service account %s in organization %s", clientID, orgID), err, ""))
		return
	}
	elems := make([]projectDataModel, len(projects))
	for i, p := range projects {
		elems[i] = projectDataModel{ProjectID: types.StringValue(p.ProjectID), Roles: attrs.RolesToSet(p.Roles)}
	}
	list, d2 := types.ListValueFrom(ctx, projectObjectType, elems)
	resp.Diagnostics.Append(d2...)
	config.Projects = list
	resp.Diagnostics.Append(resp.State.Set(ctx, &config)...)
}
