package atlassim

import (
	"fmt"
	"math/rand"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Fault names accepted in a fault SPEC besides HTTP status codes.
const (
	// FaultReset closes the connection before the request is handled.
	FaultReset = "reset"
	// FaultLost handles the request (changing the store) and then closes the
	// connection without a response, like a response lost in transit.
	FaultLost = "lost"
)

// faultStatuses are the HTTP status codes a SPEC may inject.
var faultStatuses = map[string]int{"429": 429, "500": 500, "502": 502, "503": 503, "504": 504}

// FaultRule is one entry of a fault SPEC: NAME[@METHOD]=PROBABILITY[#LIMIT],
// for example "lost@POST=1#1" (the first POST is handled but its answer lost).
type FaultRule struct {
	Fault       string  // "429", "500", "502", "503", "504", "reset" or "lost"
	Method      string  // only requests with this HTTP method; "" for all
	Probability float64 // in [0, 1]
	Limit       int     // inject at most this many times ("#N" in a SPEC); 0 for no limit
}

// faultMethods are the methods a rule may be limited to.
var faultMethods = []string{"GET", "POST", "PATCH", "PUT", "DELETE"}

func (r FaultRule) applies(method string) bool { return r.Method == "" || r.Method == method }

// FaultSpec is a parsed fault SPEC such as "429=0.2,503=0.1,reset=0.05,latency=50ms".
type FaultSpec struct {
	Rules   []FaultRule   // in SPEC order; their probabilities sum to at most 1
	Latency time.Duration // added to every request
}

// ParseFaults parses a fault SPEC. The empty string is the empty spec.
func ParseFaults(spec string) (FaultSpec, error) {
	var fs FaultSpec
	seen := map[string]bool{}
	for _, item := range strings.Split(spec, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		name, value, ok := strings.Cut(item, "=")
		name, value = strings.ToLower(strings.TrimSpace(name)), strings.TrimSpace(value)
		if !ok || value == "" {
			return FaultSpec{}, fmt.Errorf("fault %q: want NAME=VALUE", item)
		}
		if seen[name] {
			return FaultSpec{}, fmt.Errorf("fault %q given twice", name)
		}
		seen[name] = true
		name, method, limited := strings.Cut(name, "@")
		method = strings.ToUpper(method)
		if limited && !slices.Contains(faultMethods, method) {
			return FaultSpec{}, fmt.Errorf("fault %q: method %q must be one of %s", item, method, strings.Join(faultMethods, ", "))
		}
		if name == "latency" && limited {
			return FaultSpec{}, fmt.Errorf("latency applies to every request; it takes no @METHOD")
		}
		if name == "latency" {
			d, err := time.ParseDuration(value)
			if err != nil || d < 0 {
				return FaultSpec{}, fmt.Errorf("latency %q: want a non-negative duration such as 50ms", value)
			}
			fs.Latency = d
			continue
		}
		if _, ok := faultStatuses[name]; !ok && name != FaultReset && name != FaultLost {
			return FaultSpec{}, fmt.Errorf("unknown fault %q: want 429, 500, 502, 503, 504, reset, lost or latency", name)
		}
		limit := 0
		if v, n, ok := strings.Cut(value, "#"); ok {
			l, err := strconv.Atoi(n)
			if err != nil || l < 1 {
				return FaultSpec{}, fmt.Errorf("fault %s: limit %q must be a whole number of at least 1", name, n)
			}
			value, limit = v, l
		}
		p, err := strconv.ParseFloat(value, 64)
		if err != nil || p < 0 || p > 1 {
			return FaultSpec{}, fmt.Errorf("fault %s: probability %q must be a number between 0 and 1", name, value)
		}
		fs.Rules = append(fs.Rules, FaultRule{Fault: name, Method: method, Probability: p, Limit: limit})
	}
	for _, m := range faultMethods {
		total := 0.0
		for _, r := range fs.Rules {
			if r.applies(m) {
				total += r.Probability
			}
		}
		if total > 1+1e-9 {
			return FaultSpec{}, fmt.Errorf("fault probabilities for %s requests sum to %g, more than 1", m, total)
		}
	}
	return fs, nil
}

// String renders the spec in the SPEC syntax.
func (fs FaultSpec) String() string {
	var parts []string
	for _, r := range fs.Rules {
		name := r.Fault
		if r.Method != "" {
			name += "@" + r.Method
		}
		entry := name + "=" + strconv.FormatFloat(r.Probability, 'g', -1, 64)
		if r.Limit > 0 {
			entry += "#" + strconv.Itoa(r.Limit)
		}
		parts = append(parts, entry)
	}
	if fs.Latency > 0 {
		parts = append(parts, "latency="+fs.Latency.String())
	}
	return strings.Join(parts, ",")
}

// faultInjector decides faults from a seeded source. One number is drawn per
// request whatever the spec, so a given seed and request sequence always
// produce the same faults.
type faultInjector struct {
	spec     FaultSpec
	rng      *rand.Rand
	injected []int // per rule of spec, for limits
}

func newFaultInjector(seed int64) *faultInjector {
	return &faultInjector{rng: rand.New(rand.NewSource(seed))}
}

// next returns the fault for the next request ("" for none) and the latency.
// Callers serialise calls.
func (fi *faultInjector) next(method string) (string, time.Duration) {
	x := fi.rng.Float64()
	acc := 0.0
	for i, r := range fi.spec.Rules {
		if !r.applies(method) || (r.Limit > 0 && fi.injected[i] >= r.Limit) {
			continue
		}
		acc += r.Probability
		if x < acc {
			fi.injected[i]++
			return r.Fault, fi.spec.Latency
		}
	}
	return "", fi.spec.Latency
}

// SetFaults replaces the fault spec; "" clears it. The random source is not
// reset, so the decision sequence continues from where it was.
func (s *Server) SetFaults(spec string) error {
	fs, err := ParseFaults(spec)
	if err != nil {
		return err
	}
	s.faultMu.Lock()
	s.faults.spec = fs
	s.faults.injected = make([]int, len(fs.Rules))
	s.faultMu.Unlock()
	return nil
}

func (s *Server) nextFault(method string) (string, time.Duration) {
	s.faultMu.Lock()
	defer s.faultMu.Unlock()
	return s.faults.next(method)
}
