//go:build !linux

package main

// dropFromPageCache does nothing where posix_fadvise is not at hand.
func dropFromPageCache(string) error { return nil }
