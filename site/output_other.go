//go:build !linux

package site

// exchange would swap two names in one step; kb does so on Linux only,
// and elsewhere the swap takes the rename pair.
func exchange(a, b string) error {
	return errNoExchange
}
