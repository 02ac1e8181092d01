package acctest

import (
	"slices"
	"strings"
)

// Database access resource types (issue 27).
const (
	DatabaseUserType = "atlasaccess_database_user"
	CustomDBRoleType = "atlasaccess_custom_db_role"
)

// GoodDBPassword is a valid password for blocks that are only planned.
const GoodDBPassword = "correct-horse-battery"

// DatabaseUserInvalidInputs are what atlasaccess_database_user rejects at
// plan, one attribute of a valid password user at a time.
var DatabaseUserInvalidInputs = InvalidInputs{
	Type: DatabaseUserType,
	Valid: func(projectID string) Attrs {
		return Attrs{"project_id": projectID, "username": "app", "auth_database": "admin", "password_wo": GoodDBPassword,
			"roles": Expr(`[{ role_name = "readWrite", database_name = "orders" }]`), "scopes": Expr(`[{ name = "Cluster0", type = "CLUSTER" }]`),
			"description": "orders service"}
	},
	Cases: slices.Concat(projectIDInputs, []InvalidInput{
		{Name: "password shorter than 8", Attr: "password_wo", Value: "short", Want: []string{"password_wo", "at least 8", "got: 5"}},
		{Name: "password user on $external", Attr: "auth_database", Value: "$external", Want: []string{"auth_database", "password user (password_wo)", `auth_database = "admin"`}},
		{Name: "unknown authentication database", Attr: "auth_database", Value: "local", Want: []string{"auth_database", `value must be one of: ["admin" "$external"]`, `got: "local"`}},
		{Name: "empty username", Attr: "username", Value: "", Want: []string{"username", "character count must be between 1 and 1024", `got: 0`}},
		{Name: "username over 1024 characters", Attr: "username", Value: strings.Repeat("u", 1025), Want: []string{"username", "character count must be between 1 and 1024", `got: 1025`}},
		{Name: "no roles", Attr: "roles", Value: Expr(`[]`), Want: []string{"Missing Database Role", "roles must hold at least one database role", "role_name", "database_name", "got: []"}},
		{Name: "admin-only role on another database", Attr: "roles", Value: Expr(`[{ role_name = "readAnyDatabase", database_name = "orders" }]`),
			Want: []string{"roles", "readAnyDatabase is granted on the admin database only", `set database_name = "admin"`}},
		{Name: "collection on a role without collections", Attr: "roles", Value: Expr(`[{ role_name = "dbAdmin", database_name = "orders", collection_name = "o" }]`),
			Want: []string{"roles", `collection_name "o" is allowed only with read or readWrite`}},
		{Name: "role without role_name", Attr: "roles", Value: Expr(`[{ database_name = "orders" }]`),
			Want: []string{"Missing Required Attribute", "role_name is required", "each element of roles needs role_name", `{ role_name = "readWrite", database_name = "orders" }`}},
		{Name: "role without database_name", Attr: "roles", Value: Expr(`[{ role_name = "read" }]`),
			Want: []string{"Missing Required Attribute", "database_name is required", "each element of roles needs database_name"}},
		{Name: "scope without type", Attr: "scopes", Value: Expr(`[{ name = "Cluster0" }]`),
			Want: []string{"Missing Required Attribute", "type is required", "each element of scopes needs type", `{ name = "Cluster0", type = "CLUSTER" }`}},
		{Name: "scope without name", Attr: "scopes", Value: Expr(`[{ type = "CLUSTER" }]`),
			Want: []string{"Missing Required Attribute", "name is required", "each element of scopes needs name"}},
		{Name: "unknown scope type", Attr: "scopes", Value: Expr(`[{ name = "Cluster0", type = "SERVERLESS" }]`), Want: []string{"scopes", "value must be one of", `got: "SERVERLESS"`}},
		{Name: "scope name with a dot", Attr: "scopes", Value: Expr(`[{ name = "my.cluster", type = "CLUSTER" }]`), Want: []string{"scopes", "letters, digits and hyphens", `got: my.cluster`}},
		{Name: "description over 100 characters", Attr: "description", Value: strings.Repeat("d", 101), Want: []string{"description", "character count must be between 1 and 100", "got: 101"}},
	}),
}

// DatabaseUserX509InvalidInputs are the usernames atlasaccess_database_user
// rejects at plan for an X.509 user of the customer's certificate authority:
// Atlas requires an RFC 2253 distinguished name (ATLAS_INVALID_USERNAME).
var DatabaseUserX509InvalidInputs = InvalidInputs{
	Type: DatabaseUserType,
	Valid: func(projectID string) Attrs {
		return Attrs{"project_id": projectID, "username": "CN=orders,OU=apps,O=Example\\, Inc.", "auth_database": "$external", "x509_type": "CUSTOMER",
			"roles": Expr(`[{ role_name = "read", database_name = "orders" }]`)}
	},
	Cases: []InvalidInput{
		{Name: "x509 username not a distinguished name", Attr: "username", Value: "orders", Want: []string{"username", "RFC 2253 distinguished name", `"orders" at position 1 is not an attribute`}},
		{Name: "x509 username with an unescaped comma in a value", Attr: "username", Value: "CN=orders,O=Example, Inc.", Want: []string{"username", "RFC 2253 distinguished name", `"Inc." at position 22 is not an attribute`}},
		{Name: "x509 username with an empty value", Attr: "username", Value: "CN=,O=Example", Want: []string{"username", "RFC 2253 distinguished name", "CN at position 4 has an empty value"}},
	},
}

// DatabaseUserLDAPInvalidInputs are the usernames atlasaccess_database_user
// rejects at plan for an LDAP user: Atlas requires an RFC 2253
// distinguished name (ATLAS_INVALID_LDAP_NAME).
var DatabaseUserLDAPInvalidInputs = InvalidInputs{
	Type: DatabaseUserType,
	Valid: func(projectID string) Attrs {
		return Attrs{"project_id": projectID, "username": "CN=jane,OU=people,DC=example,DC=com", "auth_database": "$external", "ldap_auth_type": "USER",
			"roles": Expr(`[{ role_name = "read", database_name = "orders" }]`)}
	},
	Cases: []InvalidInput{
		{Name: "ldap username an email", Attr: "username", Value: "jane@example.com", Want: []string{"username", "RFC 2253 distinguished name of the LDAP user", "not an attribute"}},
		{Name: "ldap username with a trailing comma", Attr: "username", Value: "CN=jane,DC=example,", Want: []string{"username", "RFC 2253", "attribute is missing at position 20"}},
		{Name: "ldap username with a bad escape", Attr: "username", Value: `CN=jane\q,DC=example`, Want: []string{"username", "RFC 2253", "backslash at position 8"}},
	},
}

// CustomDBRoleInvalidInputs are what atlasaccess_custom_db_role rejects at
// plan.
var CustomDBRoleInvalidInputs = InvalidInputs{
	Type: CustomDBRoleType,
	Valid: func(projectID string) Attrs {
		return Attrs{"project_id": projectID, "role_name": "orders-writer",
			"actions":         Expr(`[{ action = "INSERT", resources = [{ database_name = "orders" }] }]`),
			"inherited_roles": Expr(`[{ role_name = "read", database_name = "orders" }]`)}
	},
	Cases: slices.Concat(projectIDInputs, []InvalidInput{
		{Name: "role name with a dot", Attr: "role_name", Value: "orders.writer", Want: []string{"role_name", "only letters, digits, hyphens and underscores", `got: orders.writer`}},
		{Name: "reserved xgen- role name", Attr: "role_name", Value: "xgen-writer", Want: []string{"role_name", "reserved by Atlas"}},
		{Name: "built-in role name", Attr: "role_name", Value: "readWrite", Want: []string{"role_name", "name of a built-in role"}},
		{Name: "lower-case action", Attr: "actions", Value: Expr(`[{ action = "find", resources = [{ database_name = "orders" }] }]`), Want: []string{"actions", "value must be one of the privilege actions", `got: "find"`, "Did you mean FIND?"}},
		{Name: "unknown action", Attr: "actions", Value: Expr(`[{ action = "DROP_EVERYTHING", resources = [{ database_name = "orders" }] }]`), Want: []string{"actions", "value must be one of the privilege actions", `got: "DROP_EVERYTHING"`, "Allowed values", "FIND"}},
		{Name: "action twice", Attr: "actions", Value: Expr(`[{ action = "FIND", resources = [{ database_name = "a" }] }, { action = "FIND", resources = [{ database_name = "b" }] }]`),
			Want: []string{"actions", "FIND appears twice"}},
		{Name: "action without action", Attr: "actions", Value: Expr(`[{ resources = [{ database_name = "orders" }] }]`),
			Want: []string{"Missing Required Attribute", "action is required", "each element of actions needs action", `{ action = "FIND", resources = [{ database_name = "orders" }] }`}},
		{Name: "action without a resources attribute", Attr: "actions", Value: Expr(`[{ action = "FIND" }]`),
			Want: []string{"Missing Required Attribute", "resources is required", "each element of actions needs resources"}},
		{Name: "inherited role without database_name", Attr: "inherited_roles", Value: Expr(`[{ role_name = "read" }]`),
			Want: []string{"Missing Required Attribute", "database_name is required", "each element of inherited_roles needs database_name"}},
		{Name: "inherited role without role_name", Attr: "inherited_roles", Value: Expr(`[{ database_name = "orders" }]`),
			Want: []string{"Missing Required Attribute", "role_name is required", "each element of inherited_roles needs role_name"}},
		{Name: "action without resources", Attr: "actions", Value: Expr(`[{ action = "FIND", resources = [] }]`), Want: []string{"actions", "must contain at least 1 elements"}},
		{Name: "cluster and database in one resource", Attr: "actions", Value: Expr(`[{ action = "FIND", resources = [{ cluster = true, database_name = "orders" }] }]`),
			Want: []string{"actions", "either the cluster or a namespace"}},
		{Name: "cluster false", Attr: "actions", Value: Expr(`[{ action = "FIND", resources = [{ cluster = false }] }]`), Want: []string{"actions", "cluster", `Value must be "true", got: false`}},
		{Name: "inherited admin-only role elsewhere", Attr: "inherited_roles", Value: Expr(`[{ role_name = "readAnyDatabase", database_name = "orders" }]`),
			Want: []string{"inherited_roles", "readAnyDatabase exists on the admin database only"}},
		{Name: "inherited custom role elsewhere", Attr: "inherited_roles", Value: Expr(`[{ role_name = "auditor", database_name = "orders" }]`),
			Want: []string{"inherited_roles", "custom role, which exists on the admin database only"}},
		{Name: "role inherits itself", Attr: "inherited_roles", Value: Expr(`[{ role_name = "orders-writer", database_name = "admin" }]`),
			Want: []string{"inherited_roles", "cannot inherit itself"}},
	}),
}
