//go:build unix

package decode

import "syscall"

// cpuTime is the process's user and system CPU time in nanoseconds, or -1
// where it cannot be read.
func cpuTime() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return -1
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}
