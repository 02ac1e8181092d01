package projectaccesslist

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/attrs"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/owner"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/validate"
)

// maxCommentLength is Atlas's maxLength of an entry's comment.
const maxCommentLength = 80

// securityGroupPattern is an AWS security group ID, optionally after the
// 12-digit AWS account ID that owns it and "/".
var securityGroupPattern = regexp.MustCompile(`^([0-9]{12}/)?sg-([0-9a-f]{8}|[0-9a-f]{17})$`)

const securityGroupForm = "`sg-` and 8 or 17 lowercase hexadecimal digits (`sg-0123abcd`), optionally after the 12-digit AWS account ID and `/`"

func resourceSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "The whole IP access list of an Atlas project: the addresses, CIDR blocks and AWS security groups from which " +
			"the project's clusters accept connections.\n\n" +
			"This resource is **authoritative**: it owns every entry of the project's list. An entry added outside Terraform " +
			"(in the Atlas UI, with the CLI, or `0.0.0.0/0` added by hand) shows up at the next plan as a removal, and the apply " +
			"removes it; the plan warns, naming the entries that Terraform did not add. Creating the resource takes the list over: entries the " +
			"configuration does not declare are removed, with a warning naming them. Declare one resource per project: two resources for one " +
			"project would remove each other's entries at every apply, so a plan with two that declare different entries for one project fails " +
			"(the provider is not told the other resource's address, so the error names the entries in which the two differ). Two that declare the same entries " +
			"pass that check, but destroying one empties the list the other declares until its next apply: declare each project's list once.\n\n" +
			"The writes of one project's list never run at once (Atlas refuses concurrent additions), and an apply finishes only " +
			"once every entry it added or changed reads `ACTIVE` in Atlas: a cluster accepts connections from it when the apply ends.\n\n" +
			"**Destroying this resource removes only the entries its state holds**; an entry added since the last refresh by someone " +
			"else stays. A project with no entries accepts no connections. If the project is deleted, the next refresh removes the " +
			"resource from state with a warning; a list emptied outside Terraform is not a deleted resource: the next plan adds the " +
			"configured entries back.\n\n" +
			"An entry someone made temporary outside Terraform (with a date after which Atlas deletes it) shows up in `temporary_entries`, " +
			"and the plan sets that to empty: the apply makes a declared entry permanent again (and removes an undeclared one, as any other).\n\n" +
			"A plan warns when an entry is `0.0.0.0/0` or `::/0`, which admit every address.",
		Attributes: map[string]schema.Attribute{
			"id":         attrs.ResourceID("Identifier of the resource: the project ID."),
			"project_id": owner.Project.ReplacingAttribute("ID of the Atlas project (24 hexadecimal digits). Changing it creates a new resource."),
			"temporary_entries": schema.MapAttribute{
				MarkdownDescription: "The entries that Atlas holds as temporary, each (spelled as in `entries`) mapped to the date and time " +
					"(RFC 3339) after which Atlas deletes it. Only an entry made temporary outside Terraform (in the Atlas UI, with the CLI " +
					"or the API) is here: the entries this resource writes are permanent. A plan sets it to empty, so that the plan shows " +
					"which entries Atlas would delete and when; the apply sends each declared one again without a date, which makes " +
					"it permanent, and removes the others. Should Atlas keep the date, the apply fails naming the entry.",
				Computed:    true,
				ElementType: types.StringType,
			},
			"entries": schema.SetNestedAttribute{
				MarkdownDescription: "Every entry of the project's IP access list, at least one. Each entry has either `cidr_block` or " +
					"`aws_security_group`, and an optional `comment`. Two entries for one network (`10.0.0.1` and `10.0.0.1/32`) are an error.",
				Required:      true,
				Validators:    []validator.Set{setvalidator.SizeAtLeast(1)},
				PlanModifiers: []planmodifier.Set{stateSpelling{}},
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"cidr_block": schema.StringAttribute{
							MarkdownDescription: "An address or CIDR block: " + validate.CIDRForm + ". A bare address means that single " +
								"address (`/32` for IPv4, `/128` for IPv6), so `10.0.0.1` and `10.0.0.1/32` are the same entry and switching " +
								"between them plans no change; IPv6 is compared in canonical form. Exactly one of `cidr_block` and `aws_security_group`.",
							Optional: true,
							Validators: []validator.String{
								atEntry{cidrValidator{}},
								oneKind{},
							},
						},
						"aws_security_group": schema.StringAttribute{
							MarkdownDescription: "An AWS security group ID: " + securityGroupForm + ". Atlas accepts one only in a project " +
								"with an AWS network peering connection.",
							Optional: true,
							Validators: []validator.String{
								atEntry{stringvalidator.RegexMatches(securityGroupPattern, "must be "+securityGroupForm)},
							},
						},
						"comment": schema.StringAttribute{
							MarkdownDescription: "What the entry is for, at most 80 characters.",
							Optional:            true,
							Validators:          []validator.String{atEntry{stringvalidator.UTF8LengthBetween(1, maxCommentLength)}},
						},
					},
				},
			},
		},
	}
}

// atEntry runs a validator of an entry's attribute and reports what it
// finds as the resource's diagnostic, naming the entry by its block or
// security group. Terraform cannot point at one element of a set: given
// the path of an entry's attribute it prints the whole literal entries
// list (each time), and the framework writes the path with the whole
// element in it (entries[Value({...})].comment).
type atEntry struct{ validator.String }

func (v atEntry) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	var found validator.StringResponse
	v.String.ValidateString(ctx, req, &found)
	if len(found.Diagnostics) == 0 {
		return
	}
	entry := entryName(ctx, req)
	prefix := req.Path.ParentPath().String() + "."
	for _, d := range found.Diagnostics {
		detail := "In entries, the entry " + entry + ": " + strings.ReplaceAll(d.Detail(), prefix, "")
		if d.Severity() == diag.SeverityError {
			resp.Diagnostics.AddError(d.Summary(), detail)
		} else {
			resp.Diagnostics.AddWarning(d.Summary(), detail)
		}
	}
}

// entryName names the entry whose attribute req validates: its
// cidr_block or aws_security_group, else its comment.
func entryName(ctx context.Context, req validator.StringRequest) string {
	var e entryModel
	if d := req.Config.GetAttribute(ctx, req.Path.ParentPath(), &e); d.HasError() {
		return "(unknown)"
	}
	for _, a := range []struct {
		name  string
		value types.String
	}{{"cidr_block", e.CIDRBlock}, {"aws_security_group", e.AWSSecurityGroup}, {"comment", e.Comment}} {
		if !a.value.IsNull() && !a.value.IsUnknown() {
			return fmt.Sprintf("with %s %q", a.name, a.value.ValueString())
		}
	}
	return "with no attribute set"
}

// oneKind, a validator of cidr_block, requires that its entry set exactly
// one of cidr_block and aws_security_group, naming the entry (see atEntry).
type oneKind struct{}

func (oneKind) Description(context.Context) string {
	return "exactly one of cidr_block and aws_security_group must be set"
}

func (v oneKind) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (oneKind) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	var e entryModel
	if d := req.Config.GetAttribute(ctx, req.Path.ParentPath(), &e); d.HasError() || e.CIDRBlock.IsUnknown() || e.AWSSecurityGroup.IsUnknown() {
		return
	}
	switch {
	case !e.CIDRBlock.IsNull() && !e.AWSSecurityGroup.IsNull():
		resp.Diagnostics.AddError("Invalid Attribute Combination", fmt.Sprintf("In entries, the entry with cidr_block %q also sets "+
			"aws_security_group %q: an entry is one or the other. Declare them as two entries.", e.CIDRBlock.ValueString(), e.AWSSecurityGroup.ValueString()))
	case e.CIDRBlock.IsNull() && e.AWSSecurityGroup.IsNull():
		resp.Diagnostics.AddError("Invalid Attribute Combination", "In entries, the entry "+entryName(ctx, req)+
			" sets neither cidr_block nor aws_security_group: set exactly one of them.")
	}
}

// cidrValidator checks a cidr_block with validate.ParseCIDR.
type cidrValidator struct{}

func (cidrValidator) Description(context.Context) string { return "must be " + validate.CIDRForm }

func (v cidrValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (cidrValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if _, err := validate.ParseCIDR(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid IP Access List Entry", "Attribute cidr_block "+err.Error())
	}
}

// duplicateEntries reports two entries for one network or security group.
// It runs from the resource's ValidateConfig, not as a validator of
// entries: the framework skips the checks of each entry's attributes once
// a validator of the set itself has failed, and one plan should report
// every mistake.
func duplicateEntries(ctx context.Context, set types.Set, at path.Path, d *diag.Diagnostics) {
	entries, _, ed := entriesOf(ctx, set)
	if ed.HasError() {
		return
	}
	seen := map[string]string{}
	for _, e := range entries {
		k, ok := e.key()
		if !ok {
			continue
		}
		spelling := e.CIDRBlock.ValueString() + e.AWSSecurityGroup.ValueString()
		if first, dup := seen[k]; dup {
			// The resource's error, not the attribute's: Terraform would
			// print the whole literal list under it.
			d.AddError("Duplicate IP Access List Entry",
				"Attribute "+at.String()+" holds "+first+" and "+spelling+", which are one entry in Atlas: declare it once.")
			continue
		}
		seen[k] = spelling
	}
}

// stateSpelling gives each planned entry that is the same network as an
// entry of state the state's spelling of its cidr_block (10.0.0.1/32 for
// 10.0.0.1, 2001:db8::/32 for 2001:DB8::/32, the canonical spelling an
// import stores), element by element. A configuration that only spells its
// entries differently plans no change, and when another entry changes the
// diff shows that entry alone, not a removal and re-addition of every
// differently spelled one.
type stateSpelling struct{}

func (stateSpelling) Description(context.Context) string {
	return "An address and its /32 (or /128) block, and IPv6 spellings of one block, plan no change."
}

func (m stateSpelling) MarkdownDescription(ctx context.Context) string {
	return m.Description(ctx)
}

func (stateSpelling) PlanModifySet(ctx context.Context, req planmodifier.SetRequest, resp *planmodifier.SetResponse) {
	if req.StateValue.IsNull() || req.StateValue.IsUnknown() || req.PlanValue.IsNull() || req.PlanValue.IsUnknown() || req.PlanValue.Equal(req.StateValue) {
		return
	}
	planned, d := respell(ctx, req.PlanValue, req.StateValue)
	resp.Diagnostics.Append(d...)
	if !d.HasError() {
		resp.PlanValue = planned
	}
}
