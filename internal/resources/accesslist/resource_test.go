package accesslist_test

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/acctest"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/atlassim"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/safeops"
)

const (
	projectType  = "atlasaccess_project_service_account_access_list"
	orgType      = "atlasaccess_service_account_access_list"
	projectName  = projectType + ".test"
	orgName      = orgType + ".test"
	accountRoles = "GROUP_READ_ONLY"
)

// account is a service account created outside Terraform for a test, with
// the plaintext of its first secret.
type account struct {
	ClientID, Secret string
}

// createProjectAccount creates a service account in the first project of
// e, deleted from the organization when the test ends.
func createProjectAccount(t *testing.T, e *acctest.Env, name string, roles ...string) account {
	t.Helper()
	if len(roles) == 0 {
		roles = []string{accountRoles}
	}
	sa, err := e.Client.CreateProjectServiceAccount(context.Background(), e.ProjectID, client.CreateServiceAccountRequest{
		Name: name, Description: "Calls the API from CI", Roles: roles, SecretExpiresAfterHours: 24,
	})
	if err != nil {
		t.Fatalf("creating service account %q outside Terraform: %v", name, err)
	}
	t.Cleanup(func() { _ = e.Client.DeleteOrgServiceAccount(context.Background(), e.OrgID, sa.ClientID) })
	a := account{ClientID: sa.ClientID}
	if len(sa.Secrets) > 0 {
		a.Secret = sa.Secrets[0].Secret
	}
	return a
}

// createOrgAccount creates an organization service account, deleted when
// the test ends.
func createOrgAccount(t *testing.T, e *acctest.Env, name string) account {
	t.Helper()
	sa, err := e.Client.CreateOrgServiceAccount(context.Background(), e.OrgID, client.CreateServiceAccountRequest{
		Name: name, Description: "Organization automation", Roles: []string{"ORG_READ_ONLY"}, SecretExpiresAfterHours: 24,
	})
	if err != nil {
		t.Fatalf("creating organization service account %q outside Terraform: %v", name, err)
	}
	t.Cleanup(func() { _ = e.Client.DeleteOrgServiceAccount(context.Background(), e.OrgID, sa.ClientID) })
	return account{ClientID: sa.ClientID}
}

func projectBody(e *acctest.Env, clientID string, blocks ...string) string {
	return acctest.Resource(projectType, "test", acctest.Attrs{"project_id": e.ProjectID, "client_id": clientID, "cidr_blocks": blocks})
}

func orgBody(e *acctest.Env, clientID string, blocks ...string) string {
	return acctest.Resource(orgType, "test", acctest.Attrs{"org_id": e.OrgID, "client_id": clientID, "cidr_blocks": blocks})
}

// atlasBlocks is what Atlas holds in the account's list, each entry in
// canonical form, sorted.
func atlasBlocks(e *acctest.Env, owner client.Owner, clientID string) ([]string, error) {
	entries, err := e.Client.ListAccessList(context.Background(), owner, clientID)
	if err != nil {
		return nil, fmt.Errorf("reading the access list of %s: %w", clientID, err)
	}
	out := make([]string, 0, len(entries))
	for _, x := range entries {
		p, ok := safeops.EntryBlock(x)
		if !ok {
			return nil, fmt.Errorf("access list of %s holds %+v, not an address or block", clientID, x)
		}
		out = append(out, p.String())
	}
	slices.Sort(out)
	return out, nil
}

// expectAtlas checks that Atlas holds exactly want (canonical spellings).
func expectAtlas(e *acctest.Env, owner client.Owner, clientID string, want ...string) error {
	got, err := atlasBlocks(e, owner, clientID)
	if err != nil {
		return err
	}
	want = slices.Clone(want)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		return fmt.Errorf("Atlas holds %q in the access list of %s, want %q", got, clientID, want)
	}
	return nil
}

// addOutOfBand adds entries to an account's list as someone outside
// Terraform would.
func addOutOfBand(t *testing.T, e *acctest.Env, owner client.Owner, clientID string, blocks ...string) {
	t.Helper()
	entries := make([]client.AccessListEntry, len(blocks))
	for i, b := range blocks {
		entries[i] = client.AccessListEntry{CIDRBlock: b}
	}
	if err := e.Client.AddAccessListEntries(context.Background(), owner, clientID, entries); err != nil {
		t.Fatalf("adding %v outside Terraform: %v", blocks, err)
	}
}

// countRequests counts the simulator's requests since the first n that
// match method and a path suffix.
func countRequests(e *acctest.Env, n int, method, suffix string) int {
	count := 0
	for _, r := range e.Sim.Requests()[n:] {
		if r.Method == method && strings.Contains(r.Path, suffix) {
			count++
		}
	}
	return count
}

func emptyPlan() resource.ConfigPlanChecks {
	return resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}
}

func TestAccProjectAccessList_lifecycle(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	owner := client.ProjectOwner(e.ProjectID)
	a := createProjectAccount(t, e, "ci-deployer")
	// An entry someone added before Terraform took the list over.
	addOutOfBand(t, e, owner, a.ClientID, "192.0.2.7/32")
	e.Run(t, resource.TestCase{
		// Destroy empties the list: the account is no longer restricted.
		CheckDestroy: func(*terraform.State) error { return expectAtlas(e, owner, a.ClientID) },
		Steps: []resource.TestStep{
			{
				Config: e.Config(projectBody(e, a.ClientID, "10.0.0.1", "10.1.0.0/16", "2001:DB8::/32")),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(projectName, tfjsonpath.New("id"), knownvalue.StringExact(e.ProjectID+"/"+a.ClientID)),
					statecheck.ExpectKnownValue(projectName, tfjsonpath.New("cidr_blocks"), acctest.StringSet("10.0.0.1", "10.1.0.0/16", "2001:DB8::/32")),
				},
				Check: func(*terraform.State) error {
					return expectAtlas(e, owner, a.ClientID, "10.0.0.1/32", "10.1.0.0/16", "2001:db8::/32")
				},
			},
			{
				// One entry added, two removed, in place.
				Config: e.Config(projectBody(e, a.ClientID, "10.0.0.1", "10.2.0.0/16")),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(projectName, plancheck.ResourceActionUpdate)},
				},
				Check: func(*terraform.State) error { return expectAtlas(e, owner, a.ClientID, "10.0.0.1/32", "10.2.0.0/16") },
			},
			{
				// The same entries respelled: no change.
				Config:           e.Config(projectBody(e, a.ClientID, "10.0.0.1/32", "10.2.0.0/16")),
				ConfigPlanChecks: emptyPlan(),
			},
			{
				// Someone opens the account to the world by hand: the plan
				// puts the list back, and the apply removes the entry.
				PreConfig: func() { addOutOfBand(t, e, owner, a.ClientID, "0.0.0.0/0") },
				Config:    e.Config(projectBody(e, a.ClientID, "10.0.0.1/32", "10.2.0.0/16")),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(projectName, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(projectName, tfjsonpath.New("cidr_blocks"), acctest.StringSet("10.0.0.1/32", "10.2.0.0/16")),
					},
				},
				Check: func(*terraform.State) error { return expectAtlas(e, owner, a.ClientID, "10.0.0.1/32", "10.2.0.0/16") },
			},
			{
				ResourceName:  projectName,
				ImportState:   true,
				ImportStateId: e.ProjectID + "/" + a.ClientID,
				// An import reads Atlas's spelling; the plan step below shows
				// that the configured spelling matches it.
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"cidr_blocks"},
			},
			{
				// Plannable import: a configuration in bare spelling of
				// entries Atlas holds as /32 plans nothing.
				Config:          e.Config(projectBody(e, a.ClientID, "10.0.0.1", "10.2.0.0/16")),
				ResourceName:    projectName,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
				ImportStateId:   e.ProjectID + "/" + a.ClientID,
			},
		},
	})
}

// An address Atlas holds as a bare address (added by someone else) and
// configured as /32, and the reverse, plan no change, under either form in
// which Atlas may show entries.
func TestAccProjectAccessList_bareAndBlockNeverDiffer(t *testing.T) {
	t.Parallel()
	for _, form := range []atlassim.AccessListForm{atlassim.AccessListAsGiven, atlassim.AccessListBoth} {
		t.Run(string(form), func(t *testing.T) {
			t.Parallel()
			e := acctest.New(t, func(o *atlassim.Options) { o.AccessListForm = form })
			e.RequireSim(t)
			owner := client.ProjectOwner(e.ProjectID)
			a := createProjectAccount(t, e, "respelled")
			e.Run(t, resource.TestCase{Steps: []resource.TestStep{
				{
					Config: e.Config(projectBody(e, a.ClientID, "10.0.0.1/32", "2001:db8::1", "10.9.0.0/16")),
					Check: func(*terraform.State) error {
						return expectAtlas(e, owner, a.ClientID, "10.0.0.1/32", "2001:db8::1/128", "10.9.0.0/16")
					},
				},
				{
					// Atlas now holds 10.9.0.0/16 as given by someone
					// else: replaced by a bare address entry of the same
					// block would be the same; here the whole list is
					// re-added as bare addresses outside Terraform.
					PreConfig: func() {
						for _, v := range []string{"10.0.0.1/32", "2001:db8:0:0:0:0:0:1/128"} {
							if err := e.Client.DeleteAccessListEntry(context.Background(), owner, a.ClientID, v); err != nil {
								t.Fatal(err)
							}
						}
						err := e.Client.AddAccessListEntries(context.Background(), owner, a.ClientID, []client.AccessListEntry{
							{IPAddress: "10.0.0.1"}, {IPAddress: "2001:db8:0:0:0:0:0:1"},
						})
						if err != nil {
							t.Fatal(err)
						}
					},
					Config:           e.Config(projectBody(e, a.ClientID, "10.0.0.1/32", "2001:db8::1", "10.9.0.0/16")),
					ConfigPlanChecks: emptyPlan(),
				},
				{
					// The configuration switches spellings the other way.
					Config:           e.Config(projectBody(e, a.ClientID, "10.0.0.1", "2001:DB8:0:0::1/128", "10.9.0.0/16")),
					ConfigPlanChecks: emptyPlan(),
				},
			}})
		})
	}
}

func TestAccServiceAccountAccessList_org(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	owner := client.OrgOwner(e.OrgID)
	a := createOrgAccount(t, e, "org-automation")
	e.Run(t, resource.TestCase{
		CheckDestroy: func(*terraform.State) error { return expectAtlas(e, owner, a.ClientID) },
		Steps: []resource.TestStep{
			{
				Config: e.Config(orgBody(e, a.ClientID, "2001:db8:aaaa::/48", "2001:DB8:BBBB::7", "198.51.100.0/24")),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(orgName, tfjsonpath.New("id"), knownvalue.StringExact(e.OrgID+"/"+a.ClientID)),
					statecheck.ExpectKnownValue(orgName, tfjsonpath.New("org_id"), knownvalue.StringExact(e.OrgID)),
				},
				Check: func(*terraform.State) error {
					return expectAtlas(e, owner, a.ClientID, "2001:db8:aaaa::/48", "2001:db8:bbbb::7/128", "198.51.100.0/24")
				},
			},
			{
				// IPv6 compared canonically: zeros and case do not matter.
				Config:           e.Config(orgBody(e, a.ClientID, "2001:0db8:aaaa:0::/48", "2001:db8:bbbb:0:0:0:0:7", "198.51.100.0/24")),
				ConfigPlanChecks: emptyPlan(),
			},
			{
				ResourceName:            orgName,
				ImportState:             true,
				ImportStateId:           e.OrgID + "/" + a.ClientID,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"cidr_blocks"},
				ImportStateCheck: func(states []*terraform.InstanceState) error {
					if got := states[0].Attributes["cidr_blocks.#"]; got != "3" {
						return fmt.Errorf("imported %s entries, want 3", got)
					}
					return nil
				},
			},
			{
				Config:          e.Config(orgBody(e, a.ClientID, "2001:db8:aaaa::/48", "2001:DB8:BBBB::7", "198.51.100.0/24")),
				ResourceName:    orgName,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
				ImportStateId:   e.OrgID + "/" + a.ClientID,
			},
		},
	})
}

// Over 200 entries are added in chunks of 200, one POST each; a plan with
// no change writes nothing; destroy removes each entry with one DELETE.
func TestAccProjectAccessList_moreThan200Entries(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.RequireSim(t)
	owner := client.ProjectOwner(e.ProjectID)
	a := createProjectAccount(t, e, "many-addresses")
	blocks := make([]string, 250)
	for i := range blocks {
		blocks[i] = fmt.Sprintf("10.%d.%d.0/24", i/100, i%100)
	}
	var before int
	e.Run(t, resource.TestCase{
		CheckDestroy: func(*terraform.State) error {
			if n := countRequests(e, 0, http.MethodDelete, "/accessList/"); n != 250 {
				return fmt.Errorf("destroy sent %d DELETEs, want 250 (one per entry)", n)
			}
			return expectAtlas(e, owner, a.ClientID)
		},
		Steps: []resource.TestStep{
			{
				PreConfig: func() { before = len(e.Sim.Requests()) },
				Config:    e.Config(projectBody(e, a.ClientID, blocks...)),
				Check: func(*terraform.State) error {
					if n := countRequests(e, before, http.MethodPost, "/accessList"); n != 2 {
						return fmt.Errorf("create sent %d POSTs for 250 entries, want 2 (200 + 50)", n)
					}
					got, err := atlasBlocks(e, owner, a.ClientID)
					if err != nil || len(got) != 250 {
						return fmt.Errorf("Atlas holds %d entries (%v), want 250", len(got), err)
					}
					return nil
				},
			},
			{
				PreConfig:        func() { before = len(e.Sim.Requests()) },
				Config:           e.Config(projectBody(e, a.ClientID, blocks...)),
				ConfigPlanChecks: emptyPlan(),
				Check: func(*terraform.State) error {
					for _, r := range e.Sim.Requests()[before:] {
						if r.Method != http.MethodGet && !strings.HasPrefix(r.Path, "/api/oauth/") {
							return fmt.Errorf("a plan with no change sent %s %s", r.Method, r.Path)
						}
					}
					return nil
				},
			},
		},
	})
}

// Whatever Atlas answers to an entry it already holds (409 or 200), a POST
// whose answer was lost and that is sent again leaves the list as
// configured and the apply succeeds.
func TestAccProjectAccessList_lostAddUnderEveryDuplicateAnswer(t *testing.T) {
	t.Parallel()
	for _, dup := range []atlassim.AccessListDuplicate{atlassim.AccessListDuplicateConflict, atlassim.AccessListDuplicateIgnored} {
		t.Run(string(dup), func(t *testing.T) {
			t.Parallel()
			e := acctest.New(t, func(o *atlassim.Options) { o.AccessListDuplicate = dup })
			e.RequireSim(t)
			owner := client.ProjectOwner(e.ProjectID)
			a := createProjectAccount(t, e, "unlucky")
			e.Run(t, resource.TestCase{Steps: []resource.TestStep{
				{
					PreConfig: func() {
						if err := e.Sim.SetFaults("lost@POST=1#1"); err != nil {
							t.Fatal(err)
						}
					},
					Config: e.Config(projectBody(e, a.ClientID, "10.0.0.1", "10.0.0.2")),
					Check: func(*terraform.State) error {
						if n := countRequests(e, 0, http.MethodPost, "/accessList"); n < 2 {
							return fmt.Errorf("%d POSTs: the lost answer was not followed by another request", n)
						}
						return expectAtlas(e, owner, a.ClientID, "10.0.0.1/32", "10.0.0.2/32")
					},
				},
				{Config: e.Config(projectBody(e, a.ClientID, "10.0.0.1", "10.0.0.2")), ConfigPlanChecks: emptyPlan()},
			}})
		})
	}
}

// TestAccProjectAccessList_enforcement proves what the list is for: a
// service account signing in with its own secret is refused once an
// applied list leaves out the address it calls from, and served again once
// the address is added back.
func TestAccProjectAccessList_enforcement(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.RequireSim(t)
	a := createProjectAccount(t, e, "fenced")
	own, err := client.New(client.Config{BaseURL: e.BaseURL, ClientID: a.ClientID, ClientSecret: a.Secret,
		MaxRetries: 1, MinBackoff: time.Millisecond, MaxBackoff: 10 * time.Millisecond, UserAgent: "fenced-account"})
	if err != nil {
		t.Fatal(err)
	}
	// ownCall is one API call of the account itself, from 127.0.0.1.
	ownCall := func() error {
		_, err := own.GetProjectServiceAccount(context.Background(), e.ProjectID, a.ClientID)
		return err
	}
	served := func() error {
		if err := ownCall(); err != nil {
			return fmt.Errorf("the account's own call from 127.0.0.1 was refused: %w", err)
		}
		return nil
	}
	refused := func() error {
		err := ownCall()
		if err == nil {
			return fmt.Errorf("the account's own call from 127.0.0.1 was served, though the list leaves 127.0.0.1 out")
		}
		if code := client.ErrorCode(err); code != "IP_ADDRESS_NOT_ON_ACCESS_LIST" {
			return fmt.Errorf("the account's own call got %v, want 403 IP_ADDRESS_NOT_ON_ACCESS_LIST", err)
		}
		return nil
	}
	if err := served(); err != nil {
		t.Fatalf("before any list: %v", err)
	}
	e.Run(t, resource.TestCase{
		// Destroy lifts the fence.
		CheckDestroy: func(*terraform.State) error { return served() },
		Steps: []resource.TestStep{
			{Config: e.Config(projectBody(e, a.ClientID, "10.0.0.0/8", "2001:db8::/32")), Check: func(*terraform.State) error { return refused() }},
			{Config: e.Config(projectBody(e, a.ClientID, "10.0.0.0/8", "2001:db8::/32", "127.0.0.1")), Check: func(*terraform.State) error { return served() }},
			{Config: e.Config(projectBody(e, a.ClientID, "10.0.0.0/8")), Check: func(*terraform.State) error { return refused() }},
		},
	})
}

// Atlas never lets a request remove the address it comes from: when the
// provider signs in as the account whose list it manages, dropping
// 127.0.0.1 fails with an error that says why and what to do, and the
// list is unchanged. With other credentials the same change applies.
func TestAccProjectAccessList_callerCannotRemoveItsOwnAddress(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.RequireSim(t)
	owner := client.ProjectOwner(e.ProjectID)
	a := createProjectAccount(t, e, "self-managed", "GROUP_OWNER")
	self := acctest.ProviderBlock(e.BaseURL, a.ClientID, a.Secret)
	e.Run(t, resource.TestCase{
		CheckDestroy: func(*terraform.State) error { return expectAtlas(e, owner, a.ClientID) },
		Steps: []resource.TestStep{
			{
				Config: self + projectBody(e, a.ClientID, "127.0.0.1", "10.0.0.1"),
				Check:  func(*terraform.State) error { return expectAtlas(e, owner, a.ClientID, "127.0.0.1/32", "10.0.0.1/32") },
			},
			{
				Config: self + projectBody(e, a.ClientID, "10.0.0.1"),
				ExpectError: acctest.Diagnostic("Cannot Remove the Caller's Own Address", "Atlas refused to remove 127.0.0.1/32",
					"covers the address this request came from", "CANNOT_REMOVE_REQUESTING_IP_ADDRESS",
					"run Terraform from an address that stays on the list", "remove the entry in the Atlas UI"),
			},
			{
				// Nothing changed, so the state still matches Atlas.
				PreConfig: func() {
					if err := expectAtlas(e, owner, a.ClientID, "127.0.0.1/32", "10.0.0.1/32"); err != nil {
						t.Error(err)
					}
				},
				Config:           self + projectBody(e, a.ClientID, "127.0.0.1", "10.0.0.1"),
				ConfigPlanChecks: emptyPlan(),
			},
			{
				// The provider's usual credentials may remove it.
				Config: e.Config(projectBody(e, a.ClientID, "10.0.0.1")),
				Check:  func(*terraform.State) error { return expectAtlas(e, owner, a.ClientID, "10.0.0.1/32") },
			},
		},
	})
}

// An account deleted outside Terraform takes its list with it: the refresh
// warns and drops the resource from state, and the plan creates it anew.
func TestAccProjectAccessList_accountDeletedOutsideTerraform(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	a := createProjectAccount(t, e, "short-lived")
	config := e.Config(projectBody(e, a.ClientID, "10.0.0.1"))
	e.Run(t, resource.TestCase{Steps: []resource.TestStep{
		{Config: config},
		{
			PreConfig: func() {
				if err := e.Client.DeleteOrgServiceAccount(context.Background(), e.OrgID, a.ClientID); err != nil {
					t.Fatal(err)
				}
			},
			Config:             config,
			PlanOnly:           true,
			ExpectNonEmptyPlan: true,
		},
	}})
}

func TestAccProjectAccessList_importErrors(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.Run(t, resource.TestCase{Steps: []resource.TestStep{
		{
			Config:        e.Config(projectBody(e, acctest.GoodClientID, "10.0.0.1")),
			ResourceName:  projectName,
			ImportState:   true,
			ImportStateId: e.ProjectID + "/" + acctest.GoodClientID,
			ExpectError:   acctest.Diagnostic("Service Account Not Found", "Cannot import", projectType),
		},
		{
			Config:        e.Config(projectBody(e, acctest.GoodClientID, "10.0.0.1")),
			ResourceName:  projectName,
			ImportState:   true,
			ImportStateId: acctest.GoodClientID,
			ExpectError:   regexp.MustCompile(`(?s)Invalid Import ID.*project_id/client_id`),
		},
	}})
}

func TestAccProjectAccessList_invalidInputs(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.TestInvalidInputs(t, acctest.AccessListInvalidInputs)
}

func TestAccServiceAccountAccessList_invalidInputs(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.RequireSim(t)
	bad := "32B6E34B3D91647ABB20E7B8"
	e.TestPlanFailures(t, map[string]acctest.PlanFailure{
		"uppercase org ID": {
			Config: e.Config(acctest.Resource(orgType, "test", acctest.Attrs{"org_id": bad, "client_id": acctest.GoodClientID, "cidr_blocks": []string{"10.0.0.1"}})),
			Want:   acctest.Diagnostic("org_id", "must be a 24-character lowercase hexadecimal Atlas organization ID", "got: "+bad),
		},
		"empty list": {
			Config: e.Config(orgBody(e, acctest.GoodClientID)),
			Want:   acctest.Diagnostic("Empty API Access List", "cidr_blocks must hold at least one", "no restriction", "destroy this resource"),
		},
	})
}

// Atlas keeps one access list per account: a project resource and an
// organization resource for the same account would remove each other's
// entries at every apply, so the plan refuses the pair before any write,
// and moving the list from one resource type to the other in one apply
// (the old one destroyed, the new one created) is not refused.
func TestAccAccessList_sameAccountThroughTwoOwnersIsRefused(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	a := createProjectAccount(t, e, "declared-twice")
	before := len(e.WriteRequests())
	e.Run(t, resource.TestCase{
		CheckDestroy: func(*terraform.State) error { return expectAtlas(e, client.ProjectOwner(e.ProjectID), a.ClientID) },
		Steps: []resource.TestStep{
			{
				Config: e.Config(projectBody(e, a.ClientID, "10.0.0.0/8") + orgBody(e, a.ClientID, "192.168.0.0/16")),
				// Which resource plans first is Terraform's choice; the error names
				// the account and says what to do.
				ExpectError: acctest.Diagnostic("Access List Declared Twice", a.ClientID, "Declare the account's list in one resource"),
			},
			{
				PreConfig: func() {
					if writes := e.WriteRequests()[before:]; len(writes) != 0 {
						t.Fatalf("the refused plan wrote to Atlas: %+v", writes)
					}
				},
				Config: e.Config(projectBody(e, a.ClientID, "10.0.0.0/8")),
			},
			{
				// The same list moves to the organization resource.
				Config: e.Config(orgBody(e, a.ClientID, "192.168.0.0/16")),
				Check: func(*terraform.State) error {
					return expectAtlas(e, client.OrgOwner(e.OrgID), a.ClientID, "192.168.0.0/16")
				},
			},
		},
	})
}

// Atlas keeps one list per account: moving its declaration to another
// project the account is in updates the resource in place, writes nothing
// when the entries stay the same, and never empties the list.
func TestAccProjectAccessList_projectChangeIsAnInPlaceUpdate(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	a := createProjectAccount(t, e, "in-two-projects")
	if _, err := e.Client.InviteProjectServiceAccount(context.Background(), e.Project2ID, a.ClientID, []string{accountRoles}); err != nil {
		t.Fatalf("assigning the account to the second project: %v", err)
	}
	owner := client.OrgOwner(e.OrgID)
	var before int
	e.Run(t, resource.TestCase{
		CheckDestroy: func(*terraform.State) error { return expectAtlas(e, owner, a.ClientID) },
		Steps: []resource.TestStep{
			{
				Config: e.Config(projectBody(e, a.ClientID, "10.0.0.0/8", "192.0.2.10")),
				Check: func(*terraform.State) error {
					before = len(e.WriteRequests())
					return expectAtlas(e, owner, a.ClientID, "10.0.0.0/8", "192.0.2.10/32")
				},
			},
			{
				Config: e.Config(acctest.Resource(projectType, "test", acctest.Attrs{
					"project_id": e.Project2ID, "client_id": a.ClientID, "cidr_blocks": []string{"10.0.0.0/8", "192.0.2.10"},
				})),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(projectName, plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(projectName, tfjsonpath.New("id"), knownvalue.StringExact(e.Project2ID+"/"+a.ClientID)),
				},
				Check: func(*terraform.State) error {
					if writes := e.WriteRequests()[before:]; len(writes) != 0 {
						return fmt.Errorf("changing project_id wrote to Atlas: %+v", writes)
					}
					return expectAtlas(e, owner, a.ClientID, "10.0.0.0/8", "192.0.2.10/32")
				},
			},
			{
				// A change of project and of entries in one apply.
				Config: e.Config(projectBody(e, a.ClientID, "10.0.0.0/8", "198.51.100.0/24")),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(projectName, plancheck.ResourceActionUpdate)},
				},
				Check: func(*terraform.State) error {
					return expectAtlas(e, owner, a.ClientID, "10.0.0.0/8", "198.51.100.0/24")
				},
			},
		},
	})
}

// movedBody is a moved block from one resource address to another.
func movedBody(from, to string) string {
	return fmt.Sprintf("\nmoved {\n  from = %s\n  to   = %s\n}\n", from, to)
}

// A moved block takes a list from one access-list type to the other: the
// move itself sends nothing, the plan updates the owner attribute in place
// (a move cannot learn it without a request), its apply writes nothing,
// and the next plan is empty. Both directions.
func TestAccAccessList_movedBetweenTypesWritesNothing(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	a := createProjectAccount(t, e, "moved")
	owner := client.OrgOwner(e.OrgID)
	var before int
	noWrites := func(*terraform.State) error {
		if writes := e.WriteRequests()[before:]; len(writes) != 0 {
			return fmt.Errorf("the move wrote to Atlas: %+v", writes)
		}
		return expectAtlas(e, owner, a.ClientID, "10.0.0.0/8", "192.0.2.10/32")
	}
	e.Run(t, resource.TestCase{
		CheckDestroy: func(*terraform.State) error { return expectAtlas(e, owner, a.ClientID) },
		Steps: []resource.TestStep{
			{
				Config: e.Config(projectBody(e, a.ClientID, "10.0.0.0/8", "192.0.2.10")),
				Check: func(*terraform.State) error {
					before = len(e.WriteRequests())
					return nil
				},
			},
			{
				Config: e.Config(orgBody(e, a.ClientID, "10.0.0.0/8", "192.0.2.10") + movedBody(projectName, orgName)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(orgName, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(orgName, tfjsonpath.New("id"), knownvalue.StringExact(e.OrgID+"/"+a.ClientID)),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(orgName, tfjsonpath.New("org_id"), knownvalue.StringExact(e.OrgID)),
					statecheck.ExpectKnownValue(orgName, tfjsonpath.New("cidr_blocks"), acctest.StringSet("10.0.0.0/8", "192.0.2.10")),
				},
				Check: noWrites,
			},
			{
				Config:           e.Config(orgBody(e, a.ClientID, "10.0.0.0/8", "192.0.2.10")),
				ConfigPlanChecks: emptyPlan(),
			},
			{
				Config: e.Config(projectBody(e, a.ClientID, "10.0.0.0/8", "192.0.2.10") + movedBody(orgName, projectName)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(projectName, plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(projectName, tfjsonpath.New("id"), knownvalue.StringExact(e.ProjectID+"/"+a.ClientID)),
				},
				Check: noWrites,
			},
		},
	})
}
