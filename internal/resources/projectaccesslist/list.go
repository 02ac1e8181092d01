package projectaccesslist

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/providerdata"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/diags"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/listing"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/validate"
)

var _ list.ListResourceWithConfigure = (*ipList)(nil)

// NewListResource returns the atlasaccess_project_ip_access_list list
// resource (terraform query).
func NewListResource() list.ListResource { return &ipList{} }

type ipList struct{ api readAPI }

type ipListConfig struct {
	ProjectID types.String `tfsdk:"project_id"`
}

func (l *ipList) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	if d := providerdata.From(req.ProviderData, &resp.Diagnostics); d != nil {
		l.api = d.Service
	}
}

func (l *ipList) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	listing.TypeName(req, resp, "_project_ip_access_list")
}

func (l *ipList) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Finds a project's IP access list, for `terraform query`: one result, the whole list (the resource is authoritative), " +
			"or none when the list is empty. Reads the pages of the project's list, nothing per entry.",
		Attributes: map[string]schema.Attribute{
			"project_id": schema.StringAttribute{Required: true, Validators: validate.ProjectID(), MarkdownDescription: "ID of the project."},
		},
	}
}

func (l *ipList) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var config ipListConfig
	if !listing.Config(ctx, req, stream, &config) {
		return
	}
	projectID := config.ProjectID.ValueString()
	entries, err := l.api.ListProjectAccessList(ctx, projectID)
	if err != nil {
		listing.Fail(stream, "Error Listing Project IP Access List", "Reading the IP access list of project "+projectID, err)
		return
	}
	var found []listing.Found
	// The resource needs at least one entry: an empty list has nothing to
	// adopt.
	if len(entries) > 0 {
		found = append(found, listing.Found{
			DisplayName: fmt.Sprintf("project %s (%s)", projectID, diags.Plural(len(entries), "entry", "entries")),
			Identity:    map[string]string{"project_id": projectID},
			Fill: func(ctx context.Context, res *tfsdk.Resource) diag.Diagnostics {
				var m listModel
				imported := map[string]string{"project_id": projectID, "id": projectID}
				var d diag.Diagnostics
				d.Append(listing.AsImported(ctx, res, imported, &m, func() {
					set, sd := stateEntries(ctx, entries, types.SetNull(entryType))
					d.Append(sd...)
					m.Entries = set
				})...)
				return d
			},
		})
	}
	listing.Stream(ctx, req, stream, found)
}
