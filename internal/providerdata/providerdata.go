// Package providerdata is the one value a configured provider hands its
// resources, data sources and ephemeral resources (STYLE.md: "pass one value
// from Provider.Configure"): the Atlas client, the write-safety service over
// it, and the records that live as long as the provider does. The provider
// builds one per Configure; the server that made the provider closes it.
// Nothing here is process-wide: two configured providers, or two tests,
// share nothing.
package providerdata

import (
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/accesslist/declarations"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/accesstoken/opentokens"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/safeops"
)

// Data is what one configured provider hands its resources.
type Data struct {
	// Client is the authenticated Atlas client. Data sources and the
	// ephemeral resource read through it.
	Client *client.Client
	// Service is the write-safety service over Client; resources write
	// only through it. Its record of held objects and its locks are those
	// of this provider.
	Service *safeops.Service
	// OpenTokens are the access tokens atlasaccess_access_token opened
	// and Terraform has not closed yet.
	OpenTokens *opentokens.Record
	// AccessLists records which access-list resource declared each
	// account's list.
	AccessLists *declarations.Registry
}

// New returns the data of a provider configured with c.
func New(c *client.Client) *Data {
	return &Data{
		Client:      c,
		Service:     safeops.New(c),
		OpenTokens:  &opentokens.Record{},
		AccessLists: &declarations.Registry{},
	}
}

// Close revokes every OAuth2 access token this provider fetched, so that
// none outlives the run that needed it (a token is otherwise valid for an
// hour): its own, and those atlasaccess_access_token opened that Terraform
// never closed. An access token the provider was given (access_token) is
// never revoked: it belongs to whoever obtained it (client.RevokeTokens).
// It is safe to call more than once: what was revoked is forgotten.
func (d *Data) Close(ctx context.Context) error {
	return errors.Join(d.Client.RevokeTokens(ctx), d.OpenTokens.RevokeAll(ctx))
}

// From type-asserts the provider data handed to a Configure method of a
// resource, data source or ephemeral resource. It returns nil without error
// while the provider is not configured yet (Terraform calls Configure early,
// during validation).
func From(providerData any, diags *diag.Diagnostics) *Data {
	if providerData == nil {
		return nil
	}
	d, ok := providerData.(*Data)
	if !ok {
		diags.AddError("Unexpected Provider Data",
			fmt.Sprintf("Expected *providerdata.Data, got %T. This is a bug in the atlasaccess provider; please report it.", providerData))
		return nil
	}
	return d
}
