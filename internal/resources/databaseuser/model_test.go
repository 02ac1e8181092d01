package databaseuser

import (
	"strings"
	"testing"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

func TestParseImportID(t *testing.T) {
	t.Parallel()
	const p = "5f1e2d3c4b5a69788796a5b4"
	for id, want := range map[string][3]string{
		p + "/admin/app": {p, "admin", "app"},
		p + "/$external/arn:aws:iam::123456789012:role/a/b/c": {p, "$external", "arn:aws:iam::123456789012:role/a/b/c"},
		p + "/$external/CN=app,O=x":                           {p, "$external", "CN=app,O=x"},
		p + "/admin":                                          {},
		p + "/admin/":                                         {},
		p + "/local/app":                                      {},
		"xyz/admin/app":                                       {},
	} {
		t.Run(id, func(t *testing.T) {
			t.Parallel()
			projectID, authDB, username, err := parseImportID(id)
			if want == ([3]string{}) {
				if err == nil || !strings.Contains(err.Error(), "project_id/auth_database/username") {
					t.Fatalf("parseImportID(%q) error = %v; want one naming the form", id, err)
				}
				return
			}
			if err != nil || [3]string{projectID, authDB, username} != want {
				t.Fatalf("parseImportID(%q) = %q, %q, %q, %v; want %q", id, projectID, authDB, username, err, want)
			}
		})
	}
}

func TestCheckAuth(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		config authConfig
		attrs  []string
	}{
		"password on admin":                  {authConfig{AuthDatabase: "admin", Username: "app", Password: true}, nil},
		"password on $external":              {authConfig{AuthDatabase: "$external", Username: "app", Password: true}, []string{"auth_database"}},
		"x509 on admin":                      {authConfig{AuthDatabase: "admin", Username: "CN=app", X509Type: "MANAGED"}, []string{"auth_database"}},
		"x509 customer with a full DN":       {authConfig{AuthDatabase: "$external", Username: "CN=app,O=x", X509Type: "CUSTOMER"}, nil},
		"ldap group on admin":                {authConfig{AuthDatabase: "admin", Username: "CN=g", LDAPAuthType: "GROUP"}, nil},
		"ldap user on admin":                 {authConfig{AuthDatabase: "admin", Username: "CN=u", LDAPAuthType: "USER"}, []string{"auth_database"}},
		"oidc workforce on $external":        {authConfig{AuthDatabase: "$external", Username: "5f1e2d3c4b5a69788796a5b4/g", OIDCAuthType: "IDP_GROUP"}, []string{"auth_database"}},
		"oidc workload without IdP":          {authConfig{AuthDatabase: "$external", Username: "app", OIDCAuthType: "USER"}, []string{"username"}},
		"aws role ARN for a user":            {authConfig{AuthDatabase: "$external", Username: "arn:aws:iam::123456789012:role/a", AWSIAMType: "USER"}, []string{"username"}},
		"aws unknown database is not judged": {authConfig{AuthDatabase: "?", Username: "arn:aws:iam::123456789012:user/a", AWSIAMType: "USER"}, nil},
		"admin-only role on orders": {authConfig{AuthDatabase: "admin", Username: "a", Password: true,
			Roles: []client.DatabaseUserRole{{RoleName: "atlasAdmin", DatabaseName: "orders"}}}, []string{"roles"}},
		"collection on read": {authConfig{AuthDatabase: "admin", Username: "a", Password: true,
			Roles: []client.DatabaseUserRole{{RoleName: "read", DatabaseName: "orders", CollectionName: "c"}}}, nil},
		"custom role is not judged": {authConfig{AuthDatabase: "admin", Username: "a", Password: true,
			Roles: []client.DatabaseUserRole{{RoleName: "orders-writer", DatabaseName: "admin"}}}, nil},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var got []string
			for _, p := range checkAuth(tc.config) {
				got = append(got, p.Attr)
			}
			if strings.Join(got, ",") != strings.Join(tc.attrs, ",") {
				t.Fatalf("checkAuth errors on %v, want %v", got, tc.attrs)
			}
		})
	}
}

// A user read from Atlas holds null for unused authentication types and
// for an empty description, and never a password.
func TestSetFromAPI(t *testing.T) {
	t.Parallel()
	var m databaseUserModel
	m.setFromAPI("p", &client.DatabaseUser{DatabaseName: "$external", Username: "arn:aws:iam::1:role/a", X509Type: "NONE", AWSIAMType: "ROLE", LDAPAuthType: "NONE", OIDCAuthType: "NONE",
		Roles: []client.DatabaseUserRole{{RoleName: "read", DatabaseName: "x"}}, Scopes: []client.DatabaseUserScope{}})
	switch {
	case !m.X509Type.IsNull() || !m.LDAPAuthType.IsNull() || !m.OIDCAuthType.IsNull() || m.AWSIAMType.ValueString() != "ROLE":
		t.Fatalf("auth types %v %v %v %v", m.X509Type, m.AWSIAMType, m.LDAPAuthType, m.OIDCAuthType)
	case !m.Description.IsNull() || !m.PasswordWO.IsNull():
		t.Fatalf("description %v, password %v; want both null", m.Description, m.PasswordWO)
	case m.ID.ValueString() != "p/$external/arn:aws:iam::1:role/a" || len(m.Scopes.Elements()) != 0:
		t.Fatalf("id %v scopes %v", m.ID, m.Scopes)
	}
}
