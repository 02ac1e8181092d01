package databaseuser

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/configtest"
)

// validateConfig runs the resource's ValidateConfig on m as configuration,
// and returns its errors as "summary: detail".
func validateConfig(t *testing.T, m databaseUserModel) []string {
	t.Helper()
	return configtest.ValidateErrors(t, &databaseUserResource{}, resourceSchema(), &m)
}

func roleElem(name, db string) attr.Value {
	return types.ObjectValueMust(roleAttrTypes, map[string]attr.Value{"role_name": types.StringValue(name), "database_name": types.StringValue(db), "collection_name": types.StringNull()})
}

// A role element not known yet (a conditional choosing it, while Terraform
// validates with variables unknown) is skipped, not a conversion error;
// the known elements beside it are still checked.
func TestValidateConfig_unknownRoleElements(t *testing.T) {
	t.Parallel()
	roleSet := func(elems ...attr.Value) types.Set {
		return types.SetValueMust(types.ObjectType{AttrTypes: roleAttrTypes}, elems)
	}
	unknownRole := types.ObjectUnknown(roleAttrTypes)
	unknownScope := types.SetValueMust(types.ObjectType{AttrTypes: scopeAttrTypes}, []attr.Value{types.ObjectUnknown(scopeAttrTypes)})
	for name, tc := range map[string]struct {
		roles types.Set
		want  string
	}{
		"only an unknown element":                {roles: roleSet(unknownRole)},
		"an unknown element beside a valid one":  {roles: roleSet(unknownRole, roleElem("read", "orders"))},
		"an unknown element beside a wrong one":  {roles: roleSet(unknownRole, roleElem("readAnyDatabase", "orders")), want: "Invalid Database Role: roles: readAnyDatabase is granted on the admin database only"},
		"the whole set unknown":                  {roles: types.SetUnknown(types.ObjectType{AttrTypes: roleAttrTypes})},
		"known elements, one wrong (no unknown)": {roles: roleSet(roleElem("readAnyDatabase", "orders")), want: "Invalid Database Role"},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			m := databaseUserModel{
				ID: types.StringUnknown(), ProjectID: types.StringValue("5f1e2d3c4b5a69788796a5b4"), Username: types.StringValue("app"),
				AuthDatabase: types.StringValue("admin"), Roles: tc.roles, Scopes: unknownScope, Description: types.StringNull(),
				PasswordWO: types.StringValue("correct-horse"), PasswordWOVersion: types.Int64Value(1),
				X509Type: types.StringNull(), AWSIAMType: types.StringNull(), LDAPAuthType: types.StringNull(), OIDCAuthType: types.StringNull(),
			}
			got := validateConfig(t, m)
			switch {
			case tc.want == "" && len(got) > 0:
				t.Fatalf("ValidateConfig errors %q; want none", got)
			case tc.want != "" && (len(got) != 1 || !strings.HasPrefix(got[0], tc.want)):
				t.Fatalf("ValidateConfig errors %q; want one starting %q", got, tc.want)
			}
		})
	}
}
