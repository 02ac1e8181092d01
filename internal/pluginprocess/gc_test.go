package pluginprocess

import (
	"os"
	"runtime/debug"
	"testing"
)

func TestTuneGarbageCollector(t *testing.T) {
	tests := map[string]struct {
		gogc    string // "" leaves GOGC unset
		initial int
		want    int
	}{
		"unset GOGC gets the provider's target": {initial: 100, want: gcPercent},
		"a user's GOGC is left alone":           {gogc: "150", initial: 150, want: 150},
		"GOGC=off is left alone":                {gogc: "off", initial: -1, want: -1},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			if tc.gogc != "" {
				t.Setenv("GOGC", tc.gogc)
			} else {
				t.Setenv("GOGC", "") // restores the variable after the test
				_ = os.Unsetenv("GOGC")
			}
			previous := debug.SetGCPercent(tc.initial)
			t.Cleanup(func() { debug.SetGCPercent(previous) })

			TuneGarbageCollector()

			if got := debug.SetGCPercent(tc.initial); got != tc.want {
				t.Errorf("GC percent = %d, want %d", got, tc.want)
			}
		})
	}
}
