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
// happens, with the earlier declaration's entries (for
// DescribeIPListDifference), and nothing is recorded. The same entries declared
// again do not clash: they cannot be told from one resource planned twice,
// and they do not undo each other. The zero Registry is ready to use.
func (r *Registry) DeclareProjectIPList(projectID string, entries map[string]string) (earlier map[string]string, clash bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.projectIPLists == nil {
		r.projectIPLists = map[string]map[string]string{}
	}
	prev, ok := r.projectIPLists[projectID]
	if !ok {
		r.projectIPLists[projectID] = maps.Clone(entries)
		return nil, false
	}
	if !maps.Equal(prev, entries) {
		return maps.Clone(prev), true
	}
	return nil, false
}

// maxNamedDifferences is how many entries DescribeIPListDifference names
// in each of its parts before it counts the rest.
const maxNamedDifferences = 5

// DescribeIPListDifference says how two declarations of one project IP
// access list differ, naming only the entries that differ, in a stable
// order and at most maxNamedDifferences of each kind: "only the other
// declares 10.2.0.0/16; only this one declares sg-0123abcd; the comment of
// 10.1.0.0/16 differs". Two lists of 50 entries that differ in one are
// described by that one.
func DescribeIPListDifference(other, this map[string]string) string {
	var onlyOther, onlyThis, comments []string
	for _, k := range slices.Sorted(maps.Keys(other)) {
		c, ok := this[k]
		switch {
		case !ok:
			onlyOther = append(onlyOther, strings.TrimPrefix(k, "sg:"))
		case c != other[k]:
			comments = append(comments, strings.TrimPrefix(k, "sg:"))
		}
	}
	for _, k := range slices.Sorted(maps.Keys(this)) {
		if _, ok := other[k]; !ok {
			onlyThis = append(onlyThis, strings.TrimPrefix(k, "sg:"))
		}
	}
	var parts []string
	if len(onlyOther) > 0 {
		parts = append(parts, "only the other declares "+namedAtMost(onlyOther))
	}
	if len(onlyThis) > 0 {
		parts = append(parts, "only this one declares "+namedAtMost(onlyThis))
	}
	if len(comments) > 0 {
		parts = append(parts, "the comment of "+namedAtMost(comments)+" differs")
	}
	return strings.Join(parts, "; ")
}

// namedAtMost joins values, naming at most maxNamedDifferences of them.
func namedAtMost(values []string) string {
	if len(values) <= maxNamedDifferences {
		return strings.Join(values, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(values[:maxNamedDifferences], ", "), len(values)-maxNamedDifferences)
}
