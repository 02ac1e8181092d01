package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/atlassim"
)

// TestManyResourcesRefreshFromListings pins what a configuration of many
// objects costs: a no-change plan of 120 project accounts, 30 assignments
// and 30 people refreshes them from a few listings, not 180 GETs, with the
// same empty plan; and a destroy costs about one request per object.
func TestManyResourcesRefreshFromListings(t *testing.T) {
	t.Parallel()
	const accounts, assigned = 120, 30
	w := newWorkspace(t, atlassim.Options{Seed: 25, InviteRateLimit: -1})
	w.signInAsOrgOwner()
	config := cliProvider + fmt.Sprintf(`
resource "atlasaccess_project_service_account" "sa" {
  count                      = %d
  project_id                 = %q
  name                       = "many ${count.index}"
  description                = "d"
  roles                      = ["GROUP_READ_ONLY"]
  secret_expires_after_hours = 24
}

resource "atlasaccess_project_service_account_assignment" "as" {
  count      = %d
  project_id = %q
  client_id  = atlasaccess_project_service_account.sa[count.index].client_id
  roles      = ["GROUP_READ_ONLY"]
}

resource "atlasaccess_project_user_invite" "inv" {
  count      = %d
  project_id = %q
  username   = "many-${count.index}@example.com"
  roles      = ["GROUP_READ_ONLY"]
}
`, accounts, w.fx.ProjectID, assigned, w.fx.Project2ID, assigned, w.fx.ProjectID)
	w.write("main.tf", config)
	w.terraform(false, "apply", "-auto-approve", "-input=false")

	resources := accounts + 2*assigned
	plan := apiOnly(requestsOf(w, "plan", "-input=false", "-detailed-exitcode"))
	// The owners: the project's accounts, its people, the second
	// project's accounts, one page each.
	lists := 0
	for _, r := range plan {
		if strings.HasSuffix(r, "/serviceAccounts") || strings.HasSuffix(r, "/users") {
			lists++
		}
	}
	// Each owner: one direct read, then one listing that the rest share; a
	// second listing if the machine is so slow that the first expires.
	if lists < 3 || lists > 6 || len(plan) > 12 {
		t.Errorf("a no-change plan of %d resources made %d requests (%d listings); want a listing per owner (3) and a direct read each, at most 12:\n  %s",
			resources, len(plan), lists, strings.Join(plan, "\n  "))
	}

	destroy := apiOnly(requestsOf(w, "destroy", "-auto-approve", "-input=false"))
	perResource := float64(len(destroy)) / float64(resources)
	t.Logf("plan: %d requests for %d resources; destroy: %d (%.2f per resource)", len(plan), resources, len(destroy), perResource)
	if perResource > 1.15 {
		t.Errorf("destroy made %d requests for %d resources (%.2f each), want at most 1.15 each", len(destroy), resources, perResource)
	}
	left, err := w.orgOwnerClient().ListOrgServiceAccounts(context.Background(), w.fx.OrgID)
	if err != nil {
		t.Fatal(err)
	}
	for _, sa := range left {
		if strings.HasPrefix(sa.Name, "many ") {
			t.Errorf("destroy left account %s (%s) in the organization", sa.ClientID, sa.Name)
		}
	}
}

// apiOnly drops the OAuth token requests of a request list.
func apiOnly(reqs []string) []string {
	var out []string
	for _, r := range reqs {
		if !strings.Contains(r, "/api/oauth/") {
			out = append(out, r)
		}
	}
	return out
}
