package attrs

import "slices"

// RoleChanges returns the roles to grant (in want, not in have) and to take
// away (in have, not in want), each once and sorted, so that requests are
// stable.
func RoleChanges(have, want []string) (added, removed []string) {
	for _, r := range want {
		if !slices.Contains(have, r) && !slices.Contains(added, r) {
			added = append(added, r)
		}
	}
	for _, r := range have {
		if !slices.Contains(want, r) && !slices.Contains(removed, r) {
			removed = append(removed, r)
		}
	}
	slices.Sort(added)
	slices.Sort(removed)
	return added, removed
}

// RoleChangeFailure is the role change at which ChangeRoles stopped.
type RoleChangeFailure struct {
	Role   string
	Adding bool // granting Role, not taking it away
	Err    error
}

// ChangeRoles moves a person of type U from the roles have to want with one
// call per role, grants first: Atlas requires a person to hold at least one
// role at all times, and this order never leaves them without. It stops at
// the first failure. latest is the answer of the last call that succeeded,
// nil when none did (or none was needed).
func ChangeRoles[U any](have, want []string, grant, revoke func(role string) (*U, error)) (latest *U, failed *RoleChangeFailure) {
	added, removed := RoleChanges(have, want)
	for _, role := range added {
		u, err := grant(role)
		if err != nil {
			return latest, &RoleChangeFailure{Role: role, Adding: true, Err: err}
		}
		latest = u
	}
	for _, role := range removed {
		u, err := revoke(role)
		if err != nil {
			return latest, &RoleChangeFailure{Role: role, Err: err}
		}
		latest = u
	}
	return latest, nil
}
