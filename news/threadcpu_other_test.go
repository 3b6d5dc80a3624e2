//go:build !linux

package news_test

import "time"

// threadCPU is not measured outside Linux.
func threadCPU() (time.Duration, bool) { return 0, false }

func processCPU() time.Duration { return 0 }
