package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// BenchmarkGetProviderSchema measures what Terraform waits for after the
// plugin handshake: a fresh provider server answering GetProviderSchema with
// the provider, resource and data source schemas.
func BenchmarkGetProviderSchema(b *testing.B) {
	ctx := context.Background()
	for b.Loop() {
		server, err := providerserver.NewProtocol6WithError(New("bench")())()
		if err != nil {
			b.Fatal(err)
		}
		resp, err := server.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
		if err != nil || len(resp.Diagnostics) > 0 || len(resp.ResourceSchemas) != len(resources()) {
			b.Fatalf("GetProviderSchema: %v %v, %d resources", err, resp.Diagnostics, len(resp.ResourceSchemas))
		}
	}
}

// TestProviderSchemaIsValid catches schema mistakes (for example a default on
// a required attribute) that only surface when Terraform asks for the schema.
func TestProviderSchemaIsValid(t *testing.T) {
	t.Parallel()
	server, err := providerserver.NewProtocol6WithError(New("test")())()
	if err != nil {
		t.Fatal(err)
	}
	resp, err := server.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range resp.Diagnostics {
		t.Errorf("%s: %s", d.Summary, d.Detail)
	}
	for _, name := range []string{"atlasaccess_project_service_account", "atlasaccess_project_service_account_assignment", "atlasaccess_project_user_invite"} {
		if _, ok := resp.ResourceSchemas[name]; !ok {
			t.Errorf("resource %s is not served", name)
		}
	}
	for _, name := range []string{"atlasaccess_project_service_account", "atlasaccess_project_service_accounts"} {
		if _, ok := resp.DataSourceSchemas[name]; !ok {
			t.Errorf("data source %s is not served", name)
		}
	}
}
