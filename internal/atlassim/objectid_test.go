package atlassim

import (
	"encoding/binary"
	"encoding/hex"
	"testing"
	"time"
)

// A team's ID is an ObjectId: its first 4 bytes are the second the team was
// created, by the simulator's clock (moved here, so the test cannot pass by
// reading real time), and two teams created in the same second differ.
func TestTeams_idIsObjectIDOfCreationTime(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Options{Seed: 72})
	// Back in time: the token the env signed in with stays valid.
	at := time.Now().Add(-400 * 24 * time.Hour).Truncate(time.Second).UTC()
	e.srv.SetClockNow(at)
	first, second := e.createTeam("first"), e.createTeam("second")
	if first == second {
		t.Fatalf("two teams got the same ID %s", first)
	}
	for _, id := range []string{first, second} {
		raw, err := hex.DecodeString(id)
		if err != nil || len(raw) != 12 {
			t.Fatalf("team ID %q is not 24 hex digits", id)
		}
		created := time.Unix(int64(binary.BigEndian.Uint32(raw[:4])), 0).UTC()
		// The clock runs on from at; the test takes well under a minute.
		if created.Before(at) || created.After(at.Add(time.Minute)) {
			t.Errorf("team ID %s says it was created at %s, want the simulator's clock, %s", id, created, at)
		}
	}
}
