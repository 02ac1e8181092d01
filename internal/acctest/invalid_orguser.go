package acctest

import (
	"fmt"
	"slices"
)

// OrgUserType is the type name of the organization user resource.
const OrgUserType = "atlasaccess_org_user"

// OrgUserInvalidInputs are what atlasaccess_org_user rejects at plan. It
// lives in an organization: Valid (and Config) take the organization ID
// where the project resources take a project ID.
var OrgUserInvalidInputs = InvalidInputs{
	Type: OrgUserType,
	Valid: func(orgID string) Attrs {
		return Attrs{"org_id": orgID, "username": "ann@example.com", "roles": []string{"ORG_MEMBER"}}
	},
	Cases: slices.Concat(orgIDInputs, []InvalidInput{
		emailInput("bare name", "ann"),
		emailInput("no @", "ann.example.com"),
		emailInput("display name", "Ann <ann@example.com>"),
		{Name: "no roles", Attr: "roles", Value: []string{}, Want: []string{"Missing Organization Role", "roles must hold at least one organization role", "got: []", "ORG_MEMBER"}},
		orgTypoRoleInput("misspelt role", "ORG_READONLY", "ORG_READ_ONLY"),
		orgTypoRoleInput("role with a doubled letter", "ORG_OWNERR", "ORG_OWNER"),
		orgRoleInput("project role", "GROUP_OWNER", "GROUP_OWNER is a project role, which this attribute does not take"),
		orgRoleInput("lower-case role", "org_owner", "Did you mean ORG_OWNER?"),
		orgRoleInput("hyphenated role", "ORG-MEMBER", ""),
	}),
}

// orgIDInputs are bad organization IDs.
var orgIDInputs = []InvalidInput{
	orgIDInput("organization ID far too short", "abc"),
	orgIDInput("organization ID one digit short", "32b6e34b3d91647abb20e7b"),
	orgIDInput("uppercase organization ID", "32B6E34B3D91647ABB20E7B8"),
	orgIDInput("organization ID not an ID", "my-org"),
}

func orgIDInput(name, value string) InvalidInput {
	return InvalidInput{Name: name, Attr: "org_id", Value: value,
		Want: []string{"org_id", "must be a 24-character lowercase hexadecimal Atlas organization ID", "got: " + value}}
}

// orgRoleInput is a value without the form of an organization role.
func orgRoleInput(name, role, hint string) InvalidInput {
	want := []string{"Invalid Organization Role", "roles", "must be an organization role", "ORG_ followed by capital letters", fmt.Sprintf("got: %q", role)}
	if hint != "" {
		want = append(want, hint)
	}
	return InvalidInput{Name: name, Attr: "roles", Value: []string{role}, Want: want}
}

// orgTypoRoleInput is a well-formed organization role a letter or two from
// a known one.
func orgTypoRoleInput(name, role, meant string) InvalidInput {
	return InvalidInput{Name: name, Attr: "roles", Value: []string{role},
		Want: []string{"Invalid Organization Role", "roles", "must be an organization role", fmt.Sprintf("got: %q", role), "did you mean " + meant + "?"}}
}
