package customdbrole

import (
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/boolvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/attrs"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/owner"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/validate"
)

// PrivilegeActions are the privilege actions of the API's
// DatabasePrivilegeAction.action enum.
var PrivilegeActions = strings.Fields(`FIND INSERT REMOVE UPDATE BYPASS_DOCUMENT_VALIDATION USE_UUID KILL_OP
	BYPASS_DEFAULT_MAX_TIME_MS CREATE_COLLECTION CREATE_INDEX DROP_COLLECTION ENABLE_PROFILER KILL_ANY_CURSOR
	ANALYZE CHANGE_STREAM COLL_MOD COMPACT CONVERT_TO_CAPPED DROP_DATABASE DROP_INDEX RE_INDEX
	RENAME_COLLECTION_SAME_DB SET_USER_WRITE_BLOCK BYPASS_USER_WRITE_BLOCK LIST_SESSIONS KILL_ANY_SESSION
	COLL_STATS CONN_POOL_STATS DB_HASH DB_STATS GET_CMD_LINE_OPTS GET_LOG GET_PARAMETER GET_SHARD_MAP HOST_INFO
	IN_PROG LIST_DATABASES LIST_COLLECTIONS LIST_INDEXES LIST_SHARDS NET_STAT REPL_SET_GET_CONFIG
	REPL_SET_GET_STATUS SERVER_STATUS VALIDATE SHARDING_STATE TOP SQL_GET_SCHEMA SQL_SET_SCHEMA
	VIEW_ALL_HISTORY OUT_TO_S3 OUT_TO_AZURE OUT_TO_GCS STORAGE_GET_CONFIG STORAGE_SET_CONFIG
	FLUSH_ROUTER_CONFIG ENABLE_SHARDING CHECK_METADATA_CONSISTENCY MOVE_CHUNK SPLIT_CHUNK ANALYZE_SHARD_KEY
	REFINE_COLLECTION_SHARD_KEY CLEAR_JUMBO_FLAG RESHARD_COLLECTION SHARDED_DATA_DISTRIBUTION
	GET_STREAM_PROCESSOR CREATE_STREAM_PROCESSOR PROCESS_STREAM_PROCESSOR MODIFY_STREAM_PROCESSOR
	START_STREAM_PROCESSOR STOP_STREAM_PROCESSOR DROP_STREAM_PROCESSOR SAMPLE_STREAM_PROCESSOR
	LIST_STREAM_PROCESSORS LIST_CONNECTIONS STREAM_PROCESSOR_STATS CREATE_SEARCH_INDEX DROP_SEARCH_INDEX
	LIST_SEARCH_INDEXES UPDATE_SEARCH_INDEX`)

// Built-in database roles: those granted on admin only, and those on any
// database. A custom role may not take a built-in role's name.
var (
	adminOnlyRoles   = []string{"atlasAdmin", "backup", "clusterMonitor", "dbAdminAnyDatabase", "enableSharding", "readAnyDatabase", "readWriteAnyDatabase"}
	anyDatabaseRoles = []string{"read", "readWrite", "dbAdmin"}
)

// roleNamePattern is the form Atlas accepts for a custom role's name.
const roleNamePattern = `^[A-Za-z0-9][A-Za-z0-9_-]*$`

var roleNameRegexp = regexp.MustCompile(roleNamePattern)

var (
	resourceAttrTypes  = map[string]attr.Type{"database_name": types.StringType, "collection_name": types.StringType, "cluster": types.BoolType}
	actionAttrTypes    = map[string]attr.Type{"action": types.StringType, "resources": types.SetType{ElemType: types.ObjectType{AttrTypes: resourceAttrTypes}}}
	inheritedAttrTypes = map[string]attr.Type{"role_name": types.StringType, "database_name": types.StringType}
)

// The attributes of each element of actions, of an action's resources and
// of inherited_roles that Atlas needs are required, but declared Optional
// and checked by validate.RequiredInElement, so that a conditional choosing
// a whole element validates (see RequiredInElement).
var (
	actionRequired    = validate.RequiredInElement(`{ action = "FIND", resources = [{ database_name = "orders" }] }`)
	inheritedRequired = validate.RequiredInElement(`{ role_name = "read", database_name = "orders" }`)
)

// requiredInElement opens the description of an attribute that each
// element must set: the documentation lists it as optional.
const requiredInElement = "Required in each element. "

func quoted(values []string) string {
	q := make([]string, len(values))
	for i, v := range values {
		q[i] = "`" + v + "`"
	}
	return strings.Join(q, ", ")
}

func resourceSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "A custom database role of an Atlas project: privilege actions on databases, collections or the cluster, and roles it inherits. " +
			"Grant it to database users with `atlasaccess_database_user`'s `roles` (on the `admin` database).\n\n" +
			"It is built on the Atlas Administration API `/groups/{groupId}/customDBRoles/roles` (version 2023-01-01). Actions and inherited roles are sets: " +
			"the order in which Atlas answers them never shows as a change. A role with only inherited roles is valid.\n\n" +
			"**Existing roles.** A role of the same name that already exists is never taken over: the apply fails with the `terraform import` command that adopts it.\n\n" +
			"**Destroy.** Atlas refuses to delete a role that a database user holds as its only role; a user that holds other roles too simply loses this one. " +
			"Users that refer to the role (`role_name = atlasaccess_custom_db_role.<name>.role_name`) are destroyed before it when both are; " +
			"users that name it by a string have no order against it: refer to it. " +
			"When the role is removed from the configuration while the same apply takes it off its users, Terraform destroys the role before it updates the users, " +
			"and Atlas refuses on every apply. Either set `lifecycle { create_before_destroy = true }` on the role and apply that before removing it " +
			"(Terraform then updates the users first), or use two applies: take the role off the users, apply, then remove the role and apply.",
		Attributes: map[string]schema.Attribute{
			"id":         attrs.ResourceID("Identifier of the resource: `project_id/role_name`, also the import ID."),
			"project_id": owner.Project.ReplacingAttribute("ID of the Atlas project (24 hexadecimal digits). Changing it replaces the role."),
			"role_name": schema.StringAttribute{
				MarkdownDescription: "Name of the role: letters, digits, hyphens and underscores, starting with a letter or digit, not starting with `xgen-` " +
					"and not the name of a built-in role. Changing it replaces the role.",
				Required: true,
				Validators: []validator.String{
					stringvalidator.RegexMatches(roleNameRegexp, "must contain only letters, digits, hyphens and underscores, starting with a letter or digit (pattern "+roleNamePattern+")"),
					stringvalidator.UTF8LengthAtMost(64),
				},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"actions": schema.SetNestedAttribute{
				MarkdownDescription: "Privilege actions of the role, each at most once, with the resources it applies to. Updated in place.",
				Optional:            true,
				Computed:            true,
				Default:             setdefault.StaticValue(types.SetValueMust(types.ObjectType{AttrTypes: actionAttrTypes}, nil)),
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"action": schema.StringAttribute{
						MarkdownDescription: requiredInElement + "Privilege action, one of the API's actions, such as `FIND`, `INSERT`, `UPDATE`, `REMOVE`, `LIST_COLLECTIONS`.",
						Optional:            true,
						Validators:          []validator.String{actionRequired, validate.OneOfSuggesting("privilege action", PrivilegeActions...)},
					},
					"resources": schema.SetNestedAttribute{
						MarkdownDescription: requiredInElement + "What the action applies to, at least one: a database (`database_name`), a collection (`database_name` and `collection_name`) or the cluster (`cluster = true`).",
						Optional:            true,
						Validators:          []validator.Set{actionRequired, setvalidator.SizeAtLeast(1)},
						NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
							"database_name":   schema.StringAttribute{Optional: true, MarkdownDescription: "Database, for a database or collection resource.", Validators: []validator.String{stringvalidator.UTF8LengthAtLeast(1)}},
							"collection_name": schema.StringAttribute{Optional: true, MarkdownDescription: "Collection of `database_name`; omit it for every collection of the database.", Validators: []validator.String{stringvalidator.UTF8LengthAtLeast(1)}},
							"cluster": schema.BoolAttribute{
								Optional:            true,
								MarkdownDescription: "`true` for the cluster resource, without `database_name` or `collection_name`. Omit it otherwise.",
								Validators:          []validator.Bool{boolvalidator.Equals(true)},
							},
						}},
					},
				}},
			},
			"inherited_roles": schema.SetNestedAttribute{
				MarkdownDescription: "Roles whose privileges this role inherits: a built-in role (" + quoted(adminOnlyRoles) + " on `admin`; " + quoted(anyDatabaseRoles) +
					" on any database) or another custom role of the project (on `admin`). Updated in place.",
				Optional: true,
				Computed: true,
				Default:  setdefault.StaticValue(types.SetValueMust(types.ObjectType{AttrTypes: inheritedAttrTypes}, nil)),
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"role_name": schema.StringAttribute{
						Optional: true, MarkdownDescription: requiredInElement + "Name of the inherited role: for another custom role of this configuration, " +
							"refer to it (`atlasaccess_custom_db_role.<name>.role_name`) so that Terraform orders the two.",
						Validators: []validator.String{inheritedRequired, stringvalidator.UTF8LengthAtLeast(1)},
					},
					"database_name": schema.StringAttribute{
						Optional: true, MarkdownDescription: requiredInElement + "Database of the inherited role (`admin` for a custom role).",
						Validators: []validator.String{inheritedRequired, stringvalidator.UTF8LengthAtLeast(1)},
					},
				}},
			},
		},
	}
}
