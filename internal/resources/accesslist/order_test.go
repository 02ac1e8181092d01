package accesslist_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/acctest"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

// providerProcess is one configured provider process, driven through the
// protocol as Terraform drives it: each walk of a terraform apply (plan,
// then apply) starts a process of its own.
type providerProcess struct {
	t       *testing.T
	server  tfprotov6.ProviderServer
	schemas map[string]*tfprotov6.Schema
}

func startProcess(t *testing.T, e *acctest.Env) *providerProcess {
	t.Helper()
	ctx := context.Background()
	server, err := e.ProviderFactories()[acctest.ProviderSource]()
	if err != nil {
		t.Fatal(err)
	}
	schema, err := server.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	p := &providerProcess{t: t, server: server, schemas: schema.ResourceSchemas}
	p.check("GetProviderSchema", schema.Diagnostics)
	fx := e.Sim.Fixtures()
	typ := schema.Provider.ValueType()
	config := objectOf(typ, map[string]tftypes.Value{
		"base_url": str(e.BaseURL), "client_id": str(fx.ClientID), "client_secret": str(fx.ClientSecret),
	})
	resp, err := server.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{TerraformVersion: "1.11.4", Config: dynamic(t, typ, config)})
	if err != nil {
		t.Fatal(err)
	}
	p.check("ConfigureProvider", resp.Diagnostics)
	return p
}

func (p *providerProcess) check(what string, diags []*tfprotov6.Diagnostic) {
	p.t.Helper()
	for _, d := range diags {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			p.t.Fatalf("%s: %s: %s", what, d.Summary, d.Detail)
		}
	}
}

// plan plans the creation of a resource of typeName with the configured
// attributes, as the apply walk does again right before it applies.
func (p *providerProcess) plan(typeName string, attrs map[string]tftypes.Value) (config tftypes.Value, planned *tfprotov6.PlanResourceChangeResponse) {
	p.t.Helper()
	typ := p.schemas[typeName].ValueType()
	config = objectOf(typ, attrs)
	proposed := objectOf(typ, attrs)
	proposedAttrs := map[string]tftypes.Value{}
	_ = proposed.As(&proposedAttrs)
	proposedAttrs["id"] = tftypes.NewValue(tftypes.String, tftypes.UnknownValue)
	resp, err := p.server.PlanResourceChange(context.Background(), &tfprotov6.PlanResourceChangeRequest{
		TypeName: typeName, PriorState: dynamic(p.t, typ, tftypes.NewValue(typ, nil)),
		ProposedNewState: dynamic(p.t, typ, tftypes.NewValue(typ, proposedAttrs)), Config: dynamic(p.t, typ, config),
	})
	if err != nil {
		p.t.Fatal(err)
	}
	p.check("PlanResourceChange "+typeName, resp.Diagnostics)
	return config, resp
}

// apply applies a planned creation and returns the new state.
func (p *providerProcess) apply(typeName string, config tftypes.Value, planned *tfprotov6.PlanResourceChangeResponse) tftypes.Value {
	p.t.Helper()
	typ := p.schemas[typeName].ValueType()
	resp, err := p.server.ApplyResourceChange(context.Background(), &tfprotov6.ApplyResourceChangeRequest{
		TypeName: typeName, PriorState: dynamic(p.t, typ, tftypes.NewValue(typ, nil)), PlannedState: planned.PlannedState,
		Config: dynamic(p.t, typ, config), PlannedPrivate: planned.PlannedPrivate,
	})
	if err != nil {
		p.t.Fatal(err)
	}
	p.check("ApplyResourceChange (create) "+typeName, resp.Diagnostics)
	state, err := resp.NewState.Unmarshal(typ)
	if err != nil {
		p.t.Fatal(err)
	}
	return state
}

func (p *providerProcess) create(typeName string, attrs map[string]tftypes.Value) tftypes.Value {
	p.t.Helper()
	config, planned := p.plan(typeName, attrs)
	return p.apply(typeName, config, planned)
}

// destroy applies the destruction of a resource whose state is state.
func (p *providerProcess) destroy(typeName string, state tftypes.Value) {
	p.t.Helper()
	typ := p.schemas[typeName].ValueType()
	null := dynamic(p.t, typ, tftypes.NewValue(typ, nil))
	resp, err := p.server.ApplyResourceChange(context.Background(), &tfprotov6.ApplyResourceChangeRequest{
		TypeName: typeName, PriorState: dynamic(p.t, typ, state), PlannedState: null, Config: null,
	})
	if err != nil {
		p.t.Fatal(err)
	}
	p.check("ApplyResourceChange (destroy) "+typeName, resp.Diagnostics)
}

// objectOf is an object of typ with the given attributes, every other one null.
func objectOf(typ tftypes.Type, attrs map[string]tftypes.Value) tftypes.Value {
	obj := typ.(tftypes.Object)
	all := make(map[string]tftypes.Value, len(obj.AttributeTypes))
	for name, at := range obj.AttributeTypes {
		if v, ok := attrs[name]; ok {
			all[name] = v
		} else {
			all[name] = tftypes.NewValue(at, nil)
		}
	}
	return tftypes.NewValue(obj, all)
}

func dynamic(t *testing.T, typ tftypes.Type, v tftypes.Value) *tfprotov6.DynamicValue {
	t.Helper()
	dv, err := tfprotov6.NewDynamicValue(typ, v)
	if err != nil {
		t.Fatal(err)
	}
	return &dv
}

func str(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }

func stringSet(values ...string) tftypes.Value {
	elems := make([]tftypes.Value, len(values))
	for i, v := range values {
		elems[i] = str(v)
	}
	return tftypes.NewValue(tftypes.Set{ElementType: tftypes.String}, elems)
}

// A configuration moves an account's list from the project resource to the
// organization resource without a moved block: in the apply, the old
// resource's destroy and the new one's create run in whichever order
// Terraform picks, in one provider process. In every order the list ends
// fenced with exactly what the new resource declares, and a refresh
// afterwards reads what its state says.
func TestAccessList_moveWithoutMovedBlockEndsFencedInEitherOrder(t *testing.T) {
	t.Parallel()
	type step func(p *providerProcess, create func(*providerProcess) tftypes.Value, destroy func(*providerProcess))
	orders := map[string]step{
		"create, then destroy": func(p *providerProcess, create func(*providerProcess) tftypes.Value, destroy func(*providerProcess)) {
			create(p)
			destroy(p)
		},
		"destroy, then create": func(p *providerProcess, create func(*providerProcess) tftypes.Value, destroy func(*providerProcess)) {
			destroy(p)
			create(p)
		},
	}
	lists := map[string]struct{ old, new []string }{
		"same entries":  {[]string{"10.0.0.0/8", "192.0.2.10"}, []string{"10.0.0.0/8", "192.0.2.10"}},
		"other entries": {[]string{"10.0.0.0/8", "192.0.2.10"}, []string{"192.0.2.10/32", "198.51.100.0/24"}},
	}
	for orderName, order := range orders {
		for listName, list := range lists {
			t.Run(orderName+", "+listName, func(t *testing.T) {
				t.Parallel()
				e := acctest.New(t)
				e.RequireSim(t)
				a := createProjectAccount(t, e, "moving")
				// An earlier apply made the project resource.
				oldState := startProcess(t, e).create(projectType, map[string]tftypes.Value{
					"project_id": str(e.ProjectID), "client_id": str(a.ClientID), "cidr_blocks": stringSet(list.old...),
				})
				orgAttrs := map[string]tftypes.Value{
					"org_id": str(e.OrgID), "client_id": str(a.ClientID), "cidr_blocks": stringSet(list.new...),
				}
				var newState tftypes.Value
				order(startProcess(t, e),
					func(p *providerProcess) tftypes.Value { newState = p.create(orgType, orgAttrs); return newState },
					func(p *providerProcess) { p.destroy(projectType, oldState) })
				want := make([]string, len(list.new))
				for i, b := range list.new {
					want[i] = canonical(t, b)
				}
				if err := expectAtlas(e, client.OrgOwner(e.OrgID), a.ClientID, want...); err != nil {
					t.Fatal(err)
				}
				if err := refreshedBlocks(t, startProcess(t, e), orgType, newState, list.new); err != nil {
					t.Fatal(err)
				}
			})
		}
	}
}

// canonical is Atlas's spelling of a configured block.
func canonical(t *testing.T, block string) string {
	t.Helper()
	if !strings.Contains(block, "/") {
		return block + "/32"
	}
	return block
}

// refreshedBlocks reads the resource in a new process and checks that its
// cidr_blocks are still want: the next plan has nothing to change.
func refreshedBlocks(t *testing.T, p *providerProcess, typeName string, state tftypes.Value, want []string) error {
	t.Helper()
	typ := p.schemas[typeName].ValueType()
	resp, err := p.server.ReadResource(context.Background(), &tfprotov6.ReadResourceRequest{TypeName: typeName, CurrentState: dynamic(t, typ, state)})
	if err != nil {
		return err
	}
	p.check("ReadResource", resp.Diagnostics)
	read, err := resp.NewState.Unmarshal(typ)
	if err != nil {
		return err
	}
	if !read.Equal(state) {
		return fmt.Errorf("a refresh read %v, state holds %v: the next plan would not be empty", read, state)
	}
	var attrs map[string]tftypes.Value
	if err := read.As(&attrs); err != nil {
		return err
	}
	if !attrs["cidr_blocks"].Equal(stringSet(want...)) {
		return fmt.Errorf("refreshed cidr_blocks %v, want %q", attrs["cidr_blocks"], want)
	}
	return nil
}
