package projectuserinvite_test

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/acctest"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/atlassim"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

const usersDataSource = "data.atlasaccess_project_users.all"

func usersDataConfig(e *acctest.Env, extra string) string {
	return e.Config(fmt.Sprintf(`
data "atlasaccess_project_users" "all" {
  project_id = %q
%s}
`, e.ProjectID, extra))
}

// addUsers adds people to the test project through the API, outside
// Terraform, as someone working by hand would.
func addUsers(t *testing.T, e *acctest.Env, roles []string, usernames ...string) {
	t.Helper()
	for _, u := range usernames {
		if _, err := e.Client.AddProjectUser(context.Background(), e.ProjectID, client.AddProjectUserRequest{Username: u, Roles: roles}); err != nil {
			t.Fatalf("adding %s: %v", u, err)
		}
	}
}

// userElement checks one element of the users list.
func userElement(index int, username, status string, roles ...string) []statecheck.StateCheck {
	at := tfjsonpath.New("users").AtSliceIndex(index)
	return []statecheck.StateCheck{
		statecheck.ExpectKnownValue(usersDataSource, at.AtMapKey("username"), knownvalue.StringExact(username)),
		statecheck.ExpectKnownValue(usersDataSource, at.AtMapKey("status"), knownvalue.StringExact(status)),
		statecheck.ExpectKnownValue(usersDataSource, at.AtMapKey("user_id"), knownvalue.StringRegexp(userIDRegexp)),
		statecheck.ExpectKnownValue(usersDataSource, at.AtMapKey("roles"), acctest.StringSet(roles...)),
	}
}

// The data source lists active people and pending invitations with their
// roles, sorted by username whatever the order they were added in; expired
// and rejected invitations appear only when asked for.
func TestAccProjectUsersDataSource_listsActiveAndPendingUsers(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.RequireSim(t)
	addUsers(t, e, []string{"GROUP_READ_ONLY"}, "zoe@example.com", "Bob@example.com")
	addUsers(t, e, []string{"GROUP_OWNER", "GROUP_READ_ONLY"}, e.OrgMember)
	addUsers(t, e, []string{"GROUP_READ_ONLY"}, "gone@example.com")
	if err := e.Sim.ExpireInvitation("gone@example.com"); err != nil {
		t.Fatal(err)
	}

	// The simulator's organization member is org.member.<seeded>@example.com,
	// which sorts between bob and zoe.
	if m := strings.ToLower(e.OrgMember); m <= "bob@example.com" || m >= "zoe@example.com" {
		t.Fatalf("the fixtures' member %s no longer sorts between bob and zoe; reorder the expectations", e.OrgMember)
	}
	checks := []statecheck.StateCheck{
		statecheck.ExpectKnownValue(usersDataSource, tfjsonpath.New("users"), knownvalue.ListSizeExact(3)),
		statecheck.ExpectKnownValue(usersDataSource, tfjsonpath.New("users").AtSliceIndex(0).AtMapKey("invitation_expires_at"), knownvalue.NotNull()),
		statecheck.ExpectKnownValue(usersDataSource, tfjsonpath.New("users").AtSliceIndex(1).AtMapKey("invitation_created_at"), knownvalue.Null()),
	}
	checks = append(checks, userElement(0, "Bob@example.com", "PENDING", "GROUP_READ_ONLY")...)
	checks = append(checks, userElement(1, e.OrgMember, "ACTIVE", "GROUP_OWNER", "GROUP_READ_ONLY")...)
	checks = append(checks, userElement(2, "zoe@example.com", "PENDING", "GROUP_READ_ONLY")...)

	e.Run(t, resource.TestCase{
		Steps: []resource.TestStep{
			{Config: usersDataConfig(e, ""), ConfigStateChecks: checks},
			{
				Config: usersDataConfig(e, `  statuses = ["INVITATION_EXPIRED"]`+"\n"),
				ConfigStateChecks: append([]statecheck.StateCheck{
					statecheck.ExpectKnownValue(usersDataSource, tfjsonpath.New("users"), knownvalue.ListSizeExact(1)),
				}, userElement(0, "gone@example.com", "INVITATION_EXPIRED", "GROUP_READ_ONLY")...),
			},
		},
	})
	if writes := e.WriteRequests(); len(writes) != 4 {
		t.Errorf("the data source wrote to Atlas: %d requests other than GET beyond the 4 additions: %v", len(writes)-4, writes)
	}
}

// A project with more people than one page of Atlas's answer (500) is
// listed whole: the data source reads every page.
func TestAccProjectUsersDataSource_readsEveryPage(t *testing.T) {
	t.Parallel()
	e := acctest.New(t, func(o *atlassim.Options) { o.InviteRateLimit = -1 })
	e.RequireSim(t)
	const n = 503
	names := make([]string, n)
	for i := range names {
		names[i] = fmt.Sprintf("person%03d@example.com", i)
	}
	addUsers(t, e, []string{"GROUP_READ_ONLY"}, names...)
	before := len(e.Sim.Requests())
	e.Run(t, resource.TestCase{
		Steps: []resource.TestStep{{
			Config: usersDataConfig(e, ""),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(usersDataSource, tfjsonpath.New("users"), knownvalue.ListSizeExact(n)),
				statecheck.ExpectKnownValue(usersDataSource, tfjsonpath.New("users").AtSliceIndex(0).AtMapKey("username"), knownvalue.StringExact(names[0])),
				statecheck.ExpectKnownValue(usersDataSource, tfjsonpath.New("users").AtSliceIndex(n-1).AtMapKey("username"), knownvalue.StringExact(names[n-1])),
			},
			Check: func(*terraform.State) error {
				pages := map[string]bool{}
				for _, r := range e.Sim.Requests()[before:] {
					if strings.HasSuffix(r.Path, "/groups/"+e.ProjectID+"/users") && r.Method == http.MethodGet {
						pages[pageNum(r.Query)] = true
					}
				}
				if !pages["2"] {
					return fmt.Errorf("the data source never asked for page 2 (pages asked: %v)", pages)
				}
				return nil
			},
		}},
	})
}

var pageNumRegexp = regexp.MustCompile(`(?:^|&)pageNum=(\d+)`)

func pageNum(query string) string {
	if m := pageNumRegexp.FindStringSubmatch(query); m != nil {
		return m[1]
	}
	return ""
}

// A status Atlas does not know fails at plan time, naming the attribute and
// the allowed values, before any request.
func TestAccProjectUsersDataSource_unknownStatusFailsAtPlan(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.Run(t, resource.TestCase{
		Steps: []resource.TestStep{{
			Config:      usersDataConfig(e, `  statuses = ["INVITED"]`+"\n"),
			ExpectError: acctest.Diagnostic("statuses", "INVITATION_EXPIRED"),
		}},
	})
	if e.Sim != nil {
		for _, r := range e.Sim.Requests() {
			if strings.Contains(r.Path, "/users") {
				t.Errorf("an invalid status sent %s %s", r.Method, r.Path)
			}
		}
	}
}
