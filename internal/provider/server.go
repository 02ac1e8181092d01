package provider

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/pluginprocess"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/providerdata"
)

// RevokeTimeout bounds Servers.Close when the process stops. Terraform's
// plugin client waits two seconds for a stopped provider to exit before it
// kills it, so revocation must fit well inside that.
const RevokeTimeout = 1500 * time.Millisecond

// Servers makes the protocol 6 servers of this provider and owns what the
// providers they serve configure: main.go serves one plugin process with
// it, the Terraform-driven tests one test case, and each closes it when
// done, so that no OAuth token outlives the run that needed it and nothing
// accumulates from one test to the next. It is safe for concurrent use.
type Servers struct {
	version    string
	configured configuredRecord
}

// NewServers returns the Servers of the given release version.
func NewServers(version string) *Servers {
	return &Servers{version: version}
}

// New returns a new protocol 6 server of the provider: the factory main.go
// serves and the Terraform-driven tests use. It is the framework's server,
// wrapped by pluginprocess.ReleaseRequestContexts so that tests run the
// server users run; what its provider configures is closed by Close.
func (s *Servers) New() (tfprotov6.ProviderServer, error) {
	p := &atlasAccessProvider{version: s.version, configured: s.configured.add}
	inner, err := providerserver.NewProtocol6WithError(p)()
	if err != nil {
		return nil, err
	}
	return pluginprocess.ReleaseRequestContexts(inner), nil
}

// Close closes what every provider these servers served configured (see
// providerdata.Data.Close), all at once, and forgets it: it revokes every
// OAuth2 access token they fetched, their own and those
// atlasaccess_access_token opened that Terraform never closed. main.go calls
// it once the plugin server has stopped, with RevokeTimeout.
func (s *Servers) Close(ctx context.Context) error {
	return s.configured.close(ctx)
}

// configuredRecord is the data of every provider a Servers' servers
// configured. Terraform configures a provider once per process (per alias),
// so in a plugin process it holds one or two; a test case configures one per
// Terraform command.
type configuredRecord struct {
	mu   sync.Mutex
	data []*providerdata.Data
}

// add records d.
func (r *configuredRecord) add(d *providerdata.Data) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.data = append(r.data, d)
}

// close closes every recorded provider's data, all at once, and forgets
// them.
func (r *configuredRecord) close(ctx context.Context) error {
	r.mu.Lock()
	data := r.data
	r.data = nil
	r.mu.Unlock()
	errs := make([]error, len(data))
	var wg sync.WaitGroup
	for i, d := range data {
		wg.Go(func() { errs[i] = d.Close(ctx) })
	}
	wg.Wait()
	return errors.Join(errs...)
}

// len is the number of providers recorded.
func (r *configuredRecord) len() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.data)
}
