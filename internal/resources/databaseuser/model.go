package databaseuser

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/validate"
)

var scopeNameRegexp = regexp.MustCompile(scopeNamePattern)

// databaseUserModel is the state of atlasaccess_database_user.
type databaseUserModel struct {
	ID                types.String `tfsdk:"id"`
	ProjectID         types.String `tfsdk:"project_id"`
	Username          types.String `tfsdk:"username"`
	AuthDatabase      types.String `tfsdk:"auth_database"`
	Roles             types.Set    `tfsdk:"roles"`
	Scopes            types.Set    `tfsdk:"scopes"`
	Description       types.String `tfsdk:"description"`
	PasswordWO        types.String `tfsdk:"password_wo"`
	PasswordWOVersion types.Int64  `tfsdk:"password_wo_version"`
	X509Type          types.String `tfsdk:"x509_type"`
	AWSIAMType        types.String `tfsdk:"aws_iam_type"`
	LDAPAuthType      types.String `tfsdk:"ldap_auth_type"`
	OIDCAuthType      types.String `tfsdk:"oidc_auth_type"`
}

type roleModel struct {
	RoleName       types.String `tfsdk:"role_name"`
	DatabaseName   types.String `tfsdk:"database_name"`
	CollectionName types.String `tfsdk:"collection_name"`
}

type scopeModel struct {
	Name types.String `tfsdk:"name"`
	Type types.String `tfsdk:"type"`
}

func resourceID(projectID, authDatabase, username string) string {
	return projectID + "/" + authDatabase + "/" + username
}

// authTypeValue is an authentication type as state holds it: null when
// unused (Atlas answers NONE).
func authTypeValue(v string) types.String {
	if v == "" || v == client.AuthTypeNone {
		return types.StringNull()
	}
	return types.StringValue(v)
}

// optional is "" for a null or unknown string.
func optional(v types.String) string {
	if v.IsNull() || v.IsUnknown() {
		return ""
	}
	return v.ValueString()
}

// rolesToSet is roles as the roles attribute holds them.
func rolesToSet(roles []client.DatabaseUserRole) types.Set {
	elems := make([]attr.Value, len(roles))
	for i, r := range roles {
		coll := types.StringNull()
		if r.CollectionName != "" {
			coll = types.StringValue(r.CollectionName)
		}
		elems[i] = types.ObjectValueMust(roleAttrTypes, map[string]attr.Value{
			"role_name": types.StringValue(r.RoleName), "database_name": types.StringValue(r.DatabaseName), "collection_name": coll})
	}
	return types.SetValueMust(types.ObjectType{AttrTypes: roleAttrTypes}, elems)
}

// scopesToSet is scopes as the scopes attribute holds them ([] for none).
func scopesToSet(scopes []client.DatabaseUserScope) types.Set {
	elems := make([]attr.Value, len(scopes))
	for i, s := range scopes {
		elems[i] = types.ObjectValueMust(scopeAttrTypes, map[string]attr.Value{"name": types.StringValue(s.Name), "type": types.StringValue(s.Type)})
	}
	return types.SetValueMust(types.ObjectType{AttrTypes: scopeAttrTypes}, elems)
}

func rolesFromSet(ctx context.Context, set types.Set) ([]client.DatabaseUserRole, diag.Diagnostics) {
	var models []roleModel
	d := set.ElementsAs(ctx, &models, false)
	out := make([]client.DatabaseUserRole, len(models))
	for i, m := range models {
		out[i] = client.DatabaseUserRole{RoleName: m.RoleName.ValueString(), DatabaseName: m.DatabaseName.ValueString(), CollectionName: optional(m.CollectionName)}
	}
	return out, d
}

func scopesFromSet(ctx context.Context, set types.Set) ([]client.DatabaseUserScope, diag.Diagnostics) {
	out := []client.DatabaseUserScope{}
	if set.IsNull() || set.IsUnknown() {
		return out, nil
	}
	var models []scopeModel
	d := set.ElementsAs(ctx, &models, false)
	for _, m := range models {
		out = append(out, client.DatabaseUserScope{Name: m.Name.ValueString(), Type: m.Type.ValueString()})
	}
	return out, d
}

// createRequest is the POST body for m, with password the write-only
// password from the configuration ("" for other kinds).
func (m *databaseUserModel) createRequest(ctx context.Context, password string) (client.CreateDatabaseUserRequest, diag.Diagnostics) {
	roles, d := rolesFromSet(ctx, m.Roles)
	scopes, d2 := scopesFromSet(ctx, m.Scopes)
	d.Append(d2...)
	return client.CreateDatabaseUserRequest{
		ProjectID:    m.ProjectID.ValueString(),
		DatabaseName: m.AuthDatabase.ValueString(),
		Username:     m.Username.ValueString(),
		Password:     password,
		X509Type:     optional(m.X509Type),
		AWSIAMType:   optional(m.AWSIAMType),
		LDAPAuthType: optional(m.LDAPAuthType),
		OIDCAuthType: optional(m.OIDCAuthType),
		Roles:        roles,
		Scopes:       scopes,
		Description:  optional(m.Description),
	}, d
}

// updateRequest is the PATCH body that makes the user match m: roles,
// scopes and description, and the password when one is given.
func (m *databaseUserModel) updateRequest(ctx context.Context, password *string) (client.UpdateDatabaseUserRequest, diag.Diagnostics) {
	roles, d := rolesFromSet(ctx, m.Roles)
	scopes, d2 := scopesFromSet(ctx, m.Scopes)
	d.Append(d2...)
	description := optional(m.Description)
	return client.UpdateDatabaseUserRequest{Password: password, Roles: roles, Scopes: &scopes, Description: &description}, d
}

// setFromAPI copies what Atlas reports for the user into m. The password
// attributes are the caller's: Atlas never returns a password.
func (m *databaseUserModel) setFromAPI(projectID string, u *client.DatabaseUser) {
	m.ProjectID = types.StringValue(projectID)
	m.Username = types.StringValue(u.Username)
	m.AuthDatabase = types.StringValue(u.DatabaseName)
	m.ID = types.StringValue(resourceID(projectID, u.DatabaseName, u.Username))
	m.Roles = rolesToSet(u.Roles)
	m.Scopes = scopesToSet(u.Scopes)
	m.Description = types.StringNull()
	if u.Description != "" {
		m.Description = types.StringValue(u.Description)
	}
	m.X509Type = authTypeValue(u.X509Type)
	m.AWSIAMType = authTypeValue(u.AWSIAMType)
	m.LDAPAuthType = authTypeValue(u.LDAPAuthType)
	m.OIDCAuthType = authTypeValue(u.OIDCAuthType)
	m.PasswordWO = types.StringNull()
}

// importIDForm names the accepted import ID form, for error messages.
const importIDForm = "project_id/auth_database/username (for example 5f1e2d3c4b5a69788796a5b4/admin/app, or " +
	"5f1e2d3c4b5a69788796a5b4/$external/arn:aws:iam::123456789012:role/app: everything after the second / is the username)"

// parseImportID parses "project_id/auth_database/username". The username
// is everything after the second "/", so that an AWS IAM ARN, which holds
// "/", imports as it is.
func parseImportID(id string) (projectID, authDatabase, username string, err error) {
	parts := strings.SplitN(id, "/", 3)
	switch {
	case len(parts) != 3 || parts[2] == "":
		return "", "", "", fmt.Errorf("expected %s, got %q", importIDForm, id)
	case !validate.IsObjectID(parts[0]):
		return "", "", "", fmt.Errorf("project_id %q must be 24 lowercase hexadecimal digits; expected %s", parts[0], importIDForm)
	case !slices.Contains(authDatabases, parts[1]):
		return "", "", "", fmt.Errorf("auth_database %q must be one of %s; expected %s", parts[1], strings.Join(authDatabases, ", "), importIDForm)
	}
	return parts[0], parts[1], parts[2], nil
}

// authConfig is what decides the authentication kind in a configuration;
// a value the plan does not know yet is "?".
type authConfig struct {
	AuthDatabase string
	Username     string
	// Password is true when password_wo is set.
	Password                                         bool
	X509Type, AWSIAMType, LDAPAuthType, OIDCAuthType string
	Roles                                            []client.DatabaseUserRole
}

// missingKindOnCreate is the problem of a configuration that creates a user
// without an authentication kind, or nil. Without a kind the configuration
// describes a password user whose password Terraform does not manage, which
// only a user that exists already can be: a new one needs its password.
// Terraform also plans a replacement as a create, so the detail names that
// case too.
func missingKindOnCreate(config databaseUserModel) *configProblem {
	kinds := []types.String{config.PasswordWO, config.X509Type, config.AWSIAMType, config.LDAPAuthType, config.OIDCAuthType}
	for _, k := range kinds {
		if !k.IsNull() {
			return nil
		}
	}
	return &configProblem{Attr: "password_wo", Summary: "Missing Authentication Kind",
		Detail: fmt.Sprintf("Database user %q does not exist yet (or the plan replaces it because Atlas reports another authentication kind), "+
			"and a new user needs one of %s: set password_wo (with password_wo_version) for a password user, or x509_type, aws_iam_type, "+
			"ldap_auth_type or oidc_auth_type for another kind. Only a user that exists already, imported or managed, may omit them all: "+
			"it is then a password user whose password Terraform does not manage.", optional(config.Username), strings.Join(authKindAttrs, ", "))}
}

// configProblem is a plan-time error on one attribute.
type configProblem struct {
	Attr    string
	Summary string
	Detail  string
}

var (
	awsARNRegexp   = regexp.MustCompile(`^arn:aws[a-z-]*:iam::\d{12}:(user|role)/\S+$`)
	oidcNameRegexp = regexp.MustCompile(`^[a-f0-9]{24}/\S.*$`)
)

// checkAuth returns what is wrong with the combination of the
// authentication kind, the authentication database, the username and the
// roles, as Atlas would refuse it at apply. The choice of at most one kind
// is checked by the schema's config validator, and of one kind for a new
// user by missingKindOnCreate.
func checkAuth(c authConfig) []configProblem {
	var out []configProblem
	wantDB, kind, kindAttr := "", "", ""
	switch {
	case c.Password:
		wantDB, kind, kindAttr = client.AuthDatabaseAdmin, "a password user (password_wo)", "password_wo"
	case c.X509Type != "":
		wantDB, kind, kindAttr = client.AuthDatabaseExternal, "an X.509 user (x509_type)", "x509_type"
	case c.AWSIAMType != "":
		wantDB, kind, kindAttr = client.AuthDatabaseExternal, "an AWS IAM user (aws_iam_type)", "aws_iam_type"
	case c.LDAPAuthType == "GROUP":
		wantDB, kind, kindAttr = client.AuthDatabaseAdmin, "an LDAP group (ldap_auth_type = \"GROUP\")", "ldap_auth_type"
	case c.LDAPAuthType != "":
		wantDB, kind, kindAttr = client.AuthDatabaseExternal, "an LDAP user (ldap_auth_type = \"USER\")", "ldap_auth_type"
	case c.OIDCAuthType == "IDP_GROUP":
		wantDB, kind, kindAttr = client.AuthDatabaseAdmin, "an OIDC workforce group (oidc_auth_type = \"IDP_GROUP\")", "oidc_auth_type"
	case c.OIDCAuthType != "":
		wantDB, kind, kindAttr = client.AuthDatabaseExternal, "an OIDC workload user (oidc_auth_type = \"USER\")", "oidc_auth_type"
	}
	known := func(v string) bool { return v != "?" }
	if wantDB != "" && known(c.AuthDatabase) && known(c.X509Type) && known(c.AWSIAMType) && known(c.LDAPAuthType) && known(c.OIDCAuthType) && c.AuthDatabase != wantDB {
		out = append(out, configProblem{Attr: "auth_database", Summary: "Wrong Authentication Database",
			Detail: fmt.Sprintf("auth_database is %q, but %s authenticates on %q: set auth_database = %q (%s decides it).", c.AuthDatabase, kind, wantDB, wantDB, kindAttr)})
	}
	if known(c.Username) && known(c.AWSIAMType) && c.AWSIAMType != "" {
		want := map[string]string{"USER": "user", "ROLE": "role"}[c.AWSIAMType]
		if m := awsARNRegexp.FindStringSubmatch(c.Username); m == nil || m[1] != want {
			out = append(out, configProblem{Attr: "username", Summary: "Invalid AWS IAM Username",
				Detail: fmt.Sprintf("username %q must be the ARN of an IAM %s for aws_iam_type = %q, such as arn:aws:iam::123456789012:%s/app.", c.Username, want, c.AWSIAMType, want)})
		}
	}
	if known(c.Username) && known(c.OIDCAuthType) && c.OIDCAuthType != "" && !oidcNameRegexp.MatchString(c.Username) {
		out = append(out, configProblem{Attr: "username", Summary: "Invalid OIDC Username",
			Detail: fmt.Sprintf("username %q must be <identity provider ID>/<name> for an OIDC user, the ID being 24 hexadecimal digits, such as 5f1e2d3c4b5a69788796a5b4/analysts.", c.Username)})
	}
	if known(c.Username) && known(c.X509Type) && c.X509Type == "MANAGED" && (!strings.HasPrefix(c.Username, "CN=") || strings.Contains(c.Username, ",")) {
		out = append(out, configProblem{Attr: "username", Summary: "Invalid X.509 Username",
			Detail: fmt.Sprintf("username %q must be CN=<name>, with no other attribute, for x509_type = \"MANAGED\".", c.Username)})
	}
	if known(c.Username) && known(c.X509Type) && c.X509Type == "CUSTOMER" {
		if _, err := validate.ParseDN(c.Username); err != nil {
			out = append(out, configProblem{Attr: "username", Summary: "Invalid X.509 Username",
				Detail: fmt.Sprintf("username %q must be the RFC 2253 distinguished name of the certificate's subject for x509_type = \"CUSTOMER\", "+
					"such as CN=orders,OU=apps,O=Example: %s.", c.Username, err)})
		}
	}
	if known(c.Username) && known(c.LDAPAuthType) && c.LDAPAuthType != "" {
		if _, err := validate.ParseDN(c.Username); err != nil {
			out = append(out, configProblem{Attr: "username", Summary: "Invalid LDAP Username",
				Detail: fmt.Sprintf("username %q must be the RFC 2253 distinguished name of the LDAP %s for ldap_auth_type = %q, "+
					"such as CN=orders,OU=apps,DC=example,DC=com: %s.", c.Username, strings.ToLower(c.LDAPAuthType), c.LDAPAuthType, err)})
		}
	}
	for _, r := range c.Roles {
		if !known(r.RoleName) || !known(r.DatabaseName) || !known(r.CollectionName) {
			continue
		}
		if slices.Contains(adminOnlyRoles, r.RoleName) && r.DatabaseName != client.AuthDatabaseAdmin {
			out = append(out, configProblem{Attr: "roles", Summary: "Invalid Database Role",
				Detail: fmt.Sprintf("roles: %s is granted on the admin database only, not on %q: set database_name = \"admin\".", r.RoleName, r.DatabaseName)})
		}
		if r.CollectionName != "" && !slices.Contains(collectionRoles, r.RoleName) {
			out = append(out, configProblem{Attr: "roles", Summary: "Invalid Database Role",
				Detail: fmt.Sprintf("roles: collection_name %q is allowed only with %s, not with %s: remove collection_name to grant %s on the whole database %q.",
					r.CollectionName, strings.Join(collectionRoles, " or "), r.RoleName, r.RoleName, r.DatabaseName)})
		}
	}
	return out
}
