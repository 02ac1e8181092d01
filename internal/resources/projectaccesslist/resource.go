// Package projectaccesslist implements atlasaccess_project_ip_access_list,
// the whole IP access list of a project (authoritative), and the data
// source of the same name.
package projectaccesslist

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/providerdata"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/accesslist/declarations"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/attrs"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/diags"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/owner"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/safeops"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/validate"
)

var (
	_ resource.ResourceWithConfigure   = (*listResource)(nil)
	_ resource.ResourceWithImportState = (*listResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*listResource)(nil)
	_ resource.ResourceWithIdentity    = (*listResource)(nil)

	_ resource.ResourceWithValidateConfig = (*listResource)(nil)
)

const typeName = "atlasaccess_project_ip_access_list"

// api is what the resource needs from Atlas; *safeops.Service provides it.
type api interface {
	ListProjectAccessList(ctx context.Context, projectID string) ([]client.ProjectAccessListEntry, error)
	ReplaceProjectAccessList(ctx context.Context, projectID string, want []client.ProjectAccessListEntry) (safeops.ProjectAccessListChange, error)
	RemoveProjectAccessListEntries(ctx context.Context, projectID string, own []client.ProjectAccessListEntry) (safeops.ProjectAccessListChange, error)
}

// NewResource returns the atlasaccess_project_ip_access_list resource.
func NewResource() resource.Resource { return &listResource{} }

type listResource struct {
	api api
	// declared is the provider's record of which project lists the
	// resources of this run declare (see declare).
	declared *declarations.Registry
}

func (r *listResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_project_ip_access_list"
}

func (r *listResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = resourceSchema()
}

// IdentitySchema is the import ID as an identity: project_id.
func (r *listResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = owner.Project.IdentitySchema(owner.Project.IdentityAttrs())
}

func (r *listResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	if d := providerdata.From(req.ProviderData, &resp.Diagnostics); d != nil {
		r.api = d.Service
		r.declared = d.AccessLists
	}
}

// ValidateConfig refuses two entries for one network or security group
// (see duplicateEntries).
func (r *listResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var entries types.Set
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("entries"), &entries)...)
	if resp.Diagnostics.HasError() {
		return
	}
	duplicateEntries(ctx, entries, path.Root("entries"), &resp.Diagnostics)
}

// ModifyPlan plans the id, refuses a second resource that declares the
// same project's list (see declare), and, when the list is created or
// changed, warns about an entry that admits every address and names the
// entries someone added outside Terraform that the apply will remove.
func (r *listResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	var plan listModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if !plan.ProjectID.IsUnknown() {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("id"), plan.ProjectID)...)
		r.declare(ctx, plan, &resp.Diagnostics)
	}
	if plan.TemporaryEntries.IsUnknown() || len(plan.TemporaryEntries.Elements()) > 0 {
		// An apply leaves no entry temporary (see temporary_entries): an
		// entry someone made temporary is then a change the plan shows.
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("temporary_entries"), noTemporaryEntries)...)
	}
	var prior listModel
	if !req.State.Raw.IsNull() {
		resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	}
	switch {
	case req.State.Raw.IsNull() || !prior.ProjectID.Equal(plan.ProjectID):
		// A create (or a move to another project) takes over whatever
		// list the project holds: say now what it removes.
		r.warnTakeover(ctx, plan, &resp.Diagnostics)
	case prior.Entries.Equal(plan.Entries):
		return
	default:
		applied, d := appliedKeys(ctx, req.Private)
		resp.Diagnostics.Append(d...)
		diags.WarnAddedOutsideTerraform(&resp.Diagnostics, "entries", "the IP access list of project "+plan.ProjectID.ValueString(),
			withDates(addedOutside(ctx, prior.Entries, plan.Entries, applied), temporaryDates(prior.TemporaryEntries)))
	}
	warnOpenEntries(ctx, plan.Entries, &resp.Diagnostics)
}

// temporaryDates is temporary_entries as a Go map; empty when not known.
func temporaryDates(m types.Map) map[string]string {
	out := map[string]string{}
	for k, v := range m.Elements() {
		if s, ok := v.(types.String); ok && !s.IsNull() && !s.IsUnknown() {
			out[k] = s.ValueString()
		}
	}
	return out
}

// withDates names each of values that dates (by the same spelling) holds
// as temporary, with the date after which Atlas deletes it.
func withDates(values []string, dates map[string]string) []string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = v
		if d, ok := dates[v]; ok {
			out[i] += " (temporary: Atlas deletes it after " + d + ")"
		}
	}
	return out
}

// warnTakeover reads the project's list (one GET) when the plan creates
// the resource, and warns, naming them, about the entries Atlas holds that
// the configuration does not declare: the apply removes them. Nothing is
// said while the project or the entries are not known yet, or when the
// list cannot be read (the apply reports that).
func (r *listResource) warnTakeover(ctx context.Context, plan listModel, d *diag.Diagnostics) {
	if r.api == nil || plan.ProjectID.IsUnknown() || plan.ProjectID.IsNull() {
		return
	}
	planned, ok := keyed(ctx, plan.Entries)
	if !ok {
		return
	}
	projectID := plan.ProjectID.ValueString()
	current, err := r.api.ListProjectAccessList(ctx, projectID)
	if err != nil {
		tflog.Debug(ctx, "cannot read the project IP access list at plan time", map[string]any{"project_id": projectID, "error": err.Error()})
		return
	}
	removed := undeclared(current, planned)
	if len(removed) == 0 {
		return
	}
	d.AddWarning("Entries Outside the Configuration Will Be Removed",
		fmt.Sprintf("The IP access list of project %s already holds %s that the configuration does not declare: %s. "+
			"This resource is authoritative, so taking the list over removes %s. If applications still connect from there, add %s to entries.",
			projectID, diags.Plural(len(removed), "entry", "entries"), strings.Join(removed, ", "),
			diags.ItOrThem(len(removed)), diags.ItOrThem(len(removed))))
}

// undeclared are the values (as Atlas spells them, sorted) of the entries
// of current that planned (by key) lacks, a temporary one with its date.
func undeclared(current []client.ProjectAccessListEntry, planned map[string]string) []string {
	var values []string
	dates := map[string]string{}
	for _, e := range current {
		if k, ok := safeops.ProjectAccessListEntryKey(e); ok && hasKey(planned, k) {
			continue
		}
		values = append(values, e.Value())
		if e.DeleteAfterDate != nil {
			dates[e.Value()] = *e.DeleteAfterDate
		}
	}
	slices.Sort(values)
	return withDates(values, dates)
}

// declare records, in the provider's record of this run, that this resource
// declares the IP access list of its project with its entries, and fails
// when another resource declared the same project's list with other
// entries: both being authoritative, each apply would remove the other's
// entries. The provider is not told which resource it plans, so the two are
// named by what they declare, and a declaration whose entries are not all
// known yet is checked when they are (at apply, by Create and Update).
// Two resources declaring exactly the same entries cannot be told from one
// resource planned twice (Terraform plans a replaced resource twice); they
// do not undo each other either.
func (r *listResource) declare(ctx context.Context, plan listModel, d *diag.Diagnostics) {
	entries, ok := keyed(ctx, plan.Entries)
	if r.declared == nil || !ok {
		return
	}
	projectID := plan.ProjectID.ValueString()
	earlier, clash := r.declared.DeclareProjectIPList(projectID, entries)
	if !clash {
		return
	}
	d.AddError("Project IP Access List Declared Twice",
		fmt.Sprintf("This %s and another one of this configuration both declare the IP access list of project %s, with different entries (%s). "+
			"Each is authoritative over the project's whole list, so every apply of one would remove the entries of the other. "+
			"Declare the project's list in one resource, merging the entries of both.",
			typeName, projectID, declarations.DescribeIPListDifference(earlier, entries)))
}

// appliedKeyName is the private state key of the entries (their keys) that
// the last apply of the resource wrote: an entry of the refreshed state that
// it lacks, and the configuration does not declare, was added outside
// Terraform.
const appliedKeyName = "applied_entries"

// setApplied records in private state the entries an apply wrote.
func setApplied(ctx context.Context, private attrs.PrivateState, entries types.Set, d *diag.Diagnostics) {
	k, ok := keyed(ctx, entries)
	if !ok {
		return
	}
	keys := make([]string, 0, len(k))
	for key := range k {
		keys = append(keys, key)
	}
	slices.Sort(keys)
	b, err := json.Marshal(keys)
	if err != nil {
		return
	}
	d.Append(private.SetKey(ctx, appliedKeyName, b)...)
}

// appliedKeys are the entries the last apply wrote; nil when no apply
// recorded them (an imported list).
func appliedKeys(ctx context.Context, private attrs.PrivateState) (map[string]bool, diag.Diagnostics) {
	b, d := private.GetKey(ctx, appliedKeyName)
	if len(b) == 0 {
		return nil, d
	}
	var keys []string
	if json.Unmarshal(b, &keys) != nil {
		return nil, d
	}
	out := make(map[string]bool, len(keys))
	for _, k := range keys {
		out[k] = true
	}
	return out, d
}

// addedOutside are the entries of the refreshed state that the plan drops
// and that no apply of this resource wrote, as the state spells them.
// Nothing is named while the plan's entries are not all known.
func addedOutside(ctx context.Context, state, plan types.Set, applied map[string]bool) []string {
	planned, ok := keyed(ctx, plan)
	if !ok {
		return nil
	}
	entries, _, _ := entriesOf(ctx, state)
	var out []string
	for _, e := range entries {
		k, ok := e.key()
		if _, there := planned[k]; !ok || there || applied[k] {
			continue
		}
		if e.CIDRBlock.IsNull() {
			out = append(out, e.AWSSecurityGroup.ValueString())
		} else {
			out = append(out, e.CIDRBlock.ValueString())
		}
	}
	slices.Sort(out)
	return out
}

// removedUnplanned are the values among removed (as Atlas names them)
// whose entries the prior state lacks: entries that appeared after the
// refresh the plan was made from.
func removedUnplanned(ctx context.Context, removed []string, prior types.Set) []string {
	known, _ := keyed(ctx, prior)
	var out []string
	for _, v := range removed {
		e := client.ProjectAccessListEntry{CIDRBlock: v}
		if _, err := validate.ParseCIDR(v); err != nil {
			e = client.ProjectAccessListEntry{AWSSecurityGroup: v}
		}
		if k, ok := safeops.ProjectAccessListEntryKey(e); !ok || !hasKey(known, k) {
			out = append(out, v)
		}
	}
	return out
}

func hasKey(m map[string]string, k string) bool {
	_, ok := m[k]
	return ok
}

// warnOpenEntries warns about 0.0.0.0/0 and ::/0, with the entry's path.
func warnOpenEntries(ctx context.Context, set types.Set, d *diag.Diagnostics) {
	entries, _, _ := entriesOf(ctx, set)
	for _, e := range entries {
		if e.CIDRBlock.IsNull() || e.CIDRBlock.IsUnknown() {
			continue
		}
		family, open := diags.AdmitsEveryAddress(e.CIDRBlock.ValueString())
		if !open {
			continue
		}
		d.AddWarning("IP Access List Admits Every Address",
			fmt.Sprintf("entries holds %q, which admits every %s address: the project's clusters then accept connections from anywhere "+
				"on the Internet, guarded by database credentials alone. Declare the addresses and blocks your applications connect from instead.",
				e.CIDRBlock.ValueString(), family))
	}
}

func (r *listResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	defer owner.SetIdentity(ctx, resp.Identity, &resp.Diagnostics, &resp.State)
	var plan listModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	done, ok := r.writeList(ctx, &plan, "Error Setting Project IP Access List", &resp.Diagnostics)
	if ok {
		setApplied(ctx, resp.Private, plan.Entries, &resp.Diagnostics)
	}
	if !ok {
		if len(done.Added)+len(done.Updated)+len(done.Removed) > 0 {
			// Something was written: keep what Atlas holds in state, so
			// that nothing added is orphaned.
			r.saveFromAtlas(ctx, &plan, &resp.State, &resp.Diagnostics)
		}
		return
	}
	if len(done.Removed) > 0 {
		resp.Diagnostics.AddWarning("Entries Removed From Project IP Access List",
			fmt.Sprintf("The IP access list of project %s already held %s that the configuration does not declare: %s. "+
				"This resource is authoritative, so taking the list over removed %s. If applications still connect from there, add %s to entries.",
				plan.ProjectID.ValueString(), diags.Plural(len(done.Removed), "entry", "entries"), strings.Join(done.Removed, ", "),
				diags.ItOrThem(len(done.Removed)), diags.ItOrThem(len(done.Removed))))
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
}

// writeList makes Atlas hold the planned entries (see
// safeops.ReplaceProjectAccessList) and sets plan's id. A failure is
// reported under summary, and then it returns false.
func (r *listResource) writeList(ctx context.Context, plan *listModel, summary string, d *diag.Diagnostics) (safeops.ProjectAccessListChange, bool) {
	projectID := plan.ProjectID.ValueString()
	want, wd := clientEntries(ctx, plan.Entries)
	d.Append(wd...)
	r.declare(ctx, *plan, d)
	if d.HasError() {
		return safeops.ProjectAccessListChange{}, false
	}
	done, err := r.api.ReplaceProjectAccessList(ctx, projectID, want)
	if err != nil {
		addWriteError(d, summary, projectID, done, err)
		return done, false
	}
	tflog.Info(ctx, "set project IP access list", map[string]any{"project_id": projectID,
		"added": len(done.Added), "updated": len(done.Updated), "removed": len(done.Removed)})
	plan.ID = types.StringValue(projectID)
	return done, true
}

// saveFromAtlas stores what Atlas holds after a partial write.
func (r *listResource) saveFromAtlas(ctx context.Context, m *listModel, state interface {
	Set(context.Context, any) diag.Diagnostics
}, d *diag.Diagnostics,
) {
	entries, err := r.api.ListProjectAccessList(ctx, m.ProjectID.ValueString())
	if err != nil {
		return
	}
	set, temporary, sd := stateEntries(ctx, entries, m.Entries)
	d.Append(sd...)
	m.Entries, m.TemporaryEntries, m.ID = set, temporary, types.StringValue(m.ProjectID.ValueString())
	d.Append(state.Set(ctx, m)...)
}

func (r *listResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	defer owner.SetIdentity(ctx, resp.Identity, &resp.Diagnostics, &resp.State, &req.State)
	var state listModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	importing := attrs.ImportPending(ctx, req.Private, resp.Private, &resp.Diagnostics)
	projectID := state.ProjectID.ValueString()
	entries, err := r.api.ListProjectAccessList(ctx, projectID)
	switch {
	case client.IsNotFound(err) && importing:
		resp.Diagnostics.AddError("Project Not Found",
			fmt.Sprintf("Cannot import %s: there is no project %s. Check the project ID.", typeName, projectID))
		return
	case client.IsNotFound(err):
		resp.Diagnostics.AddWarning("Project Not Found",
			fmt.Sprintf("Project %s no longer exists: it was deleted outside Terraform, and its IP access list with it. "+
				"The access list is removed from state; if the configuration still declares it, the next apply fails until the project exists again.", projectID))
		resp.State.RemoveResource(ctx)
		return
	case err != nil:
		resp.Diagnostics.AddError("Error Reading Project IP Access List",
			diags.APIErrorDetail(fmt.Sprintf("Reading the IP access list of project %s", projectID), err, ""))
		return
	}
	set, temporary, d := stateEntries(ctx, entries, state.Entries)
	resp.Diagnostics.Append(d...)
	state.Entries, state.TemporaryEntries, state.ID = set, temporary, types.StringValue(projectID)
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}

// Update makes Atlas hold the planned list. It reads the list once more
// rather than trusting the refreshed state, so an entry added since the
// refresh is removed too.
func (r *listResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	defer owner.SetIdentity(ctx, resp.Identity, &resp.Diagnostics, &resp.State)
	var plan, prior listModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	done, ok := r.writeList(ctx, &plan, "Error Updating Project IP Access List", &resp.Diagnostics)
	if !ok {
		r.saveFromAtlas(ctx, &prior, &resp.State, &resp.Diagnostics)
		return
	}
	setApplied(ctx, resp.Private, plan.Entries, &resp.Diagnostics)
	if unplanned := removedUnplanned(ctx, done.Removed, prior.Entries); len(unplanned) > 0 {
		resp.Diagnostics.AddWarning("Entries Removed From Project IP Access List",
			fmt.Sprintf("The IP access list of project %s gained %s after the plan was made, outside Terraform: %s. "+
				"This resource is authoritative, so the apply removed %s. If clients need %s, add %s to entries.",
				plan.ProjectID.ValueString(), diags.Plural(len(unplanned), "entry", "entries"), strings.Join(unplanned, ", "),
				diags.ItOrThem(len(unplanned)), diags.ItOrThem(len(unplanned)), diags.ItOrThem(len(unplanned))))
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
}

// Delete removes the entries its state holds, and only those.
func (r *listResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state listModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	projectID := state.ProjectID.ValueString()
	own, d := clientEntries(ctx, state.Entries)
	resp.Diagnostics.Append(d...)
	done, err := r.api.RemoveProjectAccessListEntries(ctx, projectID, own)
	if err != nil && !client.IsNotFound(err) {
		addWriteError(&resp.Diagnostics, "Error Removing Project IP Access List", projectID, done, err)
		return
	}
	tflog.Info(ctx, "removed project IP access list entries", map[string]any{"project_id": projectID, "removed": len(done.Removed)})
}

// ImportState imports the list of the project the ID names.
func (r *listResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	id, d := owner.RequestedImportID(ctx, req, []string{"project_id"})
	resp.Diagnostics.Append(d...)
	if d.HasError() {
		return
	}
	if !validate.IsObjectID(id) {
		resp.Diagnostics.AddError("Invalid Import ID",
			fmt.Sprintf("Import %s with the project ID, 24 hexadecimal digits, for example %s; got %q.", typeName, owner.Project.ExampleID, id))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("project_id"), id)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
	attrs.MarkImportPending(ctx, resp.Private, &resp.Diagnostics)
}

// addWriteError reports a change that failed, with what it did before.
func addWriteError(d *diag.Diagnostics, summary, projectID string, done safeops.ProjectAccessListChange, err error) {
	var pe *safeops.ProjectAccessListError
	switch {
	case errors.Is(err, safeops.ErrEntryNotActive) && errors.As(err, &pe):
		d.AddError(summary, fmt.Sprintf("Atlas added %s to the IP access list of project %s, but it did not become ACTIVE: %v. "+
			"Clusters may not accept connections from it yet. Run terraform apply again to wait once more, or check the entry in the Atlas UI.",
			pe.Entry, projectID, pe.Cause)+progress(done))
	case errors.Is(err, safeops.ErrEntryStillTemporary) && errors.As(err, &pe):
		them := diags.ItOrThem(len(strings.Split(pe.Entry, ", ")))
		d.AddError(summary, fmt.Sprintf("Atlas still holds %s in the IP access list of project %s as temporary (%v), after the apply sent %s "+
			"again without a deletion date to make %s permanent. On that date Atlas deletes %s, and clusters then refuse connections from there. "+
			"Make %s permanent in the Atlas UI (Network Access, Edit), then run terraform apply again: temporary_entries shows what is still temporary.",
			pe.Entry, projectID, pe.Cause, them, them, them, them)+progress(done))
	case errors.As(err, &pe) && pe.Entry != "":
		d.AddError(summary, diags.APIErrorDetail(fmt.Sprintf("Removing %s from the IP access list of project %s", pe.Entry, projectID), pe.Cause, "")+progress(done))
	case client.IsNotFound(err):
		d.AddError(summary, diags.APIErrorDetail(fmt.Sprintf("Changing the IP access list of project %s", projectID), err,
			"Check that the project exists and that project_id is right."))
	default:
		d.AddError(summary, diags.APIErrorDetail(fmt.Sprintf("Changing the IP access list of project %s", projectID), err, "")+progress(done))
	}
}

// progress says what the failed change did before it stopped.
func progress(done safeops.ProjectAccessListChange) string {
	return diags.Progress(done.Added, done.Updated, done.Removed)
}
