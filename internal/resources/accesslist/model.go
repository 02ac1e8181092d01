package accesslist

import (
	"context"
	"net/netip"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/owner"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/safeops"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/validate"
)

// kind is what tells the two access-list resources apart: the owner of the
// account, a project or an organization (owner.Kind), and what only an
// access list says of it. Everything else is shared.
type kind struct {
	owner.Kind
	// suffix follows the provider type name in the resource type name.
	suffix string
	// accountPhrase names the account in the resource description.
	accountPhrase string
	// ownerChange says what a change of the owner attribute does.
	ownerChange string
	// newModel returns an empty model of this kind.
	newModel func() model
}

var projectKind = kind{
	Kind:          owner.Project,
	suffix:        "_project_service_account_access_list",
	accountPhrase: "a service account in a project (created by `atlasaccess_project_service_account`, or assigned by `atlasaccess_project_service_account_assignment`)",
	ownerChange: "Atlas keeps one list per account, whichever project reads it, so changing it to another project the account is in " +
		"updates the resource in place: the list is never emptied on the way.",
	newModel: func() model { return &projectModel{} },
}

var orgKind = kind{
	Kind:          owner.Org,
	suffix:        "_service_account_access_list",
	accountPhrase: "an organization service account (for example one created by `atlasaccess_service_account`)",
	ownerChange:   "Changing it updates the resource in place: the list is read and written through the new organization, which must hold the account.",
	newModel:      func() model { return &orgModel{} },
}

// typeName is the full resource type name, for messages.
func (k kind) typeName() string { return "atlasaccess" + k.suffix }

// listModel is the state both resources share.
type listModel struct {
	ID         types.String `tfsdk:"id"`
	ClientID   types.String `tfsdk:"client_id"`
	CIDRBlocks types.Set    `tfsdk:"cidr_blocks"`
}

// model is the state of one of the two resources: the shared attributes
// and the owner's ID under its own name.
type model interface {
	base() *listModel
	ownerID() *types.String
}

type projectModel struct {
	ProjectID types.String `tfsdk:"project_id"`
	listModel
}

func (m *projectModel) base() *listModel       { return &m.listModel }
func (m *projectModel) ownerID() *types.String { return &m.ProjectID }

type orgModel struct {
	OrgID types.String `tfsdk:"org_id"`
	listModel
}

func (m *orgModel) base() *listModel       { return &m.listModel }
func (m *orgModel) ownerID() *types.String { return &m.OrgID }

func importID(ownerID, clientID string) string { return ownerID + "/" + clientID }

// configuredBlocks reads the entries of a planned cidr_blocks set, which
// the validator has already checked, as the entries to send to Atlas.
func configuredBlocks(ctx context.Context, set types.Set) ([]client.AccessListEntry, diag.Diagnostics) {
	var values []string
	d := set.ElementsAs(ctx, &values, false)
	if d.HasError() {
		return nil, d
	}
	out := make([]client.AccessListEntry, 0, len(values))
	for _, v := range values {
		p, err := validate.ParseCIDR(v)
		if err != nil {
			d.AddError("Invalid API Access List Entry", "Attribute cidr_blocks "+err.Error())
			continue
		}
		out = append(out, client.AccessListEntry{CIDRBlock: validate.AtlasCIDR(p)})
	}
	return out, d
}

// stateBlocks is what Atlas holds, as the cidr_blocks set to store. An
// entry keeps the spelling it has in prior (the configuration's, such as
// 10.0.0.1 for Atlas's 10.0.0.1/32, or 2001:DB8::/32 for 2001:db8::/32),
// so that a refresh never reports a spelling as a change; an entry prior
// lacks is written in canonical form (10.0.0.1/32, 2001:db8::1/128). An
// entry that is neither an address nor a block is left out and returned in
// unparsed (Atlas's spelling), to be reported: it can be compared with no
// configured block, so storing it would plan its removal at every apply,
// which the provider never sends.
func stateBlocks(entries []client.AccessListEntry, prior []string) (blocks types.Set, unparsed []string) {
	spelled := make(map[netip.Prefix]string, len(prior))
	for _, s := range prior {
		if p, err := validate.ParseCIDR(s); err == nil {
			spelled[p] = s
		}
	}
	values := make([]string, 0, len(entries))
	for _, e := range entries {
		p, ok := safeops.EntryBlock(e)
		if !ok {
			unparsed = append(unparsed, safeops.EntrySpelling(e))
			continue
		}
		s := spelled[p]
		if s == "" {
			s = p.String()
		}
		if !slices.Contains(values, s) {
			values = append(values, s)
		}
	}
	elems := make([]attr.Value, len(values))
	for i, v := range values {
		elems[i] = types.StringValue(v)
	}
	return types.SetValueMust(types.StringType, elems), unparsed
}

// sameBlocks reports whether two cidr_blocks sets name the same blocks,
// whatever the spelling. Unknown or unparsable elements are never the same.
func sameBlocks(a, b types.Set) bool {
	pa, ok := blocksOf(a)
	if !ok {
		return false
	}
	pb, ok := blocksOf(b)
	if !ok || len(pa) != len(pb) {
		return false
	}
	for p := range pa {
		if !pb[p] {
			return false
		}
	}
	return true
}

func blocksOf(set types.Set) (map[netip.Prefix]bool, bool) {
	if set.IsNull() || set.IsUnknown() {
		return nil, false
	}
	out := map[netip.Prefix]bool{}
	for _, e := range set.Elements() {
		s, ok := e.(types.String)
		if !ok || s.IsNull() || s.IsUnknown() {
			return nil, false
		}
		p, err := validate.ParseCIDR(s.ValueString())
		if err != nil {
			return nil, false
		}
		out[p] = true
	}
	return out, true
}
