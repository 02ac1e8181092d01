// Command mongodbatlas-standin is a test-only stand-in for the official
// MongoDB Atlas provider (registry.terraform.io/mongodb/mongodbatlas), which
// cannot be downloaded where the tests run, nor always built from its source
// (scripts/build-mongodbatlas.sh needs GitHub). Terraform will not plan a
// state that holds resources of a provider it cannot start, even to forget
// them with a removed block or move them with a moved block, so the
// migration tests need a provider of that name.
//
// It declares the seven resource types the migration guide covers, each
// with the attribute names, types and nesting of the official provider's
// v2.16.0 schema (declared here from its published schema, not copied from
// its code), and it never talks to Atlas: reading returns the state
// unchanged, and creating, updating or deleting fails, so a test using it
// proves that Terraform only forgot or moved the old resources. Every call
// is appended to the file named by STANDIN_CALLS_LOG, so that the test can
// say what Terraform asked of it.
package main

import (
	"context"
	"fmt"
	"log"
	"os"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	pschema "github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func main() {
	if err := providerserver.Serve(context.Background(), func() provider.Provider { return standin{} }, providerserver.ServeOpts{
		Address: "registry.terraform.io/mongodb/mongodbatlas",
	}); err != nil {
		log.Fatal(err)
	}
}

func record(format string, args ...any) {
	path := os.Getenv("STANDIN_CALLS_LOG")
	if path == "" {
		return
	}
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		return
	}
	defer f.Close()
	fmt.Fprintf(f, format+"\n", args...)
}

type standin struct{}

func (standin) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "mongodbatlas"
}

func (standin) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = pschema.Schema{Attributes: map[string]pschema.Attribute{
		"client_id":     pschema.StringAttribute{Optional: true},
		"client_secret": pschema.StringAttribute{Optional: true, Sensitive: true},
		"base_url":      pschema.StringAttribute{Optional: true},
	}}
}

func (standin) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {
	record("configure")
}

func (standin) DataSources(context.Context) []func() datasource.DataSource { return nil }

func (standin) Resources(context.Context) []func() resource.Resource {
	str := func() schema.StringAttribute { return schema.StringAttribute{Computed: true} }
	required := func() schema.StringAttribute { return schema.StringAttribute{Required: true} }
	roles := func() schema.SetAttribute { return schema.SetAttribute{Required: true, ElementType: types.StringType} }
	hours := func() schema.Int64Attribute { return schema.Int64Attribute{Optional: true} }
	plaintext := func() schema.StringAttribute { return schema.StringAttribute{Computed: true, Sensitive: true} }
	// account is a service account of the owner named by ownerAttribute
	// (project_id or org_id) with the secrets it holds.
	account := func(ownerAttribute string) map[string]schema.Attribute {
		return map[string]schema.Attribute{
			ownerAttribute: required(), "name": required(), "description": required(), "roles": roles(),
			"secret_expires_after_hours": hours(), "client_id": str(), "created_at": str(),
			"secrets": schema.ListNestedAttribute{Computed: true, NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
				"secret_id": str(), "created_at": str(), "expires_at": str(), "last_used_at": str(),
				"masked_secret_value": str(), "secret": plaintext(),
			}}},
		}
	}
	// secret is one secret of an account of the owner named by ownerAttribute.
	secret := func(ownerAttribute string) map[string]schema.Attribute {
		return map[string]schema.Attribute{
			ownerAttribute: required(), "client_id": required(), "secret_expires_after_hours": hours(),
			"secret_id": str(), "secret": plaintext(), "created_at": str(), "expires_at": str(),
			"last_used_at": str(), "masked_secret_value": str(),
		}
	}
	return []func() resource.Resource{
		standinResource("project_service_account", account("project_id")),
		standinResource("service_account", account("org_id")),
		standinResource("service_account_project_assignment", map[string]schema.Attribute{
			"project_id": required(), "client_id": required(), "roles": roles(),
		}),
		standinResource("project_service_account_secret", secret("project_id")),
		standinResource("service_account_secret", secret("org_id")),
		standinResource("cloud_user_project_assignment", map[string]schema.Attribute{
			"project_id": required(), "username": required(), "roles": roles(),
			"user_id": str(), "org_membership_status": str(), "invitation_created_at": str(), "invitation_expires_at": str(),
			"inviter_username": str(), "country": str(), "created_at": str(), "first_name": str(), "last_name": str(),
			"last_auth": str(), "mobile_number": str(),
		}),
		standinResource("project_invitation", map[string]schema.Attribute{
			"id": schema.StringAttribute{Optional: true, Computed: true}, "project_id": required(), "username": required(), "roles": roles(),
			"invitation_id": str(), "created_at": str(), "expires_at": str(), "inviter_username": str(),
		}),
	}
}

// standinResource is a resource type that only ever reads back its state.
func standinResource(name string, attributes map[string]schema.Attribute) func() resource.Resource {
	return func() resource.Resource { return &readOnly{name: name, attributes: attributes} }
}

type readOnly struct {
	name       string
	attributes map[string]schema.Attribute
}

func (r *readOnly) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + r.name
}

func (r *readOnly) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{Attributes: r.attributes}
}

func (r *readOnly) Read(_ context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	record("read mongodbatlas_%s", r.name)
	resp.State.Raw = req.State.Raw
}

func (r *readOnly) Create(_ context.Context, _ resource.CreateRequest, resp *resource.CreateResponse) {
	record("create mongodbatlas_%s", r.name)
	resp.Diagnostics.AddError("Stand-in Cannot Create", "The test-only mongodbatlas stand-in never changes anything.")
}

func (r *readOnly) Update(_ context.Context, _ resource.UpdateRequest, resp *resource.UpdateResponse) {
	record("update mongodbatlas_%s", r.name)
	resp.Diagnostics.AddError("Stand-in Cannot Update", "The test-only mongodbatlas stand-in never changes anything.")
}

func (r *readOnly) Delete(_ context.Context, _ resource.DeleteRequest, resp *resource.DeleteResponse) {
	record("delete mongodbatlas_%s", r.name)
	resp.Diagnostics.AddError("Stand-in Cannot Delete", "The test-only mongodbatlas stand-in never changes anything.")
}
