// Package movefrom lets atlasaccess resources take over the state of the
// official mongodb/mongodbatlas provider's resources through a Terraform
// `moved` block (resource.ResourceWithMoveState), so that a migration
// neither re-creates nor re-imports anything.
//
// Terraform calls MoveResourceState on the target provider before that
// provider is configured, so a move never sends a request to Atlas: each
// resource builds its new state from the old state alone, leaves what the
// old state lacks null, and lets the refresh of the next plan fill it.
package movefrom

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// ProviderAddress is the official provider's source address as Terraform
// sends it in a move.
const ProviderAddress = "registry.terraform.io/mongodb/mongodbatlas"

// IsOfficial reports whether a provider source address is the official
// provider's: the registry address, or the same namespace and type behind
// another host (a private registry or network mirror).
func IsOfficial(address string) bool {
	return address == ProviderAddress || strings.HasSuffix(address, "/mongodb/mongodbatlas")
}

// Move describes one accepted source: the official resource type and the
// attributes of its state that the move reads (v2.16.0 names; attributes
// the state holds beyond these are ignored), and the function that writes
// the target state from the decoded source state.
type Move struct {
	// SourceType is the official resource type, e.g. mongodbatlas_service_account.
	SourceType string
	// TargetType is the atlasaccess resource type, for messages.
	TargetType string
	// SourceAttributes are the source attributes the move reads.
	SourceAttributes map[string]schema.Attribute
	// Write sets the target state (and private state) from the source state.
	Write func(ctx context.Context, from Source, resp *resource.MoveStateResponse)
}

// StateMover turns m into the framework's resource.StateMover. It leaves the
// response empty for any other source, so that the framework tries the
// resource's other movers and reports an unsupported move when none fits.
func (m Move) StateMover() resource.StateMover {
	sourceSchema := schema.Schema{Attributes: m.SourceAttributes}
	return resource.StateMover{
		SourceSchema: &sourceSchema,
		StateMover: func(ctx context.Context, req resource.MoveStateRequest, resp *resource.MoveStateResponse) {
			if req.SourceTypeName != m.SourceType || !IsOfficial(req.SourceProviderAddress) {
				return
			}
			if req.SourceState == nil {
				resp.Diagnostics.AddError("Unable to Move "+m.SourceType,
					fmt.Sprintf("The state of %s (schema version %d) could not be read with the attributes of mongodbatlas v2.16.0, so it cannot move to %s. "+
						"Remove the moved block and adopt the object with a removed block (destroy = false) and an import block instead, "+
						"as the migration guide shows.", m.SourceType, req.SourceSchemaVersion, m.TargetType))
				return
			}
			m.Write(ctx, Source{state: req.SourceState, diags: &resp.Diagnostics}, resp)
		},
	}
}

// Source reads attributes of the decoded source state; errors collect in the
// move's diagnostics.
type Source struct {
	state *tfsdk.State
	diags *diag.Diagnostics
}

// String returns a string attribute (null when absent).
func (s Source) String(ctx context.Context, name string) types.String {
	var v types.String
	s.diags.Append(s.state.GetAttribute(ctx, path.Root(name), &v)...)
	return v
}

// Int64 returns a whole-number attribute (null when absent).
func (s Source) Int64(ctx context.Context, name string) types.Int64 {
	var v types.Int64
	s.diags.Append(s.state.GetAttribute(ctx, path.Root(name), &v)...)
	return v
}

// Set returns a set of strings attribute (null when absent).
func (s Source) Set(ctx context.Context, name string) types.Set {
	var v types.Set
	s.diags.Append(s.state.GetAttribute(ctx, path.Root(name), &v)...)
	return v
}

// Secret is one element of the secrets list of an official account.
type Secret struct {
	SecretID          types.String `tfsdk:"secret_id"`
	CreatedAt         types.String `tfsdk:"created_at"`
	ExpiresAt         types.String `tfsdk:"expires_at"`
	LastUsedAt        types.String `tfsdk:"last_used_at"`
	MaskedSecretValue types.String `tfsdk:"masked_secret_value"`
	Secret            types.String `tfsdk:"secret"`
}

// Secrets returns the secrets list attribute of an official account.
func (s Source) Secrets(ctx context.Context, name string) []Secret {
	var out []Secret
	s.diags.Append(s.state.GetAttribute(ctx, path.Root(name), &out)...)
	return out
}

// Required reports an error naming the source attribute when v is null or
// empty: the target cannot be read back without it.
func (s Source) Required(sourceType, name string, v types.String) bool {
	if !v.IsNull() && !v.IsUnknown() && v.ValueString() != "" {
		return true
	}
	s.diags.AddError("Unable to Move "+sourceType,
		fmt.Sprintf("The state of %s has no %s, which the move needs to find the object in Atlas without a request. "+
			"Remove the moved block and adopt the object with a removed block (destroy = false) and an import block instead, "+
			"as the migration guide shows.", sourceType, name))
	return false
}

// Set writes the target attributes into a target state that
// starts null (attributes not named stay null until the refresh).
func Set(ctx context.Context, resp *resource.MoveStateResponse, values map[string]attr.Value) {
	for name, v := range values {
		resp.Diagnostics.Append(resp.TargetState.SetAttribute(ctx, path.Root(name), v)...)
	}
}

// String is a source attribute schema for a string.
func String() schema.Attribute { return schema.StringAttribute{Optional: true} }

// Int64 is a source attribute schema for a whole number.
func Int64() schema.Attribute { return schema.Int64Attribute{Optional: true} }

// StringSet is a source attribute schema for a set of strings.
func StringSet() schema.Attribute {
	return schema.SetAttribute{Optional: true, ElementType: types.StringType}
}

// SecretList is the source attribute schema of an official account's
// secrets list.
func SecretList() schema.Attribute {
	attrs := map[string]schema.Attribute{}
	for _, name := range []string{"secret_id", "created_at", "expires_at", "last_used_at", "masked_secret_value", "secret"} {
		attrs[name] = schema.StringAttribute{Optional: true}
	}
	return schema.ListNestedAttribute{Optional: true, NestedObject: schema.NestedAttributeObject{Attributes: attrs}}
}
