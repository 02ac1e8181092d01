package provider

import (
	"context"
	"errors"
	"runtime"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

type ctxKey struct{}

// recordingServer is a ProviderServer whose ValidateResourceConfig keeps the
// context it was given, as the framework does.
type recordingServer struct {
	tfprotov6.ProviderServer
	got   context.Context
	block chan struct{}
}

func (r *recordingServer) ValidateResourceConfig(ctx context.Context, _ *tfprotov6.ValidateResourceConfigRequest) (*tfprotov6.ValidateResourceConfigResponse, error) {
	r.got = ctx
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
	inner := &recordingServer{}
	s := &releasingServer{inner: inner}
	ctx := context.WithValue(context.Background(), ctxKey{}, "request data")
	if _, err := s.ValidateResourceConfig(ctx, &tfprotov6.ValidateResourceConfigRequest{}); err != nil {
		t.Fatal(err)
	}
	if v := inner.got.Value(ctxKey{}); v != nil {
		t.Fatalf("after the request the retained context still reaches its values (%v)", v)
	}
	if !errors.Is(inner.got.Err(), context.Canceled) {
		t.Fatalf("a released context must be done, Err() = %v", inner.got.Err())
	}
	select {
	case <-inner.got.Done():
	default:
		t.Fatal("a released context must be done")
	}
}

func TestReleasingServer_valuesAndCancellationReachTheRequest(t *testing.T) {
	t.Parallel()
	inner := &recordingServer{block: make(chan struct{})}
	s := &releasingServer{inner: inner}
	ctx, cancel := context.WithCancel(context.WithValue(context.Background(), ctxKey{}, "request data"))
	done := make(chan struct{})
	go func() {
		defer close(done)
		_, _ = s.ValidateResourceConfig(ctx, &tfprotov6.ValidateResourceConfigRequest{})
	}()
	for inner.got == nil {
		time.Sleep(time.Millisecond)
	}
	if v := inner.got.Value(ctxKey{}); v != "request data" {
		t.Fatalf("during the request Value = %v, want the request's value", v)
	}
	cancel()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("cancelling the request's context did not reach the inner server")
	}
}

// TestNewServer_retainsLittleMemoryPerRequest serves thousands of requests
// through the real framework server and checks the live heap hardly grows:
// without the wrapper the framework keeps every request's context.
func TestNewServer_retainsLittleMemoryPerRequest(t *testing.T) {
	server, err := NewServer("test")()
	if err != nil {
		t.Fatal(err)
	}
	config, err := tfprotov6.NewDynamicValue(tftypes.Object{AttributeTypes: map[string]tftypes.Type{
		"project_id": tftypes.String, "client_id": tftypes.String, "roles": tftypes.Set{ElementType: tftypes.String},
		"id": tftypes.String, "name": tftypes.String, "description": tftypes.String,
	}}, tftypes.NewValue(tftypes.Object{AttributeTypes: map[string]tftypes.Type{
		"project_id": tftypes.String, "client_id": tftypes.String, "roles": tftypes.Set{ElementType: tftypes.String},
		"id": tftypes.String, "name": tftypes.String, "description": tftypes.String,
	}}, map[string]tftypes.Value{
		"project_id":  tftypes.NewValue(tftypes.String, "32b6e34b3d91647abb20e7b8"),
		"client_id":   tftypes.NewValue(tftypes.String, "mdb_sa_id_1234567890abcdef12345678"),
		"roles":       tftypes.NewValue(tftypes.Set{ElementType: tftypes.String}, []tftypes.Value{tftypes.NewValue(tftypes.String, "GROUP_OWNER")}),
		"id":          tftypes.NewValue(tftypes.String, nil),
		"name":        tftypes.NewValue(tftypes.String, nil),
		"description": tftypes.NewValue(tftypes.String, nil),
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
			TypeName: "atlasaccess_project_service_account_assignment", Config: &config,
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
