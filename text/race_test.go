//go:build race

package text

// raceEnabled: the race detector makes sync.Pool drop items at random, so
// every regexp search builds a fresh machine and allocation bounds do not
// hold; the tests skip them under -race.
const raceEnabled = true
