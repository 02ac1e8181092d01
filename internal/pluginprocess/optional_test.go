package pluginprocess

import (
	"context"
	"reflect"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// The wrapper must offer every call the framework's server offers: tf6server
// finds list resources, actions and state stores by type assertion, so a
// method the wrapper lacks is a feature Terraform is told does not exist.
func TestReleaseRequestContexts_offersEveryMethodOfTheFrameworkServer(t *testing.T) {
	t.Parallel()
	inner, err := providerserver.NewProtocol6WithError(&minimalProvider{})()
	if err != nil {
		t.Fatal(err)
	}
	wrapped := reflect.TypeOf(ReleaseRequestContexts(inner))
	unwrapped := reflect.TypeOf(inner)
	for i := range unwrapped.NumMethod() {
		m := unwrapped.Method(i)
		w, ok := wrapped.MethodByName(m.Name)
		if !ok {
			t.Errorf("the wrapper lacks %s, which the framework's server has", m.Name)
			continue
		}
		if w.Type.NumIn() != m.Type.NumIn() || w.Type.NumOut() != m.Type.NumOut() {
			t.Errorf("%s: the wrapper's signature %v differs from the framework's %v", m.Name, w.Type, m.Type)
		}
	}
	for name, ok := range map[string]bool{
		"list resources": implements[tfprotov6.ProviderServerWithListResource](ReleaseRequestContexts(inner)), //nolint:staticcheck // what tf6server asserts
		"actions":        implements[tfprotov6.ProviderServerWithActions](ReleaseRequestContexts(inner)),      //nolint:staticcheck // what tf6server asserts
		"state stores":   implements[tfprotov6.ProviderServerWithStateStores](ReleaseRequestContexts(inner)),  //nolint:staticcheck // what tf6server asserts
	} {
		if !ok {
			t.Errorf("through the wrapper, tf6server would find no %s", name)
		}
	}
}

func implements[I any](v any) bool {
	_, ok := v.(I)
	return ok
}

// listingServer is a ProviderServer with list resources whose stream reports
// whether the request's values still reach it while Terraform reads it.
type listingServer struct {
	tfprotov6.ProviderServer
	seen chan any
}

func (l *listingServer) ValidateListResourceConfig(context.Context, *tfprotov6.ValidateListResourceConfigRequest) (*tfprotov6.ValidateListResourceConfigResponse, error) {
	return &tfprotov6.ValidateListResourceConfigResponse{}, nil
}

func (l *listingServer) ListResource(ctx context.Context, _ *tfprotov6.ListResourceRequest) (*tfprotov6.ListResourceServerStream, error) {
	return &tfprotov6.ListResourceServerStream{Results: func(yield func(tfprotov6.ListResourceResult) bool) {
		l.seen <- ctx.Value(ctxKey{})
		yield(tfprotov6.ListResourceResult{DisplayName: "one"})
	}}, nil
}

// A list stream is read after ListResource returns: the request's context
// must stay whole until then, and be released once the stream is read.
func TestReleasingServer_listStreamKeepsItsContextUntilRead(t *testing.T) {
	t.Parallel()
	inner := &listingServer{seen: make(chan any, 1)}
	s := ReleaseRequestContexts(inner).(tfprotov6.ProviderServerWithListResource) //nolint:staticcheck // what tf6server asserts
	ctx := context.WithValue(context.Background(), ctxKey{}, "request data")
	stream, err := s.ListResource(ctx, &tfprotov6.ListResourceRequest{})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for r := range stream.Results {
		names = append(names, r.DisplayName)
	}
	if got := <-inner.seen; got != "request data" {
		t.Fatalf("while the stream was read, the request's values were %v", got)
	}
	if len(names) != 1 || names[0] != "one" {
		t.Fatalf("the stream through the wrapper gave %v, want [one]", names)
	}
}

// A server without the optional calls answers them with an error, never a
// panic or an empty success.
func TestReleasingServer_optionalCallsTheInnerServerLacksFail(t *testing.T) {
	t.Parallel()
	s := ReleaseRequestContexts(newRecordingServer(false)).(tfprotov6.ProviderServerWithListResource) //nolint:staticcheck // what tf6server asserts
	if _, err := s.ListResource(context.Background(), &tfprotov6.ListResourceRequest{}); err == nil {
		t.Fatal("ListResource on a server without list resources succeeded")
	}
}
