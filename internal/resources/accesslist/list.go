package accesslist

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/providerdata"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/diags"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/listing"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/serviceaccount"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/validate"
)

var _ list.ListResourceWithConfigure = (*accessListList)(nil)

// NewProjectListResource returns the
// atlasaccess_project_service_account_access_list list resource (terraform
// query).
func NewProjectListResource() list.ListResource { return &accessListList{kind: projectKind} }

// NewOrgListResource returns the atlasaccess_service_account_access_list
// list resource (terraform query).
func NewOrgListResource() list.ListResource { return &accessListList{kind: orgKind} }

// accessListList lists the non-empty API access lists of an owner's
// accounts. Atlas keeps a list per account and no call returns the lists of
// many accounts, so without client_id it reads the owner's accounts and
// then each account's list.
type accessListList struct {
	kind   kind
	client *client.Client
}

func (l *accessListList) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	if d := providerdata.From(req.ProviderData, &resp.Diagnostics); d != nil {
		l.client = d.Client
	}
}

func (l *accessListList) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	listing.TypeName(req, resp, l.kind.suffix)
}

func (l *accessListList) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	attributes := map[string]schema.Attribute{
		l.kind.Attr: schema.StringAttribute{Required: true, Validators: l.kind.Validators(), MarkdownDescription: "ID of the " + l.kind.Word + "."},
		"client_id": schema.StringAttribute{Optional: true, Validators: validate.ClientID(),
			MarkdownDescription: "Reads only the list of this account: one list call, whichever kind of account it is."},
		"name_regex": listing.NameRegexAttribute("lists of the accounts"),
	}
	var which string
	if l.kind.Attr == projectKind.Attr {
		which = "Without `client_id`, the accounts are those made in the project, whose only organization role is `ORG_MEMBER` " +
			"(as `atlasaccess_project_service_account` lists them; the list of an organization account assigned to the project is " +
			"listed by `atlasaccess_service_account_access_list`), read from the pages of the project's and the organization's account lists."
	} else {
		which = "Without `client_id`, the accounts are by default those with an organization role other than `ORG_MEMBER` " +
			"(as `atlasaccess_service_account` lists them; the lists of accounts made in a project are listed by " +
			"`atlasaccess_project_service_account_access_list`), read from the pages of the organization's account list."
		attributes["include_project_accounts"] = schema.BoolAttribute{Optional: true,
			MarkdownDescription: "Also list the lists of the accounts whose only organization role is `ORG_MEMBER`, such as those made in a project. Default `false`."}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Finds the API access lists of the service accounts of a " + l.kind.Word + ", for `terraform query`: " +
			"one result per account whose list has at least one entry (an empty list restricts nothing and is not listed). " +
			which + " Atlas keeps one list per account and no call returns the lists of many accounts, so **this costs one list call " +
			"per account** after the account lists; `limit` stops the reads once that many non-empty lists are found, and " +
			"`client_id` or `name_regex` narrow the accounts read.",
		Attributes: attributes,
	}
}

// account is an account whose list the query reads: its client ID and,
// when an account list named it, its name.
type account struct{ clientID, name string }

func (l *accessListList) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	ownerID, accounts, ok := l.accounts(ctx, req, stream)
	if !ok {
		return
	}
	owner := l.kind.Owner(ownerID)
	var found []listing.Found
	for _, a := range accounts {
		if req.Limit > 0 && int64(len(found)) >= req.Limit {
			break
		}
		entries, err := l.client.ListAccessList(ctx, owner, a.clientID)
		switch {
		case client.IsNotFound(err) && a.name != "":
			continue // deleted since the account list was read
		case err != nil:
			listing.Fail(stream, "Error Listing API Access Lists", "Reading the API access list of "+whatOf(owner, a.clientID), err)
			return
		case len(entries) == 0:
			continue
		}
		found = append(found, l.listFound(ownerID, a, entries))
	}
	listing.Stream(ctx, req, stream, found)
}

// accounts returns the owner's ID and the accounts whose lists the query
// reads: the one client_id names, else those of the owner's account list
// that the filters keep. On failure it answers with the diagnostics and
// reports false.
func (l *accessListList) accounts(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) (string, []account, bool) {
	project := l.kind.Attr == projectKind.Attr
	ownerID, filter, includeProject, ok := serviceaccount.OwnerAccountsConfig(ctx, req, stream, project)
	if !ok {
		return "", nil, false
	}
	if !filter.ClientID.IsNull() && filter.NameRegex.IsNull() {
		return ownerID, []account{{clientID: filter.ClientID.ValueString()}}, true
	}
	accounts, err := serviceaccount.OwnerAccounts(ctx, l.client, project, ownerID, filter, includeProject)
	if err != nil {
		listing.Fail(stream, "Error Listing API Access Lists", "Listing the service accounts of "+l.kind.Of(ownerID), err)
		return "", nil, false
	}
	out := make([]account, len(accounts))
	for i, sa := range accounts {
		out[i] = account{sa.ClientID, sa.Name}
	}
	return ownerID, out, true
}

// listFound is an account's list as a list result, named after the account
// and its number of entries, filled as an import and its read would fill it.
func (l *accessListList) listFound(ownerID string, a account, entries []client.AccessListEntry) listing.Found {
	name := a.clientID
	if a.name != "" {
		name = a.name + " (" + a.clientID + ")"
	}
	return listing.Found{
		DisplayName: fmt.Sprintf("%s: %s", name, diags.Plural(len(entries), "entry", "entries")),
		Identity:    map[string]string{l.kind.Attr: ownerID, "client_id": a.clientID},
		Fill: func(ctx context.Context, res *tfsdk.Resource) diag.Diagnostics {
			m := l.kind.newModel()
			imported := map[string]string{l.kind.Attr: ownerID, "client_id": a.clientID, "id": importID(ownerID, a.clientID)}
			return listing.AsImported(ctx, res, imported, m, func() { m.base().CIDRBlocks, _ = stateBlocks(entries, nil) })
		},
	}
}
