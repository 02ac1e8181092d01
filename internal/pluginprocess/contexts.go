package pluginprocess

import (
	"context"
	"sync/atomic"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// ReleaseRequestContexts wraps the framework's protocol 6 server so that a
// finished request releases its context.
//
// terraform-plugin-framework keeps a cancel function for the context of
// every request it has served, so that StopProvider can cancel them all, and
// drops them only on StopProvider, which Terraform sends on interrupt, not
// when a plan or apply ends: see registerContext in
// https://github.com/hashicorp/terraform-plugin-framework/blob/v1.19.0/internal/proto6server/serve.go
// added by https://github.com/hashicorp/terraform-plugin-framework/issues/782
// (the fix of https://github.com/hashicorp/terraform-plugin-framework/issues/781).
// No upstream issue reports the retention itself yet. Each of those contexts
// holds the gRPC stream and logging values of its request: measured here, a
// no-change plan of 1000 service accounts grew the provider's live heap to
// 66 MB. The wrapper hands the framework a context that lets go of the
// request's context when the request returns, so only a few hundred bytes
// per request remain; StopProvider is forwarded unchanged and still cancels
// the requests in flight.
func ReleaseRequestContexts(inner tfprotov6.ProviderServer) tfprotov6.ProviderServer {
	return &releasingServer{inner: inner}
}

// releasableContext is the context of one request while it runs; release
// cuts it from that request's context, so whatever keeps a reference to it
// afterwards keeps nothing of the request. Once released it is done.
type releasableContext struct {
	parent atomic.Pointer[context.Context]
}

var closedChannel = func() chan struct{} { c := make(chan struct{}); close(c); return c }()

func attach(ctx context.Context) *releasableContext {
	c := &releasableContext{}
	c.parent.Store(&ctx)
	return c
}

func (c *releasableContext) release() { c.parent.Store(nil) }

func (c *releasableContext) get() context.Context {
	if p := c.parent.Load(); p != nil {
		return *p
	}
	return nil
}

func (c *releasableContext) Deadline() (time.Time, bool) {
	if p := c.get(); p != nil {
		return p.Deadline()
	}
	return time.Time{}, false
}

func (c *releasableContext) Done() <-chan struct{} {
	if p := c.get(); p != nil {
		return p.Done()
	}
	return closedChannel
}

func (c *releasableContext) Err() error {
	if p := c.get(); p != nil {
		return p.Err()
	}
	return context.Canceled
}

func (c *releasableContext) Value(key any) any {
	if p := c.get(); p != nil {
		return p.Value(key)
	}
	return nil
}

// serve runs one request of the inner server on a releasable context.
func serve[Req, Resp any](ctx context.Context, req Req, call func(context.Context, Req) (Resp, error)) (Resp, error) {
	rc := attach(ctx)
	defer rc.release()
	return call(rc, req)
}

// releasingServer forwards every request to the framework's server.
type releasingServer struct {
	inner tfprotov6.ProviderServer
}

var _ tfprotov6.ProviderServer = (*releasingServer)(nil)

func (s *releasingServer) GetMetadata(ctx context.Context, req *tfprotov6.GetMetadataRequest) (*tfprotov6.GetMetadataResponse, error) {
	return serve(ctx, req, s.inner.GetMetadata)
}

func (s *releasingServer) GetProviderSchema(ctx context.Context, req *tfprotov6.GetProviderSchemaRequest) (*tfprotov6.GetProviderSchemaResponse, error) {
	return serve(ctx, req, s.inner.GetProviderSchema)
}

func (s *releasingServer) GetResourceIdentitySchemas(ctx context.Context, req *tfprotov6.GetResourceIdentitySchemasRequest) (*tfprotov6.GetResourceIdentitySchemasResponse, error) {
	return serve(ctx, req, s.inner.GetResourceIdentitySchemas)
}

func (s *releasingServer) ValidateProviderConfig(ctx context.Context, req *tfprotov6.ValidateProviderConfigRequest) (*tfprotov6.ValidateProviderConfigResponse, error) {
	return serve(ctx, req, s.inner.ValidateProviderConfig)
}

func (s *releasingServer) ConfigureProvider(ctx context.Context, req *tfprotov6.ConfigureProviderRequest) (*tfprotov6.ConfigureProviderResponse, error) {
	return serve(ctx, req, s.inner.ConfigureProvider)
}

// StopProvider is forwarded as is: it cancels the requests in flight.
func (s *releasingServer) StopProvider(ctx context.Context, req *tfprotov6.StopProviderRequest) (*tfprotov6.StopProviderResponse, error) {
	return s.inner.StopProvider(ctx, req)
}

func (s *releasingServer) ValidateResourceConfig(ctx context.Context, req *tfprotov6.ValidateResourceConfigRequest) (*tfprotov6.ValidateResourceConfigResponse, error) {
	return serve(ctx, req, s.inner.ValidateResourceConfig)
}

func (s *releasingServer) UpgradeResourceState(ctx context.Context, req *tfprotov6.UpgradeResourceStateRequest) (*tfprotov6.UpgradeResourceStateResponse, error) {
	return serve(ctx, req, s.inner.UpgradeResourceState)
}

func (s *releasingServer) ReadResource(ctx context.Context, req *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	return serve(ctx, req, s.inner.ReadResource)
}

func (s *releasingServer) PlanResourceChange(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	return serve(ctx, req, s.inner.PlanResourceChange)
}

func (s *releasingServer) ApplyResourceChange(ctx context.Context, req *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	return serve(ctx, req, s.inner.ApplyResourceChange)
}

func (s *releasingServer) ImportResourceState(ctx context.Context, req *tfprotov6.ImportResourceStateRequest) (*tfprotov6.ImportResourceStateResponse, error) {
	return serve(ctx, req, s.inner.ImportResourceState)
}

func (s *releasingServer) MoveResourceState(ctx context.Context, req *tfprotov6.MoveResourceStateRequest) (*tfprotov6.MoveResourceStateResponse, error) {
	return serve(ctx, req, s.inner.MoveResourceState)
}

func (s *releasingServer) UpgradeResourceIdentity(ctx context.Context, req *tfprotov6.UpgradeResourceIdentityRequest) (*tfprotov6.UpgradeResourceIdentityResponse, error) {
	return serve(ctx, req, s.inner.UpgradeResourceIdentity)
}

func (s *releasingServer) GenerateResourceConfig(ctx context.Context, req *tfprotov6.GenerateResourceConfigRequest) (*tfprotov6.GenerateResourceConfigResponse, error) {
	return serve(ctx, req, s.inner.GenerateResourceConfig)
}

func (s *releasingServer) ValidateDataResourceConfig(ctx context.Context, req *tfprotov6.ValidateDataResourceConfigRequest) (*tfprotov6.ValidateDataResourceConfigResponse, error) {
	return serve(ctx, req, s.inner.ValidateDataResourceConfig)
}

func (s *releasingServer) ReadDataSource(ctx context.Context, req *tfprotov6.ReadDataSourceRequest) (*tfprotov6.ReadDataSourceResponse, error) {
	return serve(ctx, req, s.inner.ReadDataSource)
}

func (s *releasingServer) CallFunction(ctx context.Context, req *tfprotov6.CallFunctionRequest) (*tfprotov6.CallFunctionResponse, error) {
	return serve(ctx, req, s.inner.CallFunction)
}

func (s *releasingServer) GetFunctions(ctx context.Context, req *tfprotov6.GetFunctionsRequest) (*tfprotov6.GetFunctionsResponse, error) {
	return serve(ctx, req, s.inner.GetFunctions)
}

func (s *releasingServer) ValidateEphemeralResourceConfig(ctx context.Context, req *tfprotov6.ValidateEphemeralResourceConfigRequest) (*tfprotov6.ValidateEphemeralResourceConfigResponse, error) {
	return serve(ctx, req, s.inner.ValidateEphemeralResourceConfig)
}

func (s *releasingServer) OpenEphemeralResource(ctx context.Context, req *tfprotov6.OpenEphemeralResourceRequest) (*tfprotov6.OpenEphemeralResourceResponse, error) {
	return serve(ctx, req, s.inner.OpenEphemeralResource)
}

func (s *releasingServer) RenewEphemeralResource(ctx context.Context, req *tfprotov6.RenewEphemeralResourceRequest) (*tfprotov6.RenewEphemeralResourceResponse, error) {
	return serve(ctx, req, s.inner.RenewEphemeralResource)
}

func (s *releasingServer) CloseEphemeralResource(ctx context.Context, req *tfprotov6.CloseEphemeralResourceRequest) (*tfprotov6.CloseEphemeralResourceResponse, error) {
	return serve(ctx, req, s.inner.CloseEphemeralResource)
}
