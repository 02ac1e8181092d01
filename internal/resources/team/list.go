package team

import (
	"context"

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

var _ list.ListResourceWithConfigure = (*teamList)(nil)

// NewListResource returns the atlasaccess_team list resource (terraform
// query).
func NewListResource() list.ListResource { return &teamList{} }

type teamList struct{ reads reads }

type teamListConfig struct {
	OrgID     types.String `tfsdk:"org_id"`
	NameRegex types.String `tfsdk:"name_regex"`
}

func (l *teamList) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	if d := providerdata.From(req.ProviderData, &resp.Diagnostics); d != nil {
		l.reads = d.Service.Reads()
	}
}

func (l *teamList) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	listing.TypeName(req, resp, "_team")
}

func (l *teamList) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Finds the teams of an organization, for `terraform query`. Reads the pages of the organization's teams; " +
			"the members of a team are read only when the full resource is asked for (`include_resource`).",
		Attributes: map[string]schema.Attribute{
			"org_id":     schema.StringAttribute{Required: true, Validators: validate.OrgID(), MarkdownDescription: "ID of the organization."},
			"name_regex": listing.NameRegexAttribute("teams"),
		},
	}
}

func (l *teamList) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var config teamListConfig
	if !listing.Config(ctx, req, stream, &config) {
		return
	}
	orgID := config.OrgID.ValueString()
	teams, err := l.reads.ListTeams(ctx, orgID)
	if err != nil {
		listing.Fail(stream, "Error Listing Teams", "Listing the teams of organization "+orgID, err)
		return
	}
	matches := listing.NameMatcher(config.NameRegex)
	found := make([]listing.Found, 0, len(teams))
	for i := range teams {
		t := &teams[i]
		if !matches(t.Name) {
			continue
		}
		found = append(found, listing.Found{
			DisplayName: t.Name,
			Identity:    map[string]string{"org_id": orgID, "team_id": t.ID},
			Fill: func(ctx context.Context, res *tfsdk.Resource) diag.Diagnostics {
				users, err := l.reads.ListTeamUsers(ctx, orgID, t.ID)
				if err != nil {
					var d diag.Diagnostics
					d.AddError("Error Reading Team Members", diags.APIErrorDetail("Listing the members of team "+t.ID+" in organization "+orgID, err, ""))
					return d
				}
				members := make([]string, len(users))
				for i, u := range users {
					members[i] = u.Username
				}
				var m teamModel
				imported := map[string]string{"org_id": orgID, "team_id": t.ID}
				var d diag.Diagnostics
				d.Append(listing.AsImported(ctx, res, imported, &m, func() { d.Append(m.setFromAPI(ctx, orgID, t, members)...) })...)
				return d
			},
		})
	}
	listing.Stream(ctx, req, stream, found)
}
