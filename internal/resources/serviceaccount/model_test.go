package serviceaccount

import (
	"context"
	"errors"
	"math/big"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/resources/attrs"
)

func TestSetFromAPI_keepsWhatAtlasNeverReturnsAgain(t *testing.T) {
	t.Parallel()
	m := projectAccountModel{
		accountModel: accountModel{
			SecretExpiresAfterHours: attrs.HoursNumber(720),
			Secret:                  types.StringValue("mdb_sa_sk_plain"),
		},
		KeepInOrganization: types.BoolNull(),
	}
	m.setFromAPI("32b6e34b3d91647abb20e7b8", &client.ServiceAccount{
		ClientID: "mdb_sa_id_1234567890abcdef12345678", Name: "ci", Description: "d", Roles: []string{"GROUP_READ_ONLY"},
		CreatedAt: "2025-01-01T00:00:00Z",
		Secrets:   []client.ServiceAccountSecret{{ID: "s", CreatedAt: "2025-01-01T00:00:00Z", ExpiresAt: "2025-01-02T00:00:00Z"}},
	})
	if m.ID.ValueString() != "32b6e34b3d91647abb20e7b8/mdb_sa_id_1234567890abcdef12345678" {
		t.Errorf("id = %s", m.ID)
	}
	if m.SecretExpiresAfterHours.ValueBigFloat().Cmp(big.NewFloat(720)) != 0 {
		t.Errorf("the configured lifetime was replaced by the first secret's: %v", m.SecretExpiresAfterHours)
	}
	if m.Secret.ValueString() != "mdb_sa_sk_plain" {
		t.Error("the plaintext secret, which Atlas never returns again, was lost")
	}
	if !m.KeepInOrganization.IsNull() {
		t.Errorf("keep_in_organization = %v, want it left null: null is what destroy reads as \"not set\"", m.KeepInOrganization)
	}
	if len(m.Secrets.Elements()) != 1 || m.removedFromOwner() {
		t.Errorf("secrets %v, removedFromOwner %v", m.Secrets, m.removedFromOwner())
	}
}

func TestProjectView_recordsNoRolesInTheProject(t *testing.T) {
	t.Parallel()
	var m projectAccountModel
	m.setFromAPI("32b6e34b3d91647abb20e7b8", projectView(&client.OrgServiceAccount{
		ClientID: "mdb_sa_id_1234567890abcdef12345678", Name: "ci", Description: "d", Roles: []string{"ORG_MEMBER"},
	}))
	if !m.removedFromOwner() || m.Name.ValueString() != "ci" {
		t.Fatalf("after setFromAPI(projectView): roles %v, name %v; want no roles and the account's name", m.Roles, m.Name)
	}
}

// fakeAPI answers lookupAccount's questions.
type fakeAPI struct {
	api
	project error // of GetProjectServiceAccount
	org     error // of GetOrgServiceAccount
	orgID   error // of ProjectOrgID
}

func (f fakeAPI) GetProjectServiceAccount(context.Context, string, string) (*client.ServiceAccount, error) {
	if f.project != nil {
		return nil, f.project
	}
	return &client.ServiceAccount{ClientID: "c"}, nil
}

func (f fakeAPI) ProjectOrgID(context.Context, string) (string, error) { return "o", f.orgID }

func (f fakeAPI) GetOrgServiceAccount(context.Context, string, string) (*client.OrgServiceAccount, error) {
	if f.org != nil {
		return nil, f.org
	}
	return &client.OrgServiceAccount{ClientID: "c"}, nil
}

func TestLookupAccount_neverForgetsALiveAccount(t *testing.T) {
	t.Parallel()
	notFound := &client.APIError{StatusCode: 404, ErrorCode: "RESOURCE_NOT_FOUND"}
	boom := &client.APIError{StatusCode: 500, ErrorCode: "UNEXPECTED_ERROR"}
	cases := map[string]struct {
		api     fakeAPI
		want    accountLookup
		wantErr bool
	}{
		"in the project":                       {api: fakeAPI{}, want: accountInOwner},
		"removed from the project, in the org": {api: fakeAPI{project: notFound}, want: accountOnlyInOrg},
		"deleted from the organization":        {api: fakeAPI{project: notFound, org: notFound}, want: accountGone},
		"project read fails":                   {api: fakeAPI{project: boom}, wantErr: true},
		"organization unknown":                 {api: fakeAPI{project: notFound, orgID: boom}, wantErr: true},
		"organization read fails: not gone":    {api: fakeAPI{project: notFound, org: boom}, wantErr: true},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			_, _, got, err := lookupAccount(context.Background(), tc.api, "p", "c")
			if (err != nil) != tc.wantErr || (!tc.wantErr && got != tc.want) {
				t.Fatalf("lookupAccount = %v, %v; want %v (error %v)", got, err, tc.want, tc.wantErr)
			}
			if tc.wantErr && !errors.Is(err, boom) {
				t.Fatalf("err = %v, want the failure itself", err)
			}
		})
	}
}

func TestOtherProjects(t *testing.T) {
	t.Parallel()
	got := otherProjects([]client.ServiceAccountProject{{ProjectID: "a"}, {ProjectID: "b"}, {ProjectID: "c"}}, "b")
	if len(got) != 2 || got[0] != "a" || got[1] != "c" {
		t.Fatalf("otherProjects = %v", got)
	}
	if got := otherProjects([]client.ServiceAccountProject{{ProjectID: "b"}}, "b"); len(got) != 0 {
		t.Fatalf("otherProjects = %v, want none", got)
	}
}

// deleteAPI answers planDelete's lookups.
type deleteAPI struct {
	api
	orgErr      error
	projects    []client.ServiceAccountProject
	projectsErr error
}

func (f deleteAPI) ProjectOrgID(context.Context, string) (string, error) { return "o", f.orgErr }

func (f deleteAPI) ListOrgServiceAccountProjects(context.Context, string, string) ([]client.ServiceAccountProject, error) {
	return f.projects, f.projectsErr
}

// Only a permission denial may leave an account in the organization; any
// other failure of a lookup fails the destroy and keeps the account in state.
func TestPlanDelete_neverASilentOrphan(t *testing.T) {
	t.Parallel()
	denied401 := &client.APIError{StatusCode: 401, ErrorCode: "USER_UNAUTHORIZED"}
	denied403 := &client.APIError{StatusCode: 403, ErrorCode: "IP_ADDRESS_NOT_ON_ACCESS_LIST"}
	server := &client.APIError{StatusCode: 500, ErrorCode: "UNEXPECTED_ERROR"}
	dropped := errors.New("giving up after 6 attempts: connection reset by peer")
	notFound := &client.APIError{StatusCode: 404, ErrorCode: "RESOURCE_NOT_FOUND"}
	here := []client.ServiceAccountProject{{ProjectID: "p"}}
	cases := map[string]struct {
		api      deleteAPI
		intent   orgIntent
		wantErr  error
		wantPlan func(deletePlan) bool
		wantWhat string
	}{
		"only this project: delete from the organization": {api: deleteAPI{projects: here}, wantPlan: func(p deletePlan) bool { return p.deleteFromOrg }, wantWhat: "delete"},
		"another project uses it: remove from this one":   {api: deleteAPI{projects: append(here, client.ServiceAccountProject{ProjectID: "q"})}, wantPlan: func(p deletePlan) bool { return !p.deleteFromOrg && len(p.otherProjects) == 1 }, wantWhat: "keep"},
		"already deleted":                      {api: deleteAPI{projectsErr: notFound}, wantPlan: func(p deletePlan) bool { return p.gone }, wantWhat: "nothing"},
		"keep_in_organization":                 {intent: keepAsAsked, wantPlan: func(p deletePlan) bool { return !p.deleteFromOrg && !p.gone && p.leftInOrg == nil && !p.importedKept }, wantWhat: "remove only"},
		"imported, only this project":          {intent: keepImported, api: deleteAPI{projects: here}, wantPlan: func(p deletePlan) bool { return p.importedKept && !p.deleteFromOrg && p.orgID == "o" }, wantWhat: "remove only, and warn naming the organization"},
		"imported, organization lookup fails":  {intent: keepImported, api: deleteAPI{orgErr: server}, wantPlan: func(p deletePlan) bool { return p.importedKept && !p.deleteFromOrg }, wantWhat: "remove only: the organization only names it in the warning"},
		"project owner, 401 form":              {api: deleteAPI{projectsErr: denied401}, wantPlan: func(p deletePlan) bool { return p.leftInOrg != nil }, wantWhat: "warn"},
		"project owner, 403 form":              {api: deleteAPI{projectsErr: denied403}, wantPlan: func(p deletePlan) bool { return p.leftInOrg != nil }, wantWhat: "warn"},
		"organization lookup denied":           {api: deleteAPI{orgErr: denied401}, wantPlan: func(p deletePlan) bool { return p.leftInOrg != nil }, wantWhat: "warn"},
		"organization lookup fails":            {api: deleteAPI{orgErr: server}, wantErr: server},
		"projects lookup fails":                {api: deleteAPI{projectsErr: server}, wantErr: server},
		"projects lookup loses its connection": {api: deleteAPI{projectsErr: dropped}, wantErr: dropped},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			plan, err := planDelete(context.Background(), tc.api, "p", "c", tc.intent)
			if tc.wantErr != nil {
				if !errors.Is(err, tc.wantErr) {
					t.Fatalf("planDelete err = %v, want %v: the destroy must fail and keep the account", err, tc.wantErr)
				}
				return
			}
			if err != nil || !tc.wantPlan(plan) {
				t.Fatalf("planDelete = %+v, %v; want %s", plan, err, tc.wantWhat)
			}
		})
	}
}

// keep_in_organization not set deletes from the organization only what this
// resource created; an explicit value decides alone.
func TestOrgIntentOf(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		keep        types.Bool
		createdHere bool
		want        orgIntent
	}{
		"not set, created here":    {keep: types.BoolNull(), createdHere: true, want: deleteIfUnused},
		"not set, imported":        {keep: types.BoolNull(), createdHere: false, want: keepImported},
		"false, imported":          {keep: types.BoolValue(false), createdHere: false, want: deleteIfUnused},
		"false, created here":      {keep: types.BoolValue(false), createdHere: true, want: deleteIfUnused},
		"true, created here":       {keep: types.BoolValue(true), createdHere: true, want: keepAsAsked},
		"true, imported":           {keep: types.BoolValue(true), createdHere: false, want: keepAsAsked},
		"unknown reads as not set": {keep: types.BoolUnknown(), createdHere: false, want: keepImported},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if got := orgIntentOf(tc.keep, tc.createdHere); got != tc.want {
				t.Fatalf("orgIntentOf(%v, %v) = %v, want %v", tc.keep, tc.createdHere, got, tc.want)
			}
		})
	}
}

// A version 0 state's keep_in_organization = false was the default: it is
// read as "not set"; only true was a choice.
func TestUpgradeKeepInOrganization(t *testing.T) {
	t.Parallel()
	cases := map[string]struct{ in, want types.Bool }{
		"default false": {in: types.BoolValue(false), want: types.BoolNull()},
		"true":          {in: types.BoolValue(true), want: types.BoolValue(true)},
		"null":          {in: types.BoolNull(), want: types.BoolNull()},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if got := upgradeKeepInOrganization(tc.in); !got.Equal(tc.want) {
				t.Fatalf("upgradeKeepInOrganization(%v) = %v, want %v", tc.in, got, tc.want)
			}
		})
	}
}
