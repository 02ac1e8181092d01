package customdbrole

import (
	"context"
	"strings"
	"testing"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/safeops"
)

func TestParseImportID(t *testing.T) {
	t.Parallel()
	const p = "5f1e2d3c4b5a69788796a5b4"
	for id, ok := range map[string]bool{
		p + "/orders-writer": true, p + "/a_b": true, p: false, p + "/": false, p + "/a/b": false, p + "/a.b": false, "xyz/a": false,
	} {
		t.Run(id, func(t *testing.T) {
			t.Parallel()
			_, _, err := parseImportID(id)
			if (err == nil) != ok || (err != nil && !strings.Contains(err.Error(), "project_id/role_name")) {
				t.Fatalf("parseImportID(%q) = %v; want ok %v, errors naming the form", id, err, ok)
			}
		})
	}
}

func TestCheckRole(t *testing.T) {
	t.Parallel()
	find := func(rs ...client.CustomDBRoleResource) client.CustomDBRoleAction {
		return client.CustomDBRoleAction{Action: "FIND", Resources: rs}
	}
	for name, tc := range map[string]struct {
		role  client.CustomDBRole
		attrs string
	}{
		"valid":                     {client.CustomDBRole{RoleName: "r", Actions: []client.CustomDBRoleAction{find(client.CustomDBRoleResource{DB: "d"})}}, ""},
		"XGEN- prefix":              {client.CustomDBRole{RoleName: "XGEN-r"}, "role_name"},
		"built-in name in any case": {client.CustomDBRole{RoleName: "ReadWrite"}, "role_name"},
		"action twice":              {client.CustomDBRole{RoleName: "r", Actions: []client.CustomDBRoleAction{find(client.CustomDBRoleResource{DB: "a"}), find(client.CustomDBRoleResource{DB: "b"})}}, "actions"},
		"collection without db":     {client.CustomDBRole{RoleName: "r", Actions: []client.CustomDBRoleAction{find(client.CustomDBRoleResource{Collection: "c"})}}, "actions"},
		"read on any database":      {client.CustomDBRole{RoleName: "r", InheritedRoles: []client.CustomDBInheritedRole{{Role: "read", DB: "orders"}}}, ""},
		"custom role on orders":     {client.CustomDBRole{RoleName: "r", InheritedRoles: []client.CustomDBInheritedRole{{Role: "other", DB: "orders"}}}, "inherited_roles"},
		"itself":                    {client.CustomDBRole{RoleName: "r", InheritedRoles: []client.CustomDBInheritedRole{{Role: "r", DB: "admin"}}}, "inherited_roles"},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var got []string
			for _, p := range checkRole(tc.role, true) {
				got = append(got, p.Attr)
			}
			if strings.Join(got, ",") != tc.attrs {
				t.Fatalf("checkRole errors on %v, want %q", got, tc.attrs)
			}
		})
	}
}

// State holds what the configuration wrote: a cluster resource without the
// database Atlas ignores, a database resource without a collection as null.
func TestActionsRoundTrip(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	in := []client.CustomDBRoleAction{
		{Action: "LIST_DATABASES", Resources: []client.CustomDBRoleResource{{Cluster: true, DB: "ignored"}}},
		{Action: "FIND", Resources: []client.CustomDBRoleResource{{DB: "orders"}, {DB: "orders", Collection: "c"}}},
	}
	m := customRoleModel{Actions: actionsToSet(in), InheritedRoles: inheritedToSet(nil)}
	got, d := m.toAPI(ctx)
	if d.HasError() {
		t.Fatal(d)
	}
	want := client.CustomDBRole{Actions: []client.CustomDBRoleAction{
		{Action: "LIST_DATABASES", Resources: []client.CustomDBRoleResource{{Cluster: true}}}, in[1]}}
	if !safeops.CustomDBRoleMatches(got, want) || got.Actions[0].Resources[0].DB != "" && got.Actions[0].Resources[0].Cluster {
		t.Fatalf("round trip gave %+v, want %+v", got, want)
	}
}
