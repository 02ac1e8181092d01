package team

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/attrs"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/owner"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/validate"
)

// nameMaxLength is the longest team name Atlas accepts.
const nameMaxLength = 255

// notBlank matches a name with at least one character that is not a space.
var notBlank = regexp.MustCompile(`\S`)

// nameValidators check a team name at plan time.
func nameValidators() []validator.String {
	return []validator.String{
		stringvalidator.UTF8LengthBetween(1, nameMaxLength),
		blankName{},
	}
}

// blankName refuses a name of spaces alone, quoting it (the framework's
// regular expression error would print the spaces bare, invisible).
type blankName struct{}

func (blankName) Description(context.Context) string { return "must not be blank" }

func (b blankName) MarkdownDescription(ctx context.Context) string { return b.Description(ctx) }

func (blankName) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() || req.ConfigValue.ValueString() == "" || notBlank.MatchString(req.ConfigValue.ValueString()) {
		return
	}
	resp.Diagnostics.AddAttributeError(req.Path, "Invalid Attribute Value",
		fmt.Sprintf("Attribute %s must not be blank, got: %q. Give the team a name with at least one letter, digit or other visible character.",
			req.Path, req.ConfigValue.ValueString()))
}

// teamIDValidators check a team ID at plan time.
func teamIDValidators() []validator.String {
	return []validator.String{
		stringvalidator.RegexMatches(regexp.MustCompile(validate.ObjectIDPattern),
			"must be a 24-character lowercase hexadecimal Atlas team ID (pattern "+validate.ObjectIDPattern+")"),
	}
}

// usernamesValidators check the members at plan time: email addresses, no
// person twice in another letter case.
func usernamesValidators() []validator.Set {
	return []validator.Set{
		setvalidator.ValueStringsAre(validate.Email()...),
		distinctUsernames{},
	}
}

func resourceSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "A team of an Atlas organization and its whole membership.\n\n" +
			"It is built on the Atlas Administration API `/orgs/{orgId}/teams` (version 2023-01-01) and, for members, " +
			"`:addUser` and `:removeUser` (version 2025-02-19). The provider's credentials need the Organization Owner role.\n\n" +
			"**Authoritative membership.** `usernames` is the whole membership: a person added to the team outside Terraform " +
			"(the Atlas UI, another tool) is removed by the next apply, and the plan warns, naming who will be removed. " +
			"Members must already be in the organization (active or invited): declare them with `atlasaccess_org_user` " +
			"and reference its `username`, so that Terraform invites them before adding them to the team.\n\n" +
			"**Project roles** of the team are managed by `atlasaccess_project_team`. Atlas refuses to delete a team that still holds " +
			"roles in a project: reference this resource's `team_id` from `atlasaccess_project_team` and Terraform removes those first.",
		Attributes: map[string]schema.Attribute{
			"id":     attrs.ResourceID("Identifier of the resource: `org_id/team_id`, also an import ID."),
			"org_id": owner.Org.ReplacingAttribute("ID of the Atlas organization (24 hexadecimal digits). Changing it replaces the team."),
			"name": schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("Name of the team, 1 to %d characters, not blank, unique in the organization (Atlas compares names exactly). "+
					"Changing it renames the team in place.", nameMaxLength),
				Required:   true,
				Validators: nameValidators(),
			},
			"usernames": schema.SetAttribute{
				MarkdownDescription: "Email addresses of every member of the team (may be empty). Each must be an active or invited user of the organization. " +
					"Compared without regard to letter case: `Ann@example.com` and `ann@example.com` are the same person and never produce a diff. " +
					"Members are added and removed in place.",
				Required:    true,
				ElementType: types.StringType,
				Validators:  usernamesValidators(),
			},
			"team_id": schema.StringAttribute{
				MarkdownDescription: "Atlas ID of the team (24 hexadecimal digits).",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
		},
	}
}

// distinctUsernames rejects a set naming one person twice in different
// letter case: Atlas holds one user per address, whatever its case.
type distinctUsernames struct{}

var _ validator.Set = distinctUsernames{}

func (distinctUsernames) Description(context.Context) string {
	return "each person at most once, email addresses compared without regard to letter case"
}

func (v distinctUsernames) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (distinctUsernames) ValidateSet(ctx context.Context, req validator.SetRequest, resp *validator.SetResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	seen := map[string]string{}
	for _, el := range req.ConfigValue.Elements() {
		s, ok := el.(types.String)
		if !ok || s.IsNull() || s.IsUnknown() {
			continue
		}
		lower := strings.ToLower(s.ValueString())
		if other, dup := seen[lower]; dup {
			resp.Diagnostics.AddAttributeError(req.Path, "Duplicate Team Member",
				fmt.Sprintf("Attribute %s names %q and %q, which are the same person: Atlas compares email addresses without regard to letter case. List each person once.",
					req.Path, other, s.ValueString()))
			return
		}
		seen[lower] = s.ValueString()
	}
}
