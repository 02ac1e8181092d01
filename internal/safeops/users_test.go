package safeops

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client"
)

func userRequest(username string, roles ...string) client.AddProjectUserRequest {
	return client.AddProjectUserRequest{Username: username, Roles: roles}
}

func TestAddProjectUser_lostAnswerAdoptsTheInvitationItSent(t *testing.T) {
	t.Parallel()
	e := newSimEnv(t)
	e.faults(t, "lost@POST=1#1")
	u, err := e.s.AddProjectUser(context.Background(), e.fx.ProjectID, userRequest("ann@example.com", "GROUP_READ_ONLY"))
	if err != nil {
		t.Fatalf("invite after a lost answer: %v", err)
	}
	if u.OrgMembershipStatus != client.UserStatusPending || u.Username != "ann@example.com" {
		t.Fatalf("adopted %+v; want ann's pending invitation", u)
	}
}

// A person someone else made Project Owner is never taken over, even when
// the request's own answer was lost: the error states their current roles.
func TestAddProjectUser_activePersonIsNeverAdopted(t *testing.T) {
	t.Parallel()
	e := newSimEnv(t)
	ctx := context.Background()
	if _, err := e.c.AddProjectUser(ctx, e.fx.ProjectID, userRequest(e.fx.OrgMember, "GROUP_OWNER")); err != nil {
		t.Fatal(err)
	}
	for name, spec := range map[string]string{"no fault": "", "dropped request": "reset@POST=1#1", "lost answer": "lost@POST=1#1"} {
		e.faults(t, spec)
		_, err := e.s.AddProjectUser(ctx, e.fx.ProjectID, userRequest(e.fx.OrgMember, "GROUP_OWNER"))
		var existing *ExistingError
		if !errors.As(err, &existing) || existing.Status != client.UserStatusActive || existing.RolesText() != "GROUP_OWNER" {
			t.Fatalf("%s: err = %v; want an ExistingError stating ACTIVE with GROUP_OWNER", name, err)
		}
	}
	u, err := e.s.FindProjectUser(ctx, e.fx.ProjectID, e.fx.OrgMember, nil)
	if err != nil || u == nil || len(u.Roles) != 1 || u.Roles[0] != "GROUP_OWNER" {
		t.Fatalf("after the attempts the person is %+v (err %v); want them untouched", u, err)
	}
}

// The same person declared twice: the second create fails, naming the
// duplicate, and does not adopt the first one's invitation.
func TestAddProjectUser_declaredTwiceFails(t *testing.T) {
	t.Parallel()
	e := newSimEnv(t)
	ctx := context.Background()
	if _, err := e.s.AddProjectUser(ctx, e.fx.ProjectID, userRequest("lee@example.com", "GROUP_READ_ONLY")); err != nil {
		t.Fatal(err)
	}
	_, err := e.s.AddProjectUser(ctx, e.fx.ProjectID, userRequest("Lee@example.com", "GROUP_READ_ONLY"))
	var existing *ExistingError
	if !errors.As(err, &existing) || !existing.HeldHere || existing.AfterLostAnswer {
		t.Fatalf("err = %v; want an ExistingError saying another resource holds lee", err)
	}
}

// Re-keying a person by letter case plans a destroy and a create that run at
// once, in either order; the create waits for the delete instead of failing.
// The order is made, not hoped for: the first operation's request is held
// at the simulator until the second is queued behind it for the person's
// lock.
func TestAddProjectUser_waitsForADeleteOfTheSamePerson(t *testing.T) {
	t.Parallel()
	e := newSimEnv(t)
	ctx := context.Background()
	old, err := e.s.AddProjectUser(ctx, e.fx.ProjectID, userRequest("frank@example.com", "GROUP_READ_ONLY"))
	if err != nil {
		t.Fatal(err)
	}
	key := userKey(e.fx.ProjectID, "frank@example.com")
	queued := make(chan struct{}, 4)
	e.s.locks.waiting = func(k objectKey) {
		if k == key {
			queued <- struct{}{}
		}
	}
	for _, deleteFirst := range []bool{true, false} {
		var wg sync.WaitGroup
		var delErr, addErr error
		var added *client.ProjectUser
		remove := func() { delErr = e.s.RemoveProjectUser(ctx, e.fx.ProjectID, old.ID, old.Username) }
		add := func() {
			added, addErr = e.s.AddProjectUser(ctx, e.fx.ProjectID, userRequest("Frank@example.com", "GROUP_READ_ONLY"))
		}
		first, second := add, remove
		method, suffix := http.MethodPost, "/users"
		if deleteFirst {
			first, second = remove, add
			method, suffix = http.MethodDelete, "/users/"+old.ID
		}
		// When the first operation's request reaches Atlas, the second
		// starts, and the request goes on once the second waits for it.
		e.before(method, suffix, func() {
			wg.Go(second)
			<-queued
		})
		wg.Go(first)
		wg.Wait()
		if delErr != nil || addErr != nil {
			t.Fatalf("deleteFirst=%v: delete err %v, create err %v; want both to succeed", deleteFirst, delErr, addErr)
		}
		u, err := e.s.FindProjectUser(ctx, e.fx.ProjectID, "frank@example.com", nil)
		if err != nil || u == nil || u.ID != added.ID {
			t.Fatalf("deleteFirst=%v: Frank in Atlas = %+v, err %v; want the new invitation %s", deleteFirst, u, err, added.ID)
		}
		old = added
	}
}

func TestRoleChange_lostAnswerIsCheckedAgainstTheRoles(t *testing.T) {
	t.Parallel()
	e := newSimEnv(t)
	ctx := context.Background()
	u, err := e.s.AddProjectUser(ctx, e.fx.ProjectID, userRequest("ann@example.com", "GROUP_READ_ONLY"))
	if err != nil {
		t.Fatal(err)
	}
	e.faults(t, "lost@POST=1#1")
	got, err := e.s.AddProjectUserRole(ctx, e.fx.ProjectID, u.ID, "GROUP_OWNER")
	if err != nil || !SameRoles(got.Roles, []string{"GROUP_READ_ONLY", "GROUP_OWNER"}) {
		t.Fatalf("add role after a lost answer: %+v, %v", got, err)
	}
	e.faults(t, "lost@POST=1#1")
	got, err = e.s.RemoveProjectUserRole(ctx, e.fx.ProjectID, u.ID, "GROUP_READ_ONLY")
	if err != nil || !SameRoles(got.Roles, []string{"GROUP_OWNER"}) {
		t.Fatalf("remove role after a lost answer: %+v, %v", got, err)
	}
}

// Until Atlas has answered, its clock is taken to be the local one.
func TestProvenInvitation(t *testing.T) {
	t.Parallel()
	c, err := client.New(client.Config{BaseURL: "http://127.0.0.1:1", AccessToken: "unused"})
	if err != nil {
		t.Fatal(err)
	}
	s := New(c)
	sent := time.Date(2025, 5, 4, 9, 42, 0, 500_000_000, time.UTC)
	pending := func(created string, roles ...string) *client.ProjectUser {
		return &client.ProjectUser{OrgMembershipStatus: client.UserStatusPending, InvitationCreatedAt: created, Roles: roles}
	}
	cases := map[string]struct {
		user *client.ProjectUser
		want bool
	}{
		"sent by this request":                   {pending("2025-05-04T09:42:01Z", "GROUP_READ_ONLY"), true},
		"same second, truncated by Atlas":        {pending("2025-05-04T09:42:00Z", "GROUP_READ_ONLY"), true},
		"within the skew allowance":              {pending("2025-05-04T09:41:58Z", "GROUP_READ_ONLY"), true},
		"sent before this request":               {pending("2025-05-04T09:41:50Z", "GROUP_READ_ONLY"), false},
		"other roles: someone else's":            {pending("2025-05-04T09:42:01Z", "GROUP_OWNER"), false},
		"active member: never provable":          {&client.ProjectUser{OrgMembershipStatus: client.UserStatusActive, Roles: []string{"GROUP_READ_ONLY"}}, false},
		"unparsable time":                        {pending("yesterday", "GROUP_READ_ONLY"), false},
		"expired invitation is not this request": {&client.ProjectUser{OrgMembershipStatus: client.UserStatusExpired, InvitationCreatedAt: "2025-05-04T09:42:01Z", Roles: []string{"GROUP_READ_ONLY"}}, false},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if got := s.provenInvitation(tc.user, []string{"GROUP_READ_ONLY"}, sent); got != tc.want {
				t.Fatalf("provenInvitation = %v, want %v", got, tc.want)
			}
		})
	}
}
