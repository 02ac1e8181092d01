package safeops

import (
	"context"
	"fmt"
	"net/netip"
	"strings"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

// accessListKey is the API access list of a service account. A project
// service account is an organization account seen from a project, so both
// paths address one list: the key is the client ID alone.
func accessListKey(clientID string) objectKey { return objectKey("access-list/" + clientID) }

// AccessListChange is what ReplaceAccessList and ClearAccessList did, in
// Atlas's spelling of each entry.
type AccessListChange struct {
	Added   []string
	Removed []string
	// Unparsed are entries Atlas returned that are neither an address nor
	// a CIDR block. They cannot be compared with any block, so they are
	// never removed (a DELETE of a spelling the provider does not
	// understand could remove something else): they are reported instead.
	Unparsed []string
}

// AccessListRemovalError is a removal Atlas refused or that failed; the
// change made before it is in Done.
type AccessListRemovalError struct {
	Entry string
	Done  AccessListChange
	Cause error
}

func (e *AccessListRemovalError) Error() string {
	return fmt.Sprintf("removing %s from the API access list: %v", e.Entry, e.Cause)
}

func (e *AccessListRemovalError) Unwrap() error { return e.Cause }

// ListAccessList reads every page of a service account's API access list.
func (s *Service) ListAccessList(ctx context.Context, owner client.Owner, clientID string) ([]client.AccessListEntry, error) {
	return s.c.ListAccessList(ctx, owner, clientID)
}

// ReplaceAccessList makes the API access list of a service account hold
// exactly want (entries in Atlas's spelling): it reads the list once, adds
// every missing entry (one POST per 200), then removes every other entry
// (one DELETE each). Entries are compared as blocks, so 10.0.0.1 and
// 10.0.0.1/32 are one entry. Additions come first so that the list never
// passes through empty, which in Atlas means no restriction, and never
// lacks an address that both the old and the new list allow.
//
// An addition refused as already present (another writer, or a retried
// POST whose first answer was lost) is resolved by reading the list again
// and adding only what is still missing.
func (s *Service) ReplaceAccessList(ctx context.Context, owner client.Owner, clientID string, want []client.AccessListEntry) (AccessListChange, error) {
	var done AccessListChange
	unlock, err := s.locks.lock(ctx, accessListKey(clientID))
	if err != nil {
		return done, err
	}
	defer unlock()
	current, err := s.c.ListAccessList(ctx, owner, clientID)
	if err != nil {
		return done, err
	}
	missing := entriesMissing(want, current)
	if err := s.c.AddAccessListEntries(ctx, owner, clientID, missing); err != nil {
		if !client.IsConflict(err) {
			return done, err
		}
		if current, err = s.c.ListAccessList(ctx, owner, clientID); err != nil {
			return done, err
		}
		if missing = entriesMissing(want, current); len(missing) > 0 {
			if err := s.c.AddAccessListEntries(ctx, owner, clientID, missing); err != nil {
				return done, err
			}
		}
	}
	done.Added = spellings(missing)
	outside, unparsed := splitUnparsed(entriesOutside(current, want))
	done.Unparsed = spellings(unparsed)
	err = s.removeEntries(ctx, owner, clientID, outside, &done)
	return done, err
}

// RemoveAccessListEntries removes from a service account's API access list
// the entries of own (the entries a resource's state holds) that Atlas still
// holds, compared as blocks, one DELETE each, and nothing else: an entry
// someone else added keeps its place, and so does every entry of spare (the
// entries another resource declares for the same account, such as the
// resource that takes the list over when its declaration moves to another
// resource in the same apply). Removing the last entry lifts the list's
// restriction, which is what destroying a list means in Atlas. An account
// that no longer exists satisfies client.IsNotFound.
func (s *Service) RemoveAccessListEntries(ctx context.Context, owner client.Owner, clientID string, own, spare []client.AccessListEntry) (AccessListChange, error) {
	var done AccessListChange
	unlock, err := s.locks.lock(ctx, accessListKey(clientID))
	if err != nil {
		return done, err
	}
	defer unlock()
	current, err := s.c.ListAccessList(ctx, owner, clientID)
	if err != nil {
		return done, err
	}
	_, unparsed := splitUnparsed(current)
	done.Unparsed = spellings(unparsed)
	var remove []client.AccessListEntry
	for _, e := range current {
		if _, ok := EntryBlock(e); ok && len(entriesMissing([]client.AccessListEntry{e}, own)) == 0 &&
			len(entriesMissing([]client.AccessListEntry{e}, spare)) > 0 {
			remove = append(remove, e)
		}
	}
	err = s.removeEntries(ctx, owner, clientID, remove, &done)
	return done, err
}

// removeEntries deletes entries one by one. An entry already gone counts
// as removed. The first other failure stops it.
func (s *Service) removeEntries(ctx context.Context, owner client.Owner, clientID string, entries []client.AccessListEntry, done *AccessListChange) error {
	for _, e := range entries {
		spelling := EntrySpelling(e)
		if err := s.c.DeleteAccessListEntry(ctx, owner, clientID, spelling); err != nil && !client.IsNotFound(err) {
			return &AccessListRemovalError{Entry: spelling, Done: *done, Cause: err}
		}
		done.Removed = append(done.Removed, spelling)
	}
	return nil
}

// EntrySpelling is how Atlas spells an entry: its CIDR block, or its
// address when it has no block.
func EntrySpelling(e client.AccessListEntry) string {
	if e.CIDRBlock != "" {
		return e.CIDRBlock
	}
	return e.IPAddress
}

// EntryBlock is the block an Atlas entry stands for: an address is a block
// of one address. ok is false for a spelling that is neither.
func EntryBlock(e client.AccessListEntry) (p netip.Prefix, ok bool) {
	s := EntrySpelling(e)
	if strings.Contains(s, "/") {
		p, err := netip.ParsePrefix(s)
		return p.Masked(), err == nil
	}
	a, err := netip.ParseAddr(s)
	if err != nil {
		return netip.Prefix{}, false
	}
	return netip.PrefixFrom(a, a.BitLen()), true
}

// entryKey compares entries: by block, or by spelling when an entry is not
// a block (such an entry is never equal to a valid one).
func entryKey(e client.AccessListEntry) string {
	if p, ok := EntryBlock(e); ok {
		return p.String()
	}
	return "unparsed:" + EntrySpelling(e)
}

// entriesMissing returns the entries of a that b lacks, in a's order,
// each block once.
func entriesMissing(a, b []client.AccessListEntry) []client.AccessListEntry {
	in := make(map[string]bool, len(b))
	for _, e := range b {
		in[entryKey(e)] = true
	}
	var out []client.AccessListEntry
	for _, e := range a {
		if k := entryKey(e); !in[k] {
			out = append(out, e)
			in[k] = true
		}
	}
	return out
}

// splitUnparsed separates the entries that are blocks from those that are
// not.
func splitUnparsed(entries []client.AccessListEntry) (blocks, unparsed []client.AccessListEntry) {
	for _, e := range entries {
		if _, ok := EntryBlock(e); ok {
			blocks = append(blocks, e)
		} else {
			unparsed = append(unparsed, e)
		}
	}
	return blocks, unparsed
}

// entriesOutside returns every entry of current whose block want lacks,
// including each copy of a block Atlas holds twice.
func entriesOutside(current, want []client.AccessListEntry) []client.AccessListEntry {
	in := make(map[string]bool, len(want))
	for _, e := range want {
		in[entryKey(e)] = true
	}
	var out []client.AccessListEntry
	for _, e := range current {
		if !in[entryKey(e)] {
			out = append(out, e)
		}
	}
	return out
}

func spellings(entries []client.AccessListEntry) []string {
	out := make([]string, len(entries))
	for i, e := range entries {
		out[i] = EntrySpelling(e)
	}
	return out
}
