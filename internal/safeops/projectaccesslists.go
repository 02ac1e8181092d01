package safeops

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

// Waiting for project IP access list entries to become ACTIVE.
const (
	// DefaultActiveWait bounds how long ReplaceProjectAccessList waits for
	// the entries it wrote to become ACTIVE.
	DefaultActiveWait = 10 * time.Minute
	// activePollFirst is the wait after the first round of status reads
	// that found an entry not yet ACTIVE; each later wait doubles, up to
	// activePollMax. Atlas usually settles an entry within a second or
	// two, so a short first wait keeps an apply from idling, and the cap
	// keeps a slow propagation from costing a read every instant.
	activePollFirst = 250 * time.Millisecond
	// activePollMax is the longest wait between two rounds of status reads.
	activePollMax = 5 * time.Second
)

// nextActivePoll is the wait after one of the given length.
func nextActivePoll(wait time.Duration) time.Duration {
	return min(2*wait, activePollMax)
}

// projectAccessListKey is the IP access list of a project: every write of
// one project's list in this process takes it, because Atlas refuses a POST
// that arrives while another POST for the project is processed.
func projectAccessListKey(projectID string) objectKey {
	return objectKey("project-access-list/" + projectID)
}

// ProjectAccessListChange is what ReplaceProjectAccessList and
// RemoveProjectAccessListEntries did, each entry named by its value
// (ProjectAccessListEntryValue).
type ProjectAccessListChange struct {
	// Added are entries the list lacked; Updated are entries whose
	// comment changed or that Atlas held as temporary (see
	// ReplaceProjectAccessList).
	Added, Updated []string
	Removed        []string
}

// ProjectAccessListError is a change that stopped part-way: Done is what it
// did before Cause.
type ProjectAccessListError struct {
	Done  ProjectAccessListChange
	Cause error
	// Entry is the entry whose removal failed, or the entries that did not
	// become ACTIVE, when that is what stopped it.
	Entry string
}

func (e *ProjectAccessListError) Error() string {
	if e.Entry != "" {
		return fmt.Sprintf("project IP access list entry %s: %v", e.Entry, e.Cause)
	}
	return "project IP access list: " + e.Cause.Error()
}

func (e *ProjectAccessListError) Unwrap() error { return e.Cause }

// ErrEntryNotActive is the Cause of a ProjectAccessListError whose entries
// did not become ACTIVE in time (or FAILED).
var ErrEntryNotActive = errors.New("entry did not become ACTIVE")

// ErrEntryStillTemporary is the Cause of a ProjectAccessListError whose
// entries Atlas still holds with a deleteAfterDate after they were sent
// again without one.
var ErrEntryStillTemporary = errors.New("entry is still temporary")

// ProjectAccessListEntryKey compares entries: the network an address or
// CIDR block stands for (10.0.0.1 and 10.0.0.1/32 are one), or the
// security group. ok is false for an entry that is neither.
func ProjectAccessListEntryKey(e client.ProjectAccessListEntry) (key string, ok bool) {
	if e.CIDRBlock == "" && e.IPAddress == "" {
		return "sg:" + e.AWSSecurityGroup, e.AWSSecurityGroup != ""
	}
	p, ok := EntryBlock(client.AccessListEntry{CIDRBlock: e.CIDRBlock, IPAddress: e.IPAddress})
	return p.String(), ok
}

// ProjectAccessListEntryValue names an entry in messages and paths: its
// CIDR block, its address, or its security group.
func ProjectAccessListEntryValue(e client.ProjectAccessListEntry) string { return e.Value() }

// ListProjectAccessList reads every page of a project's IP access list.
func (s *Service) ListProjectAccessList(ctx context.Context, projectID string) ([]client.ProjectAccessListEntry, error) {
	return s.c.ListProjectAccessList(ctx, projectID)
}

// ProjectAccessListStatus reads the status of one entry.
func (s *Service) ProjectAccessListStatus(ctx context.Context, projectID, entryValue string) (string, error) {
	return s.c.GetProjectAccessListEntryStatus(ctx, projectID, entryValue)
}

// ReplaceProjectAccessList makes a project's IP access list hold exactly
// want, with want's comments. Under the project's lock (one write of a
// project's list at a time in this process), it reads the list, adds in one
// POST every entry that is missing or whose comment differs, waits until
// each of them is ACTIVE, then removes every other entry, one DELETE each.
// Entries are compared as networks. Adding comes first so that the list
// never lacks an address that both the old and the new list allow.
//
// Adding an entry again only updates its comment, so a POST whose answer
// was lost is settled by reading the list again: what is still missing is
// sent once more.
//
// An entry of want that Atlas holds as temporary (with a deleteAfterDate,
// after which Atlas deletes it) is sent again without a deleteAfterDate, to
// make it permanent. Neither the API specification nor the official
// provider and SDK say whether a POST without deleteAfterDate clears the
// date of an entry already held, so the list is read once more after such
// a POST; an entry still temporary then is an error with Cause
// ErrEntryStillTemporary, returned once the other entries are removed. The
// entry is never deleted and added back to clear its date: that would
// leave a moment without access from it.
func (s *Service) ReplaceProjectAccessList(ctx context.Context, projectID string, want []client.ProjectAccessListEntry) (ProjectAccessListChange, error) {
	var done ProjectAccessListChange
	unlock, err := s.locks.lock(ctx, projectAccessListKey(projectID))
	if err != nil {
		return done, err
	}
	defer unlock()
	current, err := s.c.ListProjectAccessList(ctx, projectID)
	if err != nil {
		return done, err
	}
	send, added, updated := projectEntriesToSend(want, current)
	if err := s.c.AddProjectAccessListEntries(ctx, projectID, send); err != nil {
		// Whatever the failure, the list says what happened.
		if current, err2 := s.c.ListProjectAccessList(ctx, projectID); err2 != nil {
			return done, err
		} else if again, _, _ := projectEntriesToSend(want, current); len(again) > 0 {
			if err := s.c.AddProjectAccessListEntries(ctx, projectID, again); err != nil {
				return done, err
			}
		}
	}
	done.Added, done.Updated = added, updated
	if err := s.waitActive(ctx, projectID, send); err != nil {
		return done, err
	}
	var temporary error
	if madePermanent(want, current) {
		after, err := s.c.ListProjectAccessList(ctx, projectID)
		if err != nil {
			return done, err
		}
		temporary = stillTemporary(want, after, done)
	}
	wanted := map[string]bool{}
	for _, e := range want {
		if k, ok := ProjectAccessListEntryKey(e); ok {
			wanted[k] = true
		}
	}
	var outside []client.ProjectAccessListEntry
	for _, e := range current {
		if k, ok := ProjectAccessListEntryKey(e); ok && !wanted[k] {
			outside = append(outside, e)
		}
	}
	if err := s.removeProjectEntries(ctx, projectID, outside, &done); err != nil {
		return done, err
	}
	if temporary != nil {
		var pe *ProjectAccessListError
		if errors.As(temporary, &pe) {
			pe.Done = done
		}
		return done, temporary
	}
	return done, nil
}

// madePermanent reports whether an entry of want (which has no
// deleteAfterDate) is held by current as temporary.
func madePermanent(want, current []client.ProjectAccessListEntry) bool {
	held := heldByKey(current)
	for _, e := range want {
		if k, ok := ProjectAccessListEntryKey(e); ok && e.DeleteAfterDate == nil && held[k].DeleteAfterDate != nil {
			return true
		}
	}
	return false
}

// stillTemporary is the error for the entries of want that after (the
// list read after they were sent) still holds as temporary, nil if none.
func stillTemporary(want, after []client.ProjectAccessListEntry, done ProjectAccessListChange) error {
	held := heldByKey(after)
	var values, dates []string
	for _, e := range want {
		k, ok := ProjectAccessListEntryKey(e)
		if !ok || e.DeleteAfterDate != nil || held[k].DeleteAfterDate == nil {
			continue
		}
		values = append(values, e.Value())
		dates = append(dates, e.Value()+" at "+*held[k].DeleteAfterDate)
	}
	if len(values) == 0 {
		return nil
	}
	return &ProjectAccessListError{Done: done, Entry: strings.Join(values, ", "),
		Cause: fmt.Errorf("%w: Atlas still deletes %s", ErrEntryStillTemporary, strings.Join(dates, ", "))}
}

// heldByKey is current by ProjectAccessListEntryKey.
func heldByKey(current []client.ProjectAccessListEntry) map[string]client.ProjectAccessListEntry {
	held := map[string]client.ProjectAccessListEntry{}
	for _, e := range current {
		if k, ok := ProjectAccessListEntryKey(e); ok {
			held[k] = e
		}
	}
	return held
}

// RemoveProjectAccessListEntries removes from a project's IP access list
// the entries of own (those a resource's state holds) that Atlas still
// holds, compared as networks, one DELETE each, and nothing else: an entry
// someone else added keeps its place.
func (s *Service) RemoveProjectAccessListEntries(ctx context.Context, projectID string, own []client.ProjectAccessListEntry) (ProjectAccessListChange, error) {
	var done ProjectAccessListChange
	unlock, err := s.locks.lock(ctx, projectAccessListKey(projectID))
	if err != nil {
		return done, err
	}
	defer unlock()
	current, err := s.c.ListProjectAccessList(ctx, projectID)
	if err != nil {
		return done, err
	}
	owned := map[string]bool{}
	for _, e := range own {
		if k, ok := ProjectAccessListEntryKey(e); ok {
			owned[k] = true
		}
	}
	var remove []client.ProjectAccessListEntry
	for _, e := range current {
		if k, ok := ProjectAccessListEntryKey(e); ok && owned[k] {
			remove = append(remove, e)
		}
	}
	err = s.removeProjectEntries(ctx, projectID, remove, &done)
	return done, err
}

// removeProjectEntries deletes entries one by one; an entry already gone
// counts as removed. The first other failure stops it.
func (s *Service) removeProjectEntries(ctx context.Context, projectID string, entries []client.ProjectAccessListEntry, done *ProjectAccessListChange) error {
	for _, e := range entries {
		v := e.Value()
		if err := s.c.DeleteProjectAccessListEntry(ctx, projectID, v); err != nil && !client.IsNotFound(err) {
			return &ProjectAccessListError{Done: *done, Cause: err, Entry: v}
		}
		done.Removed = append(done.Removed, v)
	}
	return nil
}

// waitActive reads the status of every entry until all are ACTIVE: a first
// round right away, then rounds after waits that start at activePollFirst
// and double up to activePollMax, on the client's clock, for at most
// DefaultActiveWait (the last wait is cut short to end at the deadline,
// where one more round is read). A FAILED entry, or one still PENDING at the end, is a
// ProjectAccessListError with Cause ErrEntryNotActive.
func (s *Service) waitActive(ctx context.Context, projectID string, entries []client.ProjectAccessListEntry) error {
	pending := entries
	deadline := s.clock.Now().Add(s.activeWait())
	wait := activePollFirst
	for {
		var still []client.ProjectAccessListEntry
		for _, e := range pending {
			status, err := s.c.GetProjectAccessListEntryStatus(ctx, projectID, e.Value())
			switch {
			case err != nil:
				return err
			case status == client.ProjectAccessListStatusFailed:
				return &ProjectAccessListError{Entry: e.Value(), Cause: fmt.Errorf("%w: Atlas reports it FAILED", ErrEntryNotActive)}
			case status != client.ProjectAccessListStatusActive:
				still = append(still, e)
			}
		}
		if len(still) == 0 {
			return nil
		}
		if !s.clock.Now().Before(deadline) {
			values := make([]string, len(still))
			for i, e := range still {
				values[i] = e.Value()
			}
			return &ProjectAccessListError{Entry: strings.Join(values, ", "),
				Cause: fmt.Errorf("%w: still PENDING after %s", ErrEntryNotActive, s.activeWait())}
		}
		if err := s.clock.Sleep(ctx, min(wait, deadline.Sub(s.clock.Now()))); err != nil {
			return err
		}
		wait = nextActivePoll(wait)
		pending = still
	}
}

func (s *Service) activeWait() time.Duration {
	if s.activeWaitLimit > 0 {
		return s.activeWaitLimit
	}
	return DefaultActiveWait
}

// projectEntriesToSend returns the entries of want that current lacks,
// holds with another comment, or holds as temporary when want's entry is
// not, each network once, and their values.
func projectEntriesToSend(want, current []client.ProjectAccessListEntry) (send []client.ProjectAccessListEntry, added, updated []string) {
	held := heldByKey(current)
	seen := map[string]bool{}
	for _, e := range want {
		k, ok := ProjectAccessListEntryKey(e)
		if !ok || seen[k] {
			continue
		}
		seen[k] = true
		h, there := held[k]
		switch {
		case !there:
			added = append(added, e.Value())
		case h.Comment != e.Comment, e.DeleteAfterDate == nil && h.DeleteAfterDate != nil:
			updated = append(updated, e.Value())
		default:
			continue
		}
		send = append(send, e)
	}
	return send, added, updated
}
