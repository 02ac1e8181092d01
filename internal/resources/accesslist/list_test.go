package accesslist_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/acctest"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

// accessListReads returns the client IDs whose access list the simulator
// was asked for since the first n requests, in order, once each.
func accessListReads(e *acctest.Env, n int) []string {
	var out []string
	seen := map[string]bool{}
	for _, r := range e.Sim.Requests()[n:] {
		rest, ok := strings.CutSuffix(r.Path, "/accessList")
		if !ok || r.Method != http.MethodGet {
			continue
		}
		id := rest[strings.LastIndex(rest, "/")+1:]
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// terraform query finds the non-empty API access lists: of the accounts made
// in the project through the project, of the organization account assigned
// to it through the organization, with the blocks an import reads back; by
// client_id with one list call; and limit stops the reads early.
func TestAccAccessLists_query(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.RequireSim(t)
	ctx := context.Background()
	deploy := createProjectAccount(t, e, "ci-deploy")
	idle := createProjectAccount(t, e, "ci-idle") // empty list: not a result
	ops := createProjectAccount(t, e, "ops")
	org := createOrgAccount(t, e, "org-wide")
	if _, err := e.Client.InviteProjectServiceAccount(ctx, e.ProjectID, org.ClientID, []string{accountRoles}); err != nil {
		t.Fatal(err)
	}
	add := func(o client.Owner, clientID string, entries ...client.AccessListEntry) {
		if err := e.Client.AddAccessListEntries(ctx, o, clientID, entries); err != nil {
			t.Fatal(err)
		}
	}
	add(client.ProjectOwner(e.ProjectID), deploy.ClientID, client.AccessListEntry{CIDRBlock: "203.0.113.0/24"}, client.AccessListEntry{IPAddress: "198.51.100.7"})
	add(client.ProjectOwner(e.ProjectID), ops.ClientID, client.AccessListEntry{CIDRBlock: "192.0.2.0/24"})
	add(client.OrgOwner(e.OrgID), org.ClientID, client.AccessListEntry{CIDRBlock: "198.51.100.0/24"})

	const projectList, orgList = projectType + ".all", orgType + ".all"
	projectIdentity := func(clientID string) map[string]knownvalue.Check {
		return map[string]knownvalue.Check{"project_id": knownvalue.StringExact(e.ProjectID), "client_id": knownvalue.StringExact(clientID)}
	}
	before := len(e.Sim.Requests())
	e.Run(t, acctest.QueryTestCase(resource.TestStep{
		Config: e.Config(
			acctest.ListBlock(projectType, "all", acctest.Attrs{"project_id": e.ProjectID}, map[string]string{"include_resource": "true"}) +
				acctest.ListBlock(orgType, "all", acctest.Attrs{"org_id": e.OrgID}, nil)),
		QueryResultChecks: []querycheck.QueryResultCheck{
			querycheck.ExpectLength(projectList, 2),
			querycheck.ExpectResourceKnownValues(projectList, queryfilter.ByResourceIdentity(projectIdentity(deploy.ClientID)),
				[]querycheck.KnownValueCheck{
					{Path: tfjsonpath.New("cidr_blocks"), KnownValue: acctest.StringSet("203.0.113.0/24", "198.51.100.7/32")},
					{Path: tfjsonpath.New("id"), KnownValue: knownvalue.StringExact(e.ProjectID + "/" + deploy.ClientID)},
				}),
			querycheck.ExpectResourceDisplayName(projectList, queryfilter.ByResourceIdentity(projectIdentity(ops.ClientID)),
				knownvalue.StringExact("ops ("+ops.ClientID+"): 1 entry")),
			// The organization account's list, not the project accounts'.
			querycheck.ExpectLength(orgList, 1),
			querycheck.ExpectIdentity(orgList, map[string]knownvalue.Check{
				"org_id": knownvalue.StringExact(e.OrgID), "client_id": knownvalue.StringExact(org.ClientID),
			}),
		},
	}))
	read := accessListReads(e, before)
	if len(read) != 4 || !contains(read, idle.ClientID) {
		t.Errorf("the query read the lists of %v; want each of the 4 accounts once (the idle one too, to find it empty)", read)
	}

	before = len(e.Sim.Requests())
	e.Run(t, acctest.QueryTestCase(resource.TestStep{
		Config: e.Config(acctest.ListBlock(projectType, "all", acctest.Attrs{"project_id": e.ProjectID, "client_id": org.ClientID}, nil)),
		QueryResultChecks: []querycheck.QueryResultCheck{
			// An assigned organization account's list, asked for by client_id, read through the project.
			querycheck.ExpectLength(projectList, 1),
			querycheck.ExpectIdentity(projectList, projectIdentity(org.ClientID)),
		},
	}))
	for _, r := range e.Sim.Requests()[before:] {
		if strings.HasSuffix(r.Path, "/serviceAccounts") {
			t.Errorf("with client_id the query read the account list (%s %s); want the one access list only", r.Method, r.Path)
		}
	}
	if read := accessListReads(e, before); len(read) != 1 || read[0] != org.ClientID {
		t.Errorf("with client_id the query read the lists of %v; want only %s", read, org.ClientID)
	}

	before = len(e.Sim.Requests())
	e.Run(t, acctest.QueryTestCase(resource.TestStep{
		Config: e.Config(acctest.ListBlock(orgType, "all", acctest.Attrs{"org_id": e.OrgID, "include_project_accounts": true},
			map[string]string{"limit": "1"})),
		QueryResultChecks: []querycheck.QueryResultCheck{querycheck.ExpectLength(orgList, 1)},
	}))
	if read := accessListReads(e, before); len(read) >= 4 {
		t.Errorf("with limit = 1 the query read the lists of all %d accounts (%v); want it to stop at the first non-empty one", len(read), read)
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
