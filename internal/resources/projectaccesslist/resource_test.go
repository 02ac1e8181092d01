package projectaccesslist_test

import (
	"context"
	"fmt"
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
)

const name = "atlasaccess_project_ip_access_list.test"

// config declares the project's list; each entry is "cidr|comment" or
// "sg-...|comment".
func config(e *acctest.Env, entries ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "resource \"atlasaccess_project_ip_access_list\" \"test\" {\n  project_id = %q\n  entries = [\n", e.ProjectID)
	for _, x := range entries {
		v, comment, _ := strings.Cut(x, "|")
		attr := "cidr_block"
		if strings.HasPrefix(v, "sg-") {
			attr = "aws_security_group"
		}
		fmt.Fprintf(&b, "    { %s = %q", attr, v)
		if comment != "" {
			fmt.Fprintf(&b, ", comment = %q", comment)
		}
		b.WriteString(" },\n")
	}
	b.WriteString("  ]\n}\n")
	return e.Config(b.String())
}

func atlasValues(t *testing.T, e *acctest.Env) []string {
	t.Helper()
	list, err := e.Client.ListProjectAccessList(context.Background(), e.ProjectID)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, x := range list {
		out = append(out, x.Value())
	}
	slices.Sort(out)
	return out
}

func TestProjectIPAccessList_lifecycle(t *testing.T) {
	t.Parallel()
	e := acctest.New(t, func(o *atlassim.Options) { o.IPAccessPendingReads = 1 })
	e.Run(t, resource.TestCase{
		Steps: []resource.TestStep{
			{
				// A bare address, a block with a comment, IPv6 and a security group.
				Config: config(e, "203.0.113.5", "10.1.0.0/16|office", "2001:DB8::/32", "sg-0123abcd|peered app"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(name, tfjsonpath.New("id"), knownvalue.StringExact(e.ProjectID)),
					statecheck.ExpectKnownValue(name, tfjsonpath.New("entries"), knownvalue.SetSizeExact(4)),
				},
				Check: func(*terraform.State) error {
					want := []string{"10.1.0.0/16", "2001:0db8:0000:0000:0000:0000:0000:0000/32", "203.0.113.5/32", "sg-0123abcd"}
					if got := atlasValues(t, e); !slices.Equal(got, want) {
						return fmt.Errorf("Atlas holds %v, want %v", got, want)
					}
					// Every new entry was read PENDING, then ACTIVE, before the apply ended.
					reads := 0
					for _, r := range e.Sim.Requests() {
						if strings.HasSuffix(r.Path, "/status") {
							reads++
						}
					}
					if reads < 8 {
						return fmt.Errorf("the apply read %d statuses; want each of the 4 entries read until ACTIVE (8)", reads)
					}
					return nil
				},
			},
			{
				// Other spellings of the same entries plan no change.
				Config:           config(e, "203.0.113.5/32", "10.1.0.0/16|office", "2001:db8:0::/32", "sg-0123abcd|peered app"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				// 0.0.0.0/0 added by hand is planned for removal and removed.
				PreConfig: func() {
					if err := e.Client.AddProjectAccessListEntries(context.Background(), e.ProjectID,
						[]client.ProjectAccessListEntry{{CIDRBlock: "0.0.0.0/0", Comment: "temporary debugging"}}); err != nil {
						t.Fatal(err)
					}
				},
				Config: config(e, "203.0.113.5/32", "10.1.0.0/16|office", "2001:db8:0::/32", "sg-0123abcd|peered app"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(name, plancheck.ResourceActionUpdate),
				}},
				Check: func(*terraform.State) error {
					if got := atlasValues(t, e); slices.Contains(got, "0.0.0.0/0") || len(got) != 4 {
						return fmt.Errorf("Atlas holds %v after the apply, want the 4 declared entries", got)
					}
					return nil
				},
			},
			{
				// A comment changes in place; an entry is dropped.
				Config: config(e, "203.0.113.5/32", "10.1.0.0/16|head office"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(name, plancheck.ResourceActionUpdate),
				}},
				Check: func(*terraform.State) error {
					e2, err := e.Client.GetProjectAccessListEntry(context.Background(), e.ProjectID, "10.1.0.0/16")
					if err != nil || e2.Comment != "head office" {
						return fmt.Errorf("entry %+v, %v: want comment %q", e2, err, "head office")
					}
					return nil
				},
			},
			{
				// An import stores the canonical spelling of each block
				// (state kept 203.0.113.5, its first spelling, since later
				// configurations only spelled it otherwise).
				ResourceName:  name,
				ImportState:   true,
				ImportStateId: e.ProjectID,
				ImportStateCheck: func(states []*terraform.InstanceState) error {
					if len(states) != 1 {
						return fmt.Errorf("imported %d resources, want 1", len(states))
					}
					a := states[0].Attributes
					var got []string
					for i := 0; a[fmt.Sprintf("entries.%d.cidr_block", i)] != ""; i++ {
						got = append(got, a[fmt.Sprintf("entries.%d.cidr_block", i)]+"|"+a[fmt.Sprintf("entries.%d.comment", i)])
					}
					slices.Sort(got)
					if want := []string{"10.1.0.0/16|head office", "203.0.113.5/32|"}; !slices.Equal(got, want) || a["id"] != e.ProjectID {
						return fmt.Errorf("imported id %q, entries %v; want %q, %v", a["id"], got, e.ProjectID, want)
					}
					return nil
				},
			},
			{
				ResourceName:    name,
				ImportState:     true,
				ImportStateId:   "not-a-project",
				ExpectError:     regexp.MustCompile(`Invalid Import ID`),
				ImportStateKind: resource.ImportCommandWithID,
			},
		},
		CheckDestroy: func(*terraform.State) error {
			if got := atlasValues(t, e); len(got) != 0 {
				return fmt.Errorf("after destroy Atlas holds %v", got)
			}
			return nil
		},
	})
}

func TestProjectIPAccessList_openEntryWarnsAndDataSourceShowsStatus(t *testing.T) {
	t.Parallel()
	e := acctest.New(t, func(o *atlassim.Options) { o.IPAccessPendingReads = -1 })
	ds := fmt.Sprintf("data \"atlasaccess_project_ip_access_list\" \"all\" {\n  project_id = %q\n  depends_on = [atlasaccess_project_ip_access_list.test]\n}\n", e.ProjectID)
	e.Run(t, resource.TestCase{
		Steps: []resource.TestStep{{
			Config: config(e, "0.0.0.0/0|anywhere") + ds,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.atlasaccess_project_ip_access_list.all", tfjsonpath.New("entries"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"cidr_block": knownvalue.StringExact("0.0.0.0/0"),
						"comment":    knownvalue.StringExact("anywhere"),
						"status":     knownvalue.StringExact("ACTIVE"),
					}),
				})),
			},
		}},
	})
}

func TestProjectIPAccessList_badInputFailsAtPlan(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	for label, tc := range map[string]struct {
		body string
		want string
	}{
		"block with host bits": {`{ cidr_block = "10.0.0.1/24" }`, `block\s+it\s+falls\s+in\s+is\s+10.0.0.0/24`},
		"not an address":       {`{ cidr_block = "10.0.0.300" }`, `must\s+be\s+an\s+IPv4\s+or\s+IPv6\s+address`},
		"both kinds":           {`{ cidr_block = "10.0.0.0/8", aws_security_group = "sg-0123abcd" }`, `(?s)Invalid Attribute Combination`},
		"neither kind":         {`{ comment = "x" }`, `(?s)Invalid Attribute Combination`},
		"bad security group":   {`{ aws_security_group = "sg-xyz" }`, `aws_security_group`},
		"comment too long":     {`{ cidr_block = "10.0.0.0/8", comment = "` + strings.Repeat("x", 81) + `" }`, `comment`},
		"one entry twice":      {`{ cidr_block = "10.0.0.1" }, { cidr_block = "10.0.0.1/32" }`, `Duplicate IP Access List Entry`},
		"no entries":           {``, `entries`},
		// A duplicate hides no other mistake: one plan reports them all.
		"duplicate and bad address": {`{ cidr_block = "10.0.0.1" }, { cidr_block = "10.0.0.1/32" }, { cidr_block = "10.0.0.300" }`,
			`(?s)Duplicate IP Access List Entry.*must\s+be\s+an\s+IPv4\s+or\s+IPv6\s+address`},
		"duplicate and long comment": {`{ cidr_block = "10.0.0.1" }, { cidr_block = "10.0.0.1/32" }, { cidr_block = "10.0.0.0/8", comment = "` + strings.Repeat("x", 81) + `" }`,
			`(?s)Duplicate IP Access List Entry.*comment`},
	} {
		t.Run(label, func(t *testing.T) {
			t.Parallel()
			cfg := e.Config(fmt.Sprintf("resource \"atlasaccess_project_ip_access_list\" \"test\" {\n  project_id = %q\n  entries = [%s]\n}\n", e.ProjectID, tc.body))
			e.Run(t, resource.TestCase{Steps: []resource.TestStep{{Config: cfg, PlanOnly: true, ExpectError: regexp.MustCompile(tc.want)}}})
		})
	}
}

// Two resources that declare one project's list with different entries
// would remove each other's entries at every apply: the plan refuses them,
// naming what each declares. The same entries declared twice do not fight.
func TestProjectIPAccessList_twoResourcesForOneProjectAreRefused(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	second := func(entry string) string {
		return fmt.Sprintf("resource \"atlasaccess_project_ip_access_list\" \"other\" {\n  project_id = %q\n  entries = [{ cidr_block = %q }]\n}\n", e.ProjectID, entry)
	}
	e.Run(t, resource.TestCase{Steps: []resource.TestStep{
		{
			Config:      config(e, "10.1.0.0/16|office") + second("192.0.2.0/24"),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`(?s)Project IP Access List Declared Twice.*10\.1\.0\.0/16.*192\.0\.2\.0/24|(?s)Project IP Access List Declared Twice.*192\.0\.2\.0/24.*10\.1\.0\.0/16`),
		},
		{
			Config: config(e, "10.1.0.0/16") + second("10.1.0.0/16"),
		},
	}})
	if got := atlasValues(t, e); len(got) != 0 {
		t.Errorf("after destroy Atlas holds %v", got)
	}
}

// changedElements is a plan check that the update of the list at name
// removes exactly the elements removed and adds exactly added (each
// element written "cidr|comment"): entries spelled otherwise in the
// configuration than in state show no change.
type changedElements struct {
	removed, added []string
}

func (c changedElements) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	for _, rc := range req.Plan.ResourceChanges {
		if rc.Address != name {
			continue
		}
		before, after := planEntries(rc.Change.Before), planEntries(rc.Change.After)
		removed, added := acctest.ValuesNotIn(before, after), acctest.ValuesNotIn(after, before)
		slices.Sort(removed)
		slices.Sort(added)
		if !slices.Equal(removed, c.removed) || !slices.Equal(added, c.added) {
			resp.Error = fmt.Errorf("the plan removes %v and adds %v; want it to remove %v and add %v (before %v, after %v)",
				removed, added, c.removed, c.added, before, after)
		}
		return
	}
	resp.Error = fmt.Errorf("no change of %s in the plan", name)
}

// planEntries are the entries of a planned object as "cidr|comment".
func planEntries(v any) []string {
	obj, _ := v.(map[string]any)
	list, _ := obj["entries"].([]any)
	var out []string
	for _, x := range list {
		e, _ := x.(map[string]any)
		cidr, _ := e["cidr_block"].(string)
		sg, _ := e["aws_security_group"].(string)
		comment, _ := e["comment"].(string)
		out = append(out, cidr+sg+"|"+comment)
	}
	return out
}

// An entry spelled otherwise in the configuration than in state (a bare
// address for its /32, IPv6 in other letter case) is the same entry: when
// another entry's comment changes, the plan shows that entry alone, in
// place, not a removal and re-addition of every differently spelled one.
func TestProjectIPAccessList_otherSpellingsStayOutOfTheDiff(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	respelled := []string{"203.0.113.5/32", "2001:db8::/32", "10.1.0.0/16|head office"}
	e.Run(t, resource.TestCase{Steps: []resource.TestStep{
		{Config: config(e, "203.0.113.5", "2001:DB8::/32", "10.1.0.0/16|office")},
		{
			Config: config(e, respelled...),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(name, plancheck.ResourceActionUpdate),
				changedElements{removed: []string{"10.1.0.0/16|office"}, added: []string{"10.1.0.0/16|head office"}},
			}},
			Check: func(*terraform.State) error {
				got, err := e.Client.GetProjectAccessListEntry(context.Background(), e.ProjectID, "10.1.0.0/16")
				if err != nil || got.Comment != "head office" {
					return fmt.Errorf("entry %+v, %v: want comment %q", got, err, "head office")
				}
				return nil
			},
		},
		{
			Config:           config(e, respelled...),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
		},
	}})
}

// A declared entry that someone makes temporary by hand (Atlas would
// delete it on its date) is drift: the refresh records it in
// temporary_entries with its date, the plan sets that to empty (an
// update a reviewer sees), and the apply makes the entry permanent again
// without ever deleting it. Against real Atlas this step also shows
// whether a POST without deleteAfterDate clears the date: if it did not,
// the apply would fail with "still holds ... as temporary".
func TestProjectIPAccessList_entryMadeTemporaryByHandIsMadePermanent(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	date := time.Now().UTC().Add(48 * time.Hour).Truncate(time.Second).Format(time.RFC3339)
	makeTemporary := func() {
		if err := e.Client.AddProjectAccessListEntries(context.Background(), e.ProjectID,
			[]client.ProjectAccessListEntry{{CIDRBlock: "10.0.1.0/24", Comment: "Net 1", DeleteAfterDate: &date}}); err != nil {
			t.Fatal(err)
		}
	}
	none := knownvalue.MapExact(map[string]knownvalue.Check{})
	e.Run(t, resource.TestCase{Steps: []resource.TestStep{
		{
			Config: config(e, "10.0.1.0/24|Net 1", "10.1.0.0/16|office"),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(name, tfjsonpath.New("temporary_entries"), none),
			},
		},
		{
			PreConfig:    makeTemporary,
			RefreshState: true,
			// The plan after the refresh makes the entry permanent.
			ExpectNonEmptyPlan: true,
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr(name, "temporary_entries.%", "1"),
				resource.TestCheckResourceAttr(name, "temporary_entries.10.0.1.0/24", date),
			),
		},
		{
			Config: config(e, "10.0.1.0/24|Net 1", "10.1.0.0/16|office"),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(name, plancheck.ResourceActionUpdate),
				plancheck.ExpectKnownValue(name, tfjsonpath.New("temporary_entries"), none),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(name, tfjsonpath.New("temporary_entries"), none),
			},
			Check: func(*terraform.State) error {
				got, err := e.Client.GetProjectAccessListEntry(context.Background(), e.ProjectID, "10.0.1.0/24")
				if err != nil || got.DeleteAfterDate != nil || got.Comment != "Net 1" {
					return fmt.Errorf("entry %+v, %v: want 10.0.1.0/24 permanent with its comment", got, err)
				}
				return nil
			},
		},
		{
			Config:           config(e, "10.0.1.0/24|Net 1", "10.1.0.0/16|office"),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
		},
	}})
}
