package projectaccesslist

import (
	"context"
	"net/netip"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/attrs"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/safeops"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/validate"
)

// listModel is the state of atlasaccess_project_ip_access_list.
type listModel struct {
	ID        types.String `tfsdk:"id"`
	ProjectID types.String `tfsdk:"project_id"`
	Entries   types.Set    `tfsdk:"entries"`
	// TemporaryEntries are the entries Atlas holds as temporary, each
	// (as entries spells it) mapped to its deleteAfterDate.
	TemporaryEntries types.Map `tfsdk:"temporary_entries"`
}

// noTemporaryEntries is temporary_entries after an apply: every entry
// that the resource writes is permanent.
var noTemporaryEntries = types.MapValueMust(types.StringType, map[string]attr.Value{})

// entryModel is one element of entries.
type entryModel struct {
	CIDRBlock        types.String `tfsdk:"cidr_block"`
	AWSSecurityGroup types.String `tfsdk:"aws_security_group"`
	Comment          types.String `tfsdk:"comment"`
}

var entryAttrTypes = map[string]attr.Type{
	"cidr_block":         types.StringType,
	"aws_security_group": types.StringType,
	"comment":            types.StringType,
}

var entryType = types.ObjectType{AttrTypes: entryAttrTypes}

// entryKey is what makes two entries one in Atlas: the network of a
// cidr_block (10.0.0.1 and 10.0.0.1/32 are one), or the security group.
func (e entryModel) key() (string, bool) {
	if !e.CIDRBlock.IsNull() && !e.CIDRBlock.IsUnknown() {
		p, err := validate.ParseCIDR(e.CIDRBlock.ValueString())
		return p.String(), err == nil
	}
	if !e.AWSSecurityGroup.IsNull() && !e.AWSSecurityGroup.IsUnknown() {
		return "sg:" + e.AWSSecurityGroup.ValueString(), true
	}
	return "", false
}

// toClient is the entry as Atlas is sent it: a block in the spelling its
// cidrBlock pattern accepts, or the security group, with the comment.
func (e entryModel) toClient() (client.ProjectAccessListEntry, bool) {
	out := client.ProjectAccessListEntry{Comment: e.Comment.ValueString()}
	switch {
	case !e.CIDRBlock.IsNull():
		p, err := validate.ParseCIDR(e.CIDRBlock.ValueString())
		if err != nil {
			return out, false
		}
		out.CIDRBlock = validate.AtlasCIDR(p)
	case !e.AWSSecurityGroup.IsNull():
		out.AWSSecurityGroup = e.AWSSecurityGroup.ValueString()
	default:
		return out, false
	}
	return out, true
}

// entriesOf reads the known elements of an entries set. complete is false
// when the set or one of its elements is unknown and so left out: a
// configuration whose conditional chooses a whole entry, read before its
// variables are known.
func entriesOf(ctx context.Context, set types.Set) (entries []entryModel, complete bool, d diag.Diagnostics) {
	entries, skipped, d := attrs.KnownObjects[entryModel](ctx, set)
	return entries, !skipped, d
}

// clientEntries are the entries of a set as Atlas entries; an element that
// is neither a block nor a security group is left out.
func clientEntries(ctx context.Context, set types.Set) ([]client.ProjectAccessListEntry, diag.Diagnostics) {
	entries, _, d := entriesOf(ctx, set)
	out := make([]client.ProjectAccessListEntry, 0, len(entries))
	for _, e := range entries {
		if c, ok := e.toClient(); ok {
			out = append(out, c)
		}
	}
	return out, d
}

// stateEntries is what Atlas holds, as the entries set to store. An entry
// keeps the cidr_block spelling it has in prior (10.0.0.1 for Atlas's
// 10.0.0.1/32, 2001:DB8::/32 for its eight-group form), so that a refresh
// never reports a spelling as a change; an entry prior lacks (added by
// hand, or imported) is written in canonical form (10.0.0.1/32,
// 2001:db8::/32). An empty comment is null, as a configuration without one.
// temporary maps the entries Atlas holds as temporary, spelled as in the
// set, to their deleteAfterDate.
func stateEntries(ctx context.Context, atlas []client.ProjectAccessListEntry, prior types.Set) (set types.Set, temporary types.Map, d diag.Diagnostics) {
	priorEntries, _, pd := entriesOf(ctx, prior)
	d.Append(pd...)
	spelled := map[string]string{}
	for _, e := range priorEntries {
		if k, ok := e.key(); ok && !e.CIDRBlock.IsNull() {
			spelled[k] = e.CIDRBlock.ValueString()
		}
	}
	seen := map[string]bool{}
	dates := map[string]attr.Value{}
	elems := make([]attr.Value, 0, len(atlas))
	for _, a := range atlas {
		k, ok := safeops.ProjectAccessListEntryKey(a)
		if !ok || seen[k] {
			continue
		}
		seen[k] = true
		m := entryModel{CIDRBlock: types.StringNull(), AWSSecurityGroup: types.StringNull(), Comment: types.StringNull()}
		if a.Comment != "" {
			m.Comment = types.StringValue(a.Comment)
		}
		if a.CIDRBlock == "" && a.IPAddress == "" {
			m.AWSSecurityGroup = types.StringValue(a.AWSSecurityGroup)
		} else {
			s := spelled[k]
			if s == "" {
				s = canonical(k)
			}
			m.CIDRBlock = types.StringValue(s)
		}
		if a.DeleteAfterDate != nil {
			dates[m.CIDRBlock.ValueString()+m.AWSSecurityGroup.ValueString()] = types.StringValue(*a.DeleteAfterDate)
		}
		obj, od := types.ObjectValueFrom(ctx, entryAttrTypes, m)
		d.Append(od...)
		elems = append(elems, obj)
	}
	set, sd := types.SetValue(entryType, elems)
	d.Append(sd...)
	temporary, td := types.MapValue(types.StringType, dates)
	d.Append(td...)
	return set, temporary, d
}

func canonical(prefix string) string {
	p, err := netip.ParsePrefix(prefix)
	if err != nil {
		return prefix
	}
	return p.String()
}

// respell is plan with each element whose cidr_block is the same network
// as a cidr_block of state spelled as state spells it. Elements not fully
// known, security groups and networks state lacks are left as they are.
func respell(ctx context.Context, plan, state types.Set) (types.Set, diag.Diagnostics) {
	stateEntries, _, d := entriesOf(ctx, state)
	if d.HasError() {
		return plan, d
	}
	spelled := map[string]string{}
	for _, e := range stateEntries {
		if k, ok := e.key(); ok && !e.CIDRBlock.IsNull() {
			spelled[k] = e.CIDRBlock.ValueString()
		}
	}
	elems := make([]attr.Value, 0, len(plan.Elements()))
	for _, v := range plan.Elements() {
		obj, ok := v.(types.Object)
		if !ok || obj.IsNull() || obj.IsUnknown() {
			elems = append(elems, v)
			continue
		}
		var e entryModel
		if od := obj.As(ctx, &e, basetypes.ObjectAsOptions{}); od.HasError() || e.CIDRBlock.IsNull() || e.CIDRBlock.IsUnknown() {
			elems = append(elems, v)
			continue
		}
		k, ok := e.key()
		s, there := spelled[k]
		if !ok || !there || s == e.CIDRBlock.ValueString() {
			elems = append(elems, v)
			continue
		}
		attrsOf := obj.Attributes()
		attrsOf["cidr_block"] = types.StringValue(s)
		respelled, od := types.ObjectValue(entryAttrTypes, attrsOf)
		d.Append(od...)
		elems = append(elems, respelled)
	}
	out, sd := types.SetValue(entryType, elems)
	d.Append(sd...)
	return out, d
}

func keyed(ctx context.Context, set types.Set) (map[string]string, bool) {
	if set.IsNull() || set.IsUnknown() {
		return nil, false
	}
	entries, complete, d := entriesOf(ctx, set)
	if d.HasError() || !complete {
		return nil, false
	}
	out := map[string]string{}
	for _, e := range entries {
		if e.Comment.IsUnknown() {
			return nil, false
		}
		k, ok := e.key()
		if !ok {
			return nil, false
		}
		out[k] = e.Comment.ValueString()
	}
	return out, true
}
