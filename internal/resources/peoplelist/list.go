package peoplelist

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/providerdata"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/listing"
)

var _ list.ListResourceWithConfigure = (*List[struct{}])(nil)

// Person is what a list resource shows of one person: the username that,
// with the owner's ID, is the resource's identity, and the organization
// membership status the display name shows.
type Person struct {
	Username, Status string
}

// List is the list resource (terraform query) of the people of an owner,
// an organization or a project: configured by the owner's ID and the
// optional statuses filter, read with one listing of the owner's people,
// each result shown as "email (STATUS)". A package keeps only what is its
// own: the words, the owner attribute, the call and how one person fills
// its resource.
type List[U any] struct {
	// Suffix is the resource's type name after the provider's: "_org_user".
	Suffix string
	// Description is the list resource's Markdown description.
	Description string
	// StatusesNote ends the statuses filter's description.
	StatusesNote string
	// Owner is the owner's attribute: "org_id" or "project_id".
	Owner schema.StringAttribute
	// OwnerName is the owner attribute's name.
	OwnerName string
	// Summary and Action word the error of a failed listing: "Error
	// Listing Organization Users", "Listing the users of organization ".
	Summary, Action string
	// Reader picks the listing call, given the statuses asked (none: Atlas's
	// default).
	Reader func(d *providerdata.Data) func(ctx context.Context, ownerID string, statuses []string) ([]U, error)
	// Person says who u is.
	Person func(u *U) Person
	// Fill sets res as importing u by its identity and reading it would.
	Fill func(ctx context.Context, res *tfsdk.Resource, ownerID string, u *U) diag.Diagnostics

	read func(ctx context.Context, ownerID string, statuses []string) ([]U, error)
}

// Configure takes the listing call from what the provider configured.
func (l *List[U]) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	if d := providerdata.From(req.ProviderData, &resp.Diagnostics); d != nil {
		l.read = l.Reader(d)
	}
}

// Metadata names the list resource after its resource.
func (l *List[U]) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	listing.TypeName(req, resp, l.Suffix)
}

// ListResourceConfigSchema is the owner and the statuses filter.
func (l *List[U]) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: l.Description,
		Attributes: map[string]schema.Attribute{
			l.OwnerName: l.Owner,
			"statuses": schema.ListAttribute{Optional: true, ElementType: types.StringType,
				Validators: []validator.List{listvalidator.SizeAtLeast(1), listvalidator.ValueStringsAre(stringvalidator.OneOf(allStatuses...))},
				MarkdownDescription: "Lists only the people in these organization membership statuses, of " + StatusesMarkdown() +
					". Default: `PENDING` and `ACTIVE`, the statuses Atlas lists by default." + l.StatusesNote},
		},
	}
}

// List reads the owner's people once and streams them in Atlas's order.
func (l *List[U]) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	// The owner's attribute name differs by type, so the block is read
	// attribute by attribute, not into a struct.
	var ownerID types.String
	var filter types.List
	d := req.Config.GetAttribute(ctx, path.Root(l.OwnerName), &ownerID)
	d.Append(req.Config.GetAttribute(ctx, path.Root("statuses"), &filter)...)
	if d.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(d)
		return
	}
	var statuses []string
	if !filter.IsNull() {
		if d := filter.ElementsAs(ctx, &statuses, false); d.HasError() {
			stream.Results = list.ListResultsStreamDiagnostics(d)
			return
		}
	}
	owner := ownerID.ValueString()
	people, err := l.read(ctx, owner, statuses)
	if err != nil {
		listing.Fail(stream, l.Summary, l.Action+owner, err)
		return
	}
	listing.Stream(ctx, req, stream, l.found(owner, people))
}

// found are the results of a listing: each named by email and status, with
// the identity owner/username, filled as an import by that identity and the
// read after it would fill it.
func (l *List[U]) found(owner string, people []U) []listing.Found {
	found := make([]listing.Found, 0, len(people))
	for i := range people {
		u := &people[i]
		p := l.Person(u)
		found = append(found, listing.Found{
			DisplayName: p.Username + " (" + p.Status + ")",
			Identity:    map[string]string{l.OwnerName: owner, "username": p.Username},
			Fill: func(ctx context.Context, res *tfsdk.Resource) diag.Diagnostics {
				return l.Fill(ctx, res, owner, u)
			},
		})
	}
	return found
}
