package safeops

import (
	"context"
	"testing"
	"time"

	"github.com/atlasaccess/terraform-provider-atlasaccess/internal/client/clocktest"
)

// A create that met its object waits up to the grace for a delete of it in
// this process, on the Service's clock: the polls are asserted, not timed.
func TestWaitForDelete(t *testing.T) {
	t.Parallel()
	const grace = 100 * time.Millisecond
	k := objectKey("user/p/frank@example.com")
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	tests := map[string]struct {
		// setup runs before the wait and returns the moment the create
		// met the object (nil: met now, no delete before); during runs at
		// each poll.
		setup     func(l *keyLocks, clock *clocktest.Clock) (met time.Time)
		during    func(l *keyLocks, cancel context.CancelFunc)
		want      bool
		wantPolls int
	}{
		"no delete within the grace": {wantPolls: int(grace / deletePoll)},
		"a delete finished after the meeting": {
			setup: func(l *keyLocks, clock *clocktest.Clock) time.Time {
				met := clock.Now()
				l.beginDelete(k)()
				return met
			},
			want: true,
		},
		"a delete finished before the meeting": {
			setup: func(l *keyLocks, clock *clocktest.Clock) time.Time {
				l.beginDelete(k)()
				clock.Advance(time.Second)
				return clock.Now()
			},
			wantPolls: int(grace / deletePoll),
		},
		"a delete starts during the grace": {
			during: func(l *keyLocks, _ context.CancelFunc) { l.beginDelete(k)() },
			want:   true, wantPolls: 1,
		},
		"cancelled while waiting": {
			during:    func(_ *keyLocks, cancel context.CancelFunc) { cancel() },
			wantPolls: 1,
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			clock := clocktest.New(start)
			l := &keyLocks{clock: clock}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			if tc.during != nil {
				clock.OnSleep(func(time.Duration) { tc.during(l, cancel) })
			}
			met := start
			if tc.setup != nil {
				met = tc.setup(l, clock)
			}
			if got := l.waitForDelete(ctx, k, met, grace); got != tc.want {
				t.Fatalf("waitForDelete = %v; want %v", got, tc.want)
			}
			polls := clock.Waits()
			if len(polls) != tc.wantPolls {
				t.Fatalf("polls = %v; want %d of %s", polls, tc.wantPolls, deletePoll)
			}
			for _, p := range polls {
				if p != deletePoll {
					t.Fatalf("polls = %v; want each %s", polls, deletePoll)
				}
			}
		})
	}
}
