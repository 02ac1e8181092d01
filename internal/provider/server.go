package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/pluginprocess"
)

// NewServer returns the protocol 6 server factory that main.go serves and the
// Terraform-driven tests use: the framework's server for this provider,
// wrapped by pluginprocess.ReleaseRequestContexts so that tests run the
// server users run.
func NewServer(version string) func() (tfprotov6.ProviderServer, error) {
	return func() (tfprotov6.ProviderServer, error) {
		inner, err := providerserver.NewProtocol6WithError(New(version)())()
		if err != nil {
			return nil, err
		}
		return pluginprocess.ReleaseRequestContexts(inner), nil
	}
}
