package projectteam

import (
	"context"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/providerdata"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/listing"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/validate"
)

var _ list.ListResourceWithConfigure = (*teamList)(nil)

// NewListResource returns the atlasaccess_project_team list resource
// (terraform query).
func NewListResource() list.ListResource { return &teamList{} }

type teamList struct{ client teamsReader }

type teamListConfig struct {
	ProjectID types.String `tfsdk:"project_id"`
}

func (l *teamList) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	if d := providerdata.From(req.ProviderData, &resp.Diagnostics); d != nil {
		l.client = d.Client
	}
}

func (l *teamList) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	listing.TypeName(req, resp, "_project_team")
}

func (l *teamList) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Finds the teams that hold roles in a project, for `terraform query`. Reads the pages of the project's teams list, nothing per team.",
		Attributes: map[string]schema.Attribute{
			"project_id": schema.StringAttribute{Required: true, Validators: validate.ProjectID(), MarkdownDescription: "ID of the project."},
		},
	}
}

func (l *teamList) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var config teamListConfig
	if !listing.Config(ctx, req, stream, &config) {
		return
	}
	projectID := config.ProjectID.ValueString()
	teams, err := l.client.ListProjectTeams(ctx, projectID)
	if err != nil {
		listing.Fail(stream, "Error Listing Project Teams", "Listing the teams of project "+projectID, err)
		return
	}
	found := make([]listing.Found, 0, len(teams))
	for i := range teams {
		t := &teams[i]
		found = append(found, listing.Found{
			DisplayName: t.TeamID + " (" + strings.Join(slices.Sorted(slices.Values(t.RoleNames)), ", ") + ")",
			Identity:    map[string]string{"project_id": projectID, "team_id": t.TeamID},
			Fill: func(ctx context.Context, res *tfsdk.Resource) diag.Diagnostics {
				var m projectTeamModel
				imported := map[string]string{"project_id": projectID, "team_id": t.TeamID}
				return listing.AsImported(ctx, res, imported, &m, func() { m.setFromAPI(projectID, t) })
			},
		})
	}
	listing.Stream(ctx, req, stream, found)
}
