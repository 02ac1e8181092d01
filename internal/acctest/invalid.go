package acctest

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
)

// InvalidInput is a value that plan must reject for one attribute of a
// resource, and the phrases its error must show, in order: the attribute,
// the allowed form and what was given.
type InvalidInput struct {
	// Name says what is wrong, e.g. "uppercase project ID".
	Name  string
	Attr  string
	Value any // as Attrs takes it
	Want  []string
}

// InvalidInputs are the invalid inputs of one resource type, with a valid
// block of that type to put each of them in.
type InvalidInputs struct {
	Type string
	// Valid returns the attributes of a valid block in projectID.
	Valid func(projectID string) Attrs
	Cases []InvalidInput
}

// Config is a block of s.Type named "test" in projectID, valid but for c.
func (s InvalidInputs) Config(projectID string, c InvalidInput) string {
	attrs := maps.Clone(s.Valid(projectID))
	attrs[c.Attr] = c.Value
	return Resource(s.Type, "test", attrs)
}

// TestInvalidInputs plans a block of s.Type with each invalid input in
// turn, expects each plan to fail with its error, and checks that nothing
// reached Atlas (see TestPlanFailures).
func (e *Env) TestInvalidInputs(t *testing.T, s InvalidInputs) {
	t.Helper()
	failures := make(map[string]PlanFailure, len(s.Cases))
	for _, c := range s.Cases {
		failures[c.Name] = PlanFailure{Config: e.Config(s.Config(e.ProjectID, c)), Want: Diagnostic(c.Want...)}
	}
	e.TestPlanFailures(t, failures)
}

// AllInvalidInputs are the invalid inputs of every resource type.
func AllInvalidInputs() []InvalidInputs {
	return []InvalidInputs{ServiceAccountInvalidInputs, AssignmentInvalidInputs, UserInviteInvalidInputs, AccessListInvalidInputs, SecretInvalidInputs,
		DatabaseUserInvalidInputs, DatabaseUserX509InvalidInputs, DatabaseUserLDAPInvalidInputs, CustomDBRoleInvalidInputs}
}

// GoodClientID is a well-formed client ID of no account, for blocks that
// are only planned.
const GoodClientID = "mdb_sa_id_0123456789abcdef01234567"

var readOnly = []string{"GROUP_READ_ONLY"}

// ServiceAccountInvalidInputs are what atlasaccess_project_service_account
// rejects at plan.
var ServiceAccountInvalidInputs = InvalidInputs{
	Type: ServiceAccountType,
	Valid: func(projectID string) Attrs {
		return Attrs{"project_id": projectID, "name": "n", "description": "d", "roles": readOnly, "secret_expires_after_hours": 24}
	},
	Cases: slices.Concat(projectIDInputs, rolesInputs, []InvalidInput{
		textInput("65-character name", "name", strings.Repeat("n", 65), "character count must be between 1 and 64", "got: 65"),
		textInput("empty name", "name", "", "character count must be between 1 and 64", "got: 0"),
		textInput("slash in name", "name", "ci/cd", "may contain only letters", "got: ci/cd"),
		textInput("emoji in name", "name", "ci 🚀", "may contain only letters", "got: ci 🚀"),
		textInput("251-character description", "description", strings.Repeat("d", 251), "character count must be between 1 and 250", "got: 251"),
		textInput("empty description", "description", "", "character count must be between 1 and 250", "got: 0"),
		textInput("semicolon in description", "description", "deploys; drops tables", "may contain only letters", "got: deploys; drops tables"),
		hoursInput(0), hoursInput(7), hoursInput(8761), hoursInput(-24),
		// A fraction is a validation error naming the attribute, not a
		// conversion error that blames the provider.
		{Name: "fractional hours", Attr: "secret_expires_after_hours", Value: 24.5,
			Want: []string{"secret_expires_after_hours", "value must be between 8 and 8760, a whole number of hours", "got: 24.5"}},
	}),
}

// AssignmentInvalidInputs are what
// atlasaccess_project_service_account_assignment rejects at plan.
var AssignmentInvalidInputs = InvalidInputs{
	Type: AssignmentType,
	Valid: func(projectID string) Attrs {
		return Attrs{"project_id": projectID, "client_id": GoodClientID, "roles": readOnly}
	},
	Cases: slices.Concat(projectIDInputs, rolesInputs, []InvalidInput{
		clientIDInput("client ID without prefix", "0123456789abcdef01234567"),
		clientIDInput("client ID far too short", "mdb_sa_id_1234"),
		clientIDInput("client ID one digit short", GoodClientID[:len(GoodClientID)-1]),
		clientIDInput("client ID not hexadecimal", "mdb_sa_id_0123456789abcdef0123456z"),
		clientIDInput("secret prefix as client ID", "mdb_sa_sk_0123456789abcdef01234567"),
	}),
}

// UserInviteInvalidInputs are what atlasaccess_project_user_invite rejects
// at plan.
var UserInviteInvalidInputs = InvalidInputs{
	Type: UserInviteType,
	Valid: func(projectID string) Attrs {
		return Attrs{"project_id": projectID, "username": "ann@example.com", "roles": readOnly}
	},
	Cases: slices.Concat(projectIDInputs, rolesInputs, []InvalidInput{
		emailInput("bare name", "ann"),
		emailInput("no @", "ann.example.com"),
		emailInput("display name", "Ann <ann@example.com>"),
		emailInput("no dot in domain", "ann@localhost"),
		emailInput("space in email", "ann smith@example.com"),
	}),
}

// AccessListInvalidInputs are what
// atlasaccess_project_service_account_access_list rejects at plan
// (atlasaccess_service_account_access_list shares its validators).
var AccessListInvalidInputs = InvalidInputs{
	Type: "atlasaccess_project_service_account_access_list",
	Valid: func(projectID string) Attrs {
		return Attrs{"project_id": projectID, "client_id": GoodClientID, "cidr_blocks": []string{"10.0.0.1", "2001:db8::/32"}}
	},
	Cases: slices.Concat(projectIDInputs, []InvalidInput{
		clientIDInput("client ID without prefix", "0123456789abcdef01234567"),
		cidrInput("host bits set", "10.0.0.1/24", "must be a CIDR block without host bits set", `got: "10.0.0.1/24"`, "10.0.0.0/24"),
		cidrInput("IPv6 host bits set", "2001:db8::1/32", "without host bits set", "2001:db8::/32"),
		cidrInput("octet over 255", "10.0.0.256", "must be an IPv4 or IPv6 address", "or CIDR block", `got: "10.0.0.256"`),
		cidrInput("prefix too long", "10.0.0.0/33", "must be an IPv4 or IPv6 address", `got: "10.0.0.0/33"`),
		cidrInput("host name", "ci.example.com", "must be an IPv4 or IPv6 address", `got: "ci.example.com"`),
		cidrInput("IPv6 zone", "fe80::1%eth0", "must be an IPv4 or IPv6 address", `got: "fe80::1%eth0"`),
		cidrInput("leading zeros", "010.0.0.1", "must be an IPv4 or IPv6 address", `got: "010.0.0.1"`),
		{Name: "bare address and its /32", Attr: "cidr_blocks", Value: []string{"10.0.0.1", "10.0.0.1/32"},
			Want: []string{"Duplicate API Access List Entry", "cidr_blocks", "two spellings of the entry 10.0.0.1/32"}},
		{Name: "empty list", Attr: "cidr_blocks", Value: []string{},
			Want: []string{"Empty API Access List", "cidr_blocks must hold at least one address or CIDR block", "no restriction", "destroy this resource"}},
	}),
}

// SecretInvalidInputs are what atlasaccess_project_service_account_secret
// rejects at plan (atlasaccess_service_account_secret shares its
// validators).
var SecretInvalidInputs = InvalidInputs{
	Type: "atlasaccess_project_service_account_secret",
	Valid: func(projectID string) Attrs {
		return Attrs{"project_id": projectID, "client_id": GoodClientID, "expires_after_hours": 48, "rotate_before_hours": 24}
	},
	Cases: slices.Concat(projectIDInputs, []InvalidInput{
		clientIDInput("client ID without prefix", "0123456789abcdef01234567"),
		clientIDInput("secret prefix as client ID", "mdb_sa_sk_0123456789abcdef01234567"),
		{Name: "lifetime too short", Attr: "expires_after_hours", Value: 7,
			Want: []string{"expires_after_hours", "value must be between 8 and 8760, a whole number of hours", "got: 7"}},
		{Name: "lifetime too long", Attr: "expires_after_hours", Value: 8761,
			Want: []string{"expires_after_hours", "value must be between 8 and 8760", "got: 8761"}},
		{Name: "fractional lifetime", Attr: "expires_after_hours", Value: 24.5,
			Want: []string{"expires_after_hours", "a whole number of hours", "got: 24.5"}},
		{Name: "rotation window as long as the lifetime", Attr: "rotate_before_hours", Value: 48,
			Want: []string{"Rotation Window Too Long", "rotate_before_hours must be less than expires_after_hours (48)", "got: 48"}},
		{Name: "rotation window of no hours", Attr: "rotate_before_hours", Value: 0,
			Want: []string{"rotate_before_hours", "value must be between 1 and 8759, a whole number of hours", "got: 0"}},
		{Name: "fractional rotation window", Attr: "rotate_before_hours", Value: 1.5,
			Want: []string{"rotate_before_hours", "a whole number of hours", "got: 1.5"}},
	}),
}

// projectIDInputs are bad project IDs, which every resource rejects alike.
var projectIDInputs = []InvalidInput{
	projectIDInput("project ID far too short", "abc"),
	projectIDInput("project ID one digit short", "32b6e34b3d91647abb20e7b"),
	projectIDInput("uppercase project ID", "32B6E34B3D91647ABB20E7B8"),
	projectIDInput("project ID not hexadecimal", "zzzzzzzzzzzzzzzzzzzzzzzz"),
	projectIDInput("project ID not an ID", "not-a-project"),
}

// rolesInputs are bad role sets, which every resource rejects alike. A
// made-up but well-formed role (GROUP_ADMIN) is not among them: it plans
// with a warning and is sent to Atlas, the judge of roles added since the
// provider's list (see internal/resources/serviceaccount/project_roles_test.go).
var rolesInputs = []InvalidInput{
	typoRoleInput("misspelt role", "GROUP_READONLY", "GROUP_READ_ONLY"),
	typoRoleInput("role with a doubled letter", "GROUP_OWNERR", "GROUP_OWNER"),
	roleInput("hyphenated role", "GROUP_CLUSTER-MANAGER", "Did you mean GROUP_CLUSTER_MANAGER?"),
	roleInput("organization role", "ORG_OWNER", "ORG_OWNER is an organization role"),
	roleInput("lower-case role", "group_owner", "Did you mean GROUP_OWNER?"),
	{Name: "no roles", Attr: "roles", Value: []string{}, Want: []string{"Missing Project Role", "roles must hold at least one project role", "got: []", "GROUP_OWNER"}},
}

func projectIDInput(name, value string) InvalidInput {
	return InvalidInput{Name: name, Attr: "project_id", Value: value,
		Want: []string{"project_id", "must be a 24-character lowercase hexadecimal Atlas project ID", "got: " + value}}
}

// roleInput is a value without the form of a project role.
func roleInput(name, role, hint string) InvalidInput {
	return InvalidInput{Name: name, Attr: "roles", Value: []string{role},
		Want: []string{"Invalid Project Role", "roles", "must be a project role", "GROUP_ followed by capital letters", fmt.Sprintf("got: %q", role), hint}}
}

// typoRoleInput is a well-formed role a letter or two from a known one.
func typoRoleInput(name, role, meant string) InvalidInput {
	return InvalidInput{Name: name, Attr: "roles", Value: []string{role},
		Want: []string{"Invalid Project Role", "roles", "must be a project role", fmt.Sprintf("got: %q", role), "did you mean " + meant + "?"}}
}

func textInput(name, attr, value string, want ...string) InvalidInput {
	return InvalidInput{Name: name, Attr: attr, Value: value, Want: append([]string{attr}, want...)}
}

func hoursInput(hours int) InvalidInput {
	return InvalidInput{Name: fmt.Sprintf("%d hours", hours), Attr: "secret_expires_after_hours", Value: hours,
		Want: []string{"secret_expires_after_hours", "value must be between 8 and 8760", fmt.Sprintf("got: %d", hours)}}
}

func clientIDInput(name, value string) InvalidInput {
	return InvalidInput{Name: name, Attr: "client_id", Value: value,
		Want: []string{"client_id", "mdb_sa_id_ followed by 24 hexadecimal digits", "got: " + value}}
}

// cidrInput is an access list entry plan must reject, next to a valid one.
func cidrInput(name, value string, want ...string) InvalidInput {
	return InvalidInput{Name: name, Attr: "cidr_blocks", Value: []string{"192.0.2.1", value},
		Want: append([]string{"Invalid API Access List Entry", "cidr_blocks"}, want...)}
}

func emailInput(name, value string) InvalidInput {
	return InvalidInput{Name: name, Attr: "username", Value: value,
		Want: []string{"Invalid Email Address", "username must be an email address such as ann@example.com", fmt.Sprintf("got: %q", value)}}
}
