// Command floorprovider is a do-nothing Terraform provider used by
// scripts/scale.sh to measure what Terraform, the plugin protocol and
// terraform-plugin-framework cost per resource, apart from any provider's own
// work. Its resources read nothing and call no API:
//
//   - floor_thing has an id and a name: the cost of any resource at all;
//   - floor_account has exactly the schema of
//     atlasaccess_project_service_account (its attributes, validators, plan
//     modifiers and sensitive secret), so Terraform and the framework do
//     the same work per resource as for a real account: the cost of that
//     schema before the provider does anything.
//
// It starts with the same process settings as the real provider (logging
// quieted unless asked for, the same GC target), so the comparison is of the
// work per resource, not of those settings.
//
// It imports two product packages, and only because a floor that copied them
// would drift from what it measures against: internal/pluginprocess for those
// process settings, and internal/resources/serviceaccount for the
// account schema. It uses nothing else of the provider (no client, no
// Configure). That is also why it lives under cmd/ and not in the separate
// tools/ module, which cannot import internal packages.
package main

import (
	"context"
	"log"
	"math/big"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/pluginprocess"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/serviceaccount"
)

func main() {
	pluginprocess.QuietUnrequestedLogs()
	pluginprocess.TuneGarbageCollector()
	err := providerserver.Serve(context.Background(), func() provider.Provider { return floorProvider{} },
		providerserver.ServeOpts{Address: "registry.terraform.io/atlasaccess/floor"})
	if err != nil {
		log.Fatal(err)
	}
}

type floorProvider struct{}

func (floorProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "floor"
}

func (floorProvider) Schema(context.Context, provider.SchemaRequest, *provider.SchemaResponse) {}

func (floorProvider) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {
}

func (floorProvider) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{
		func() resource.Resource { return thing{} },
		func() resource.Resource { return account{Resource: serviceaccount.NewProjectResource()} },
	}
}

func (floorProvider) DataSources(context.Context) []func() datasource.DataSource { return nil }

type thing struct{}

type thingModel struct {
	ID   types.String `tfsdk:"id"`
	Name types.String `tfsdk:"name"`
}

func (thing) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_thing"
}

func (thing) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{Attributes: map[string]schema.Attribute{
		"id":   schema.StringAttribute{Computed: true},
		"name": schema.StringAttribute{Required: true},
	}}
}

func (thing) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var m thingModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	m.ID = m.Name
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func (thing) Read(context.Context, resource.ReadRequest, *resource.ReadResponse) {}

func (thing) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var m thingModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func (thing) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}

// account borrows the service account resource's schema (the embedded
// resource.Resource interface promotes only Metadata, Schema and CRUD, which
// are all overridden but Schema): no Configure, ModifyPlan or API call.
type account struct {
	resource.Resource
}

func (account) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_account"
}

// Create stores the plan with every unknown value filled in with a value
// of the size Atlas returns (24 characters for strings, one secret in the
// list of secrets), so the state is as large as a real account's.
func (account) Create(_ context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	state, err := tftypes.Transform(req.Plan.Raw, func(_ *tftypes.AttributePath, v tftypes.Value) (tftypes.Value, error) {
		if v.IsKnown() {
			return v, nil
		}
		return sample(v.Type()), nil
	})
	if err != nil {
		resp.Diagnostics.AddError("floor_account", err.Error())
		return
	}
	resp.State.Raw = state
}

func (account) Read(context.Context, resource.ReadRequest, *resource.ReadResponse) {}

func (account) Update(_ context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	resp.State.Raw = req.Plan.Raw
}

func (account) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}

// sample returns a known value of type t.
func sample(t tftypes.Type) tftypes.Value {
	switch {
	case t.Is(tftypes.String):
		return tftypes.NewValue(t, "0123456789abcdef01234567")
	case t.Is(tftypes.Number):
		return tftypes.NewValue(t, big.NewFloat(720))
	case t.Is(tftypes.Bool):
		return tftypes.NewValue(t, false)
	case t.Is(tftypes.List{}):
		return tftypes.NewValue(t, []tftypes.Value{sample(t.(tftypes.List).ElementType)})
	case t.Is(tftypes.Set{}):
		return tftypes.NewValue(t, []tftypes.Value{sample(t.(tftypes.Set).ElementType)})
	case t.Is(tftypes.Object{}):
		attrs := map[string]tftypes.Value{}
		for name, at := range t.(tftypes.Object).AttributeTypes {
			attrs[name] = sample(at)
		}
		return tftypes.NewValue(t, attrs)
	}
	return tftypes.NewValue(t, nil)
}
