package projectuserinvite

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/attrs"
)

const testProjectID = "32b6e34b3d91647abb20e7b8"

func TestParseImportID(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		id      string
		want    importID
		wantErr string
	}{
		"username":                {id: testProjectID + "/ann@example.com", want: importID{ProjectID: testProjectID, Username: "ann@example.com"}},
		"mixed-case username":     {id: testProjectID + "/Ann@Example.com", want: importID{ProjectID: testProjectID, Username: "Ann@Example.com"}},
		"slash in local part":     {id: testProjectID + "/a/b@example.com", want: importID{ProjectID: testProjectID, Username: "a/b@example.com"}},
		"user ID":                 {id: testProjectID + "/5f0c1e2d3a4b5c6d7e8f9a0b", want: importID{ProjectID: testProjectID, UserID: "5f0c1e2d3a4b5c6d7e8f9a0b"}},
		"no slash":                {id: testProjectID, wantErr: "project_id/username"},
		"empty second part":       {id: testProjectID + "/", wantErr: "project_id/user_id"},
		"empty":                   {id: "", wantErr: "project_id/username"},
		"bad project":             {id: "abc/ann@example.com", wantErr: `project_id "abc"`},
		"uppercase project":       {id: strings.ToUpper(testProjectID) + "/ann@example.com", wantErr: "lowercase hexadecimal"},
		"bad email":               {id: testProjectID + "/ann@", wantErr: "not an email address"},
		"display name":            {id: testProjectID + "/Ann <ann@example.com>", wantErr: "not an email address"},
		"uppercase user ID":       {id: testProjectID + "/5F0C1E2D3A4B5C6D7E8F9A0B", wantErr: "neither an email address nor a user ID"},
		"short user ID":           {id: testProjectID + "/5f0c", wantErr: "neither an email address nor a user ID"},
		"client ID, not a person": {id: testProjectID + "/mdb_sa_id_1234567890abcdef12345678", wantErr: "neither"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got, err := parseImportID(tc.id)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("parseImportID(%q) error = %v, want one containing %q", tc.id, err, tc.wantErr)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("parseImportID(%q) = %+v, %v; want %+v", tc.id, got, err, tc.want)
			}
		})
	}
}

func FuzzParseImportID(f *testing.F) {
	for _, seed := range []string{testProjectID + "/ann@example.com", testProjectID + "/5f0c1e2d3a4b5c6d7e8f9a0b", "", "/", "a/b/c", testProjectID + "/@"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, id string) {
		got, err := parseImportID(id)
		if err != nil {
			if !strings.Contains(err.Error(), "project_id") {
				t.Fatalf("error for %q does not name the expected form: %v", id, err)
			}
			return
		}
		if (got.Username == "") == (got.UserID == "") {
			t.Fatalf("parseImportID(%q) = %+v: want exactly one of username and user ID", id, got)
		}
		if back := got.ProjectID + "/" + got.Username + got.UserID; back != id {
			t.Fatalf("parseImportID(%q) = %+v does not rebuild the ID (%q)", id, got, back)
		}
	})
}

func TestSetFromAPIKeepsSpellingAndNullsAbsentFields(t *testing.T) {
	t.Parallel()
	expires := "2030-01-01T00:00:00Z"
	cases := map[string]struct {
		before       types.String
		user         client.ProjectUser
		wantUsername string
		wantExpires  types.String
		wantInviter  types.String
	}{
		"pending keeps configured spelling": {
			before:       types.StringValue("Ann@Example.com"),
			user:         client.ProjectUser{ID: "5f0c1e2d3a4b5c6d7e8f9a0b", Username: "ann@example.com", OrgMembershipStatus: statusPending, Roles: []string{"GROUP_READ_ONLY"}, InvitationCreatedAt: "2029-12-01T00:00:00Z", InvitationExpiresAt: &expires, InviterUsername: "admin@example.com"},
			wantUsername: "Ann@Example.com", wantExpires: types.StringValue(expires), wantInviter: types.StringValue("admin@example.com"),
		},
		"active after import takes Atlas's spelling": {
			before:       types.StringNull(),
			user:         client.ProjectUser{ID: "5f0c1e2d3a4b5c6d7e8f9a0b", Username: "ann@example.com", OrgMembershipStatus: statusActive, Roles: []string{"GROUP_OWNER"}},
			wantUsername: "ann@example.com", wantExpires: types.StringNull(), wantInviter: types.StringNull(),
		},
		"rejected has a null expiry": {
			before:       types.StringValue("ann@example.com"),
			user:         client.ProjectUser{ID: "5f0c1e2d3a4b5c6d7e8f9a0b", Username: "ann@example.com", OrgMembershipStatus: statusRejected, Roles: []string{"GROUP_OWNER"}, InvitationCreatedAt: "2029-12-01T00:00:00Z", InviterUsername: "admin@example.com"},
			wantUsername: "ann@example.com", wantExpires: types.StringNull(), wantInviter: types.StringValue("admin@example.com"),
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			m := projectUserInviteModel{Username: tc.before}
			m.setFromAPI(testProjectID, &tc.user)
			if m.Username.ValueString() != tc.wantUsername || m.ID.ValueString() != testProjectID+"/"+tc.wantUsername {
				t.Fatalf("username %s, id %s; want %s", m.Username, m.ID, tc.wantUsername)
			}
			if !m.InvitationExpiresAt.Equal(tc.wantExpires) || !m.InviterUsername.Equal(tc.wantInviter) {
				t.Fatalf("invitation_expires_at %s, inviter_username %s; want %s, %s", m.InvitationExpiresAt, m.InviterUsername, tc.wantExpires, tc.wantInviter)
			}
			if m.Status.ValueString() != tc.user.OrgMembershipStatus || m.UserID.ValueString() != tc.user.ID {
				t.Fatalf("status %s, user_id %s", m.Status, m.UserID)
			}
		})
	}
}

// planFor runs ModifyPlan for a resource whose refreshed state is state and
// whose configuration matches it.
func planFor(t *testing.T, state projectUserInviteModel) *resource.ModifyPlanResponse {
	t.Helper()
	ctx := context.Background()
	s := resourceSchema()
	empty := tftypes.NewValue(s.Type().TerraformType(ctx), nil)
	st := tfsdk.State{Schema: s, Raw: empty}
	pl := tfsdk.Plan{Schema: s, Raw: empty}
	var diags diag.Diagnostics
	diags.Append(st.Set(ctx, &state)...)
	diags.Append(pl.Set(ctx, &state)...)
	if diags.HasError() {
		t.Fatalf("building the request: %v", diags)
	}
	req := resource.ModifyPlanRequest{State: st, Plan: pl, Config: tfsdk.Config{Schema: s, Raw: pl.Raw}}
	resp := &resource.ModifyPlanResponse{Plan: pl}
	(&projectUserInviteResource{}).ModifyPlan(ctx, req, resp)
	if resp.Diagnostics.HasError() {
		t.Fatalf("ModifyPlan: %v", resp.Diagnostics)
	}
	return resp
}

func TestModifyPlan_staleInvitationPlansReplacementWithReason(t *testing.T) {
	t.Parallel()
	base := func(status string, expires types.String) projectUserInviteModel {
		return projectUserInviteModel{
			ID: types.StringValue(testProjectID + "/ann@example.com"), ProjectID: types.StringValue(testProjectID),
			Username: types.StringValue("ann@example.com"), Roles: attrs.RolesToSet([]string{"GROUP_READ_ONLY"}),
			UserID: types.StringValue("5f0c1e2d3a4b5c6d7e8f9a0b"), Status: types.StringValue(status),
			InvitationCreatedAt: types.StringValue("2025-05-01T09:42:00Z"), InvitationExpiresAt: expires,
			InviterUsername: types.StringValue("admin@example.com"),
		}
	}
	cases := map[string]struct {
		state       projectUserInviteModel
		wantReplace bool
		wantSummary string
		wantDetail  []string
	}{
		"expired": {
			state: base(statusExpired, types.StringValue("2025-05-31T09:42:00Z")), wantReplace: true, wantSummary: "Invitation Expired",
			wantDetail: []string{"ann@example.com did not accept the invitation", "before 2025-05-31T09:42:00Z", "Terraform will send a new invitation"},
		},
		"rejected": {
			state: base(statusRejected, types.StringNull()), wantReplace: true, wantSummary: "Invitation Rejected",
			wantDetail: []string{"ann@example.com declined the invitation", "Terraform will send a new invitation"},
		},
		"pending":  {state: base(statusPending, types.StringValue("2025-05-31T09:42:00Z"))},
		"accepted": {state: base(statusActive, types.StringNull())},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			resp := planFor(t, tc.state)
			var status types.String
			resp.Diagnostics.Append(resp.Plan.GetAttribute(context.Background(), path.Root("status"), &status)...)
			if !tc.wantReplace {
				if len(resp.RequiresReplace) != 0 || len(resp.Diagnostics) != 0 || !status.Equal(tc.state.Status) {
					t.Fatalf("status %s: want no replacement and no diagnostics, got replace %v, diagnostics %v, planned status %s", tc.state.Status, resp.RequiresReplace, resp.Diagnostics, status)
				}
				return
			}
			if !slices.ContainsFunc(resp.RequiresReplace, func(p path.Path) bool { return p.Equal(path.Root("status")) }) {
				t.Fatalf("RequiresReplace = %v, want status", resp.RequiresReplace)
			}
			if !status.IsUnknown() {
				t.Fatalf("planned status = %s, want unknown so that Terraform shows the replacement", status)
			}
			warnings := resp.Diagnostics.Warnings()
			if len(warnings) != 1 || warnings[0].Summary() != tc.wantSummary {
				t.Fatalf("warnings = %v, want one %q", warnings, tc.wantSummary)
			}
			for _, part := range tc.wantDetail {
				if !strings.Contains(warnings[0].Detail(), part) {
					t.Fatalf("warning detail %q does not say %q", warnings[0].Detail(), part)
				}
			}
		})
	}
}
