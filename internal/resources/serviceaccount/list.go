package serviceaccount

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/providerdata"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/listing"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/owner"
)

var (
	_ list.ListResourceWithConfigure = (*projectAccountList)(nil)
	_ list.ListResourceWithConfigure = (*orgAccountList)(nil)
)

// NewProjectListResource returns the atlasaccess_project_service_account
// list resource (terraform query).
func NewProjectListResource() list.ListResource { return &projectAccountList{} }

// NewListResource returns the atlasaccess_service_account list resource
// (terraform query).
func NewListResource() list.ListResource { return &orgAccountList{} }

// OnlyOrgMember reports whether an account's organization roles are
// ORG_MEMBER alone, as Atlas gives an account created in a project. An
// account with any other organization role was made for the organization:
// in a project it is an assignment (the adoption guide's rule).
func OnlyOrgMember(orgRoles []string) bool {
	return len(orgRoles) == 0 || (len(orgRoles) == 1 && orgRoles[0] == "ORG_MEMBER")
}

// ProjectAccounts lists the accounts in a project with their organization
// roles: the pages of the project's list and of its organization's.
func ProjectAccounts(ctx context.Context, c *client.Client, projectID string) ([]client.ServiceAccount, map[string][]string, error) {
	accounts, err := c.ListProjectServiceAccounts(ctx, projectID)
	if err != nil {
		return nil, nil, err
	}
	orgID, err := c.ProjectOrgID(ctx, projectID)
	if err != nil {
		return nil, nil, err
	}
	org, err := c.ListOrgServiceAccounts(ctx, orgID)
	if err != nil {
		return nil, nil, err
	}
	orgRoles := make(map[string][]string, len(org))
	for _, sa := range org {
		orgRoles[sa.ClientID] = sa.Roles
	}
	return accounts, orgRoles, nil
}

// listBase is what both account list resources share.
type listBase struct{ client *client.Client }

func (l *listBase) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	if d := providerdata.From(req.ProviderData, &resp.Diagnostics); d != nil {
		l.client = d.Client
	}
}

type projectAccountList struct{ listBase }

type projectListConfig struct {
	ProjectID types.String `tfsdk:"project_id"`
	NameRegex types.String `tfsdk:"name_regex"`
}

func (l *projectAccountList) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	listing.TypeName(req, resp, projectKind.suffix)
}

func (l *projectAccountList) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Finds the project service accounts of a project, for `terraform query`: every account in the project " +
			"whose only organization role is `ORG_MEMBER` (an account with another organization role was made for the organization, " +
			"and is listed by `atlasaccess_project_service_account_assignment`). Reads the pages of the project's and the organization's " +
			"account lists, nothing per account.",
		Attributes: map[string]schema.Attribute{
			"project_id": schema.StringAttribute{Required: true, Validators: owner.Project.Validators(), MarkdownDescription: "ID of the project."},
			"name_regex": listing.NameRegexAttribute("accounts"),
		},
	}
}

func (l *projectAccountList) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var config projectListConfig
	if !listing.Config(ctx, req, stream, &config) {
		return
	}
	projectID := config.ProjectID.ValueString()
	accounts, orgRoles, err := ProjectAccounts(ctx, l.client, projectID)
	if err != nil {
		listing.Fail(stream, "Error Listing Project Service Accounts", "Listing the service accounts of project "+projectID, err)
		return
	}
	match := listing.NameMatcher(config.NameRegex)
	var found []listing.Found
	for i := range accounts {
		sa := &accounts[i]
		if !match(sa.Name) || !OnlyOrgMember(orgRoles[sa.ClientID]) {
			continue
		}
		found = append(found, accountFound(projectKind, projectID, sa))
	}
	listing.Stream(ctx, req, stream, found)
}

type orgAccountList struct{ listBase }

type orgListConfig struct {
	OrgID                  types.String `tfsdk:"org_id"`
	NameRegex              types.String `tfsdk:"name_regex"`
	IncludeProjectAccounts types.Bool   `tfsdk:"include_project_accounts"`
}

func (l *orgAccountList) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	listing.TypeName(req, resp, orgKind.suffix)
}

func (l *orgAccountList) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Finds the organization service accounts of an organization, for `terraform query`: by default those with " +
			"an organization role other than `ORG_MEMBER` (accounts made in a project have `ORG_MEMBER` alone and are listed by " +
			"`atlasaccess_project_service_account`). Reads the pages of the organization's account list, nothing per account.",
		Attributes: map[string]schema.Attribute{
			"org_id":     schema.StringAttribute{Required: true, Validators: owner.Org.Validators(), MarkdownDescription: "ID of the organization."},
			"name_regex": listing.NameRegexAttribute("accounts"),
			"include_project_accounts": schema.BoolAttribute{Optional: true,
				MarkdownDescription: "Also list the accounts whose only organization role is `ORG_MEMBER`, such as those made in a project. Default `false`."},
		},
	}
}

func (l *orgAccountList) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var config orgListConfig
	if !listing.Config(ctx, req, stream, &config) {
		return
	}
	orgID := config.OrgID.ValueString()
	accounts, err := l.client.ListOrgServiceAccounts(ctx, orgID)
	if err != nil {
		listing.Fail(stream, "Error Listing Organization Service Accounts", "Listing the service accounts of organization "+orgID, err)
		return
	}
	match := listing.NameMatcher(config.NameRegex)
	var found []listing.Found
	for i := range accounts {
		sa := fromOrg(&accounts[i])
		if !match(sa.Name) || (!config.IncludeProjectAccounts.ValueBool() && OnlyOrgMember(sa.Roles)) {
			continue
		}
		found = append(found, accountFound(orgKind, orgID, sa))
	}
	listing.Stream(ctx, req, stream, found)
}

// accountFound is an account as a list result: named "name (client_id)",
// filled as an import by owner_id/client_id and its read would fill it.
func accountFound(k *accountKind, ownerID string, sa *client.ServiceAccount) listing.Found {
	identity := map[string]string{k.Attr: ownerID, "client_id": sa.ClientID}
	return listing.Found{
		DisplayName: sa.Name + " (" + sa.ClientID + ")",
		Identity:    identity,
		Fill: func(ctx context.Context, res *tfsdk.Resource) diag.Diagnostics {
			m := k.newModel()
			imported := map[string]string{k.Attr: ownerID, "client_id": sa.ClientID, "id": owner.ImportID(ownerID, sa.ClientID)}
			return listing.AsImported(ctx, res, imported, m, func() { m.base().setFromAPI(ownerID, sa) })
		},
	}
}
