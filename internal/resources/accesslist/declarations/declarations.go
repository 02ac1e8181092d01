// Package declarations is the record, kept by one configured provider, of
// which access-list resource declared the API access list of each service
// account, through which owner and with which entries, and which entries
// each project's IP access list was declared with. The access-list
// resources use it to refuse a list declared twice at plan time, and to
// spare, in a destroy, the entries that another resource takes over.
//
// It is a package of its own, rather than part of the accesslist package,
// so that the provider data that holds one Registry per configured provider
// can name its type without importing the resources.
package declarations

import (
	"slices"
	"sync"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/safeops"
)

// Registry records, per account, through which owner a resource of one
// configured provider declared the account's API access list, and the
// entries it declared. The zero value is ready to use; it is safe for
// concurrent use.
type Registry struct {
	mu sync.Mutex
	by map[string]*declaration
	// projectIPLists are the declared project IP access lists, by project
	// (see DeclareProjectIPList).
	projectIPLists map[string]map[string]string
}

type declaration struct {
	owner   client.Owner
	entries []client.AccessListEntry
}

// Declare records that a resource manages the API access list of clientID
// through owner, with entries (nil while they are unknown; each
// declaration adds to what was declared before). Atlas keeps one list per
// account, whichever path reads it, so two authoritative resources that
// reach it through different owners (the account's project and its
// organization, or two projects it is in) would undo each other at every
// apply: clash is true, with the owner of the earlier declaration, when
// that happens, and nothing is recorded. Two declarations through the same
// owner cannot be told from one resource planned twice, so they do not
// clash.
func (r *Registry) Declare(owner client.Owner, clientID string, entries []client.AccessListEntry) (earlier client.Owner, clash bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.by == nil {
		r.by = map[string]*declaration{}
	}
	prev, ok := r.by[clientID]
	if !ok {
		r.by[clientID] = &declaration{owner: owner, entries: addMissing(nil, entries)}
		return client.Owner{}, false
	}
	if prev.owner != owner {
		return prev.owner, true
	}
	prev.entries = addMissing(prev.entries, entries)
	return client.Owner{}, false
}

// Entries is every entry declared for clientID's list, each block once:
// a destroy of another resource of the same provider leaves them in place
// (see safeops.Service.RemoveAccessListEntries).
func (r *Registry) Entries(clientID string) []client.AccessListEntry {
	r.mu.Lock()
	defer r.mu.Unlock()
	if d, ok := r.by[clientID]; ok {
		return slices.Clone(d.entries)
	}
	return nil
}

// addMissing appends to have the entries of add that it lacks, compared as
// blocks (10.0.0.1 and 10.0.0.1/32 are one entry), each block once.
func addMissing(have, add []client.AccessListEntry) []client.AccessListEntry {
	in := make(map[string]bool, len(have))
	for _, e := range have {
		in[key(e)] = true
	}
	for _, e := range add {
		if k := key(e); !in[k] {
			have = append(have, e)
			in[k] = true
		}
	}
	return have
}

// key compares entries: by block, or by spelling when an entry is not a
// block (such an entry is never equal to a valid one).
func key(e client.AccessListEntry) string {
	if p, ok := safeops.EntryBlock(e); ok {
		return p.String()
	}
	return "unparsed:" + safeops.EntrySpelling(e)
}
