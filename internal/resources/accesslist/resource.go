// Package accesslist implements the two API access-list resources,
// atlasaccess_project_service_account_access_list and
// atlasaccess_service_account_access_list: one authoritative implementation
// over a kind that says whose account it is, a project's or an
// organization's.
package accesslist

import (
	"context"
	"errors"
	"fmt"
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
	_ resource.ResourceWithMoveState   = (*listResource)(nil)
)

// api is what the resources need from Atlas; *safeops.Service provides it.
type api interface {
	ListAccessList(ctx context.Context, owner client.Owner, clientID string) ([]client.AccessListEntry, error)
	ReplaceAccessList(ctx context.Context, owner client.Owner, clientID string, want []client.AccessListEntry) (safeops.AccessListChange, error)
	RemoveAccessListEntries(ctx context.Context, owner client.Owner, clientID string, own, spare []client.AccessListEntry) (safeops.AccessListChange, error)
}

// NewProjectResource returns the atlasaccess_project_service_account_access_list resource.
func NewProjectResource() resource.Resource { return &listResource{kind: projectKind} }

// NewOrgResource returns the atlasaccess_service_account_access_list resource.
func NewOrgResource() resource.Resource { return &listResource{kind: orgKind} }

type listResource struct {
	kind kind
	api  api
	// declared is the provider's record of which resource declared each
	// account's list (see declare).
	declared *declarations.Registry
	// signInClientID is the client ID of the account the provider signs in
	// as, "" with other credentials: a list of that account decides whether
	// Terraform itself can still reach Atlas.
	signInClientID string
}

func (r *listResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + r.kind.suffix
	// A change of project (or a move between the two types) is an update in
	// place, so the identity, which names the owner, may change with it.
	resp.ResourceBehavior.MutableIdentity = true
}

func (r *listResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = r.kind.schema()
}

func (r *listResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	if d := providerdata.From(req.ProviderData, &resp.Diagnostics); d != nil {
		r.api = d.Service
		r.declared = d.AccessLists
		r.signInClientID = d.Client.SignInClientID()
	}
}

// what names the account for messages: "service account … of project …".
func (r *listResource) what(ownerID, clientID string) string {
	return whatOf(r.kind.Owner(ownerID), clientID)
}

func whatOf(owner client.Owner, clientID string) string {
	return fmt.Sprintf("service account %s of %s", clientID, owner)
}

// ModifyPlan refuses a configuration in which two resources manage the same
// account's list through different owners (see declare), plans the id of a
// list whose owner changes, and warns about a list that is created or
// changed so that it admits every address, or that fences the account the
// provider itself signs in as.
func (r *listResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	plan := r.kind.newModel()
	resp.Diagnostics.Append(req.Plan.Get(ctx, plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	m, ownerID := plan.base(), plan.ownerID()
	known := !ownerID.IsUnknown() && !m.ClientID.IsUnknown()
	// The id follows the owner (an owner changes in place); a new or
	// unchanged one is known now.
	id := types.StringUnknown()
	if known {
		id = types.StringValue(importID(ownerID.ValueString(), m.ClientID.ValueString()))
	}
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("id"), id)...)

	changed := req.State.Raw.IsNull()
	if !changed {
		prior := r.kind.newModel()
		resp.Diagnostics.Append(req.State.Get(ctx, prior)...)
		changed = !prior.base().CIDRBlocks.Equal(m.CIDRBlocks) || !prior.ownerID().Equal(*ownerID)
	}
	if changed {
		warnOpenBlocks(m.CIDRBlocks, &resp.Diagnostics)
	}
	if resp.Diagnostics.HasError() || r.api == nil || !known {
		return
	}
	var entries []client.AccessListEntry
	if !m.CIDRBlocks.IsUnknown() {
		entries, _ = configuredBlocks(ctx, m.CIDRBlocks)
	}
	r.declare(ownerID.ValueString(), m.ClientID.ValueString(), entries, &resp.Diagnostics)
	if changed && r.signInClientID != "" && m.ClientID.ValueString() == r.signInClientID {
		resp.Diagnostics.AddAttributeWarning(path.Root("client_id"), "Provider Fences Its Own Account",
			fmt.Sprintf("The provider signs in as service account %s, whose API access list this is. Once the list is applied, Atlas refuses "+
				"every request of this account from an address outside it, Terraform's own requests included: unless cidr_blocks covers "+
				"the address Terraform runs from (and every address later runs will come from), every later plan, apply and destroy fails with "+
				"HTTP 403 IP_ADDRESS_NOT_ON_ACCESS_LIST, and only an Organization Owner (or another account) can edit the list again. "+
				"Check that cidr_blocks includes that address, or run Terraform with the credentials of another account.", r.signInClientID))
	}
}

// warnOpenBlocks warns about a block that admits every address, 0.0.0.0/0
// or ::/0: with it the list restricts nothing for that address family.
func warnOpenBlocks(set types.Set, d *diag.Diagnostics) {
	if set.IsNull() || set.IsUnknown() {
		return
	}
	for _, e := range set.Elements() {
		v, ok := e.(types.String)
		if !ok || v.IsNull() || v.IsUnknown() {
			continue
		}
		family, open := diags.AdmitsEveryAddress(v.ValueString())
		if !open {
			continue
		}
		// Attached to the resource, not to cidr_blocks: Terraform would print
		// the whole list under a warning about one entry.
		d.AddWarning("API Access List Admits Every Address",
			fmt.Sprintf("cidr_blocks holds %q, which admits every %s address: the account's credentials then work from anywhere on the "+
				"Internet, as if it had no API access list for %s. Declare the addresses and blocks the account calls the API from instead.",
				v.ValueString(), family, family))
	}
}

// declare records that this resource manages the list of clientID through
// its owner, and fails when another resource of the configuration manages
// the same list through another owner: Atlas keeps one list per account, so
// the two would undo each other at every apply. Plans check it (ModifyPlan);
// so do Create and Update, for values that were unknown when planned. The
// declared entries are those a destroy of another resource of this provider
// leaves in place (see Delete).
func (r *listResource) declare(ownerID, clientID string, entries []client.AccessListEntry, d *diag.Diagnostics) {
	owner := r.kind.Owner(ownerID)
	earlier, clash := r.declared.Declare(owner, clientID, entries)
	if !clash {
		return
	}
	d.AddAttributeError(path.Root("client_id"), "Access List Declared Twice",
		fmt.Sprintf("Another access-list resource of this configuration already manages the API access list of service account %s, through %s; "+
			"this one reaches it through %s. Atlas keeps one access list per account, whichever project or organization path reads it, "+
			"so two authoritative resources would remove each other's entries at every apply. Declare the account's list in one resource.",
			clientID, earlier, owner))
}

func (r *listResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	defer owner.SetIdentity(ctx, resp.Identity, &resp.Diagnostics, &resp.State)
	plan := r.kind.newModel()
	resp.Diagnostics.Append(req.Plan.Get(ctx, plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ownerID, clientID := plan.ownerID().ValueString(), plan.base().ClientID.ValueString()
	done, ok := r.writeList(ctx, plan, "Error Setting API Access List", "set API access list", &resp.Diagnostics)
	if !ok {
		return
	}
	if len(done.Removed) > 0 {
		resp.Diagnostics.AddWarning("Entries Removed From API Access List",
			fmt.Sprintf("The API access list of %s already held %s that the configuration does not declare: %s. "+
				"This resource is authoritative, so taking the list over removed them. If the account still needs to call "+
				"the API from there, add them to cidr_blocks.", r.what(ownerID, clientID), diags.Plural(len(done.Removed), "entry", "entries"),
				strings.Join(done.Removed, ", ")))
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
}

// writeList makes Atlas hold the list plan declares (see
// safeops.ReplaceAccessList) and sets plan's id. It reports a failure,
// or an error already in d, under summary, and then returns false.
func (r *listResource) writeList(ctx context.Context, plan model, summary, logMessage string, d *diag.Diagnostics) (safeops.AccessListChange, bool) {
	m := plan.base()
	ownerID, clientID := plan.ownerID().ValueString(), m.ClientID.ValueString()
	want, wd := configuredBlocks(ctx, m.CIDRBlocks)
	d.Append(wd...)
	if d.HasError() {
		return safeops.AccessListChange{}, false
	}
	r.declare(ownerID, clientID, want, d)
	if d.HasError() {
		return safeops.AccessListChange{}, false
	}
	done, err := r.api.ReplaceAccessList(ctx, r.kind.Owner(ownerID), clientID, want)
	warnUnparsed(d, whatOf(r.kind.Owner(ownerID), clientID), done.Unparsed)
	if err != nil {
		r.addWriteError(d, summary, ownerID, clientID, err)
		return done, false
	}
	tflog.Info(ctx, logMessage, map[string]any{r.kind.Attr: ownerID, "client_id": clientID,
		"added": len(done.Added), "removed": len(done.Removed)})
	m.ID = types.StringValue(importID(ownerID, clientID))
	return done, true
}

func (r *listResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	defer owner.SetIdentity(ctx, resp.Identity, &resp.Diagnostics, &resp.State, &req.State)
	state := r.kind.newModel()
	resp.Diagnostics.Append(req.State.Get(ctx, state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	importing := attrs.ImportPending(ctx, req.Private, resp.Private, &resp.Diagnostics)
	m := state.base()
	owner, ok := r.stateOwner(ctx, state, req.Private, &resp.Diagnostics)
	if !ok {
		return
	}
	ownerID, clientID := state.ownerID().ValueString(), m.ClientID.ValueString()
	entries, err := r.api.ListAccessList(ctx, owner, clientID)
	switch {
	case client.IsNotFound(err) && importing:
		resp.Diagnostics.AddError("Service Account Not Found",
			fmt.Sprintf("Cannot import %s: there is no %s (or the %s does not exist). Check both IDs.",
				r.kind.typeName(), whatOf(owner, clientID), r.kind.Word))
		return
	case client.IsNotFound(err):
		resp.Diagnostics.AddWarning("Service Account Not Found",
			fmt.Sprintf("The %s no longer exists: it was deleted outside Terraform, and its API access list with it. "+
				"The access list is removed from state; if the configuration still declares it, the next apply fails until the account exists again.",
				whatOf(owner, clientID)))
		resp.State.RemoveResource(ctx)
		return
	case err != nil:
		resp.Diagnostics.AddError("Error Reading API Access List",
			diags.APIErrorDetail(fmt.Sprintf("Reading the API access list of %s", whatOf(owner, clientID)), err, ""))
		return
	}
	var prior []string
	if !m.CIDRBlocks.IsNull() && !m.CIDRBlocks.IsUnknown() {
		resp.Diagnostics.Append(m.CIDRBlocks.ElementsAs(ctx, &prior, false)...)
	}
	var unparsed []string
	m.CIDRBlocks, unparsed = stateBlocks(entries, prior)
	warnUnparsed(&resp.Diagnostics, whatOf(owner, clientID), unparsed)
	if !state.ownerID().IsNull() {
		m.ID = types.StringValue(importID(ownerID, clientID))
	}
	if importing && len(entries) == 0 {
		resp.Diagnostics.AddWarning("API Access List Is Empty",
			fmt.Sprintf("The %s has no API access list entries, so it may call the Atlas API from any address. "+
				"The next apply adds the configured cidr_blocks.", whatOf(owner, clientID)))
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}

// Update makes Atlas hold the planned list. It reads the list once more
// rather than trusting the refreshed state, so that an entry added since
// the refresh is removed too (the list stays authoritative under
// -refresh=false) and no addition collides with an entry already there.
func (r *listResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	defer owner.SetIdentity(ctx, resp.Identity, &resp.Diagnostics, &resp.State)
	plan, prior := r.kind.newModel(), r.kind.newModel()
	resp.Diagnostics.Append(req.Plan.Get(ctx, plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	done, ok := r.writeList(ctx, plan, "Error Updating API Access List", "updated API access list", &resp.Diagnostics)
	if !ok {
		// The prior state, not the plan: the next refresh reads what
		// Atlas holds after a partial update.
		resp.Diagnostics.Append(resp.State.Set(ctx, prior)...)
		return
	}
	// A list moved from the other resource type has now been written
	// through its own owner.
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, movedFromKey, nil)...)
	if unplanned := notIn(done.Removed, prior.base().CIDRBlocks); len(unplanned) > 0 {
		ownerID, clientID := plan.ownerID().ValueString(), plan.base().ClientID.ValueString()
		resp.Diagnostics.AddWarning("Entries Removed From API Access List",
			fmt.Sprintf("The API access list of %s gained %s after the plan was made, outside Terraform: %s. "+
				"This resource is authoritative, so the apply removed them. If the account needs them, add them to cidr_blocks.",
				r.what(ownerID, clientID), diags.Plural(len(unplanned), "entry", "entries"), strings.Join(unplanned, ", ")))
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
}

// Delete removes the entries its state holds, and only those: an entry
// added since the last refresh by someone else stays, and so does every
// entry another resource of this run declares for the same account (the
// resource a list moves to when a configuration moves it without a moved
// block). Once the last entry is gone, Atlas lifts the restriction: the
// account may then call the API from any address.
func (r *listResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	state := r.kind.newModel()
	resp.Diagnostics.Append(req.State.Get(ctx, state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	owner, ok := r.stateOwner(ctx, state, req.Private, &resp.Diagnostics)
	if !ok {
		return
	}
	clientID := state.base().ClientID.ValueString()
	done, err := r.api.RemoveAccessListEntries(ctx, owner, clientID, stateEntries(state.base().CIDRBlocks), r.declared.Entries(clientID))
	warnUnparsed(&resp.Diagnostics, whatOf(owner, clientID), done.Unparsed)
	if err != nil && !client.IsNotFound(err) {
		r.addWriteErrorOf(&resp.Diagnostics, "Error Removing API Access List", owner, clientID, err)
		return
	}
	tflog.Info(ctx, "removed API access list entries", map[string]any{"owner": owner.String(), "client_id": clientID, "removed": len(done.Removed)})
}

func (r *listResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	r.kind.ImportClientID(ctx, r.kind.typeName(), req, resp)
}

// addWriteError reports a failed change of the list: the address Atlas
// would not remove, a missing account, or any other refusal.
func (r *listResource) addWriteError(d *diag.Diagnostics, summary, ownerID, clientID string, err error) {
	r.addWriteErrorOf(d, summary, r.kind.Owner(ownerID), clientID, err)
}

func (r *listResource) addWriteErrorOf(d *diag.Diagnostics, summary string, owner client.Owner, clientID string, err error) {
	what := whatOf(owner, clientID)
	var removal *safeops.AccessListRemovalError
	isRemoval := errors.As(err, &removal)
	switch {
	case isRemoval && client.IsCallerRemovalRefused(err):
		var b strings.Builder
		fmt.Fprintf(&b, "Atlas refused to remove %s from the API access list of %s: it covers the address this request came from, "+
			"and Atlas never lets an account remove the address its own request comes from (%s).", removal.Entry, what, atlasAnswer(err))
		b.WriteString(progress(removal.Done))
		fmt.Fprintf(&b, "\n\nThe provider signs in as this account. To remove %s, run Terraform from an address that stays on the list, "+
			"or with the credentials of another account (such as an organization owner), or remove the entry in the Atlas UI; the next plan then "+
			"matches. To keep it, add it back to cidr_blocks.", removal.Entry)
		d.AddError("Cannot Remove the Caller's Own Address", b.String())
	case client.IsNotFound(err) && !isRemoval:
		d.AddError(summary, diags.APIErrorDetail(fmt.Sprintf("Changing the API access list of %s", what), err,
			fmt.Sprintf("Check that the service account exists in %s: create it first, or fix %s and client_id.",
				owner, r.kind.Attr)))
	case isRemoval:
		d.AddError(summary, diags.APIErrorDetail(fmt.Sprintf("Removing %s from the API access list of %s", removal.Entry, what), removal.Cause, "")+
			progress(removal.Done))
	default:
		d.AddError(summary, diags.APIErrorDetail(fmt.Sprintf("Changing the API access list of %s", what), err, ""))
	}
}

// atlasAnswer quotes Atlas's status, error code and detail.
func atlasAnswer(err error) string {
	var apiErr *client.APIError
	if !errors.As(err, &apiErr) {
		return err.Error()
	}
	s := fmt.Sprintf("HTTP %d %s", apiErr.StatusCode, apiErr.ErrorCode)
	if apiErr.Detail != "" {
		s += ": " + strings.TrimSuffix(apiErr.Detail, ".")
	}
	return s
}

// progress says what the failed change did before it stopped.
func progress(done safeops.AccessListChange) string {
	return diags.Progress(done.Added, nil, done.Removed)
}

// notIn returns the Atlas spellings among removed whose block set lacks.
func notIn(removed []string, set types.Set) []string {
	known := map[string]bool{}
	var values []string
	_ = set.ElementsAs(context.Background(), &values, false)
	for _, v := range values {
		if c, err := validate.CanonicalCIDR(v); err == nil {
			known[c] = true
		}
	}
	var out []string
	for _, s := range removed {
		if p, ok := safeops.EntryBlock(client.AccessListEntry{CIDRBlock: s}); !ok || !known[p.String()] {
			out = append(out, s)
		}
	}
	return out
}

// warnUnparsed reports entries Atlas returned that are neither an address
// nor a CIDR block: the provider cannot compare them with any block, so it
// neither stores nor removes them.
func warnUnparsed(d *diag.Diagnostics, what string, unparsed []string) {
	if len(unparsed) == 0 {
		return
	}
	d.AddWarning("Unreadable API Access List Entry",
		fmt.Sprintf("The API access list of %s holds %s that Atlas returned in a form that is neither an IP address nor a CIDR block: %q. "+
			"The provider cannot tell what such an entry admits, so it leaves it in place, never removes it and does not record it in state. "+
			"Check the list in the Atlas UI and remove or correct the entry there.", what, diags.Plural(len(unparsed), "entry", "entries"), unparsed))
}

// stateEntries are the entries a state's cidr_blocks holds, as Atlas
// entries; an element that is not a block (which Read never stores) is left
// out, so it is never removed.
func stateEntries(set types.Set) []client.AccessListEntry {
	var out []client.AccessListEntry
	if set.IsNull() || set.IsUnknown() {
		return nil
	}
	for _, e := range set.Elements() {
		v, ok := e.(types.String)
		if !ok || v.IsNull() || v.IsUnknown() {
			continue
		}
		if p, err := validate.ParseCIDR(v.ValueString()); err == nil {
			out = append(out, client.AccessListEntry{CIDRBlock: validate.AtlasCIDR(p)})
		}
	}
	return out
}
