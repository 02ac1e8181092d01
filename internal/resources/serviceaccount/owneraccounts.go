package serviceaccount

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/listing"
)

// The list resources of what an owner's accounts hold (their secrets, their
// API access lists) share their configuration and which accounts they
// cover: the one client_id names, else the accounts that the account list
// resource of the same kind lists, so that a query of both kinds finds each
// object once.

// AccountsFilter is the configuration of such a list resource.
type AccountsFilter struct {
	ClientID  types.String `tfsdk:"client_id"`
	NameRegex types.String `tfsdk:"name_regex"`
}

type projectAccountsListConfig struct {
	ProjectID types.String `tfsdk:"project_id"`
	AccountsFilter
}

type orgAccountsListConfig struct {
	OrgID                  types.String `tfsdk:"org_id"`
	IncludeProjectAccounts types.Bool   `tfsdk:"include_project_accounts"`
	AccountsFilter
}

// OwnerAccountsConfig reads the list block's configuration of such a list
// resource: of a project when project is true, else of an organization
// (which also has include_project_accounts). On error it answers with the
// diagnostics and reports false.
func OwnerAccountsConfig(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream, project bool) (ownerID string, f AccountsFilter, includeProject, ok bool) {
	if project {
		var c projectAccountsListConfig
		if !listing.Config(ctx, req, stream, &c) {
			return "", f, false, false
		}
		return c.ProjectID.ValueString(), c.AccountsFilter, false, true
	}
	var c orgAccountsListConfig
	if !listing.Config(ctx, req, stream, &c) {
		return "", f, false, false
	}
	return c.OrgID.ValueString(), c.AccountsFilter, c.IncludeProjectAccounts.ValueBool(), true
}

// OwnerAccounts returns, with their secrets, the accounts of a project
// (project true) or an organization that such a list resource covers: the
// one f.ClientID names, whichever kind it is, else those whose organization
// roles make them this kind's (OnlyOrgMember for a project), and for an
// organization with includeProject the others too; f.NameRegex narrows
// either. It reads the pages of the owner's account list, and for a project
// without client_id those of its organization's too.
func OwnerAccounts(ctx context.Context, c *client.Client, project bool, ownerID string, f AccountsFilter, includeProject bool) ([]client.ServiceAccount, error) {
	var accounts []client.ServiceAccount
	orgRoles := map[string][]string{}
	var err error
	switch {
	case project && f.ClientID.IsNull():
		accounts, orgRoles, err = ProjectAccounts(ctx, c, ownerID)
	case project:
		accounts, err = c.ListProjectServiceAccounts(ctx, ownerID)
	default:
		var org []client.OrgServiceAccount
		org, err = c.ListOrgServiceAccounts(ctx, ownerID)
		for _, sa := range org {
			accounts = append(accounts, client.ServiceAccount{ClientID: sa.ClientID, Name: sa.Name, Secrets: sa.Secrets})
			orgRoles[sa.ClientID] = sa.Roles
		}
	}
	if err != nil {
		return nil, err
	}
	match := listing.NameMatcher(f.NameRegex)
	var out []client.ServiceAccount
	for _, sa := range accounts {
		if !match(sa.Name) {
			continue
		}
		if !f.ClientID.IsNull() {
			if sa.ClientID == f.ClientID.ValueString() {
				out = append(out, sa)
			}
			continue
		}
		if OnlyOrgMember(orgRoles[sa.ClientID]) == project || includeProject {
			out = append(out, sa)
		}
	}
	return out, nil
}
