package databaseuser

import (
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/attrs"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/owner"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/validate"
)

// Allowed values, shared by the validators and the descriptions.
var (
	authDatabases = []string{client.AuthDatabaseAdmin, client.AuthDatabaseExternal}
	x509Types     = []string{"MANAGED", "CUSTOMER"}
	awsIAMTypes   = []string{"USER", "ROLE"}
	ldapAuthTypes = []string{"USER", "GROUP"}
	oidcAuthTypes = []string{"IDP_GROUP", "USER"}
	scopeTypes    = []string{"CLUSTER", "DATA_LAKE", "STREAM"}
	// adminOnlyRoles are the built-in roles Atlas grants only on the admin
	// database.
	adminOnlyRoles = []string{"atlasAdmin", "backup", "clusterMonitor", "dbAdminAnyDatabase", "enableSharding", "readAnyDatabase", "readWriteAnyDatabase"}
	// collectionRoles are the roles that may name a collection.
	collectionRoles = []string{"read", "readWrite"}
)

// Limits Atlas documents.
const (
	minPasswordLength = 8
	maxUsernameLength = 1024
	maxDescription    = 100
)

// authKindAttrs are the attributes of which one says how the user
// authenticates; none, for a user that exists, is a password user whose
// password Terraform does not manage.
var authKindAttrs = []string{"password_wo", "x509_type", "aws_iam_type", "ldap_auth_type", "oidc_auth_type"}

func quoted(values []string) string {
	q := make([]string, len(values))
	for i, v := range values {
		q[i] = "`" + v + "`"
	}
	return strings.Join(q, ", ")
}

var roleAttrTypes = map[string]attr.Type{"role_name": types.StringType, "database_name": types.StringType, "collection_name": types.StringType}
var scopeAttrTypes = map[string]attr.Type{"name": types.StringType, "type": types.StringType}

// The attributes of each element of roles and of scopes are required, but
// declared Optional and checked by validate.RequiredInElement, so that a
// conditional choosing a whole element validates (see RequiredInElement).
var (
	roleRequired  = validate.RequiredInElement(`{ role_name = "readWrite", database_name = "orders" }`)
	scopeRequired = validate.RequiredInElement(`{ name = "Cluster0", type = "CLUSTER" }`)
)

// requiredInElement opens the description of an attribute that each
// element must set: the documentation lists it as optional.
const requiredInElement = "Required in each element. "

// scopeNamePattern is the spec's pattern of UserScope.name.
const scopeNamePattern = `^[a-zA-Z0-9][a-zA-Z0-9-]*$`

func authTypeAttr(what string, values []string, external string) schema.StringAttribute {
	return schema.StringAttribute{
		MarkdownDescription: fmt.Sprintf("%s: one of %s. %s Set at most one authentication kind. Changing it replaces the user.", what, quoted(values), external),
		Optional:            true,
		Validators:          []validator.String{stringvalidator.OneOf(values...)},
		PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
	}
}

func resourceSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "A database user of an Atlas project: who may connect to the project's clusters, with which database roles, on which clusters.\n\n" +
			"It is built on the Atlas Administration API `/groups/{groupId}/databaseUsers` (version 2023-01-01). " +
			"The user authenticates in exactly one way: a password (`password_wo`, on the `admin` database), or X.509, AWS IAM, LDAP or OIDC (on `$external`, " +
			"except LDAP groups and OIDC workforce groups, which are on `admin`). " +
			"An imported or adopted password user may omit every kind: its password is then not managed by Terraform (add `password_wo` and `password_wo_version` later to set a new one). " +
			"A new user needs a kind.\n\n" +
			"**The password is never in state or plan.** `password_wo` is a write-only attribute (Terraform 1.11 or later): Terraform sends it and forgets it. " +
			"Feed it from an ephemeral value, and change `password_wo_version` to send a new one.\n\n" +
			"**Existing users.** A user with the same authentication database and username that already exists is never taken over: the apply fails with the `terraform import` command that adopts it.\n\n" +
			"**Out of scope.** Atlas-managed X.509 certificates (`/groups/{groupId}/databaseUsers/{username}/certs`) are not managed by this provider: " +
			"create a user with `x509_type = \"MANAGED\"` here, and issue its certificates with the Atlas CLI or UI.\n\n" +
			"Atlas allows 100 database users per project.",
		Attributes: map[string]schema.Attribute{
			"id":         attrs.ResourceID("Identifier of the resource: `project_id/auth_database/username`, also the import ID."),
			"project_id": owner.Project.ReplacingAttribute("ID of the Atlas project (24 hexadecimal digits). Changing it replaces the user."),
			"username": schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("Username, 1 to %d characters. Its form depends on the authentication kind: any name for a password user, "+
					"an IAM user or role ARN for AWS IAM (`arn:aws:iam::123456789012:role/app`), a distinguished name for X.509 and LDAP, "+
					"`<IdP ID>/<name>` for OIDC. Changing it replaces the user.", maxUsernameLength),
				Required:      true,
				Validators:    []validator.String{stringvalidator.UTF8LengthBetween(1, maxUsernameLength)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"auth_database": schema.StringAttribute{
				MarkdownDescription: "Authentication database: " + quoted(authDatabases) + ". Default `admin`. Use `$external` for X.509, AWS IAM, LDAP users (`ldap_auth_type = \"USER\"`) " +
					"and OIDC workload users (`oidc_auth_type = \"USER\"`). Changing it replaces the user.",
				Optional:      true,
				Computed:      true,
				Default:       stringdefault.StaticString(client.AuthDatabaseAdmin),
				Validators:    []validator.String{stringvalidator.OneOf(authDatabases...)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"roles": schema.SetNestedAttribute{
				MarkdownDescription: "Database roles of the user, at least one. Built-in roles " + quoted(adminOnlyRoles) + " are granted on `admin` only; " +
					"a custom role (`atlasaccess_custom_db_role`) is granted on `admin`, without a collection: refer to it " +
					"(`role_name = atlasaccess_custom_db_role.<name>.role_name`), so that Terraform creates it before the user and destroys it after. Updated in place.",
				Required: true,
				Validators: []validator.Set{validate.AtLeastOne("Missing Database Role",
					"database role: an object with role_name (a built-in role such as readWrite or readAnyDatabase, or a custom role of the project) "+
						"and database_name, such as { role_name = \"readWrite\", database_name = \"app\" }")},
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"role_name": schema.StringAttribute{
							MarkdownDescription: requiredInElement + "Name of a built-in role (such as `readWrite`) or of a custom role of the project: " +
								"for a custom role declared in the same configuration, refer to it (`atlasaccess_custom_db_role.<name>.role_name`) so that Terraform orders the two.",
							Optional:   true,
							Validators: []validator.String{roleRequired, stringvalidator.UTF8LengthAtLeast(1)},
						},
						"database_name": schema.StringAttribute{
							MarkdownDescription: requiredInElement + "Database the role applies to.",
							Optional:            true,
							Validators:          []validator.String{roleRequired, stringvalidator.UTF8LengthAtLeast(1)},
						},
						"collection_name": schema.StringAttribute{
							MarkdownDescription: "Collection the role applies to, for " + quoted(collectionRoles) + " only. Omit it for the whole database.",
							Optional:            true,
							Validators:          []validator.String{stringvalidator.UTF8LengthAtLeast(1)},
						},
					},
				},
			},
			"scopes": schema.SetNestedAttribute{
				MarkdownDescription: "Clusters, data lakes or stream instances the user may reach. Empty or omitted: all of the project's. " +
					"Updated in place; a scope removed outside Terraform shows in the next plan and is put back.",
				Optional: true,
				Computed: true,
				Default:  setdefault.StaticValue(types.SetValueMust(types.ObjectType{AttrTypes: scopeAttrTypes}, nil)),
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"name": schema.StringAttribute{
							MarkdownDescription: requiredInElement + "Name of the cluster, data lake or stream instance.",
							Optional:            true,
							Validators:          []validator.String{scopeRequired, stringvalidator.RegexMatches(scopeNameRegexp, "must start with a letter or digit and contain only letters, digits and hyphens (pattern "+scopeNamePattern+")")},
						},
						"type": schema.StringAttribute{
							MarkdownDescription: requiredInElement + "What `name` names: one of " + quoted(scopeTypes) + ".",
							Optional:            true,
							Validators:          []validator.String{scopeRequired, stringvalidator.OneOf(scopeTypes...)},
						},
					},
				},
			},
			"description": schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("Description of the user, 1 to %d characters. Updated in place.", maxDescription),
				Optional:            true,
				Validators:          []validator.String{stringvalidator.UTF8LengthBetween(1, maxDescription)},
			},
			"password_wo": schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("Password of a password (SCRAM) user, at least %d characters, on the `admin` database. "+
					"Write-only (Terraform 1.11 or later): never stored in state or plan. Sent when the user is created and whenever `password_wo_version` changes. "+
					"Required to create a password user; an imported password user may omit it, and Terraform then leaves its password alone.", minPasswordLength),
				Optional:   true,
				Sensitive:  true,
				WriteOnly:  true,
				Validators: []validator.String{stringvalidator.UTF8LengthAtLeast(minPasswordLength)},
			},
			"password_wo_version": schema.Int64Attribute{
				MarkdownDescription: "Version of `password_wo`: change it (for example, increment it) to send a new password to Atlas, in place. Only with `password_wo`.",
				Optional:            true,
				Validators:          []validator.Int64{int64validator.AlsoRequires(path.MatchRoot("password_wo"))},
			},
			"x509_type":      authTypeAttr("X.509 authentication", x509Types, "`MANAGED` is a user whose certificates Atlas issues, `CUSTOMER` one of your own certificate authority; both on `$external`."),
			"aws_iam_type":   authTypeAttr("AWS IAM authentication", awsIAMTypes, "`username` is then the ARN of the IAM user or role; on `$external`."),
			"ldap_auth_type": authTypeAttr("LDAP authentication", ldapAuthTypes, "`USER` is on `$external`, `GROUP` on `admin`."),
			"oidc_auth_type": authTypeAttr("OIDC authentication", oidcAuthTypes, "`IDP_GROUP` (workforce) is on `admin`, `USER` (workload) on `$external`."),
		},
	}
}
