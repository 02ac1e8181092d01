package validate

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/agext/levenshtein"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// Role names. Atlas's role vocabulary grows (the Admin API spec dropped its
// role enums in early 2026, and the roles its operations require name
// project roles that the last enum lacked), so a role is checked in three
// steps rather than against a closed list:
//
//   - A value that does not have the form of a role (ProjectRolePattern,
//     OrgRolePattern) is an error.
//   - A value within RoleTypoDistance edits of a known role, but not that
//     role, is an error that suggests the known role: a typo would otherwise
//     only fail at apply, or worse, grant a role nobody meant.
//   - Any other well-formed value is a warning naming the known roles, and
//     is sent to Atlas, which is the judge of roles added after this list.
const (
	// ProjectRolePattern is the form of every project role Atlas documents.
	ProjectRolePattern = `^GROUP_[A-Z][A-Z0-9_]*$`
	// OrgRolePattern is the form of every organization role Atlas documents.
	OrgRolePattern = `^ORG_[A-Z][A-Z0-9_]*$`
	// RoleTypoDistance is the largest Levenshtein distance (insertions,
	// deletions and substitutions of single characters) at which an
	// unknown role counts as a misspelling of a known one: two edits catch
	// a dropped, doubled or swapped letter or underscore. Known roles are
	// further apart than that (TestKnownRolesAreFarApart), so a slip from
	// one known role never lands on another.
	RoleTypoDistance = 2
)

// ProjectRoles are the project roles this provider knows, and plans
// without a warning. Sources:
//   - The first 11 are the values of the project-role enum of the Atlas
//     Admin API v2 spec, as last published (January 2026) before the spec
//     made roles plain strings.
//   - The others are roles that the current spec's operations require by
//     display name (x-rolesRequirements, such as "Project Access Manager"),
//     with the API name that the MongoDB documentation page "Atlas User
//     Roles" gives in its "Project Role (API, CLI)" column. Only roles that
//     both name are here. Roles the documentation lists but no operation
//     requires yet (such as Project Trigger Manager), and roles an
//     operation requires but whose API name was not found (Project Stream
//     Processing Manager), are planned with a warning and sent as written.
//
// atlassim.DefaultRoles holds the same list (roles_pin_test.go).
var ProjectRoles = []string{
	"GROUP_OWNER",
	"GROUP_READ_ONLY",
	"GROUP_DATA_ACCESS_ADMIN",
	"GROUP_DATA_ACCESS_READ_ONLY",
	"GROUP_DATA_ACCESS_READ_WRITE",
	"GROUP_CLUSTER_MANAGER",
	"GROUP_SEARCH_INDEX_EDITOR",
	"GROUP_STREAM_PROCESSING_OWNER",
	"GROUP_BACKUP_MANAGER",
	"GROUP_OBSERVABILITY_VIEWER",
	"GROUP_DATABASE_ACCESS_ADMIN",
	// Named by the spec's x-rolesRequirements and the user roles page.
	"GROUP_ACCESS_MANAGER",            // Project Access Manager
	"GROUP_NETWORK_ACCESS_MANAGER",    // Project Network Access Manager
	"GROUP_ALERTS_MANAGER",            // Project Alerts Manager
	"GROUP_BACKUP_CREATOR",            // Project Backup Creator
	"GROUP_BACKUP_EXPORT_OPERATOR",    // Project Backup Export Operator
	"GROUP_BACKUP_RECOVERY_OPERATOR",  // Project Backup Recovery Operator
	"GROUP_CLUSTER_CREATOR",           // Project Cluster Creator
	"GROUP_CLUSTER_LOG_VIEWER",        // Project Cluster Log Viewer
	"GROUP_CLUSTER_RESILIENCE_TESTER", // Project Cluster Resilience Tester
	"GROUP_INDEX_MANAGER",             // Project Index Manager
	"GROUP_MODEL_OWNER",               // Project Model Owner
	"GROUP_REPLICA_SET_MANAGER",       // Project Replica Set Manager
	"GROUP_SUPPORT_ACCESS_MANAGER",    // Project Support Access Manager
}

// OrganizationRoles are the organization roles this provider knows: the
// organization-role enum of the Atlas Admin API v2 spec
// (OrgServiceAccountRequest.roles), which the spec still publishes.
var OrganizationRoles = []string{
	"ORG_OWNER",
	"ORG_MEMBER",
	"ORG_GROUP_CREATOR",
	"ORG_BILLING_ADMIN",
	"ORG_BILLING_READ_ONLY",
	"ORG_STREAM_PROCESSING_ADMIN",
	"ORG_READ_ONLY",
}

// roleVocabulary is one kind of role: its form and its known names.
type roleVocabulary struct {
	kind    string // "project" or "organization"
	article string // "a" or "an", before kind
	title   string // for diagnostic summaries
	form    string // the form in words
	pattern *regexp.Regexp
	known   []string
	// otherKind and otherPrefix explain a role of the other kind.
	otherKind, otherPrefix string
}

var (
	projectVocabulary = &roleVocabulary{
		kind: "project", article: "a", title: "Project", pattern: regexp.MustCompile(ProjectRolePattern), known: ProjectRoles,
		form:      "GROUP_ followed by capital letters, digits and underscores (pattern " + ProjectRolePattern + ")",
		otherKind: "an organization role", otherPrefix: "ORG_",
	}
	orgVocabulary = &roleVocabulary{
		kind: "organization", article: "an", title: "Organization", pattern: regexp.MustCompile(OrgRolePattern), known: OrganizationRoles,
		form:      "ORG_ followed by capital letters, digits and underscores (pattern " + OrgRolePattern + ")",
		otherKind: "a project role", otherPrefix: "GROUP_",
	}
)

// roleVerdict is what the validator makes of one role.
type roleVerdict int

const (
	roleKnown     roleVerdict = iota // a known role: no diagnostic
	roleUnknown                      // well formed, not known: warning, sent to Atlas
	roleMalformed                    // not the form of a role: error
	roleTypo                         // within RoleTypoDistance of a known role: error
)

// classify says what role s is, and the known role it is closest to when
// that is worth suggesting.
func (v *roleVocabulary) classify(s string) (roleVerdict, string) {
	for _, k := range v.known {
		if s == k {
			return roleKnown, ""
		}
	}
	suggestion := v.nearest(s)
	if upper := strings.ToUpper(s); suggestion == "" && upper != s {
		suggestion = v.nearest(upper)
	}
	switch {
	case !v.pattern.MatchString(s):
		return roleMalformed, suggestion
	case suggestion != "":
		return roleTypo, suggestion
	}
	return roleUnknown, ""
}

// nearest names the known roles closest to s within RoleTypoDistance
// ("A" or "A or B" on a tie); "" if none is that close.
func (v *roleVocabulary) nearest(s string) string { return nearestOf(v.known, s) }

// nearestOf names the values of known closest to s within RoleTypoDistance
// ("A" or "A or B" on a tie); "" if none is that close.
func nearestOf(known []string, s string) string {
	var best []string
	bestDistance := RoleTypoDistance + 1
	for _, k := range known {
		switch d := levenshtein.Distance(s, k, nil); {
		case d < bestDistance:
			best, bestDistance = []string{k}, d
		case d == bestDistance && d <= RoleTypoDistance:
			best = append(best, k)
		}
	}
	return strings.Join(best, " or ")
}

// knownList is the known roles, comma-separated, for diagnostics.
func (v *roleVocabulary) knownList() string { return strings.Join(v.known, ", ") }

// markdown lists the known roles for attribute documentation, to follow
// "at least one of".
func (v *roleVocabulary) markdown() string {
	quoted := make([]string, len(v.known))
	for i, r := range v.known {
		quoted[i] = "`" + r + "`"
	}
	return strings.Join(quoted, ", ") + " (the " + v.kind + " roles this provider knows). " +
		"Atlas adds roles over time: another value of the form `" + v.pattern.String() + "` is planned with a warning and sent to Atlas, " +
		"which rejects it if it is not a role; a value within " + fmt.Sprint(RoleTypoDistance) + " letters of a known role is taken for a typo and is an error"
}

// Roles validates a set of project roles: at least one, each of the form
// of a project role and not a near miss of a known one (see ProjectRoles).
func Roles() []validator.Set {
	return []validator.Set{
		noRoles{projectVocabulary},
		setvalidator.ValueStringsAre(roleValidator{projectVocabulary}),
	}
}

// OrgRoles validates a set of organization roles by the same rules as
// Roles, against OrganizationRoles.
func OrgRoles() []validator.Set {
	return []validator.Set{
		noRoles{orgVocabulary},
		setvalidator.ValueStringsAre(roleValidator{orgVocabulary}),
	}
}

// RolesMarkdown describes the allowed project roles for attribute
// documentation; it reads on from "at least one of".
func RolesMarkdown() string { return projectVocabulary.markdown() }

// OrgRolesMarkdown describes the allowed organization roles for attribute
// documentation; it reads on from "at least one of".
func OrgRolesMarkdown() string { return orgVocabulary.markdown() }

// noRoles refuses an empty set of roles, naming the attribute and the
// roles it takes (the framework's "set must contain at least 1 elements"
// names neither).
type noRoles struct{ v *roleVocabulary }

var _ validator.Set = noRoles{}

func (n noRoles) Description(context.Context) string {
	return fmt.Sprintf("set must hold at least one %s role", n.v.kind)
}

func (n noRoles) MarkdownDescription(ctx context.Context) string { return n.Description(ctx) }

func (n noRoles) ValidateSet(_ context.Context, req validator.SetRequest, resp *validator.SetResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() || len(req.ConfigValue.Elements()) > 0 {
		return
	}
	resp.Diagnostics.AddAttributeError(req.Path, "Missing "+n.v.title+" Role",
		fmt.Sprintf("Attribute %s must hold at least one %s role, got: [] (no roles). The %s roles this provider knows are %s; "+
			"another role of the form %s is accepted with a warning.", req.Path, n.v.kind, n.v.kind, n.v.knownList(), n.v.form))
}

// AtLeastOne refuses an empty set with an error under summary ("Missing
// Database Role") naming the attribute and what it must hold (what: "database
// role, such as ...").
func AtLeastOne(summary, what string) validator.Set { return atLeastOne{summary, what} }

type atLeastOne struct{ summary, what string }

func (a atLeastOne) Description(context.Context) string {
	return "set must hold at least one " + a.what
}

func (a atLeastOne) MarkdownDescription(ctx context.Context) string { return a.Description(ctx) }

func (a atLeastOne) ValidateSet(_ context.Context, req validator.SetRequest, resp *validator.SetResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() || len(req.ConfigValue.Elements()) > 0 {
		return
	}
	resp.Diagnostics.AddAttributeError(req.Path, a.summary,
		fmt.Sprintf("Attribute %s must hold at least one %s, got: [] (no elements).", req.Path, a.what))
}

// roleValidator checks one role of a set.
type roleValidator struct{ v *roleVocabulary }

var _ validator.String = roleValidator{}

func (rv roleValidator) Description(context.Context) string {
	return fmt.Sprintf("value must be %s %s role: %s; a role other than %s draws a warning", rv.v.article, rv.v.kind, rv.v.form, rv.v.knownList())
}

func (rv roleValidator) MarkdownDescription(ctx context.Context) string { return rv.Description(ctx) }

func (rv roleValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	s := req.ConfigValue.ValueString()
	verdict, suggestion := rv.v.classify(s)
	didYouMean := ""
	if suggestion != "" {
		didYouMean = " Did you mean " + suggestion + "?"
	}
	switch verdict {
	case roleMalformed:
		hint := ""
		if strings.HasPrefix(s, rv.v.otherPrefix) {
			hint = fmt.Sprintf(" %s is %s, which this attribute does not take.", s, rv.v.otherKind)
		}
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid "+rv.v.title+" Role",
			fmt.Sprintf("Attribute %s must be %s %s role: %s, got: %q.%s%s", req.Path, rv.v.article, rv.v.kind, rv.v.form, s, hint, didYouMean))
	case roleTypo:
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid "+rv.v.title+" Role",
			fmt.Sprintf("Attribute %s must be %s %s role, got: %q, which is within %d letters of the known role %s but is not it: did you mean %s? "+
				"If Atlas has added a role of this name, this provider version cannot tell it from a typo: use a version that knows it.",
				req.Path, rv.v.article, rv.v.kind, s, RoleTypoDistance, suggestion, suggestion))
	case roleUnknown:
		resp.Diagnostics.AddAttributeWarning(req.Path, "Unknown "+rv.v.title+" Role",
			fmt.Sprintf("Attribute %s holds %q, which is not one of the %s roles this provider knows (%s). "+
				"It is sent to Atlas as written: if it is a role Atlas added since, this is fine; if not, Atlas rejects it at apply with 400 Bad Request. "+
				"Check its spelling against the Atlas user roles documentation.",
				req.Path, s, rv.v.kind, rv.v.knownList()))
	}
}
