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

// toAPI is the role m declares, as Atlas takes it.
func (m *customRoleModel) toAPI(ctx context.Context) (client.CustomDBRole, diag.Diagnostics) {
	var d diag.Diagnostics
	role := client.CustomDBRole{RoleName: m.RoleName.ValueString(), Actions: []client.CustomDBRoleAction{}, InheritedRoles: []client.CustomDBInheritedRole{}}
	var actions []actionModel
	if !m.Actions.IsNull() && !m.Actions.IsUnknown() {
		d.Append(m.Actions.ElementsAs(ctx, &actions, false)...)
	}
	for _, a := range actions {
		var res []resourceModel
		d.Append(a.Resources.ElementsAs(ctx, &res, false)...)
		out := client.CustomDBRoleAction{Action: a.Action.ValueString(), Resources: make([]client.CustomDBRoleResource, len(res))}
		for i, r := range res {
			out.Resources[i] = client.CustomDBRoleResource{Cluster: r.Cluster.ValueBool(), DB: r.DatabaseName.ValueString(), Collection: r.CollectionName.ValueString()}
		}
		role.Actions = append(role.Actions, out)
	}
	var inherited []inheritedModel
	if !m.InheritedRoles.IsNull() && !m.InheritedRoles.IsUnknown() {
		d.Append(m.InheritedRoles.ElementsAs(ctx, &inherited, false)...)
	}
	for _, r := range inherited {
		role.InheritedRoles = append(role.InheritedRoles, client.CustomDBInheritedRole{Role: r.RoleName.ValueString(), DB: r.DatabaseName.ValueString()})
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
// configuration knows it (unknown values are "" and skipped by the
// caller): a reserved or built-in name, an action twice, a resource that is
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
		if a.Action != "" && seen[a.Action] {
			out = append(out, configProblem{"actions", "Duplicate Action", fmt.Sprintf("actions: %s appears twice. Atlas takes each action once: list all of its resources in one element.", a.Action)})
		}
		seen[a.Action] = true
		for _, r := range a.Resources {
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
		case ir.Role == "" || ir.DB == "":
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
