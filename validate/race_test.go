//go:build race

package validate

// raceEnabled shrinks tests whose size only matters for speed: the race
// detector makes them ten times slower without finding more.
const raceEnabled = true
