package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// workerdCPU is the on-CPU time so far of every thread of every workerd
// process that the dev server started (its process group), read from
// /proc/<pid>/task/<tid>/schedstat: nanoseconds, unlike the clock ticks of
// /proc/<pid>/stat. Linux only. A thread that ends between two readings
// takes its time with it; workerd's threads live as long as it does.
func (d *devServer) workerdCPU() (time.Duration, error) {
	procs, err := os.ReadDir("/proc")
	if err != nil {
		return 0, fmt.Errorf("reading on-CPU time needs Linux's /proc: %w", err)
	}
	var total time.Duration
	found := 0
	for _, p := range procs {
		if _, err := strconv.Atoi(p.Name()); err != nil {
			continue
		}
		stat, err := os.ReadFile(filepath.Join("/proc", p.Name(), "stat"))
		if err != nil {
			continue // it ended meanwhile
		}
		// pid (comm) state ppid pgrp ...; comm may hold spaces and parentheses.
		open, close := strings.IndexByte(string(stat), '('), strings.LastIndexByte(string(stat), ')')
		if open < 0 || close < open {
			continue
		}
		fields := strings.Fields(string(stat[close+1:]))
		if string(stat[open+1:close]) != "workerd" || len(fields) < 3 || fields[2] != strconv.Itoa(d.cmd.Process.Pid) {
			continue
		}
		found++
		tasks, err := filepath.Glob(filepath.Join("/proc", p.Name(), "task", "*", "schedstat"))
		if err != nil {
			return 0, err
		}
		for _, t := range tasks {
			s, err := os.ReadFile(t)
			if err != nil {
				continue
			}
			f := strings.Fields(string(s))
			if len(f) == 0 {
				continue
			}
			ns, err := strconv.ParseInt(f[0], 10, 64)
			if err != nil {
				return 0, fmt.Errorf("%s: %v", t, err)
			}
			total += time.Duration(ns)
		}
	}
	if found == 0 {
		return 0, fmt.Errorf("no workerd process in wrangler's process group %d", d.cmd.Process.Pid)
	}
	return total, nil
}
