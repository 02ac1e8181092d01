package declarations

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// DeclareProjectIPList records that a resource declares the IP access list
// of projectID with entries (each entry's network, or "sg:" and its
// security group, mapped to its comment). A project has one list and an
// atlasaccess_project_ip_access_list owns all of it, so two resources that
// declare one project's list with different entries (or comments) would
// remove each other's entries at every apply: clash is true when that
// happens, with the earlier declaration described for a message
// (DescribeIPList), and nothing is recorded. The same entries declared
// again do not clash: they cannot be told from one resource planned twice,
// and they do not undo each other. The zero Registry is ready to use.
func (r *Registry) DeclareProjectIPList(projectID string, entries map[string]string) (earlier string, clash bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.projectIPLists == nil {
		r.projectIPLists = map[string]map[string]string{}
	}
	prev, ok := r.projectIPLists[projectID]
	if !ok {
		r.projectIPLists[projectID] = maps.Clone(entries)
		return "", false
	}
	if !maps.Equal(prev, entries) {
		return DescribeIPList(prev), true
	}
	return "", false
}

// DescribeIPList names the entries of a declared project IP access list in
// a stable order: [10.0.0.0/8 "office", sg-0123abcd].
func DescribeIPList(entries map[string]string) string {
	keys := slices.Sorted(maps.Keys(entries))
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = strings.TrimPrefix(k, "sg:")
		if c := entries[k]; c != "" {
			parts[i] += fmt.Sprintf(" %q", c)
		}
	}
	return "[" + strings.Join(parts, ", ") + "]"
}
