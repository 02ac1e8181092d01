package customdbrole

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/configtest"
)

var (
	actionType    = types.ObjectType{AttrTypes: actionAttrTypes}
	resourceType  = types.ObjectType{AttrTypes: resourceAttrTypes}
	inheritedType = types.ObjectType{AttrTypes: inheritedAttrTypes}
)

func resourcesOf(elems ...attr.Value) types.Set { return types.SetValueMust(resourceType, elems) }

func dbResource(db, coll types.String) attr.Value {
	return types.ObjectValueMust(resourceAttrTypes, map[string]attr.Value{"database_name": db, "collection_name": coll, "cluster": types.BoolNull()})
}

func action(name string, resources types.Set) attr.Value {
	return types.ObjectValueMust(actionAttrTypes, map[string]attr.Value{"action": types.StringValue(name), "resources": resources})
}

func inherited(role, db string) attr.Value {
	return types.ObjectValueMust(inheritedAttrTypes, map[string]attr.Value{"role_name": types.StringValue(role), "database_name": types.StringValue(db)})
}

// Elements and values not known yet (a conditional choosing a whole
// element, or a variable, while Terraform validates with variables
// unknown) are skipped, not a conversion error nor a false refusal; the
// known elements beside them are still checked.
func TestValidateConfig_unknownElements(t *testing.T) {
	t.Parallel()
	orders := dbResource(types.StringValue("orders"), types.StringNull())
	for name, tc := range map[string]struct {
		actions, inherited []attr.Value
		want               string
	}{
		"an unknown action":                      {actions: []attr.Value{types.ObjectUnknown(actionAttrTypes)}},
		"an unknown action beside a duplicate":   {actions: []attr.Value{types.ObjectUnknown(actionAttrTypes), action("FIND", resourcesOf(orders)), action("FIND", resourcesOf(dbResource(types.StringValue("x"), types.StringNull())))}, want: "Duplicate Action"},
		"an unknown resource of an action":       {actions: []attr.Value{action("FIND", resourcesOf(types.ObjectUnknown(resourceAttrTypes)))}},
		"the resources of an action unknown":     {actions: []attr.Value{action("FIND", types.SetUnknown(resourceType))}},
		"an unknown database with a collection":  {actions: []attr.Value{action("FIND", resourcesOf(dbResource(types.StringUnknown(), types.StringValue("c"))))}},
		"no database with a collection":          {actions: []attr.Value{action("FIND", resourcesOf(dbResource(types.StringNull(), types.StringValue("c"))))}, want: "Invalid Action Resource"},
		"an unknown inherited role":              {inherited: []attr.Value{types.ObjectUnknown(inheritedAttrTypes)}},
		"an unknown inherited role beside a bad": {inherited: []attr.Value{types.ObjectUnknown(inheritedAttrTypes), inherited("readAnyDatabase", "orders")}, want: "Invalid Inherited Role"},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			m := customRoleModel{ID: types.StringUnknown(), ProjectID: types.StringValue("5f1e2d3c4b5a69788796a5b4"), RoleName: types.StringValue("r"),
				Actions: types.SetValueMust(actionType, tc.actions), InheritedRoles: types.SetValueMust(inheritedType, tc.inherited)}
			got := configtest.ValidateErrors(t, &customRoleResource{}, resourceSchema(), &m)
			switch {
			case tc.want == "" && len(got) > 0:
				t.Fatalf("ValidateConfig errors %q; want none", got)
			case tc.want != "" && (len(got) != 1 || !strings.HasPrefix(got[0], tc.want)):
				t.Fatalf("ValidateConfig errors %q; want one starting %q", got, tc.want)
			}
		})
	}
}
