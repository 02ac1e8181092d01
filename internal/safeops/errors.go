package safeops

import (
	"fmt"
	"slices"
	"strings"
)

// Candidate is an object that looks like the one a lost create asked for.
type Candidate struct {
	// ID is the object's Atlas ID (a client ID).
	ID        string
	Name      string
	CreatedAt string
}

// CandidatesError is a create whose outcome was unknown and after which more
// than one object matching the request appeared: none can be proven to be
// its work, so none is adopted and nothing is recorded in state.
type CandidatesError struct {
	Candidates []Candidate
	Cause      error
}

func (e *CandidatesError) Error() string {
	ids := make([]string, len(e.Candidates))
	for i, c := range e.Candidates {
		ids[i] = c.ID
	}
	return fmt.Sprintf("%v; %d objects that match the request appeared since it was sent (%s), and none can be proven to be its work",
		e.Cause, len(e.Candidates), strings.Join(ids, ", "))
}

func (e *CandidatesError) Unwrap() error { return e.Cause }

// ExistingError is an object that a create met in Atlas and that is not
// provably the work of this create: someone else's, another resource
// instance's, or possibly ours but without proof.
type ExistingError struct {
	// ID is the object's Atlas ID: a client ID or a user ID.
	ID string
	// Username is the person's email, for project users.
	Username string
	// Status is a project user's orgMembershipStatus (ACTIVE, PENDING...).
	Status string
	// Roles are the object's current roles in the project.
	Roles []string
	// HeldHere is true when another resource instance of this provider
	// process created, adopted or read the object: the configuration
	// declares it twice.
	HeldHere bool
	// AfterLostAnswer is true when this create's own outcome was unknown,
	// so the object may be its work, but that cannot be proven.
	AfterLostAnswer bool
	// Cause is the error of the create.
	Cause error
}

func (e *ExistingError) Error() string {
	var b strings.Builder
	what := e.ID
	if e.Username != "" {
		what = e.Username
	}
	fmt.Fprintf(&b, "%s already exists", what)
	if e.Status != "" {
		fmt.Fprintf(&b, " as %s", e.Status)
	}
	if len(e.Roles) > 0 {
		fmt.Fprintf(&b, " with roles %s", e.RolesText())
	}
	if e.HeldHere {
		b.WriteString("; another resource of this configuration already manages it")
	}
	if e.Cause != nil {
		fmt.Fprintf(&b, " (%v)", e.Cause)
	}
	return b.String()
}

func (e *ExistingError) Unwrap() error { return e.Cause }

// RolesText is the existing roles, sorted and comma-separated.
func (e *ExistingError) RolesText() string {
	sorted := slices.Clone(e.Roles)
	slices.Sort(sorted)
	return strings.Join(sorted, ", ")
}

// Degradation is a step of a write that succeeded but fell short of what
// was asked, for a warning. Detail says what fell short and what can be
// done in Atlas; it names no Terraform command: the resource layer adds
// those (NoKnownSecret says when replacing the object is the way to start
// afresh).
type Degradation struct {
	// Detail is what fell short, as sentences.
	Detail string
	// NoKnownSecret is true when an account was kept without any secret
	// whose plaintext the caller received.
	NoKnownSecret bool
}
