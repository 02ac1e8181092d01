package projectserviceaccountassignment

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/providerdata"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/listing"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/owner"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/serviceaccount"
)

var _ list.ListResourceWithConfigure = (*assignmentList)(nil)

// NewListResource returns the atlasaccess_project_service_account_assignment
// list resource (terraform query).
func NewListResource() list.ListResource { return &assignmentList{} }

type assignmentList struct{ client *client.Client }

type listConfig struct {
	ProjectID types.String `tfsdk:"project_id"`
	NameRegex types.String `tfsdk:"name_regex"`
}

func (l *assignmentList) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	if d := providerdata.From(req.ProviderData, &resp.Diagnostics); d != nil {
		l.client = d.Client
	}
}

func (l *assignmentList) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	listing.TypeName(req, resp, "_project_service_account_assignment")
}

func (l *assignmentList) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Finds the organization service accounts assigned to a project, for `terraform query`: every account in the " +
			"project with an organization role other than `ORG_MEMBER` (the others were made in the project and are listed by " +
			"`atlasaccess_project_service_account`). Reads the pages of the project's and the organization's account lists, nothing per account.",
		Attributes: map[string]schema.Attribute{
			"project_id": schema.StringAttribute{Required: true, Validators: owner.Project.Validators(), MarkdownDescription: "ID of the project."},
			"name_regex": listing.NameRegexAttribute("accounts"),
		},
	}
}

func (l *assignmentList) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var config listConfig
	if !listing.Config(ctx, req, stream, &config) {
		return
	}
	projectID := config.ProjectID.ValueString()
	accounts, orgRoles, err := serviceaccount.ProjectAccounts(ctx, l.client, projectID)
	if err != nil {
		listing.Fail(stream, "Error Listing Service Account Assignments", "Listing the service accounts of project "+projectID, err)
		return
	}
	match := listing.NameMatcher(config.NameRegex)
	var found []listing.Found
	for i := range accounts {
		sa := &accounts[i]
		if !match(sa.Name) || serviceaccount.OnlyOrgMember(orgRoles[sa.ClientID]) {
			continue
		}
		found = append(found, listing.Found{
			DisplayName: sa.Name + " (" + sa.ClientID + ")",
			Identity:    map[string]string{"project_id": projectID, "client_id": sa.ClientID},
			Fill: func(ctx context.Context, res *tfsdk.Resource) diag.Diagnostics {
				var m assignmentModel
				imported := map[string]string{"project_id": projectID, "client_id": sa.ClientID, "id": owner.ImportID(projectID, sa.ClientID)}
				return listing.AsImported(ctx, res, imported, &m, func() { m.setFromAPI(projectID, sa.ClientID, sa) })
			},
		})
	}
	listing.Stream(ctx, req, stream, found)
}
