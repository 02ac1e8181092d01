package pluginprocess

import (
	"context"
	"errors"
	"runtime"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

type ctxKey struct{}

// recordingServer is a ProviderServer whose ValidateResourceConfig keeps the
// context it was given, as the framework does. The request hands that
// context to the test over started, so the test never reads it while the
// request is still writing it.
type recordingServer struct {
	tfprotov6.ProviderServer
	started chan context.Context
	block   chan struct{}
}

func newRecordingServer(block bool) *recordingServer {
	r := &recordingServer{started: make(chan context.Context, 1)}
	if block {
		r.block = make(chan struct{})
	}
	return r
}

func (r *recordingServer) ValidateResourceConfig(ctx context.Context, _ *tfprotov6.ValidateResourceConfigRequest) (*tfprotov6.ValidateResourceConfigResponse, error) {
	r.started <- ctx
	if r.block != nil {
		select {
		case <-ctx.Done():
		case <-r.block:
		}
	}
	return &tfprotov6.ValidateResourceConfigResponse{}, nil
}

func TestReleasingServer_requestContextIsReleasedWhenTheRequestReturns(t *testing.T) {
	t.Parallel()
	inner := newRecordingServer(false)
	s := ReleaseRequestContexts(inner)
	ctx := context.WithValue(context.Background(), ctxKey{}, "request data")
	if _, err := s.ValidateResourceConfig(ctx, &tfprotov6.ValidateResourceConfigRequest{}); err != nil {
		t.Fatal(err)
	}
	retained := <-inner.started
	if v := retained.Value(ctxKey{}); v != nil {
		t.Fatalf("after the request the retained context still reaches its values (%v)", v)
	}
	if !errors.Is(retained.Err(), context.Canceled) {
		t.Fatalf("a released context must be done, Err() = %v", retained.Err())
	}
	select {
	case <-retained.Done():
	default:
		t.Fatal("a released context must be done")
	}
}

func TestReleasingServer_valuesAndCancellationReachTheRequest(t *testing.T) {
	t.Parallel()
	inner := newRecordingServer(true)
	s := ReleaseRequestContexts(inner)
	ctx, cancel := context.WithCancel(context.WithValue(context.Background(), ctxKey{}, "request data"))
	done := make(chan struct{})
	go func() {
		defer close(done)
		_, _ = s.ValidateResourceConfig(ctx, &tfprotov6.ValidateResourceConfigRequest{})
	}()
	running := <-inner.started
	if v := running.Value(ctxKey{}); v != "request data" {
		t.Fatalf("during the request Value = %v, want the request's value", v)
	}
	cancel()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("cancelling the request's context did not reach the inner server")
	}
}

// TestReleaseRequestContexts_retainsLittleMemoryPerRequest serves thousands
// of requests through a real framework server and checks the live heap
// hardly grows: without the wrapper the framework keeps every request's
// context.
func TestReleaseRequestContexts_retainsLittleMemoryPerRequest(t *testing.T) {
	inner, err := providerserver.NewProtocol6WithError(&minimalProvider{})()
	if err != nil {
		t.Fatal(err)
	}
	server := ReleaseRequestContexts(inner)
	objectType := tftypes.Object{AttributeTypes: map[string]tftypes.Type{"name": tftypes.String}}
	config, err := tfprotov6.NewDynamicValue(objectType, tftypes.NewValue(objectType, map[string]tftypes.Value{
		"name": tftypes.NewValue(tftypes.String, "example"),
	}))
	if err != nil {
		t.Fatal(err)
	}
	heap := func() uint64 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	call := func() {
		// A context carrying a sizeable value, as a gRPC request's does.
		ctx := context.WithValue(context.Background(), ctxKey{}, make([]byte, 16<<10))
		resp, err := server.ValidateResourceConfig(ctx, &tfprotov6.ValidateResourceConfigRequest{
			TypeName: "minimal_thing", Config: &config,
		})
		if err != nil || len(resp.Diagnostics) > 0 {
			t.Fatalf("ValidateResourceConfig: %v %v", err, resp.Diagnostics)
		}
	}
	call()
	before := heap()
	const requests = 3000
	for range requests {
		call()
	}
	grown := int64(heap()) - int64(before)
	runtime.KeepAlive(server) // the server lives as long as the provider process
	// Retaining each request's context would keep at least its 16 KiB value:
	// about 48 MB here.
	if perRequest := grown / requests; perRequest > 2048 {
		t.Fatalf("live heap grew %d bytes per request; the server keeps finished requests alive", perRequest)
	}
}

// minimalProvider is the smallest framework provider with one resource, so
// that this package's tests exercise the framework's server without the
// product's provider.
type minimalProvider struct{}

var _ provider.Provider = minimalProvider{}

func (minimalProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "minimal"
}

func (minimalProvider) Schema(context.Context, provider.SchemaRequest, *provider.SchemaResponse) {}

func (minimalProvider) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {
}

func (minimalProvider) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{func() resource.Resource { return minimalResource{} }}
}

func (minimalProvider) DataSources(context.Context) []func() datasource.DataSource { return nil }

type minimalResource struct{}

var _ resource.Resource = minimalResource{}

func (minimalResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_thing"
}

func (minimalResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{Attributes: map[string]schema.Attribute{
		"name": schema.StringAttribute{Required: true},
	}}
}

func (minimalResource) Create(context.Context, resource.CreateRequest, *resource.CreateResponse) {}
func (minimalResource) Read(context.Context, resource.ReadRequest, *resource.ReadResponse)       {}
func (minimalResource) Update(context.Context, resource.UpdateRequest, *resource.UpdateResponse) {}
func (minimalResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}
