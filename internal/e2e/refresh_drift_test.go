package e2e

import (
	"encoding/json"
	"reflect"
	"slices"
	"sort"
	"strings"
)

// refreshOnlyDrift runs terraform plan -refresh-only with
// -detailed-exitcode and returns its exit code and, per resource address
// Terraform reports as changed outside Terraform, the names of the
// top-level attributes whose values changed (read from the saved plan's
// resource_drift, so the test does not depend on how the CLI renders it).
func (w *workspace) refreshOnlyDrift() (int, map[string][]string) {
	w.t.Helper()
	out, err := w.terraform(true, "plan", "-refresh-only", "-detailed-exitcode", "-input=false", "-out=refresh.tfplan")
	code := 0
	if err != nil {
		if !strings.Contains(err.Error(), "exit status 2") {
			w.t.Fatalf("terraform plan -refresh-only: %v\n%s", err, out)
		}
		code = 2
	}
	raw, _ := w.terraform(false, "show", "-json", "refresh.tfplan")
	var plan struct {
		ResourceDrift []struct {
			Address string `json:"address"`
			Change  struct {
				Before map[string]any `json:"before"`
				After  map[string]any `json:"after"`
			} `json:"change"`
		} `json:"resource_drift"`
	}
	if err := json.Unmarshal([]byte(raw), &plan); err != nil {
		w.t.Fatalf("terraform show -json refresh.tfplan: %v", err)
	}
	drift := map[string][]string{}
	for _, d := range plan.ResourceDrift {
		var changed []string
		for name := range union(d.Change.Before, d.Change.After) {
			if !reflect.DeepEqual(d.Change.Before[name], d.Change.After[name]) {
				changed = append(changed, name)
			}
		}
		sort.Strings(changed)
		drift[d.Address] = changed
	}
	return code, drift
}

// union is the set of keys of a and b.
func union(a, b map[string]any) map[string]bool {
	out := map[string]bool{}
	for k := range a {
		out[k] = true
	}
	for k := range b {
		out[k] = true
	}
	return out
}

// driftAddresses lists the addresses of drift, sorted, for messages.
func driftAddresses(drift map[string][]string) []string {
	out := make([]string, 0, len(drift))
	for a := range drift {
		out = append(out, a)
	}
	return slices.Sorted(slices.Values(out))
}
