package serviceaccountsecret

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/providerdata"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/listing"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/serviceaccount"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/validate"
)

var _ list.ListResourceWithConfigure = (*secretList)(nil)

// NewProjectListResource returns the
// atlasaccess_project_service_account_secret list resource (terraform query).
func NewProjectListResource() list.ListResource { return &secretList{kind: projectKind} }

// NewOrgListResource returns the atlasaccess_service_account_secret list
// resource (terraform query).
func NewOrgListResource() list.ListResource { return &secretList{kind: orgKind} }

// secretList lists the secrets of the accounts of one owner, from the
// accounts list, which carries every account's secrets.
type secretList struct {
	kind   kind
	client *client.Client
}

func (l *secretList) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	if d := providerdata.From(req.ProviderData, &resp.Diagnostics); d != nil {
		l.client = d.Client
	}
}

func (l *secretList) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	listing.TypeName(req, resp, l.kind.suffix)
}

func (l *secretList) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	attributes := map[string]schema.Attribute{
		l.kind.Attr: schema.StringAttribute{Required: true, Validators: l.kind.Validators(), MarkdownDescription: "ID of the " + l.kind.Word + "."},
		"client_id": schema.StringAttribute{Optional: true, Validators: validate.ClientID(),
			MarkdownDescription: "Lists only the secrets of this account, whichever kind of account it is."},
		"name_regex": listing.NameRegexAttribute("secrets of the accounts"),
	}
	var which string
	if l.kind.Attr == projectKind.Attr {
		which = "Without `client_id`, the accounts are those made in the project, whose only organization role is `ORG_MEMBER` " +
			"(as `atlasaccess_project_service_account` lists them; the secrets of an organization account assigned to the project are " +
			"listed by `atlasaccess_service_account_secret`). Reads the pages of the project's and the organization's account lists, " +
			"which carry each account's secrets: nothing per account or secret."
	} else {
		which = "Without `client_id`, the accounts are by default those with an organization role other than `ORG_MEMBER` " +
			"(as `atlasaccess_service_account` lists them; the secrets of accounts made in a project are listed by " +
			"`atlasaccess_project_service_account_secret`). Reads the pages of the organization's account list, which carries each " +
			"account's secrets: nothing per account or secret."
		attributes["include_project_accounts"] = schema.BoolAttribute{Optional: true,
			MarkdownDescription: "Also list the secrets of the accounts whose only organization role is `ORG_MEMBER`, such as those made in a project. Default `false`."}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Finds the secrets of the service accounts of a " + l.kind.Word + ", for `terraform query`. " + which,
		Attributes:          attributes,
	}
}

func (l *secretList) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	project := l.kind.Attr == projectKind.Attr
	ownerID, filter, includeProject, ok := serviceaccount.OwnerAccountsConfig(ctx, req, stream, project)
	if !ok {
		return
	}
	accounts, err := serviceaccount.OwnerAccounts(ctx, l.client, project, ownerID, filter, includeProject)
	if err != nil {
		listing.Fail(stream, "Error Listing Service Account Secrets", "Listing the service accounts of "+l.kind.Of(ownerID), err)
		return
	}
	var found []listing.Found
	for _, sa := range accounts {
		for i := range sa.Secrets {
			found = append(found, l.secretFound(ownerID, sa, &sa.Secrets[i]))
		}
	}
	listing.Stream(ctx, req, stream, found)
}

// secretFound is a secret as a list result, named after its account and
// its masked value, filled as an import and its read would fill it.
func (l *secretList) secretFound(ownerID string, sa client.ServiceAccount, sec *client.ServiceAccountSecret) listing.Found {
	return listing.Found{
		DisplayName: sa.Name + " secret " + sec.MaskedSecretValue + " (expires " + sec.ExpiresAt + ")",
		Identity:    map[string]string{l.kind.Attr: ownerID, "client_id": sa.ClientID, "secret_id": sec.ID},
		Fill: func(ctx context.Context, res *tfsdk.Resource) diag.Diagnostics {
			m := l.kind.newModel()
			imported := map[string]string{l.kind.Attr: ownerID, "client_id": sa.ClientID, "secret_id": sec.ID, "id": importID(ownerID, sa.ClientID, sec.ID)}
			return listing.AsImported(ctx, res, imported, m, func() { m.base().setFromAPI(ownerID, sec, sa.Secrets) })
		},
	}
}
