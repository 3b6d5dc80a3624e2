package main

import (
	"os"
	"syscall"
)

// dropFromPageCache asks the kernel to drop path's pages from the page
// cache, as scripts/startup-pairs does: the pages of a binary just written
// stay cached as written, and the kernel then maps more of them into a
// process that runs it, which adds megabytes to its resident set.
func dropFromPageCache(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := f.Sync(); err != nil {
		return err
	}
	const posixFadvDontNeed = 4
	if _, _, errno := syscall.Syscall6(syscall.SYS_FADVISE64, f.Fd(), 0, 0, posixFadvDontNeed, 0, 0); errno != 0 {
		return errno
	}
	return nil
}
