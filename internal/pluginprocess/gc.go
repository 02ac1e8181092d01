package pluginprocess

import (
	"os"
	"runtime/debug"
)

// gcPercent is the garbage collector's heap growth target for the provider
// process: a collection starts when the heap has grown by this percentage
// since the last one (Go's default is 100).
//
// No upstream issue: this is not a defect of the framework or of Go. Go's
// default target suits long-running servers whose memory must stay bounded;
// a provider is a short-lived process, and how much memory it may trade for
// CPU is a choice for each provider to make, so there is nothing upstream
// to fix or to link.
//
// The provider's live heap is small and flat (about 10 MB, whatever the
// number of resources, see contexts.go), but every request
// allocates freely while the framework converts values attribute by
// attribute. At the default target the collector ran about every
// millisecond and took a third of the provider's CPU in a no-change plan of
// 1000 service accounts; at 400 the same plan costs the provider a third
// less CPU (4.0 s to 2.7 s) for a peak RSS of about 50 MB instead of 30 MB.
// The two cores Terraform and the provider share are the bottleneck of a
// plan, so Terraform gets that time back (BENCHMARKS.md).
const gcPercent = 400

// TuneGarbageCollector sets the collector's target to gcPercent unless the
// user chose one with GOGC, which always wins. Call it once, before serving.
func TuneGarbageCollector() {
	if _, set := os.LookupEnv("GOGC"); set {
		return
	}
	debug.SetGCPercent(gcPercent)
}
