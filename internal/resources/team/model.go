package team

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

// teamModel is the state of atlasaccess_team.
type teamModel struct {
	ID        types.String `tfsdk:"id"`
	OrgID     types.String `tfsdk:"org_id"`
	Name      types.String `tfsdk:"name"`
	Usernames types.Set    `tfsdk:"usernames"`
	TeamID    types.String `tfsdk:"team_id"`
}

func resourceID(orgID, teamID string) string { return orgID + "/" + teamID }

// setFromAPI copies what Atlas reports into m: the team t and its members'
// usernames. Usernames keep the spelling m already holds for the same
// person, so that letter case never produces a diff.
func (m *teamModel) setFromAPI(ctx context.Context, orgID string, t *client.Team, members []string) diag.Diagnostics {
	m.OrgID = types.StringValue(orgID)
	m.TeamID = types.StringValue(t.ID)
	m.ID = types.StringValue(resourceID(orgID, t.ID))
	m.Name = types.StringValue(t.Name)
	known, d := stringsOf(ctx, m.Usernames)
	m.Usernames = usernamesSet(keepSpelling(members, known))
	return d
}

// stringsOf reads a set of strings; null or unknown is empty.
func stringsOf(ctx context.Context, set types.Set) ([]string, diag.Diagnostics) {
	if set.IsNull() || set.IsUnknown() {
		return nil, nil
	}
	var out []string
	d := set.ElementsAs(ctx, &out, false)
	return out, d
}

// fullyKnown reports whether set and every element of it are known.
func fullyKnown(set types.Set) bool {
	if set.IsUnknown() {
		return false
	}
	for _, el := range set.Elements() {
		if el.IsUnknown() {
			return false
		}
	}
	return true
}

// usernamesSet is a set of usernames, sorted.
func usernamesSet(usernames []string) types.Set {
	sorted := slices.Clone(usernames)
	slices.Sort(sorted)
	elems := make([]attr.Value, len(sorted))
	for i, u := range sorted {
		elems[i] = types.StringValue(u)
	}
	return types.SetValueMust(types.StringType, elems)
}

// keepSpelling returns names, each replaced by the spelling of the same
// person (compared without regard to case) in known, if there is one.
func keepSpelling(names, known []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = n
		for _, k := range known {
			if strings.EqualFold(n, k) {
				out[i] = k
				break
			}
		}
	}
	return out
}

// missingFrom returns the names of a that b lacks, compared without regard
// to case, sorted.
func missingFrom(a, b []string) []string {
	var out []string
	for _, n := range a {
		if !slices.ContainsFunc(b, func(o string) bool { return strings.EqualFold(n, o) }) {
			out = append(out, n)
		}
	}
	slices.Sort(out)
	return out
}

// importIDForm names the accepted import ID forms, for error messages.
const importIDForm = "org_id/team_id or org_id/team name (for example 5f1e2d3c4b5a69788796a5b4/65a1b2c3d4e5f60718293a4b or 5f1e2d3c4b5a69788796a5b4/Platform team)"

// parseImportID parses "org_id/team_id" or "org_id/team name". It splits at
// the first slash only, since a team name may contain one; a second part of
// 24 lowercase hexadecimal digits is a team ID.
func parseImportID(id string) (orgID, teamID, name string, err error) {
	orgID, rest, ok := strings.Cut(id, "/")
	switch {
	case !ok || orgID == "" || rest == "":
		return "", "", "", fmt.Errorf("expected %s, got %q", importIDForm, id)
	case !validate.IsObjectID(orgID):
		return "", "", "", fmt.Errorf("org_id %q must be 24 lowercase hexadecimal digits; expected %s", orgID, importIDForm)
	case validate.IsObjectID(rest):
		return orgID, rest, "", nil
	case len(rest) > nameMaxLength || !notBlank.MatchString(rest):
		return "", "", "", fmt.Errorf("team name %q must be 1 to %d characters and not blank; expected %s", rest, nameMaxLength, importIDForm)
	}
	return orgID, "", rest, nil
}
