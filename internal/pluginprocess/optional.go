package pluginprocess

import (
	"context"
	"fmt"
	"iter"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// terraform-plugin-go keeps list resources, actions and state stores out of
// tfprotov6.ProviderServer, as optional interfaces that tf6server looks for
// with a type assertion on the server it serves. A wrapper that implemented
// only ProviderServer would hide them: Terraform would be told the provider
// has no list resources even though the framework's server has them. The
// wrapper therefore forwards every optional interface; a request for one
// that the inner server lacks gets an error, as tf6server itself answers.
//
// The three interfaces are marked deprecated because terraform-plugin-go
// will fold them into ProviderServer; until it does, tf6server asserts
// exactly these, so the wrapper must implement them.
var (
	_ tfprotov6.ProviderServerWithListResource = (*releasingServer)(nil) //nolint:staticcheck // tf6server still asserts it (see above)
	_ tfprotov6.ProviderServerWithActions      = (*releasingServer)(nil) //nolint:staticcheck // tf6server still asserts it (see above)
	_ tfprotov6.ProviderServerWithStateStores  = (*releasingServer)(nil) //nolint:staticcheck // tf6server still asserts it (see above)
)

// unsupported is the error for an optional call the inner server lacks.
func unsupported(what string) error {
	return fmt.Errorf("the provider server does not support %s", what)
}

// serveStream runs one streaming request of the inner server. The stream is
// read after the call returns, so the request's context is released only
// when the stream has been read to its end (or the reader stopped), or at
// once when the call returns no stream.
func serveStream[Req, Resp, Item any](ctx context.Context, req Req, call func(context.Context, Req) (*Resp, error), seq func(*Resp) *iter.Seq[Item]) (*Resp, error) {
	rc := attach(ctx)
	resp, err := call(rc, req)
	if err != nil || resp == nil || *seq(resp) == nil {
		rc.release()
		return resp, err
	}
	inner := *seq(resp)
	*seq(resp) = func(yield func(Item) bool) {
		defer rc.release()
		inner(yield)
	}
	return resp, nil
}

func (s *releasingServer) ValidateListResourceConfig(ctx context.Context, req *tfprotov6.ValidateListResourceConfigRequest) (*tfprotov6.ValidateListResourceConfigResponse, error) {
	inner, ok := s.inner.(tfprotov6.ListResourceServer)
	if !ok {
		return nil, unsupported("list resources")
	}
	return serve(ctx, req, inner.ValidateListResourceConfig)
}

func (s *releasingServer) ListResource(ctx context.Context, req *tfprotov6.ListResourceRequest) (*tfprotov6.ListResourceServerStream, error) {
	inner, ok := s.inner.(tfprotov6.ListResourceServer)
	if !ok {
		return nil, unsupported("list resources")
	}
	return serveStream(ctx, req, inner.ListResource, func(r *tfprotov6.ListResourceServerStream) *iter.Seq[tfprotov6.ListResourceResult] {
		return &r.Results
	})
}

func (s *releasingServer) ValidateActionConfig(ctx context.Context, req *tfprotov6.ValidateActionConfigRequest) (*tfprotov6.ValidateActionConfigResponse, error) {
	inner, ok := s.inner.(tfprotov6.ActionServer)
	if !ok {
		return nil, unsupported("actions")
	}
	return serve(ctx, req, inner.ValidateActionConfig)
}

func (s *releasingServer) PlanAction(ctx context.Context, req *tfprotov6.PlanActionRequest) (*tfprotov6.PlanActionResponse, error) {
	inner, ok := s.inner.(tfprotov6.ActionServer)
	if !ok {
		return nil, unsupported("actions")
	}
	return serve(ctx, req, inner.PlanAction)
}

func (s *releasingServer) InvokeAction(ctx context.Context, req *tfprotov6.InvokeActionRequest) (*tfprotov6.InvokeActionServerStream, error) {
	inner, ok := s.inner.(tfprotov6.ActionServer)
	if !ok {
		return nil, unsupported("actions")
	}
	return serveStream(ctx, req, inner.InvokeAction, func(r *tfprotov6.InvokeActionServerStream) *iter.Seq[tfprotov6.InvokeActionEvent] {
		return &r.Events
	})
}

// stateStores is the inner server's state-store calls, or an error.
func (s *releasingServer) stateStores() (tfprotov6.StateStoreServer, error) {
	inner, ok := s.inner.(tfprotov6.StateStoreServer)
	if !ok {
		return nil, unsupported("state stores")
	}
	return inner, nil
}

func (s *releasingServer) ValidateStateStoreConfig(ctx context.Context, req *tfprotov6.ValidateStateStoreConfigRequest) (*tfprotov6.ValidateStateStoreConfigResponse, error) {
	inner, err := s.stateStores()
	if err != nil {
		return nil, err
	}
	return serve(ctx, req, inner.ValidateStateStoreConfig)
}

func (s *releasingServer) ConfigureStateStore(ctx context.Context, req *tfprotov6.ConfigureStateStoreRequest) (*tfprotov6.ConfigureStateStoreResponse, error) {
	inner, err := s.stateStores()
	if err != nil {
		return nil, err
	}
	return serve(ctx, req, inner.ConfigureStateStore)
}

func (s *releasingServer) ReadStateBytes(ctx context.Context, req *tfprotov6.ReadStateBytesRequest) (*tfprotov6.ReadStateBytesStream, error) {
	inner, err := s.stateStores()
	if err != nil {
		return nil, err
	}
	return serveStream(ctx, req, inner.ReadStateBytes, func(r *tfprotov6.ReadStateBytesStream) *iter.Seq[tfprotov6.ReadStateByteChunk] {
		return &r.Chunks
	})
}

func (s *releasingServer) WriteStateBytes(ctx context.Context, req *tfprotov6.WriteStateBytesStream) (*tfprotov6.WriteStateBytesResponse, error) {
	inner, err := s.stateStores()
	if err != nil {
		return nil, err
	}
	return serve(ctx, req, inner.WriteStateBytes)
}

func (s *releasingServer) GetStates(ctx context.Context, req *tfprotov6.GetStatesRequest) (*tfprotov6.GetStatesResponse, error) {
	inner, err := s.stateStores()
	if err != nil {
		return nil, err
	}
	return serve(ctx, req, inner.GetStates)
}

func (s *releasingServer) DeleteState(ctx context.Context, req *tfprotov6.DeleteStateRequest) (*tfprotov6.DeleteStateResponse, error) {
	inner, err := s.stateStores()
	if err != nil {
		return nil, err
	}
	return serve(ctx, req, inner.DeleteState)
}

func (s *releasingServer) LockState(ctx context.Context, req *tfprotov6.LockStateRequest) (*tfprotov6.LockStateResponse, error) {
	inner, err := s.stateStores()
	if err != nil {
		return nil, err
	}
	return serve(ctx, req, inner.LockState)
}

func (s *releasingServer) UnlockState(ctx context.Context, req *tfprotov6.UnlockStateRequest) (*tfprotov6.UnlockStateResponse, error) {
	inner, err := s.stateStores()
	if err != nil {
		return nil, err
	}
	return serve(ctx, req, inner.UnlockState)
}
