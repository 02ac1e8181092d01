package e2e

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/acctest"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/atlassim"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

var idSegment = regexp.MustCompile(`/(mdb_sa_id_[0-9a-fA-F]{24}|[0-9a-f]{24})`)

// requestsOf runs one terraform command and returns the API requests it made,
// as "METHOD /path" with IDs replaced by {id}, sorted.
func requestsOf(w *workspace, args ...string) []string {
	w.t.Helper()
	before := len(w.sim.Requests())
	w.terraform(false, args...)
	var out []string
	for _, r := range w.sim.Requests()[before:] {
		out = append(out, r.Method+" "+idSegment.ReplaceAllString(r.Path, "/{id}"))
	}
	slices.Sort(out)
	return out
}

// TestRequestsPerOperationAreMinimal pins how many Atlas requests each
// operation costs, so that a change adding calls on the hot path fails a
// test instead of only a benchmark. Each provider process fetches at most one
// OAuth token, and only when it calls the API: terraform apply starts the
// provider twice (for the plan, then for the apply), so an apply that
// refreshes existing resources fetches two. A process revokes the token it
// fetched when Terraform stops it: one revocation per token. Each object
// here is alone with its owner, so every read is one GET; reads that arrive
// together share a listing instead (TestManyResourcesRefreshFromListings).
func TestRequestsPerOperationAreMinimal(t *testing.T) {
	t.Parallel()
	w := newWorkspace(t, atlassim.Options{Seed: 12})
	w.signInAsOrgOwner()
	c := w.orgOwnerClient()
	// An account that already exists elsewhere, to assign to the second project.
	existing, err := c.CreateProjectServiceAccount(context.Background(), w.fx.ProjectID, client.CreateServiceAccountRequest{
		Name: "existing", Description: "d", Roles: []string{"GROUP_READ_ONLY"}, SecretExpiresAfterHours: 24,
	})
	if err != nil {
		t.Fatal(err)
	}
	// The organization account's role for each project role of the steps.
	orgRoles := map[string]string{"GROUP_READ_ONLY": "ORG_READ_ONLY", "GROUP_OWNER": "ORG_MEMBER"}
	config := func(role string) string {
		roles := []string{role}
		return cliProvider +
			acctest.Resource(acctest.ServiceAccountType, "sa", acctest.Attrs{
				"project_id": w.fx.ProjectID, "name": "counted", "description": "d", "roles": roles, "secret_expires_after_hours": 24,
			}) +
			acctest.Resource(acctest.AssignmentType, "as", acctest.Attrs{"project_id": w.fx.Project2ID, "client_id": existing.ClientID, "roles": roles}) +
			acctest.Resource(acctest.UserInviteType, "inv", acctest.Attrs{"project_id": w.fx.ProjectID, "username": "counted@example.com", "roles": roles}) +
			acctest.Resource("atlasaccess_service_account", "org", acctest.Attrs{
				"org_id": w.fx.OrgID, "name": "counted", "description": "d", "roles": []string{orgRoles[role]}, "secret_expires_after_hours": 24,
			})
	}
	token := "POST /api/oauth/token"
	revoke := "POST /api/oauth/revoke"
	steps := []struct {
		name   string
		config string
		args   []string
		want   []string
	}{
		{"create", config("GROUP_READ_ONLY"), []string{"apply", "-auto-approve", "-input=false"}, []string{
			// The assignment reads the account first: see BENCHMARKS.md.
			"GET /api/atlas/v2/groups/{id}/serviceAccounts/{id}",
			"POST /api/atlas/v2/groups/{id}/serviceAccounts",
			"POST /api/atlas/v2/groups/{id}/serviceAccounts/{id}:invite",
			"POST /api/atlas/v2/groups/{id}/users",
			"POST /api/atlas/v2/orgs/{id}/serviceAccounts",
			token, revoke,
		}},
		{"plan without changes", config("GROUP_READ_ONLY"), []string{"plan", "-input=false"}, []string{
			"GET /api/atlas/v2/groups/{id}/serviceAccounts/{id}",
			"GET /api/atlas/v2/groups/{id}/serviceAccounts/{id}",
			"GET /api/atlas/v2/groups/{id}/users/{id}",
			"GET /api/atlas/v2/orgs/{id}/serviceAccounts/{id}",
			token, revoke,
		}},
		{"update roles", config("GROUP_OWNER"), []string{"apply", "-auto-approve", "-input=false"}, []string{
			"GET /api/atlas/v2/groups/{id}/serviceAccounts/{id}",
			"GET /api/atlas/v2/groups/{id}/serviceAccounts/{id}",
			"GET /api/atlas/v2/groups/{id}/users/{id}",
			"PATCH /api/atlas/v2/groups/{id}/serviceAccounts/{id}",
			"PATCH /api/atlas/v2/groups/{id}/serviceAccounts/{id}",
			"POST /api/atlas/v2/groups/{id}/users/{id}:addRole",
			"POST /api/atlas/v2/groups/{id}/users/{id}:removeRole",
			"GET /api/atlas/v2/orgs/{id}/serviceAccounts/{id}",
			"PATCH /api/atlas/v2/orgs/{id}/serviceAccounts/{id}",
			token, token, revoke, revoke,
		}},
		{"destroy", config("GROUP_OWNER"), []string{"destroy", "-auto-approve", "-input=false"}, []string{
			"DELETE /api/atlas/v2/groups/{id}/serviceAccounts/{id}",
			"DELETE /api/atlas/v2/groups/{id}/users/{id}",
			"DELETE /api/atlas/v2/orgs/{id}/serviceAccounts/{id}",
			"GET /api/atlas/v2/groups/{id}",
			"GET /api/atlas/v2/groups/{id}/serviceAccounts/{id}",
			"GET /api/atlas/v2/groups/{id}/serviceAccounts/{id}",
			"GET /api/atlas/v2/groups/{id}/users/{id}",
			"GET /api/atlas/v2/orgs/{id}/serviceAccounts/{id}/groups",
			// The assignment's destroy looks up its project's organization
			// and the account's remaining projects, to warn when it leaves the
			// account (and its live secrets) in no project at all.
			"GET /api/atlas/v2/groups/{id}",
			"GET /api/atlas/v2/orgs/{id}/serviceAccounts/{id}/groups",
			// The organization account: its refresh and its one DELETE.
			"GET /api/atlas/v2/orgs/{id}/serviceAccounts/{id}",
			"DELETE /api/atlas/v2/orgs/{id}/serviceAccounts/{id}",
			token, token, revoke, revoke,
		}},
	}
	for _, step := range steps {
		w.write("main.tf", step.config)
		got := requestsOf(w, step.args...)
		slices.Sort(step.want)
		if !slices.Equal(got, step.want) {
			t.Errorf("%s made %d requests:\n  %s\nwant %d:\n  %s", step.name, len(got), strings.Join(got, "\n  "), len(step.want), strings.Join(step.want, "\n  "))
		}
	}
	// The secret resources, in a workspace of their own (rotation_test.go).
	secretRequestCounts(t)
	// The access lists, in a workspace of their own (accesslist_test.go).
	accessListRequestCounts(t)
}
