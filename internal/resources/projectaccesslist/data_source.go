package projectaccesslist

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/providerdata"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/diags"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/validate"
)

var _ datasource.DataSourceWithConfigure = (*listDataSource)(nil)

// readAPI is what the data source needs from Atlas.
type readAPI interface {
	ListProjectAccessList(ctx context.Context, projectID string) ([]client.ProjectAccessListEntry, error)
	ProjectAccessListStatus(ctx context.Context, projectID, entryValue string) (string, error)
}

// NewDataSource returns the atlasaccess_project_ip_access_list data source.
func NewDataSource() datasource.DataSource { return &listDataSource{} }

type listDataSource struct {
	api readAPI
}

type dataModel struct {
	ProjectID types.String     `tfsdk:"project_id"`
	Entries   []dataEntryModel `tfsdk:"entries"`
}

type dataEntryModel struct {
	CIDRBlock        types.String `tfsdk:"cidr_block"`
	IPAddress        types.String `tfsdk:"ip_address"`
	AWSSecurityGroup types.String `tfsdk:"aws_security_group"`
	Comment          types.String `tfsdk:"comment"`
	DeleteAfterDate  types.String `tfsdk:"delete_after_date"`
	Status           types.String `tfsdk:"status"`
}

func (d *listDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_project_ip_access_list"
}

func (d *listDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Every entry of an Atlas project's IP access list, as Atlas holds it, with each entry's status.",
		Attributes: map[string]schema.Attribute{
			"project_id": schema.StringAttribute{
				MarkdownDescription: "ID of the Atlas project (24 hexadecimal digits).",
				Required:            true,
				Validators:          validate.ProjectID(),
			},
			"entries": schema.ListNestedAttribute{
				MarkdownDescription: "The entries, in Atlas's order.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"cidr_block":         schema.StringAttribute{Computed: true, MarkdownDescription: "The CIDR block (a single address as `/32` or `/128`); null for a security group."},
					"ip_address":         schema.StringAttribute{Computed: true, MarkdownDescription: "The address, for an entry of a single address."},
					"aws_security_group": schema.StringAttribute{Computed: true, MarkdownDescription: "The AWS security group ID, for a security group entry."},
					"comment":            schema.StringAttribute{Computed: true, MarkdownDescription: "The entry's comment."},
					"delete_after_date":  schema.StringAttribute{Computed: true, MarkdownDescription: "When Atlas deletes a temporary entry (RFC 3339); null for a permanent one."},
					"status": schema.StringAttribute{Computed: true, MarkdownDescription: "`" + client.ProjectAccessListStatusActive + "` once the entry applies to every cloud provider " +
						"serving the project's clusters, `" + client.ProjectAccessListStatusPending + "` before, or `" + client.ProjectAccessListStatusFailed + "`."},
				}},
			},
		},
	}
}

func (d *listDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	if pd := providerdata.From(req.ProviderData, &resp.Diagnostics); pd != nil {
		d.api = pd.Service
	}
}

func (d *listDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m dataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	projectID := m.ProjectID.ValueString()
	entries, err := d.api.ListProjectAccessList(ctx, projectID)
	if err != nil {
		resp.Diagnostics.AddError("Error Reading Project IP Access List",
			diags.APIErrorDetail(fmt.Sprintf("Reading the IP access list of project %s", projectID), err, "Check that the project exists."))
		return
	}
	m.Entries = make([]dataEntryModel, 0, len(entries))
	for _, e := range entries {
		status, err := d.api.ProjectAccessListStatus(ctx, projectID, e.Value())
		if err != nil {
			resp.Diagnostics.AddError("Error Reading Project IP Access List",
				diags.APIErrorDetail(fmt.Sprintf("Reading the status of %s in the IP access list of project %s", e.Value(), projectID), err, ""))
			return
		}
		m.Entries = append(m.Entries, dataEntryModel{
			CIDRBlock: optional(e.CIDRBlock), IPAddress: optional(e.IPAddress), AWSSecurityGroup: optional(e.AWSSecurityGroup),
			Comment: optional(e.Comment), DeleteAfterDate: types.StringPointerValue(e.DeleteAfterDate), Status: types.StringValue(status),
		})
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
}

func optional(s string) types.String {
	if s == "" {
		return types.StringNull()
	}
	return types.StringValue(s)
}
