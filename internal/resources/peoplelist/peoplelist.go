// Package peoplelist holds what the lists of people share: for the data
// sources (atlasaccess_project_users, atlasaccess_org_users), the statuses
// filter and how it is read, the attributes that describe a person in every
// such list, and the order of the list; for the list resources of
// atlasaccess_org_user and atlasaccess_project_user_invite, their whole
// skeleton (List).
package peoplelist

import (
	"context"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

// allStatuses are the organization membership statuses the API documents
// (orgMembershipStatuses).
var allStatuses = client.AllUserStatuses()

// StatusesMarkdown is every organization membership status as inline code,
// for descriptions.
func StatusesMarkdown() string { return "`" + strings.Join(allStatuses, "`, `") + "`" }

// StatusesAttribute is the optional statuses filter of a list of people.
func StatusesAttribute() schema.SetAttribute {
	return schema.SetAttribute{
		Optional:    true,
		ElementType: types.StringType,
		Validators: []validator.Set{
			setvalidator.SizeAtLeast(1),
			setvalidator.ValueStringsAre(stringvalidator.OneOf(allStatuses...)),
		},
		MarkdownDescription: "Organization membership statuses to list, any of " + StatusesMarkdown() + ". " +
			"Default: `ACTIVE` and `PENDING`, the people who have or may soon have access (what Atlas lists when asked for no status). " +
			"Add `INVITATION_EXPIRED` and `INVITATION_REJECTED` to see invitations that gave no access.",
	}
}

// PersonAttributes are the attributes of one person that every list of
// people has (user_id, username, status), with those only this list has.
func PersonAttributes(more map[string]schema.Attribute) map[string]schema.Attribute {
	out := map[string]schema.Attribute{
		"user_id":  schema.StringAttribute{Computed: true, MarkdownDescription: "Atlas ID of the user (24 hexadecimal digits)."},
		"username": schema.StringAttribute{Computed: true, MarkdownDescription: "Email address of the person, which is their Atlas username."},
		"status": schema.StringAttribute{Computed: true, MarkdownDescription: "Organization membership of the person: one of " +
			StatusesMarkdown() + "."},
	}
	for name, a := range more {
		out[name] = a
	}
	return out
}

// Statuses reads the statuses filter, or defaults when it is null, sorted so
// that the query, and the request log, is the same however the
// configuration orders them.
func Statuses(ctx context.Context, set types.Set, defaults []string) ([]string, diag.Diagnostics) {
	statuses := defaults
	if !set.IsNull() {
		var wanted []string
		if d := set.ElementsAs(ctx, &wanted, false); d.HasError() {
			return nil, d
		}
		statuses = wanted
	}
	out := slices.Clone(statuses)
	slices.Sort(out)
	return out, nil
}

// SortByUsername returns people sorted by username without regard to case
// (Atlas compares usernames so), then by user ID, as key gives them. Atlas's
// own order is not documented, and a list that reorders itself would show a
// change in every plan that reads it.
func SortByUsername[T any](people []T, key func(T) (username, userID string)) []T {
	sorted := slices.Clone(people)
	slices.SortStableFunc(sorted, func(a, b T) int {
		ua, ia := key(a)
		ub, ib := key(b)
		if c := strings.Compare(strings.ToLower(ua), strings.ToLower(ub)); c != 0 {
			return c
		}
		return strings.Compare(ia, ib)
	})
	return sorted
}
