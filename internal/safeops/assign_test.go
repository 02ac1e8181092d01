package safeops

import (
	"context"
	"errors"
	"sync"
	"testing"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

// orgAccount makes a service account in project 2, to be assigned to project 1.
func (e *simEnv) orgAccount(t *testing.T) string {
	t.Helper()
	sa, err := e.c.CreateProjectServiceAccount(context.Background(), e.fx.Project2ID, accountRequest("shared"))
	if err != nil {
		t.Fatal(err)
	}
	return sa.ClientID
}

func TestAssignServiceAccount_lostAnswerAdoptsTheAssignment(t *testing.T) {
	t.Parallel()
	e := newSimEnv(t)
	id := e.orgAccount(t)
	e.faults(t, "lost@POST=1#1")
	sa, err := e.s.AssignServiceAccount(context.Background(), e.fx.ProjectID, id, []string{"GROUP_READ_ONLY"})
	if err != nil || sa.ClientID != id {
		t.Fatalf("assign after a lost answer: %+v, %v", sa, err)
	}
}

func TestAssignServiceAccount_existingAssignmentIsNeverAdopted(t *testing.T) {
	t.Parallel()
	e := newSimEnv(t)
	ctx := context.Background()
	id := e.orgAccount(t)
	if _, err := e.c.InviteProjectServiceAccount(ctx, e.fx.ProjectID, id, []string{"GROUP_OWNER"}); err != nil {
		t.Fatal(err)
	}
	_, err := e.s.AssignServiceAccount(ctx, e.fx.ProjectID, id, []string{"GROUP_READ_ONLY"})
	var existing *ExistingError
	if !errors.As(err, &existing) || existing.RolesText() != "GROUP_OWNER" || existing.HeldHere {
		t.Fatalf("err = %v; want an ExistingError with GROUP_OWNER", err)
	}
}

func TestAssignServiceAccount_declaredTwiceFails(t *testing.T) {
	t.Parallel()
	e := newSimEnv(t)
	ctx := context.Background()
	id := e.orgAccount(t)
	if _, err := e.s.AssignServiceAccount(ctx, e.fx.ProjectID, id, []string{"GROUP_READ_ONLY"}); err != nil {
		t.Fatal(err)
	}
	_, err := e.s.AssignServiceAccount(ctx, e.fx.ProjectID, id, []string{"GROUP_READ_ONLY"})
	var existing *ExistingError
	if !errors.As(err, &existing) || !existing.HeldHere {
		t.Fatalf("err = %v; want an ExistingError naming the other resource", err)
	}
}

func TestAssignServiceAccount_waitsForADeleteOfTheSameAssignment(t *testing.T) {
	t.Parallel()
	e := newSimEnv(t)
	ctx := context.Background()
	id := e.orgAccount(t)
	if _, err := e.s.AssignServiceAccount(ctx, e.fx.ProjectID, id, []string{"GROUP_READ_ONLY"}); err != nil {
		t.Fatal(err)
	}
	deleted := make(chan error, 1)
	unlock, err := e.s.locks.lock(ctx, memberKey(e.fx.ProjectID, id))
	if err != nil {
		t.Fatal(err)
	}
	// The create meets the assignment while a delete of it waits for the lock.
	go func() { deleted <- e.s.DeleteProjectServiceAccount(ctx, e.fx.ProjectID, id) }()
	unlock()
	if _, err := e.s.AssignServiceAccount(ctx, e.fx.ProjectID, id, []string{"GROUP_OWNER"}); err != nil {
		t.Fatalf("assign while a delete of the same assignment is in flight: %v", err)
	}
	if err := <-deleted; err != nil {
		t.Fatal(err)
	}
	sa, err := e.c.GetProjectServiceAccount(ctx, e.fx.ProjectID, id)
	if err != nil || sa.Roles[0] != "GROUP_OWNER" {
		t.Fatalf("after delete and re-assign: %+v, %v", sa, err)
	}
}

// Two resources take one account out of its two projects at once: exactly
// one of them sees no project left, so a "left in no project" warning is
// given once, by whichever removal came last.
func TestLeaveProject_concurrentRemovalsSeeTheLastOnce(t *testing.T) {
	t.Parallel()
	for round := range 20 {
		e := newSimEnv(t)
		ctx := context.Background()
		id := e.orgAccount(t) // in project 2
		if _, err := e.s.AssignServiceAccount(ctx, e.fx.ProjectID, id, []string{"GROUP_READ_ONLY"}); err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		left := make([]int, 2)
		for i, p := range []string{e.fx.ProjectID, e.fx.Project2ID} {
			wg.Go(func() {
				remaining, listErr, err := e.s.LeaveProject(ctx, e.fx.OrgID, p, id)
				if err != nil || listErr != nil {
					t.Errorf("round %d: leaving %s: %v, %v", round, p, err, listErr)
				}
				left[i] = len(remaining)
			})
		}
		wg.Wait()
		if (left[0] == 0) == (left[1] == 0) {
			t.Fatalf("round %d: projects left seen by the two removals: %v; want exactly one to see none", round, left)
		}
	}
}

// Without the organization, the removal still happens; only the listing is
// skipped, and says so.
func TestLeaveProject_unknownOrganizationStillRemoves(t *testing.T) {
	t.Parallel()
	e := newSimEnv(t)
	ctx := context.Background()
	id := e.orgAccount(t)
	remaining, listErr, err := e.s.LeaveProject(ctx, "", e.fx.Project2ID, id)
	if err != nil || listErr == nil || remaining != nil {
		t.Fatalf("LeaveProject = %v, %v, %v; want the removal done and the listing skipped with a reason", remaining, listErr, err)
	}
	if _, err := e.c.GetProjectServiceAccount(ctx, e.fx.Project2ID, id); !client.IsNotFound(err) {
		t.Fatalf("the account is still in its project: %v", err)
	}
}
