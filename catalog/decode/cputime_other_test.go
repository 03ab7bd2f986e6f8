//go:build !unix

package decode

// cpuTime cannot be read here (js/wasm): the benchmarks report wall time only.
func cpuTime() int64 { return -1 }
