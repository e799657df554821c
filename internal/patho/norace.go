//go:build !race

package patho

// RaceDetector reports whether the tests run with the race detector
// (go test -race): see race.go.
const RaceDetector = false
