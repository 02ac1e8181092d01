package diags

import (
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/validate"
)

// The words shared by the authoritative list resources (the API access
// lists of service accounts and the project IP access list).

// Plural is "1 entry" or "3 entries": n with the word that fits it.
func Plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// ItOrThem is the pronoun for n things: "it" for one, "them" otherwise.
func ItOrThem(n int) string {
	if n == 1 {
		return "it"
	}
	return "them"
}

// Progress says, after a list change that stopped part-way, what it did
// before it stopped: " Before that, the apply added A and removed B.", or ""
// when it did nothing.
func Progress(added, updated, removed []string) string {
	var parts []string
	for _, p := range []struct {
		verb    string
		entries []string
	}{{"added", added}, {"updated", updated}, {"removed", removed}} {
		if len(p.entries) > 0 {
			parts = append(parts, p.verb+" "+strings.Join(p.entries, ", "))
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return " Before that, the apply " + strings.Join(parts, " and ") + "."
}

// AdmitsEveryAddress reports whether an address or CIDR block is 0.0.0.0/0
// or ::/0, and which family ("IPv4" or "IPv6") it opens. Anything that does
// not parse admits nothing.
func AdmitsEveryAddress(block string) (family string, open bool) {
	p, err := validate.ParseCIDR(block)
	if err != nil || p.Bits() != 0 {
		return "", false
	}
	if p.Addr().Is6() {
		return "IPv6", true
	}
	return "IPv4", true
}

// WarnAddedOutsideTerraform warns, at plan time, that the apply of an
// authoritative list removes entries that someone added outside Terraform
// (values, as the refreshed state spells them), so that a user who skims
// the plan still sees them named: list says whose list it is ("the IP
// access list of project P"), and attr is the attribute that would keep them.
// The warning is the resource's, not attr's: Terraform prints the source of
// the attribute a diagnostic names, the whole literal list here, while the
// message already names each entry.
func WarnAddedOutsideTerraform(d *diag.Diagnostics, attr, list string, values []string) {
	if len(values) == 0 {
		return
	}
	them := ItOrThem(len(values))
	d.AddWarning("Entries Added Outside Terraform Will Be Removed",
		fmt.Sprintf("%s holds %s that Terraform did not add and the configuration does not declare: %s. "+
			"This resource is authoritative, so the apply removes %s. If clients still need %s, add %s to %s; "+
			"if %s added by mistake (or %s never meant to be there), apply as planned.",
			upperFirst(list), Plural(len(values), "entry", "entries"), strings.Join(values, ", "),
			them, them, them, attr, map[bool]string{true: "it was", false: "they were"}[len(values) == 1],
			map[bool]string{true: "was", false: "were"}[len(values) == 1]))
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
