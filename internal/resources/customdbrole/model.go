package customdbrole

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/attrs"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/validate"
)

// customRoleModel is the state of atlasaccess_custom_db_role.
type customRoleModel struct {
	ID             types.String `tfsdk:"id"`
	ProjectID      types.String `tfsdk:"project_id"`
	RoleName       types.String `tfsdk:"role_name"`
	Actions        types.Set    `tfsdk:"actions"`
	InheritedRoles types.Set    `tfsdk:"inherited_roles"`
}

type actionModel struct {
	Action    types.String `tfsdk:"action"`
	Resources types.Set    `tfsdk:"resources"`
}

type resourceModel struct {
	DatabaseName   types.String `tfsdk:"database_name"`
	CollectionName types.String `tfsdk:"collection_name"`
	Cluster        types.Bool   `tfsdk:"cluster"`
}

type inheritedModel struct {
	RoleName     types.String `tfsdk:"role_name"`
	DatabaseName types.String `tfsdk:"database_name"`
}

func resourceID(projectID, roleName string) string { return projectID + "/" + roleName }

func nullable(s string) types.String {
	if s == "" {
		return types.StringNull()
	}
	return types.StringValue(s)
}

// actionsToSet is actions as the actions attribute holds them. Atlas
// ignores a cluster resource's database and collection, and so does state.
func actionsToSet(actions []client.CustomDBRoleAction) types.Set {
	elems := make([]attr.Value, 0, len(actions))
	for _, a := range actions {
		res := make([]attr.Value, 0, len(a.Resources))
		for _, r := range a.Resources {
			v := map[string]attr.Value{"database_name": nullable(r.DB), "collection_name": nullable(r.Collection), "cluster": types.BoolNull()}
			if r.Cluster {
				v = map[string]attr.Value{"database_name": types.StringNull(), "collection_name": types.StringNull(), "cluster": types.BoolValue(true)}
			}
			obj := types.ObjectValueMust(resourceAttrTypes, v)
			if !slices.ContainsFunc(res, obj.Equal) {
				res = append(res, obj)
			}
		}
		elems = append(elems, types.ObjectValueMust(actionAttrTypes, map[string]attr.Value{
			"action":    types.StringValue(a.Action),
			"resources": types.SetValueMust(types.ObjectType{AttrTypes: resourceAttrTypes}, res),
		}))
	}
	return types.SetValueMust(types.ObjectType{AttrTypes: actionAttrTypes}, elems)
}

func inheritedToSet(roles []client.CustomDBInheritedRole) types.Set {
	elems := make([]attr.Value, len(roles))
	for i, r := range roles {
		elems[i] = types.ObjectValueMust(inheritedAttrTypes, map[string]attr.Value{"role_name": types.StringValue(r.Role), "database_name": types.StringValue(r.DB)})
	}
	return types.SetValueMust(types.ObjectType{AttrTypes: inheritedAttrTypes}, elems)
}

// toAPI is the role m declares, as Atlas takes it, from a plan that knows
// every value (Create, Update).
func (m *customRoleModel) toAPI(ctx context.Context) (client.CustomDBRole, diag.Diagnostics) {
	return m.declared(ctx, "")
}

// unknownValue stands for a value of the configuration that is not known
// yet, in the role ValidateConfig checks (checkRole skips it).
const unknownValue = "?"

// declared is the role m declares, with each unknown string as unknown. An
// element not known yet (a conditional choosing it, on a variable Terraform
// has not evaluated while it validates) is left out, and so are the
// resources of an action while they are unknown: checkRole sees them once
// they are known.
func (m *customRoleModel) declared(ctx context.Context, unknown string) (client.CustomDBRole, diag.Diagnostics) {
	str := func(v types.String) string {
		if v.IsUnknown() {
			return unknown
		}
		return v.ValueString()
	}
	role := client.CustomDBRole{RoleName: str(m.RoleName), Actions: []client.CustomDBRoleAction{}, InheritedRoles: []client.CustomDBInheritedRole{}}
	actions, _, d := attrs.KnownObjects[actionModel](ctx, m.Actions)
	for _, a := range actions {
		res, _, rd := attrs.KnownObjects[resourceModel](ctx, a.Resources)
		d.Append(rd...)
		out := client.CustomDBRoleAction{Action: str(a.Action), Resources: make([]client.CustomDBRoleResource, len(res))}
		for i, r := range res {
			out.Resources[i] = client.CustomDBRoleResource{Cluster: r.Cluster.ValueBool(), DB: str(r.DatabaseName), Collection: str(r.CollectionName)}
		}
		role.Actions = append(role.Actions, out)
	}
	inherited, _, id := attrs.KnownObjects[inheritedModel](ctx, m.InheritedRoles)
	d.Append(id...)
	for _, r := range inherited {
		role.InheritedRoles = append(role.InheritedRoles, client.CustomDBInheritedRole{Role: str(r.RoleName), DB: str(r.DatabaseName)})
	}
	return role, d
}

// setFromAPI copies what Atlas reports for the role into m.
func (m *customRoleModel) setFromAPI(projectID string, r *client.CustomDBRole) {
	m.ProjectID = types.StringValue(projectID)
	m.RoleName = types.StringValue(r.RoleName)
	m.ID = types.StringValue(resourceID(projectID, r.RoleName))
	m.Actions = actionsToSet(r.Actions)
	m.InheritedRoles = inheritedToSet(r.InheritedRoles)
}

// importIDForm names the accepted import ID form, for error messages.
const importIDForm = "project_id/role_name (for example 5f1e2d3c4b5a69788796a5b4/orders-writer)"

// parseImportID parses "project_id/role_name".
func parseImportID(id string) (projectID, roleName string, err error) {
	parts, err := validate.ParseImportID(id, "project_id", "role_name")
	switch {
	case err != nil:
		return "", "", fmt.Errorf("expected %s, got %q", importIDForm, id)
	case !validate.IsObjectID(parts[0]):
		return "", "", fmt.Errorf("project_id %q must be 24 lowercase hexadecimal digits; expected %s", parts[0], importIDForm)
	case !roleNameRegexp.MatchString(parts[1]):
		return "", "", fmt.Errorf("role_name %q must contain only letters, digits, hyphens and underscores; expected %s", parts[1], importIDForm)
	}
	return parts[0], parts[1], nil
}

// configProblem is a plan-time error on one attribute.
type configProblem struct {
	Attr, Summary, Detail string
}

// checkRole returns what Atlas would refuse in role, as far as the
// configuration knows it (an unknown value is unknownValue, and skipped): a reserved or built-in name, an action twice, a resource that is
// neither a namespace nor the cluster, no privileges at all, inherited
// roles on a database they do not exist for, and the role inheriting
// itself.
func checkRole(role client.CustomDBRole, nameKnown bool) []configProblem {
	var out []configProblem
	name := role.RoleName
	if nameKnown {
		switch {
		case strings.HasPrefix(strings.ToLower(name), "xgen-"):
			out = append(out, configProblem{"role_name", "Reserved Role Name", fmt.Sprintf("role_name %q: names starting with xgen- are reserved by Atlas; choose another name.", name)})
		case isBuiltin(name):
			out = append(out, configProblem{"role_name", "Reserved Role Name", fmt.Sprintf("role_name %q is the name of a built-in role; choose another name.", name)})
		}
	}
	seen := map[string]bool{}
	for _, a := range role.Actions {
		if a.Action != "" && a.Action != unknownValue && seen[a.Action] {
			out = append(out, configProblem{"actions", "Duplicate Action", fmt.Sprintf("actions: %s appears twice. Atlas takes each action once: list all of its resources in one element.", a.Action)})
		}
		seen[a.Action] = true
		for _, r := range a.Resources {
			if r.DB == unknownValue || r.Collection == unknownValue {
				continue
			}
			switch {
			case r.Cluster && (r.DB != "" || r.Collection != ""):
				out = append(out, configProblem{"actions", "Invalid Action Resource", fmt.Sprintf("actions: a resource of %s sets cluster = true and a database or collection: a resource is either the cluster or a namespace.", a.Action)})
			case !r.Cluster && r.DB == "" && r.Collection != "":
				out = append(out, configProblem{"actions", "Invalid Action Resource", fmt.Sprintf("actions: a resource of %s names collection %q without database_name: set the collection's database_name.", a.Action, r.Collection)})
			}
		}
	}
	for _, ir := range role.InheritedRoles {
		switch {
		case ir.Role == "" || ir.DB == "" || ir.Role == unknownValue || ir.DB == unknownValue:
		case nameKnown && ir.Role == name:
			out = append(out, configProblem{"inherited_roles", "Role Inherits Itself", fmt.Sprintf("inherited_roles: role %s cannot inherit itself.", name)})
		case slices.Contains(adminOnlyRoles, ir.Role) && ir.DB != client.AuthDatabaseAdmin:
			out = append(out, configProblem{"inherited_roles", "Invalid Inherited Role", fmt.Sprintf("inherited_roles: %s exists on the admin database only, not on %q: set database_name = \"admin\".", ir.Role, ir.DB)})
		case !isBuiltin(ir.Role) && ir.DB != client.AuthDatabaseAdmin:
			out = append(out, configProblem{"inherited_roles", "Invalid Inherited Role", fmt.Sprintf("inherited_roles: %s is not a built-in role, so it is a custom role, which exists on the admin database only, not on %q: set database_name = \"admin\".", ir.Role, ir.DB)})
		}
	}
	return out
}

func isBuiltin(name string) bool {
	return slices.ContainsFunc(slices.Concat(adminOnlyRoles, anyDatabaseRoles), func(b string) bool { return strings.EqualFold(b, name) })
}
