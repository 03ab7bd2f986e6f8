//go:build js

package decode

import "syscall/js"

// cpuTime is the Node process's user and system CPU time in nanoseconds
// (process.cpuUsage, V8's compiler and GC threads included), or -1 outside
// Node.
func cpuTime() int64 {
	process := js.Global().Get("process")
	if process.Type() != js.TypeObject || process.Get("cpuUsage").Type() != js.TypeFunction {
		return -1
	}
	usage := process.Call("cpuUsage")
	return int64(usage.Get("user").Float()+usage.Get("system").Float()) * 1000
}
