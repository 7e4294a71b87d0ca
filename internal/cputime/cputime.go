// Package cputime reads the CPU time the process has used, for benchmarks:
// on a shared machine it measures the work done, where wall time also
// counts waiting for a core.
package cputime

import "time"

// Used is the user plus system CPU time of the process so far, or 0 where
// the platform does not say (benchmarks then report wall time only).
func Used() time.Duration { return time.Duration(used()) }
