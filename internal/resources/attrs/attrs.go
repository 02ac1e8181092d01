// Package attrs holds the attribute shapes that several resources and data
// sources share, each defined once: role sets, the list of an account's
// secrets (schema and conversion), and whole-number hours.
package attrs

import (
	"context"
	"math/big"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

// RolesFromSet reads a set of role strings, sorted so requests are stable.
func RolesFromSet(ctx context.Context, set types.Set) ([]string, diag.Diagnostics) {
	var roles []string
	diags := set.ElementsAs(ctx, &roles, false)
	sort.Strings(roles)
	return roles, diags
}

// RolesToSet builds a set value of role strings.
func RolesToSet(roles []string) types.Set {
	elems := make([]attr.Value, len(roles))
	for i, r := range roles {
		elems[i] = types.StringValue(r)
	}
	return types.SetValueMust(types.StringType, elems)
}

// secretFields are the attributes of one secret in a `secrets` list, with
// their descriptions: the one definition behind the resource schema, the
// data source schema and the model conversion.
var secretFields = []struct{ name, description string }{
	{"id", "ID of the secret."},
	{"created_at", "When the secret was created (RFC 3339)."},
	{"expires_at", "When the secret expires (RFC 3339)."},
	{"last_used_at", "When the secret was last used; null if never."},
	{"masked_secret_value", "The secret with all but its last characters masked; null until the first refresh after the secret is created, since Atlas's answer to a create carries the plaintext instead."},
}

// SecretObjectType is the type of one element of a `secrets` list.
var SecretObjectType = func() types.ObjectType {
	t := map[string]attr.Type{}
	for _, f := range secretFields {
		t[f.name] = types.StringType
	}
	return types.ObjectType{AttrTypes: t}
}()

// SecretsToList converts an account's secrets, in Atlas's order, to a
// `secrets` list value. Plaintext is never part of it.
func SecretsToList(secrets []client.ServiceAccountSecret) types.List {
	elems := make([]attr.Value, len(secrets))
	for i, s := range secrets {
		lastUsed := types.StringNull()
		if s.LastUsedAt != nil {
			lastUsed = types.StringValue(*s.LastUsedAt)
		}
		elems[i] = types.ObjectValueMust(SecretObjectType.AttrTypes, map[string]attr.Value{
			"id":                  types.StringValue(s.ID),
			"created_at":          types.StringValue(s.CreatedAt),
			"expires_at":          types.StringValue(s.ExpiresAt),
			"last_used_at":        lastUsed,
			"masked_secret_value": maskedValue(s.MaskedSecretValue),
		})
	}
	return types.ListValueMust(SecretObjectType, elems)
}

// maskedValue is a secret's masked value, null when Atlas did not send one:
// the answer that creates a secret carries its plaintext instead, and the
// next read fills the masked value in. An empty string would be a value
// that every refresh then changed.
func maskedValue(masked string) types.String {
	if masked == "" {
		return types.StringNull()
	}
	return types.StringValue(masked)
}

// ResourceSecretAttributes are the attributes of one secret in a resource schema.
func ResourceSecretAttributes() map[string]rschema.Attribute {
	out := map[string]rschema.Attribute{}
	for _, f := range secretFields {
		out[f.name] = rschema.StringAttribute{Computed: true, MarkdownDescription: f.description}
	}
	return out
}

// DataSourceSecretAttributes are the attributes of one secret in a data source schema.
func DataSourceSecretAttributes() map[string]dschema.Attribute {
	out := map[string]dschema.Attribute{}
	for _, f := range secretFields {
		out[f.name] = dschema.StringAttribute{Computed: true, MarkdownDescription: f.description}
	}
	return out
}

// DataSourceAccountAttributes are the computed attributes of one service
// account in a data source schema, project or organization alike:
// rolesDescription says whose roles they are. A data source never shows a
// plaintext secret.
func DataSourceAccountAttributes(rolesDescription string) map[string]dschema.Attribute {
	return map[string]dschema.Attribute{
		"name":        dschema.StringAttribute{Computed: true, MarkdownDescription: "Human-readable name."},
		"description": dschema.StringAttribute{Computed: true, MarkdownDescription: "Description."},
		"roles":       dschema.SetAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: rolesDescription},
		"created_at":  dschema.StringAttribute{Computed: true, MarkdownDescription: "When the account was created (RFC 3339)."},
		"secrets": dschema.ListNestedAttribute{
			Computed:            true,
			MarkdownDescription: "Client secrets, oldest first, with masked values only: the plaintext is never available here.",
			NestedObject:        dschema.NestedAttributeObject{Attributes: DataSourceSecretAttributes()},
		},
	}
}

// HoursValue returns a validated whole number of hours (see validate.Hours).
func HoursValue(n types.Number) int {
	if n.IsNull() || n.IsUnknown() {
		return 0
	}
	v, _ := n.ValueBigFloat().Int64()
	return int(v)
}

// HoursNumber is a whole number of hours as a Number value.
func HoursNumber(hours int64) types.Number {
	return types.NumberValue(new(big.Float).SetInt64(hours))
}
