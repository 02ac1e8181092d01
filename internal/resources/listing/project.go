package listing

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/providerdata"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/diags"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/validate"
)

// ProjectReader is the one call that lists a project's objects of a type,
// taken from what the provider configured (data.Client for a read that
// holds nothing, data.Service for one that does).
type ProjectReader[T any] func(data *providerdata.Data) func(ctx context.Context, projectID string) ([]T, error)

var (
	_ list.ListResourceWithConfigure     = (*ProjectList[struct{}])(nil)
	_ datasource.DataSourceWithConfigure = (*ProjectDataSource[struct{}, struct{}])(nil)
)

// ProjectList is the list resource (terraform query) of a project-scoped
// type whose objects one listing of the project finds: its config is
// project_id alone, and Found turns what the listing returned into results.
// A package keeps only what is its own: the words, the call and Found.
type ProjectList[T any] struct {
	// Suffix is the type name after the provider's, the resource's:
	// "_custom_db_role".
	Suffix string
	// Description is the list block's MarkdownDescription.
	Description string
	// Summary is the diagnostic summary of a failed listing ("Error
	// Listing Custom Database Roles"); Action says what was listed, the
	// project ID following ("Listing the custom database roles of project ").
	Summary, Action string
	// Reader picks the listing call.
	Reader ProjectReader[T]
	// Found turns the project's objects into results, in the order
	// terraform query shows them.
	Found func(projectID string, objects []T) []Found

	read func(ctx context.Context, projectID string) ([]T, error)
}

// projectConfig is the config of a list block whose only argument is
// project_id.
type projectConfig struct {
	ProjectID types.String `tfsdk:"project_id"`
}

// Configure takes the listing call from the provider's data.
func (l *ProjectList[T]) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	if d := providerdata.From(req.ProviderData, &resp.Diagnostics); d != nil {
		l.read = l.Reader(d)
	}
}

// Metadata names the list resource after the resource it lists.
func (l *ProjectList[T]) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	TypeName(req, resp, l.Suffix)
}

// ListResourceConfigSchema is project_id alone.
func (l *ProjectList[T]) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: l.Description,
		Attributes: map[string]schema.Attribute{
			"project_id": schema.StringAttribute{Required: true, Validators: validate.ProjectID(), MarkdownDescription: "ID of the project."},
		},
	}
}

// List reads the project's objects once and streams what Found makes of
// them.
func (l *ProjectList[T]) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var config projectConfig
	if !Config(ctx, req, stream, &config) {
		return
	}
	projectID := config.ProjectID.ValueString()
	objects, err := l.read(ctx, projectID)
	if err != nil {
		Fail(stream, l.Summary, l.Action+projectID, err)
		return
	}
	Stream(ctx, req, stream, l.Found(projectID, objects))
}

// ProjectDataSource is the data source that lists a project's objects of
// a type (atlasaccess_custom_db_roles, ...): project_id, and one computed
// list attribute Items named ItemsName, whose elements Elements makes, in
// the order the data source shows them, from what the listing returned.
type ProjectDataSource[T, E any] struct {
	// Suffix is the type name after the provider's: "_custom_db_roles".
	Suffix string
	// Description is the data source's MarkdownDescription.
	Description string
	// ItemsName and Items are the computed list attribute.
	ItemsName string
	Items     dschema.ListNestedAttribute
	// Summary and Action name a failed listing, as in ProjectList.
	Summary, Action string
	// Reader picks the listing call.
	Reader ProjectReader[T]
	// Elements converts the objects into the elements of Items.
	Elements func(objects []T) []E

	read func(ctx context.Context, projectID string) ([]T, error)
}

// Metadata names the data source.
func (d *ProjectDataSource[T, E]) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + d.Suffix
}

// Schema is project_id and Items.
func (d *ProjectDataSource[T, E]) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = dschema.Schema{
		MarkdownDescription: d.Description,
		Attributes: map[string]dschema.Attribute{
			"project_id": dschema.StringAttribute{Required: true, Validators: validate.ProjectID(), MarkdownDescription: "ID of the Atlas project (24 hexadecimal digits)."},
			d.ItemsName:  d.Items,
		},
	}
}

// Configure takes the listing call from the provider's data.
func (d *ProjectDataSource[T, E]) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	if data := providerdata.From(req.ProviderData, &resp.Diagnostics); data != nil {
		d.read = d.Reader(data)
	}
}

// Read lists the project's objects and sets Items from them.
func (d *ProjectDataSource[T, E]) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var projectIDValue types.String
	if resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("project_id"), &projectIDValue)...); resp.Diagnostics.HasError() {
		return
	}
	projectID := projectIDValue.ValueString()
	objects, err := d.read(ctx, projectID)
	if err != nil {
		resp.Diagnostics.AddError(d.Summary, diags.APIErrorDetail(d.Action+projectID, err, ""))
		return
	}
	items, itemDiags := types.ListValueFrom(ctx, d.Items.NestedObject.Type(), d.Elements(objects))
	if resp.Diagnostics.Append(itemDiags...); resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("project_id"), projectIDValue)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(d.ItemsName), items)...)
}
