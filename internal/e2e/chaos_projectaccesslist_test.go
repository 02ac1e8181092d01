package e2e

import (
	"fmt"
	"slices"
	"strings"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/safeops"
)

// The project IP access list in the fault campaign.
//
// The configuration declares the first project's whole IP access list
// (atlasaccess_project_ip_access_list), its writes meet the round's faults
// like every other write (lost answers, 500, resets, 503 on POST and
// DELETE), and its look-alike made outside Terraform is an entry added by
// hand to that same list, before the first apply and again before the
// edit.
//
// The campaign's rule that nothing made outside Terraform may change has
// an exception here, by design: the resource is authoritative over the
// project's list, so an entry added by hand is what it must remove (#4151),
// not something to spare. The rule becomes: after every converged apply the
// list holds exactly the declared entries, with their comments, and the
// hand-added entry is gone; after the last destroy the list is empty,
// because the takeover removed the hand-added entry and the destroy removed
// what the state held. The list is kept out of the snapshot that the
// "nothing changed" rule compares, and checked here instead.

// chaosIPEntries are the entries a configuration picks from: blocks,
// a bare address, IPv6 and a security group, with or without comments.
var chaosIPEntries = []string{"10.8.0.0/16|vpn", "203.0.113.40", "2001:db8:5000::/48|v6 office", "192.0.2.128/25|", "sg-0123abcd|peered app"}

// chaosIPLookAlike is the entry added by hand, outside Terraform.
const chaosIPLookAlike = "0.0.0.0/0"

func (r *chaosRound) pickProjectIPEntries() []string {
	picked := r.pick(chaosIPEntries, 1+r.rng.Intn(3))
	// The comment of the first one sometimes changes: an update in place.
	if r.rng.Intn(2) == 0 {
		block, _, _ := strings.Cut(picked[0], "|")
		picked[0] = fmt.Sprintf("%s|edited %d", block, r.rng.Intn(100))
	}
	return picked
}

// renderProjectIPList is the resource of the project's IP access list; it
// records what the configuration declares for projectIPListInvariants.
func (r *chaosRound) renderProjectIPList(c chaosConfig) string {
	r.ipWant = nil
	var b strings.Builder
	fmt.Fprintf(&b, "\nresource \"atlasaccess_project_ip_access_list\" \"project\" {\n  project_id = %q\n  entries = [\n", r.w.fx.ProjectID)
	for _, e := range c.ipEntries {
		value, comment, _ := strings.Cut(e, "|")
		attr := "cidr_block"
		if strings.HasPrefix(value, "sg-") {
			attr = "aws_security_group"
		}
		fmt.Fprintf(&b, "    { %s = %q", attr, value)
		if comment != "" {
			fmt.Fprintf(&b, ", comment = %q", comment)
		}
		b.WriteString(" },\n")
		r.ipWant = append(r.ipWant, projectIPKey(value)+"|"+comment)
	}
	b.WriteString("  ]\n}\n")
	slices.Sort(r.ipWant)
	return b.String()
}

// projectIPKey is how the campaign compares entries: as networks.
func projectIPKey(value string) string {
	e := client.ProjectAccessListEntry{CIDRBlock: value}
	if strings.HasPrefix(value, "sg-") {
		e = client.ProjectAccessListEntry{AWSSecurityGroup: value}
	}
	if k, ok := safeops.ProjectAccessListEntryKey(e); ok {
		return k
	}
	return value
}

// addProjectIPLookAlike adds the hand-made entry, outside Terraform.
func (r *chaosRound) addProjectIPLookAlike() {
	r.check(r.c.AddProjectAccessListEntries(r.ctx, r.w.fx.ProjectID, []client.ProjectAccessListEntry{{CIDRBlock: chaosIPLookAlike, Comment: "added by hand"}}),
		"adding an entry by hand to the project IP access list")
}

// projectIPList is what Atlas holds: "key|comment", sorted.
func (r *chaosRound) projectIPList() []string {
	list, err := r.c.ListProjectAccessList(r.ctx, r.w.fx.ProjectID)
	r.check(err, "listing the project IP access list")
	var out []string
	for _, e := range list {
		k, ok := safeops.ProjectAccessListEntryKey(e)
		if !ok {
			k = e.Value()
		}
		out = append(out, k+"|"+e.Comment)
	}
	slices.Sort(out)
	return out
}

// projectIPListInvariants: after a converged apply, the list is exactly
// what the configuration declares; the hand-added entry is gone.
func (r *chaosRound) projectIPListInvariants(after string) {
	r.t.Helper()
	if got := r.projectIPList(); !slices.Equal(got, r.ipWant) {
		r.fatalf("after %s, the project IP access list holds %q, want exactly the declared %q (the entry added by hand, %s, removed)",
			after, got, r.ipWant, chaosIPLookAlike)
	}
}

// projectIPListAfterDestroy: the list is empty after the last destroy.
func (r *chaosRound) projectIPListAfterDestroy() {
	r.t.Helper()
	if got := r.projectIPList(); len(got) != 0 {
		r.fatalf("after the last destroy the project IP access list holds %q, want it empty", got)
	}
}
