package provider_test

import (
	"context"
	"encoding/json"
	"math/big"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/provider"
)

// TestMoveFromMongodbatlas calls MoveResourceState on an unconfigured
// provider, as Terraform does for a moved block: with no client there is no
// way to send a request, so a move that succeeds proves it needs none. Each
// case gives an official resource's state (v2.16.0 attribute names) and
// what the atlasaccess state must then hold.
func TestMoveFromMongodbatlas(t *testing.T) {
	t.Parallel()
	const (
		p   = "5f1e2d3c4b5a69788796a5b4"
		o   = "6a0b1c2d3e4f5a6b7c8d9e0f"
		cid = "mdb_sa_id_0123456789abcdef01234567"
		sid = "7b1c2d3e4f5a6b7c8d9e0f1a"
	)
	cases := map[string]struct {
		sourceType, sourceProvider, targetType string
		source                                 map[string]any
		want                                   map[string]any
		wantError                              string
	}{
		"project account keeps the first plaintext": {
			sourceType: "mongodbatlas_project_service_account", targetType: "atlasaccess_project_service_account",
			source: map[string]any{"project_id": p, "client_id": cid, "name": "ci", "description": "CI", "roles": []string{"GROUP_READ_ONLY"},
				"secret_expires_after_hours": 720, "created_at": "2026-01-01T00:00:00Z",
				"secrets": []any{map[string]any{"secret_id": sid, "secret": "mdb_sa_sk_plain", "created_at": "2026-01-01T00:00:00Z"}}},
			want: map[string]any{"id": p + "/" + cid, "project_id": p, "client_id": cid, "name": "ci", "secret_expires_after_hours": float64(720),
				"secret": "mdb_sa_sk_plain", "keep_in_organization": nil, "secrets": nil},
		},
		"organization account without secrets": {
			sourceType: "mongodbatlas_service_account", targetType: "atlasaccess_service_account",
			source: map[string]any{"org_id": o, "client_id": cid, "name": "org", "description": "Org", "roles": []string{"ORG_READ_ONLY"}},
			want:   map[string]any{"id": o + "/" + cid, "org_id": o, "secret": nil, "secret_expires_after_hours": nil},
		},
		"assignment": {
			sourceType: "mongodbatlas_service_account_project_assignment", targetType: "atlasaccess_project_service_account_assignment",
			source: map[string]any{"project_id": p, "client_id": cid, "roles": []string{"GROUP_OWNER"}},
			want:   map[string]any{"id": p + "/" + cid, "roles": []any{"GROUP_OWNER"}, "name": nil},
		},
		"project secret renames its lifetime": {
			sourceType: "mongodbatlas_project_service_account_secret", targetType: "atlasaccess_project_service_account_secret",
			source: map[string]any{"project_id": p, "client_id": cid, "secret_id": sid, "secret": "mdb_sa_sk_x", "secret_expires_after_hours": 48},
			want:   map[string]any{"id": p + "/" + cid + "/" + sid, "expires_after_hours": float64(48), "secret": "mdb_sa_sk_x", "rotate_before_hours": nil},
		},
		"organization secret": {
			sourceType: "mongodbatlas_service_account_secret", targetType: "atlasaccess_service_account_secret",
			source: map[string]any{"org_id": o, "client_id": cid, "secret_id": sid},
			want:   map[string]any{"id": o + "/" + cid + "/" + sid, "expires_after_hours": nil},
		},
		"project user, status renamed, profile dropped": {
			sourceType: "mongodbatlas_cloud_user_project_assignment", targetType: "atlasaccess_project_user_invite",
			source: map[string]any{"project_id": p, "username": "ann@example.com", "user_id": sid, "roles": []string{"GROUP_READ_ONLY"},
				"org_membership_status": "ACTIVE", "first_name": "Ann", "country": "NL"},
			want: map[string]any{"id": p + "/ann@example.com", "user_id": sid, "status": "ACTIVE"},
		},
		"project user without user_id": {
			sourceType: "mongodbatlas_cloud_user_project_assignment", targetType: "atlasaccess_project_user_invite",
			source:    map[string]any{"project_id": p, "username": "ann@example.com", "roles": []string{"GROUP_READ_ONLY"}},
			wantError: "has no user_id",
		},
		"another provider's resource of the same name": {
			sourceType: "mongodbatlas_service_account_project_assignment", sourceProvider: "registry.terraform.io/example/mongodbatlas",
			targetType: "atlasaccess_project_service_account_assignment",
			source:     map[string]any{"project_id": p, "client_id": cid, "roles": []string{"GROUP_OWNER"}},
			wantError:  "Unable to Move Resource State",
		},
		"a type that does not match": {
			sourceType: "mongodbatlas_project_service_account", targetType: "atlasaccess_project_service_account_assignment",
			source:    map[string]any{"project_id": p, "client_id": cid},
			wantError: "Unable to Move Resource State",
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			server, err := providerserver.NewProtocol6WithError(provider.New("test")())()
			if err != nil {
				t.Fatal(err)
			}
			raw, err := json.Marshal(tc.source)
			if err != nil {
				t.Fatal(err)
			}
			address := tc.sourceProvider
			if address == "" {
				address = "registry.terraform.io/mongodb/mongodbatlas"
			}
			resp, err := server.MoveResourceState(context.Background(), &tfprotov6.MoveResourceStateRequest{
				SourceProviderAddress: address, SourceTypeName: tc.sourceType, SourceSchemaVersion: 0,
				SourceState: &tfprotov6.RawState{JSON: raw}, TargetTypeName: tc.targetType,
			})
			if err != nil {
				t.Fatal(err)
			}
			var messages []string
			for _, d := range resp.Diagnostics {
				messages = append(messages, d.Summary+": "+d.Detail)
			}
			all := strings.Join(messages, "\n")
			if tc.wantError != "" {
				if !strings.Contains(all, tc.wantError) {
					t.Fatalf("diagnostics %q, want one containing %q", all, tc.wantError)
				}
				return
			}
			if len(resp.Diagnostics) > 0 {
				t.Fatalf("unexpected diagnostics:\n%s", all)
			}
			got := targetState(t, server, tc.targetType, resp.TargetState)
			for attribute, want := range tc.want {
				if g, _ := json.Marshal(got[attribute]); string(g) != mustJSON(t, want) {
					t.Errorf("%s = %s, want %s", attribute, g, mustJSON(t, want))
				}
			}
		})
	}
}

// targetState decodes the moved state with the target resource's schema.
func targetState(t *testing.T, server tfprotov6.ProviderServer, typeName string, state *tfprotov6.DynamicValue) map[string]any {
	t.Helper()
	schemas, err := server.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	value, err := state.Unmarshal(schemas.ResourceSchemas[typeName].ValueType())
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]any{}
	var attributes map[string]tftypes.Value
	if err := value.As(&attributes); err != nil {
		t.Fatal(err)
	}
	for name, v := range attributes {
		out[name] = plain(t, v)
	}
	return out
}

// plain turns a tftypes value into strings, numbers (float64), lists and nil.
func plain(t *testing.T, v tftypes.Value) any {
	t.Helper()
	if v.IsNull() {
		return nil
	}
	switch {
	case v.Type().Is(tftypes.String):
		var s string
		_ = v.As(&s)
		return s
	case v.Type().Is(tftypes.Number):
		n := new(big.Float)
		_ = v.As(&n)
		f, _ := n.Float64()
		return f
	case v.Type().Is(tftypes.Set{}) || v.Type().Is(tftypes.List{}):
		var elems []tftypes.Value
		_ = v.As(&elems)
		out := []any{}
		for _, e := range elems {
			out = append(out, plain(t, e))
		}
		return out
	}
	return v.String()
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
