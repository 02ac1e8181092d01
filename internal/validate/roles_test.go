package validate

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/agext/levenshtein"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// runSet runs set validators on roles and returns their diagnostics.
func runSet(t *testing.T, vs []validator.Set, roles ...string) diag.Diagnostics {
	t.Helper()
	vals := make([]types.String, len(roles))
	for i, r := range roles {
		vals[i] = types.StringValue(r)
	}
	set, d := types.SetValueFrom(context.Background(), types.StringType, vals)
	if d.HasError() {
		t.Fatal(d)
	}
	var out diag.Diagnostics
	for _, v := range vs {
		resp := &validator.SetResponse{}
		v.ValidateSet(context.Background(), validator.SetRequest{Path: path.Root("roles"), ConfigValue: set}, resp)
		out.Append(resp.Diagnostics...)
	}
	return out
}

func details(ds diag.Diagnostics) string {
	var msgs []string
	for _, d := range ds {
		msgs = append(msgs, d.Summary()+": "+d.Detail())
	}
	return strings.Join(msgs, "\n")
}

func TestRoles(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		validators []validator.Set
		roles      []string
		wantErr    []string // substrings of the errors, in any order; nil means none
		wantWarn   []string // substrings of the warnings; nil means none
	}{
		"one role":               {Roles(), []string{"GROUP_OWNER"}, nil, nil},
		"every known role":       {Roles(), ProjectRoles, nil, nil},
		"a newer documented one": {Roles(), []string{"GROUP_ACCESS_MANAGER", "GROUP_NETWORK_ACCESS_MANAGER"}, nil, nil},
		"empty":                  {Roles(), nil, []string{"must hold at least one"}, nil},
		"typo: missing underscore": {Roles(), []string{"GROUP_READONLY"},
			[]string{`roles[Value("GROUP_READONLY")]`, `got: "GROUP_READONLY"`, "did you mean GROUP_READ_ONLY?"}, nil},
		"typo: plural": {Roles(), []string{"GROUP_OWNERS"}, []string{"did you mean GROUP_OWNER?"}, nil},
		"typo: between two roles": {Roles(), []string{"GROUP_DATABA_ACCESS_ADMIN"},
			[]string{"did you mean GROUP_DATA_ACCESS_ADMIN or GROUP_DATABASE_ACCESS_ADMIN?"}, nil},
		"typo: two letters swapped": {Roles(), []string{"GROUP_CLUSTER_MANGAER"},
			[]string{"did you mean GROUP_CLUSTER_MANAGER?"}, nil},
		"made-up but well formed": {Roles(), []string{"GROUP_ADMIN"}, nil,
			[]string{"Unknown Project Role", `roles[Value("GROUP_ADMIN")]`, `"GROUP_ADMIN"`, "GROUP_OWNER, GROUP_READ_ONLY", "sent to Atlas as written"}},
		// Roles the Atlas documentation lists, or the spec requires, without
		// the two agreeing on an API name: a warning, never an error.
		"documented, not confirmed: trigger manager": {Roles(), []string{"GROUP_TRIGGER_MANAGER"}, nil, []string{"GROUP_TRIGGER_MANAGER"}},
		"documented, not confirmed: real-time":       {Roles(), []string{"GROUP_REAL_TIME_PERFORMANCE_OPERATOR"}, nil, []string{"GROUP_REAL_TIME_PERFORMANCE_OPERATOR"}},
		"required, no API name: stream manager":      {Roles(), []string{"GROUP_STREAM_PROCESSING_MANAGER"}, nil, []string{"GROUP_STREAM_PROCESSING_MANAGER"}},
		"organization role": {Roles(), []string{"ORG_OWNER"},
			[]string{"must be a project role", ProjectRolePattern, `got: "ORG_OWNER"`, "ORG_OWNER is an organization role"}, nil},
		"lower case": {Roles(), []string{"group_owner"},
			[]string{"must be a project role", ProjectRolePattern, `got: "group_owner"`, "Did you mean GROUP_OWNER?"}, nil},
		"hyphen": {Roles(), []string{"GROUP_CLUSTER-MANAGER"},
			[]string{ProjectRolePattern, "Did you mean GROUP_CLUSTER_MANAGER?"}, nil},
		"prefix only":  {Roles(), []string{"GROUP_"}, []string{ProjectRolePattern}, nil},
		"digit first":  {Roles(), []string{"GROUP_1OWNER"}, []string{ProjectRolePattern}, nil},
		"space around": {Roles(), []string{" GROUP_OWNER"}, []string{ProjectRolePattern, "Did you mean GROUP_OWNER?"}, nil},
		"one good, one unknown, one typo": {Roles(), []string{"GROUP_OWNER", "GROUP_FUTURE_ROLE", "GROUP_READ_ONLYY"},
			[]string{"did you mean GROUP_READ_ONLY?"}, []string{"GROUP_FUTURE_ROLE"}},

		"org: one role":        {OrgRoles(), []string{"ORG_MEMBER"}, nil, nil},
		"org: every known":     {OrgRoles(), OrganizationRoles, nil, nil},
		"org: empty":           {OrgRoles(), nil, []string{"must hold at least one"}, nil},
		"org: typo":            {OrgRoles(), []string{"ORG_READONLY"}, []string{"Invalid Organization Role", "did you mean ORG_READ_ONLY?"}, nil},
		"org: unknown":         {OrgRoles(), []string{"ORG_FUTURE_ROLE"}, nil, []string{"Unknown Organization Role", "ORG_OWNER, ORG_MEMBER"}},
		"org: a project role":  {OrgRoles(), []string{"GROUP_OWNER"}, []string{OrgRolePattern, "GROUP_OWNER is a project role"}, nil},
		"org: lower case":      {OrgRoles(), []string{"org_owner"}, []string{OrgRolePattern, "Did you mean ORG_OWNER?"}, nil},
		"org: made-up and far": {OrgRoles(), []string{"ORG_SECURITY_AUDITOR"}, nil, []string{"ORG_SECURITY_AUDITOR"}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			ds := runSet(t, tc.validators, tc.roles...)
			errs, warns := details(ds.Errors()), details(ds.Warnings())
			check := func(kind, got string, want []string) {
				if (got == "") != (want == nil) {
					t.Fatalf("%s: got %q, want %q", kind, got, want)
				}
				for _, w := range want {
					if !strings.Contains(got, w) {
						t.Errorf("%s %q does not contain %q", kind, got, w)
					}
				}
			}
			check("errors", errs, tc.wantErr)
			check("warnings", warns, tc.wantWarn)
		})
	}
}

// TestKnownRolesAreFarApart keeps the typo rule sound: a slip of up to
// RoleTypoDistance letters from one known role must not land on another
// known role, which would then be granted without a word.
func TestKnownRolesAreFarApart(t *testing.T) {
	t.Parallel()
	for _, known := range [][]string{ProjectRoles, OrganizationRoles} {
		for i, a := range known {
			for _, b := range known[i+1:] {
				if d := levenshtein.Distance(a, b, nil); d <= RoleTypoDistance {
					t.Errorf("%s and %s are %d edits apart: a typo of one is the other", a, b, d)
				}
			}
		}
		if sorted := slices.Sorted(slices.Values(known)); len(slices.Compact(sorted)) != len(known) {
			t.Errorf("a role is listed twice: %q", known)
		}
	}
}

func TestRolesMarkdown(t *testing.T) {
	t.Parallel()
	md := RolesMarkdown()
	for _, want := range []string{"`GROUP_OWNER`", "`GROUP_ACCESS_MANAGER`", ProjectRolePattern, "warning"} {
		if !strings.Contains(md, want) {
			t.Errorf("RolesMarkdown() = %q: missing %q", md, want)
		}
	}
	if md := OrgRolesMarkdown(); !strings.Contains(md, "`ORG_OWNER`") || strings.Contains(md, "GROUP_OWNER") {
		t.Errorf("OrgRolesMarkdown() = %q", md)
	}
}

func FuzzRoles(f *testing.F) {
	for _, s := range []string{"GROUP_OWNER", "GROUP_READONLY", "group_owner", "ORG_OWNER", "GROUP_", "", "GROUP_Ω", "GROUP_FUTURE_ROLE"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, v := range []*roleVocabulary{projectVocabulary, orgVocabulary} {
			verdict, suggestion := v.classify(s)
			known := slices.Contains(v.known, s)
			switch {
			case (verdict == roleKnown) != known:
				t.Fatalf("%s: classify(%q) = %v, known %v", v.kind, s, verdict, known)
			case verdict == roleUnknown && !v.pattern.MatchString(s):
				t.Fatalf("%s: malformed %q classified unknown (sent to Atlas)", v.kind, s)
			case verdict == roleTypo && (suggestion == "" || levenshtein.Distance(s, strings.Split(suggestion, " or ")[0], nil) > RoleTypoDistance):
				t.Fatalf("%s: typo %q suggests %q", v.kind, s, suggestion)
			case suggestion != "" && slices.ContainsFunc(strings.Split(suggestion, " or "), func(r string) bool { return !slices.Contains(v.known, r) }):
				t.Fatalf("%s: %q suggests unknown %q", v.kind, s, suggestion)
			}
		}
	})
}

func TestOneOfSuggesting(t *testing.T) {
	t.Parallel()
	actions := []string{"FIND", "INSERT", "REMOVE", "UPDATE", "LIST_COLLECTIONS", "LIST_INDEXES"}
	for name, tc := range map[string]struct {
		value string
		want  []string // nil: no error
	}{
		"known":                {"FIND", nil},
		"lower case":           {"find", []string{"value must be one of the privilege actions", `got: "find"`, "Did you mean FIND?", `Allowed values: ["FIND"`}},
		"typo":                 {"INSRET", []string{`got: "INSRET"`, "Did you mean INSERT?"}},
		"lower case with typo": {"list_colections", []string{"Did you mean LIST_COLLECTIONS?"}},
		"nothing close":        {"DROP_EVERYTHING", []string{`got: "DROP_EVERYTHING"`, "Allowed values"}},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			req := validator.StringRequest{Path: path.Root("action"), ConfigValue: types.StringValue(tc.value)}
			var resp validator.StringResponse
			OneOfSuggesting("privilege action", actions...).ValidateString(context.Background(), req, &resp)
			if tc.want == nil {
				if resp.Diagnostics.HasError() {
					t.Fatalf("%q: unexpected error %v", tc.value, resp.Diagnostics)
				}
				return
			}
			if !resp.Diagnostics.HasError() {
				t.Fatalf("%q: no error", tc.value)
			}
			detail := resp.Diagnostics.Errors()[0].Detail()
			at := 0
			for _, w := range tc.want {
				i := strings.Index(detail[at:], w)
				if i < 0 {
					t.Fatalf("%q: detail lacks %q after position %d: %s", tc.value, w, at, detail)
				}
				at += i + len(w)
			}
			if name == "nothing close" && strings.Contains(detail, "Did you mean") {
				t.Fatalf("%q: suggests a value that is not close: %s", tc.value, detail)
			}
		})
	}
}
